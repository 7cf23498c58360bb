import type { OpenApiClient } from './openapi-client';
import type { TestApp } from './test-app';

const source = {
  kind: 'minutes',
  reference: 'Minutes of the PCCs, item 1',
  url: 'https://example.org/minutes/2013-06',
};
const PCCS = [
  ['graham-bright', 'pcc-cambridgeshire'],
  ['david-lloyd', 'pcc-hertfordshire'],
  ['olly-martins', 'pcc-bedfordshire'],
] as const;

export const ALLIANCE_VOTE = {
  proposalId: 'shared-ict',
  meetingId: 'pcc-meeting-2013-06',
  voteEventId: 'vote-shared-ict',
};

/**
 * The story holds no vote: this records one over HTTP after it, as the alliance's PCCs would take
 * it. A proposal for the alliance, a public meeting of the three PCCs, and a vote by the alliance
 * (its rule: unanimity) in which each PCC votes yes.
 */
export async function recordAllianceVote(client: OpenApiClient, ctx: TestApp): Promise<void> {
  const token = ctx.tokens.clerk;
  const { proposalId, meetingId, voteEventId } = ALLIANCE_VOTE;
  const calls: Array<[string, Record<string, string>, Record<string, unknown>]> = [
    [
      'tableProposal',
      {},
      {
        proposalId,
        title: 'A shared ICT service for the three forces',
        description: 'One ICT service run by the alliance.',
        scope: ['ICT'],
        tabledBy: 'pcc-cambridgeshire',
        allianceId: 'bch-alliance',
        occurredAt: '2013-05-01',
      },
    ],
    [
      'scheduleMeeting',
      {},
      {
        meetingId,
        title: 'Police and Crime Commissioners: shared services',
        bodyIds: PCCS.map(([, b]) => b),
        allianceId: 'bch-alliance',
        scheduledFor: '2013-06-03',
        place: 'Police Headquarters, Hinchingbrooke',
        public: true,
        occurredAt: '2013-05-20',
      },
    ],
    [
      'addAgendaItem',
      { meetingId },
      { itemId: 'ict', title: 'A shared ICT service', proposalId, exempt: false, occurredAt: '2013-05-21' },
    ],
    [
      'recordMeetingHeld',
      { meetingId },
      {
        chair: { personId: 'graham-bright', bodyId: 'pcc-cambridgeshire', capacity: 'chair' },
        attendees: PCCS.map(([personId, bodyId]) => ({
          personId,
          bodyId,
          capacity: 'Police and Crime Commissioner',
        })),
        occurredAt: '2013-06-03',
      },
    ],
    [
      'openVote',
      {},
      {
        voteEventId,
        proposalId,
        meetingId,
        question: 'That the alliance set up a shared ICT service',
        allianceId: 'bch-alliance',
        occurredAt: '2013-06-03',
      },
    ],
    ...PCCS.map(([personId, bodyId]): [string, Record<string, string>, Record<string, unknown>] => [
      'castVote',
      { voteEventId },
      { personId, bodyId, option: 'yes', occurredAt: '2013-06-03' },
    ]),
    ['closeVote', { voteEventId }, { occurredAt: '2013-06-03' }],
  ];
  for (const [operationId, params, body] of calls) {
    const res = await client.call(operationId, { params, body: { ...body, source }, token });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  await ctx.settle();
}
