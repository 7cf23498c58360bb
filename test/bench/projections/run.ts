/**
 * Projections benchmark. Run: npm run bench:projections
 *
 * One ledger on a temp file is grown in steps (10,000, 100,000, then 1,000,000 events) with a
 * governance workload generated through the domain's own deciders: regions, each with three
 * Police-and-Crime-Commissioner-like deciding bodies (posts and office holders), an advisory joint
 * working group and an alliance; every month each region tables proposals (with claims), holds a
 * meeting (agenda, chair, attendees) where the working group recommends, some proposals are voted
 * on, amended, and each body decides through the person holding its post (approve / reject, then
 * the proposal is discontinued / defer, then decided next month); late claims follow. Every command
 * is decided by `decideOn` against the current states (so the rules hold), and the events are
 * appended with `SqliteEventStore.append` in large group-committed batches (synchronous=OFF, for
 * generation speed only).
 *
 * Measured (nothing is typed in):
 *   1. as-of latency p50 / p99 of `proposalAt(store, id, { asOf })` for ONE proposal (200 random
 *      dates over its life, after a warm-up) at each size, and the ratio largest / smallest; the
 *      same with a `knownAt` cut as well, for information;
 *   2. at 1,000,000 events: a raw better-sqlite3 scan of the events table with JSON.parse of data
 *      and source (before and after the rebuild), and `new Projector(ReadModelFolder.open(1),
 *      store).rebuildFromScratch()` in a child process, so that its memory is the rebuild's alone:
 *      events/s of each and the ratio (against the faster raw scan);
 *   3. the rebuild's peak memory: RSS and heap sampled with process.memoryUsage() at every page,
 *      process.resourceUsage().maxRSS, and the live heap after a full GC at the end.
 * The rebuild runs on two threads: its writer thread reads the ledger's pages and executes the
 * SQLite writes (rebuild/writer-thread.ts), the main thread folds and renders. Its time is split
 * into the main thread's waits (for pages, for the writer) and the rest, with the writer thread's
 * own busy time beside. CPU time (of both threads) is printed
 * beside wall-clock time, and so is the ratio per CPU-second, as the raw scan uses one core.
 * The rebuilt read models are checked against what was generated (proposals, decisions,
 * recommendations, meetings, bodies, people, votes).
 *
 * Options: --steps 10000,100000,1000000  --queries 200  --seed 42  --keep (leave the ledger file). BENCH_DIR sets
 * the temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '@ledger/event-store';
import { fmt, mulberry32 } from '../support/bench-kit';
import { Grower } from './grower';
import { benchOptions } from './options';
import { rebuildChild } from './rebuild-in-child';
import { printAsOfLatency, printHeader, printRebuild, printRebuildMemory } from './report';
import { World } from './world';

async function main(): Promise<void> {
  const { steps, queries, seed, keep, benchDir } = benchOptions();
  const dir = mkdtempSync(join(benchDir, 'ledger-bench-projections-'));
  const ledger = join(dir, 'ledger.db');
  const started = performance.now();
  const load0 = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const out = (line = '') => process.stdout.write(`${line}\n`);
  try {
    const world = new World();
    // The store's clock is the generator's, which needs the store: made first, filled in below.
    const clock: { of?: Grower } = {};
    const store = new SqliteEventStore({ path: ledger, synchronous: 'OFF', clock: () => clock.of!.now() });
    // Generation speed only: group commit runs each append in a savepoint, whose statement journal
    // goes to a temp file by default; in memory it costs about half.
    store.db.pragma('temp_store = MEMORY');
    const grower = new Grower(world, store, mulberry32(seed));
    clock.of = grower;
    printHeader(out, store, ledger);
    const size = await printAsOfLatency(out, grower, store, { steps, queries, seed });
    await store.close();
    out();

    const { rebuild, failed } = await printRebuild(out, ledger, size, world.expected);
    out();

    await printRebuildMemory(out, ledger, size, rebuild);
    out();
    out(
      `Total ${fmt((performance.now() - started) / 1000, 1)} s; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (at the start ${load0})`,
    );
    if (failed.length > 0 || rebuild.applied !== size) process.exitCode = 1;
  } finally {
    if (keep) process.stderr.write(`kept ${ledger}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--rebuild-child') {
  rebuildChild(process.argv[3]).catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
