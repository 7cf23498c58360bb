/** Records over HTTP through `ok` (which throws unless 201). */
type Ok = (
  operationId: string,
  params: Record<string, string>,
  body: Record<string, unknown>,
) => Promise<unknown>;

/**
 * What scrutiny specs start from: a PCC and a panel (a committee), David Lloyd, and the PCC's
 * public decision `d1` approving its precept (proposal `precept`), in January 2013.
 */
export async function recordPreceptDecision(ok: Ok): Promise<void> {
  for (const [bodyId, classification] of [
    ['pcc', 'police-and-crime-commissioner'],
    ['panel', 'committee'],
  ])
    await ok(
      'registerBody',
      {},
      {
        bodyId,
        name: `Body ${bodyId}`,
        classification,
        powers: 'decides',
        foundingDate: '2012-11-22',
        occurredAt: '2012-11-22',
      },
    );
  await ok('registerPerson', {}, { personId: 'david-lloyd', name: 'David Lloyd', occurredAt: '2012-11-22' });
  await ok(
    'tableProposal',
    {},
    {
      proposalId: 'precept',
      title: 'The precept',
      description: 'The precept',
      scope: ['finance'],
      tabledBy: 'pcc',
      bodyId: 'pcc',
      occurredAt: '2013-01-02',
    },
  );
  await ok(
    'recordDecision',
    { proposalId: 'precept' },
    {
      decisionId: 'd1',
      bodyId: 'pcc',
      outcome: 'approve',
      inPublic: true,
      rationale: 'A 2% rise',
      occurredAt: '2013-01-20',
    },
  );
}

/** The panel's two meetings of 7 February 2013, scheduled on 25 January: `pcp` public, `pcp-private` not. */
export async function schedulePanelMeetings(ok: Ok): Promise<void> {
  for (const [meetingId, isPublic] of [
    ['pcp', true],
    ['pcp-private', false],
  ] as const)
    await ok(
      'scheduleMeeting',
      {},
      {
        meetingId,
        title: `Panel ${meetingId}`,
        bodyIds: ['panel'],
        scheduledFor: '2013-02-07',
        public: isPublic,
        occurredAt: '2013-01-25',
      },
    );
}
