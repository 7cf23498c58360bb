import { runChaos } from './chaos-driver';

/**
 * Run by `npm test`, bounded in time: 10 SIGKILLs of the real service under 8 concurrent HTTP
 * writers, half the cycles with Idempotency-Key retries after the restart. More cycles:
 * sigkill.long-spec.ts (`npm run test:long`).
 */
describe('chaos: SIGKILL under concurrent writers', () => {
  it('loses no acknowledged write, records nothing twice, and leaves a ledger that verifies', async () => {
    const figures = await runChaos({ cycles: 10, writers: 8, killAfterMs: [300, 1200] });
    console.log(`chaos figures: ${JSON.stringify(figures)}`);
    expect(figures.acknowledged).toBeGreaterThan(figures.cycles);
    expect(figures.retried).toBeGreaterThan(0);
    expect({
      lost: figures.lost,
      duplicates: figures.duplicates,
      retriesRefused: figures.retriesRefused,
    }).toEqual({ lost: 0, duplicates: 0, retriesRefused: 0 });
    expect(figures.verify).toMatchObject({ ok: true, problemCount: 0 });
    expect(figures.merkleSize).toBe(figures.head);
  }, 600_000);
});
