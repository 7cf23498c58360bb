import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { startLedger, type LedgerHarness } from '../testing/ledger-harness';
import { PUBLIC } from '../visibility';
import { LedgerQueries } from './ledger-queries';
import { GetProposalQuery } from './proposals.query';

/**
 * LedgerQueries on the real store and read models: what it keeps, and that readers asking the same
 * thing at once share one drawing of it.
 */
describe('LedgerQueries', () => {
  let ledger: LedgerHarness;
  let queries: LedgerQueries;
  let drawn: jest.SpyInstance;

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    await ledger.settle();
    queries = new LedgerQueries(ledger.queries, ledger.projections, ledger.store);
    // Counts the answers drawn by the real bus (the handlers still run).
    drawn = jest.spyOn(ledger.queries, 'execute');
  });
  afterAll(() => ledger.close());
  beforeEach(() => drawn.mockClear());

  const proposalNow = () => new GetProposalQuery(ALLIANCE_PROPOSAL, {}, PUBLIC);

  it('draws an answer once for readers asking the same thing at once, and gives each the same answer', async () => {
    const answers = await Promise.all(Array.from({ length: 64 }, () => queries.execute(proposalNow())));
    expect(drawn).toHaveBeenCalledTimes(1);
    for (const answer of answers) expect(answer).toBe(answers[0]);
    expect(Object.isFrozen(answers[0])).toBe(true);
  });

  it('draws it again for readers at once after the answer about now has expired, once', async () => {
    await queries.execute(proposalNow());
    drawn.mockClear();
    const later = Date.now() + 60_000;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      await Promise.all(Array.from({ length: 16 }, () => queries.execute(proposalNow())));
    } finally {
      clock.mockRestore();
    }
    expect(drawn).toHaveBeenCalledTimes(1);
  });

  it('draws different questions separately, and shares a failure among those who asked the same', async () => {
    const missing = () => new GetProposalQuery('no-such-proposal', {}, PUBLIC);
    const asked = [
      queries.execute(missing()),
      queries.execute(missing()),
      queries.execute(new GetProposalQuery(ALLIANCE_PROPOSAL, { asOf: '2012-12-01' }, PUBLIC)),
    ];
    const settled = await Promise.allSettled(asked);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(drawn).toHaveBeenCalledTimes(2);
    // Nothing is left drawing: the failed question is asked afresh the next time.
    await expect(queries.execute(missing())).rejects.toThrow();
    expect(drawn).toHaveBeenCalledTimes(3);
  });
});
