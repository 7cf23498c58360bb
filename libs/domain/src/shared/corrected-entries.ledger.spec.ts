import type { LedgerCommand } from '../registry';
import { bodyRegistered } from '../testing/builders';
import { InMemoryLedger, refusalOf } from '../testing/in-memory-ledger';

/*
 * Through the command side (decideCommand): a correction re-decides its entry with what its
 * command reads loaded, the bodies it names now included, and the entry's own record read as it
 * stood before it. Recorded by commands, as the runner records them.
 */
async function ledger(): Promise<InMemoryLedger> {
  const l = new InMemoryLedger(() => '2014-01-01T00:00:00.000Z');
  const record = (command: LedgerCommand, at: string) => l.execute(command, at);
  await record({ type: 'RegisterPerson', data: { personId: 'olly', name: 'Olly' } }, '2012-11-01');
  for (const [bodyId, overrides] of [
    ['pa', { name: 'Police Authority' }],
    ['jwg', { name: 'Working Group', powers: 'advises' }],
    ['cc', { name: 'Chief Constable', classification: 'chief-constable' }],
    ['pcc', { name: 'PCC', foundingDate: '2012-11-22' }],
  ] as const)
    await record({ type: 'RegisterBody', data: bodyRegistered(bodyId, overrides).data }, '2012-11-01');
  await record(
    {
      type: 'CreatePost',
      data: { bodyId: 'pcc', postId: 'commissioner', label: 'PCC', role: 'commissioner' },
    },
    '2012-11-22',
  );
  await record(
    {
      type: 'AppointOfficeHolder',
      data: {
        bodyId: 'pcc',
        membershipId: 'olly-1',
        postId: 'commissioner',
        personId: 'olly',
        startDate: '2012-11-22',
      },
    },
    '2012-11-22',
  );
  await record(
    {
      type: 'TableProposal',
      data: {
        proposalId: 'p',
        title: 'Outsource',
        description: 'x',
        scope: ['HR'],
        tabledBy: 'pa',
        bodyId: 'pa',
      },
    },
    '2012-11-01',
  );
  await record(
    {
      type: 'IssueRecommendation',
      data: {
        proposalId: 'p',
        recommendationId: 'r1',
        byBodyId: 'jwg',
        toBodyIds: ['pa'],
        content: 'proceed',
        rationale: 'Advice.',
      },
    },
    '2012-11-02',
  );
  return l;
}

const eventOf = (l: InMemoryLedger, stream: string, type: string) =>
  l.events(stream).find((e) => e.type === type)?.id as string;
const correction = (stream: string, eventId: string, changes: Record<string, unknown>) => ({
  type: 'CorrectEvent' as const,
  stream,
  data: { eventId, reason: 'As the source says', changes },
});
/** The rule a command was refused by, and what it said. */
const refusal = async (run: () => Promise<unknown>) => {
  const refused = await refusalOf(run);
  return refused && `${refused.rule}: ${refused.detail}`;
};

describe('a correction re-decided through the command side', () => {
  it('reads the body it names now, which its record never named before', async () => {
    const l = await ledger();
    const recommendation = eventOf(l, 'proposal-p', 'RecommendationIssued');
    const toCc = correction('proposal-p', recommendation, { toBodyIds: ['pa', 'cc'] });
    expect(await refusal(() => l.execute(toCc, '2013-01-01'))).toBeUndefined();
    const toPcc = correction('proposal-p', recommendation, { toBodyIds: ['pa', 'pcc'] });
    expect(await refusal(() => l.execute(toPcc, '2013-01-02'))).toMatch(
      /^body-not-established: RecommendationIssued\.toBodyIds as corrected: PCC was established on 2012-11-22/,
    );
  });

  it('reads the body a term of office belongs to as it stood when the term was recorded', async () => {
    const l = await ledger();
    const appointed = eventOf(l, 'body-pcc', 'OfficeHolderAppointed');
    expect(
      await refusal(() =>
        l.execute(correction('body-pcc', appointed, { startDate: '2012-01-01' }), '2013-01-01'),
      ),
    ).toMatch(/^body-not-established: OfficeHolderAppointed\.startDate as corrected/);
    expect(
      await refusal(() =>
        l.execute(correction('body-pcc', appointed, { startDate: '2012-12-01' }), '2013-01-02'),
      ),
    ).toBeUndefined();
  });
});
