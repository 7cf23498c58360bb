import fc from 'fast-check';
import { episodesArb } from '../support/hidden-ledger';
import { leakCheck } from '../support/leak-check';

/**
 * The leak property over random ledgers (random mixes of private meetings, exempt items, private
 * decisions, exempt annexes, made-private-later, not stated, each corrected or retracted): the
 * public's crawl of every route shows no canary, the auditor's shows all. The ledger with every
 * kind is crawled in leak-every-kind.long-spec.ts; these take a crawl each too.
 */
describe('the public never sees what is withheld, for random ledgers (leak property, long)', () => {
  it('holds for random ledgers', async () => {
    let run = 1;
    await fc.assert(
      fc.asyncProperty(episodesArb, async (episodes) => {
        await leakCheck(episodes, run++, false);
      }),
      { numRuns: 4 },
    );
  }, 1_800_000);
});
