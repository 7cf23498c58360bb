import { decided, voteOpened, world, idOf } from '../testing/across-records.fixtures';
import { refusalOf, type InMemoryLedger } from '../testing/in-memory-ledger';
import type { LedgerCommand } from '../registry';

/*
 * Through the command side (decideCommand): a new entry that ends what others rest on from a date
 * (an office holder's leaving, a body's abolition) is refused when it is dated before what was
 * done on the strength of it, naming that entry: a leaving recorded as of May under a ballot cast
 * in June would leave the ballot cast by no office holder. The world (across-records.fixtures.ts):
 * a police authority pa with Ann in its chair from 2010, meeting m held on 1 June 2012, proposal p.
 */

async function refusedRule(
  l: InMemoryLedger,
  command: LedgerCommand,
  at: string,
): Promise<string | undefined> {
  const refused = await refusalOf(() => l.execute(command, at));
  return refused && `${refused.rule}: ${refused.detail}`;
}

const annLeaves = (endDate: string): LedgerCommand => ({
  type: 'RecordOfficeHolderLeft',
  data: { bodyId: 'pa', membershipId: 'ann-chair', endDate },
});

const abolished = (dissolutionDate: string): LedgerCommand => ({
  type: 'AbolishBody',
  data: { bodyId: 'pa', dissolutionDate, reason: 'Functions passed to the commissioner' },
});

const annsBallot = [
  { type: 'CastVote', data: { voteEventId: 'v', personId: 'ann', bodyId: 'pa', option: 'yes' } },
  '2012-06-01',
] as const;

describe('an entry dated before what was done on the strength of what it ends', () => {
  it('refuses a leaving dated before a ballot the office holder cast, naming the ballot', async () => {
    const l = await world(voteOpened(), annsBallot);
    expect(await refusedRule(l, annLeaves('2012-05-31'), '2012-07-01')).toMatch(
      new RegExp(
        `^entry-breaks-dependent: OfficeHolderLeft of 2012-05-31: VoteCast ${idOf(l, 'vote-v', 'VoteCast')} of 2012-06-01 in vote-v could not have been recorded \\(not-office-holder: .+\\); correct or retract that entry first, or date this one after it$`,
      ),
    );
  });

  it('refuses a leaving dated before a decision the office holder made, and takes one after it', async () => {
    const l = await world(decided({ personId: 'ann', postId: 'chair' }));
    expect(await refusedRule(l, annLeaves('2012-05-31'), '2012-07-01')).toMatch(
      /^entry-breaks-dependent: .* DecisionRecorded .* in proposal-p could not have been recorded \(not-office-holder: /,
    );
    expect(await refusedRule(l, annLeaves('2012-06-30'), '2012-07-01')).toBeUndefined();
  });

  it('refuses an abolition dated before what the body did, and takes one after it', async () => {
    const l = await world(decided());
    expect(await refusedRule(l, abolished('2012-05-01'), '2012-07-01')).toMatch(
      // The first entry it would break: the authority's meeting scheduled that very day.
      /^entry-breaks-dependent: BodyAbolished of 2012-05-01: MeetingScheduled \S+ of 2012-05-01 in meeting-m could not have been recorded \(body-abolished: /,
    );
    expect(await refusedRule(l, abolished('2012-06-30'), '2012-07-01')).toBeUndefined();
  });
});
