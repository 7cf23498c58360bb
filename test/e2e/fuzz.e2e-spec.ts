import fc from 'fast-check';
import { build, describeExchange, faultsOf, send } from '../support/fuzz/exchange';
import { type Operation, type Schema } from '../support/fuzz/openapi-document';
import { requestArbitrary } from '../support/fuzz/request-arbitrary';
import type { TestApp } from '../support/test-app';
import { FUZZ_SEED, startFuzzedApp } from '../support/fuzz/fuzzed-app';

/*
 * Fuzzing every operation of the OpenAPI document with malformed requests, sent with supertest
 * directly (not through OpenApiClient: malformed requests are the point). Whatever is sent, the
 * answer must be a 4xx application/problem+json with `type`, `title`, `status` (the HTTP status)
 * and `code`, and nothing may be recorded: the ledger's head stays where the story left it.
 *
 * Every generated request carries at least one defect the server must refuse whoever sends it
 * (a malformed body, a bad header, a bad path or query parameter), so that "nothing recorded"
 * holds by construction; the caller is the clerk for half of them, no one or a junk token for the
 * rest. What counts as a defect is read from the document (types, enums, patterns, limits, formats)
 * and from the few rules the document cannot express (If-Match, Idempotency-Key, Authorization).
 *
 * FUZZ_RUNS (default 1200) sets the total number of requests, spread over the operations;
 * FUZZ_SEED replays a run. The generators (the document's walk, the defects, the junk values, the
 * request built and judged) are in test/support/fuzz/; the server bugs the fuzz found are
 * regression tests in fuzz-regressions.e2e-spec.ts.
 */

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 1200);

describe('fuzz: malformed requests against every operation of the document', () => {
  let ctx: TestApp;
  let ops: Operation[];
  let resolve: (s?: Schema) => Schema;
  let head: number;

  beforeAll(async () => {
    ({ ctx, ops, resolve } = await startFuzzedApp());
    head = await ctx.store.head();
  }, 60_000);
  afterAll(async () => ctx?.stop());

  it(`answers ${TOTAL_RUNS}+ malformed requests with a 4xx problem and records nothing`, async () => {
    expect(head).toBeGreaterThan(0);
    const perOperation = Math.ceil(TOTAL_RUNS / ops.length);
    const stats = {
      runs: 0,
      callers: { clerk: 0, none: 0, junk: 0 } as Record<string, number>,
      defects: {} as Record<string, number>,
      statuses: {} as Record<string, number>,
      undeclared: new Map<string, number>(),
    };
    for (const op of ops) {
      const arbitrary = requestArbitrary(op, resolve, ctx.tokens);
      try {
        await fc.assert(
          fc.asyncProperty(arbitrary, async (g) => {
            const req = build(op, g, resolve, ctx.tokens);
            const answer = await send(ctx, req).catch((error: Error) => {
              throw new Error(
                `no answer (${error.message})\n${describeExchange(op, req, { status: 0, contentType: '', text: '' })}`,
              );
            });
            stats.runs += 1;
            stats.callers[g.caller.kind] += 1;
            for (const kind of g.defect.kind === 'body'
              ? g.defect.defects.map((d) => `body:${d.kind}`)
              : [g.defect.kind])
              stats.defects[kind] = (stats.defects[kind] ?? 0) + 1;
            stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
            if (!op.statuses.includes(String(answer.status)))
              stats.undeclared.set(
                `${op.operationId} ${answer.status}`,
                (stats.undeclared.get(`${op.operationId} ${answer.status}`) ?? 0) + 1,
              );
            const faults = faultsOf(answer);
            const now = await ctx.store.head();
            if (now !== head) faults.push(`the ledger's head moved from ${head} to ${now}`);
            if (faults.length) throw new Error(`${faults.join('; ')}\n${describeExchange(op, req, answer)}`);
          }),
          { numRuns: perOperation, seed: FUZZ_SEED },
        );
      } catch (error) {
        throw new Error(
          `Operation ${op.operationId} (${op.method.toUpperCase()} ${op.path}):\n${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    expect(await ctx.store.head()).toBe(head);
    expect(stats.runs).toBeGreaterThanOrEqual(Math.min(TOTAL_RUNS, 1000));
    // Printed so the run shows what it covered.
    console.log(
      [
        `fuzz: ${stats.runs} requests over ${ops.length} operations (${perOperation} each); callers ${JSON.stringify(stats.callers)}; statuses ${JSON.stringify(stats.statuses)}`,
        `main defects: ${JSON.stringify(stats.defects)}`,
        `statuses answered that the operation does not declare: ${[...stats.undeclared].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`,
      ].join('\n'),
    );
  }, 120_000);
});
