/** The bench's command-line options (run.ts's header lists them), with their defaults. */
import { tmpdir } from 'node:os';
import { arg } from '../support/bench-kit';

export interface BenchOptions {
  /** The ledger's sizes, in events, at which the as-of latency is measured; the last one is rebuilt. */
  steps: number[];
  /** As-of queries at each size (and as many again with a `knownAt` cut). */
  queries: number;
  /** The seed of the generator and of the query dates: every run generates the same ledger. */
  seed: number;
  /** Leave the ledger file (and its read models) behind, and say where it is. */
  keep: boolean;
  /** The folder the temp folder is made in: BENCH_DIR, or the system's. */
  benchDir: string;
}

export function benchOptions(): BenchOptions {
  return {
    steps: arg('steps', '10000,100000,1000000').split(',').map(Number),
    queries: Number(arg('queries', '200')),
    seed: Number(arg('seed', '42')),
    keep: process.argv.includes('--keep'),
    benchDir: process.env.BENCH_DIR ?? tmpdir(),
  };
}
