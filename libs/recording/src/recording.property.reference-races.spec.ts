import fc from 'fast-check';
import {
  context,
  expectIssue16Invariants,
  referenced,
  runnerOverTheWorld,
} from './testing/recording-property.fixtures';

describe('the command side, property-tested on the embedded store', () => {
  it('keeps references unique when decisions taking them race: the losers write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(referenced, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        async (rounds) => {
          const { store, runner, close } = await runnerOverTheWorld();
          try {
            for (const round of rounds) {
              const head = await store.head();
              const outcomes = await Promise.allSettled(
                round.map(({ command: c, occurredAt }) => runner.record(c, context(occurredAt))),
              );
              // Each accepted decision wrote itself and its reservation; a refused one, nothing.
              const written = outcomes.filter((o) => o.status === 'fulfilled').length;
              expect(await store.head()).toBe(head + 2 * written);
              await expectIssue16Invariants(store);
            }
          } finally {
            await close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
