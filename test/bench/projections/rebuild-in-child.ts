/**
 * Measurements 2 and 3: `new Projector(ReadModelFolder.open(1), store).rebuildFromScratch()` in a
 * child process, so that its memory is the rebuild's alone. The parent forks run.ts with
 * `--rebuild-child <ledger>`; the child rebuilds, samples its memory, counts what it wrote and
 * sends the result back.
 */
import { fork } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '@ledger/event-store';
import { Projector, ReadModelFolder } from '@ledger/projections';
import { fmt } from '../support/bench-kit';
import { collectGarbage, cpuSince } from './process-usage';
import { timedStore, type Split } from './timed-store';

export interface RebuildResult {
  applied: number;
  seconds: number;
  rate: number;
  cpuSeconds: number;
  split: Split;
  checkpoint: number;
  memory: {
    before: NodeJS.MemoryUsage;
    peakRss: number;
    peakHeapUsed: number;
    peakHeapTotal: number;
    peakExternal: number;
    maxRss: number;
    samples: number;
    liveHeapAfter: number;
    cached: number;
  };
  counts: Record<string, number>;
  statuses: Record<string, number>;
  readModelBytes: number;
}

/** In the child: rebuilds the ledger's read models from scratch, sampling memory at every page. */
export async function rebuildChild(ledger: string): Promise<void> {
  const before = process.memoryUsage();
  const folder = new ReadModelFolder(ledger);
  folder.prune(0); // from scratch, whatever an earlier run left
  const store = new SqliteEventStore({ path: ledger });
  const rm = folder.open(1);
  const split: Split = { readSeconds: 0, writerBusySeconds: 0, waitedSeconds: 0, pagesWaitedSeconds: 0 };
  const projector = new Projector(rm, timedStore(store, split));
  const memory = {
    before,
    peakRss: before.rss,
    peakHeapUsed: before.heapUsed,
    peakHeapTotal: before.heapTotal,
    peakExternal: before.external,
    maxRss: 0,
    samples: 0,
    liveHeapAfter: 0,
    cached: 0,
  };
  const sample = () => {
    const m = process.memoryUsage();
    memory.samples += 1;
    if (m.rss > memory.peakRss) memory.peakRss = m.rss;
    if (m.heapUsed > memory.peakHeapUsed) memory.peakHeapUsed = m.heapUsed;
    if (m.heapTotal > memory.peakHeapTotal) memory.peakHeapTotal = m.heapTotal;
    if (m.external > memory.peakExternal) memory.peakExternal = m.external;
  };
  const head = await store.head();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const applied = await projector.rebuildFromScratch((position) => {
    sample();
    if (position % 100_000 === 0) process.stderr.write(`  rebuilt ${fmt(position)} / ${fmt(head)} events\r`);
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(c0);
  const thread = projector.lastRebuild;
  const splitOfRebuild: Split = {
    ...split,
    writerBusySeconds: thread?.busySeconds ?? 0,
    waitedSeconds: thread?.waitedSeconds ?? 0,
    pagesWaitedSeconds: thread?.pagesWaitedSeconds ?? 0,
  };
  sample();
  memory.maxRss = process.resourceUsage().maxRSS * 1024;
  // What stays live once garbage is collected, with the projector (and its cache of aggregate states) still held.
  collectGarbage();
  memory.liveHeapAfter = process.memoryUsage().heapUsed;
  memory.cached = projector.aggregates.size;
  const count = (table: string) =>
    (rm.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const counts: Record<string, number> = {};
  for (const table of [
    'rm_proposals',
    'rm_decisions',
    'rm_recommendations',
    'rm_meetings',
    'rm_bodies',
    'rm_people',
    'rm_vote_events',
    'rm_votes',
    'rm_aggregates',
    'rm_entity_events',
  ])
    counts[table] = count(table);
  const statuses = Object.fromEntries(
    (
      rm.db
        .prepare('SELECT status, count(*) AS n FROM rm_proposals GROUP BY status ORDER BY status')
        .all() as Array<{ status: string; n: number }>
    ).map((r) => [r.status, r.n]),
  );
  const result: RebuildResult = {
    applied,
    seconds,
    rate: applied / seconds,
    cpuSeconds,
    split: splitOfRebuild,
    checkpoint: projector.checkpoint,
    memory,
    counts,
    statuses,
    readModelBytes: 0,
  };
  const path = rm.path;
  rm.close();
  await store.close();
  result.readModelBytes = statSync(path).size;
  if (process.send) process.send(result);
  else process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The node flags the service runs with (package.json's start script): the rebuild is measured as it runs there. */
export const SERVICE_NODE_FLAGS = (
  JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((a) => a.startsWith('--'));

/** Forks the bench's entry point, run.ts, which runs `rebuildChild` when given `--rebuild-child`. */
export function rebuildInChild(ledger: string): Promise<RebuildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'run.ts'), ['--rebuild-child', ledger], {
      execArgv: ['-r', '@swc-node/register', ...SERVICE_NODE_FLAGS],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: RebuildResult | undefined;
    child.on('message', (message) => (result = message as RebuildResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && result ? resolve(result) : reject(new Error(`rebuild child exited with ${code}`)),
    );
  });
}
