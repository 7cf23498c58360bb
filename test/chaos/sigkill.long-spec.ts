import { runChaos } from './chaos-driver';

/** `npm run test:long`: the chaos test at length (100 SIGKILLs, 16 writers). */
describe('chaos at length: SIGKILL under concurrent writers', () => {
  it('loses no acknowledged write over 100 kills, records nothing twice, and leaves a ledger that verifies', async () => {
    const figures = await runChaos({ cycles: 100, writers: 16, killAfterMs: [200, 3000] });
    console.log(`chaos figures: ${JSON.stringify(figures)}`);
    expect({
      lost: figures.lost,
      duplicates: figures.duplicates,
      retriesRefused: figures.retriesRefused,
    }).toEqual({ lost: 0, duplicates: 0, retriesRefused: 0 });
    expect(figures.verify).toMatchObject({ ok: true, problemCount: 0 });
    expect(figures.merkleSize).toBe(figures.head);
  }, 3_600_000);
});
