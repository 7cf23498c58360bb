/**
 * The printed report, section by section. Each section runs its measurements and prints their lines
 * as they come, so that a long run shows each figure as soon as it is measured.
 */
import { cpus } from 'node:os';
import { statSync } from 'node:fs';
import type { SqliteEventStore } from '@ledger/event-store';
import { fmt, mib } from '../support/bench-kit';
import { asOfLatency, type Latency } from './as-of-latency';
import { rebuildThroughCli } from './cli-rebuild';
import type { Grower } from './grower';
import type { BenchOptions } from './options';
import { eventTypes, rawScan } from './raw-scan';
import { rebuildInChild, SERVICE_NODE_FLAGS, type RebuildResult } from './rebuild-in-child';
import { NEW_PROPOSALS, REGIONS } from './workload';
import type { Expected } from './world';

/** Prints one line of the report. */
export type Out = (line?: string) => void;

/** The opening lines: the machine, the ledger file, the workload. */
export function printHeader(out: Out, store: SqliteEventStore, ledger: string): void {
  const sqliteVersion = (store.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  out(
    `Projections benchmark — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), SQLite ${sqliteVersion}`,
  );
  out(`Ledger: ${ledger}`);
  out(
    `Workload: ${REGIONS} regions (3 deciding bodies with 2 posts and office holders, a working group, an alliance each); per region and month ${NEW_PROPOSALS} proposals tabled`,
  );
  out(
    `  with 1-3 claims, a meeting (agenda, chair, attendees), a recommendation, 10% amended, 20% of alliance proposals voted on,`,
  );
  out(
    `  decisions by the post holders (8% defer, 6% reject then discontinue), 5% late claims. Every command decided by the domain's deciders.`,
  );
  out();
}

/** Section 1: grows the ledger to each of `steps` and measures the as-of latency there; returns the last size. */
export async function printAsOfLatency(
  out: Out,
  grower: Grower,
  store: SqliteEventStore,
  { steps, queries, seed }: Pick<BenchOptions, 'steps' | 'queries' | 'seed'>,
): Promise<number> {
  out('1. As-of latency: proposalAt(store, id, { asOf }) for one proposal, random dates over its life');
  const latencies: Array<{ size: number; asOf: Latency; knownAt: Latency; generateSeconds: number }> = [];
  for (const size of steps) {
    const generateSeconds = await grower.growTo(size);
    if (!grower.watched) throw new Error('no proposal to watch yet: the first step is too small');
    const asOf = await asOfLatency(store, grower.watched, queries, seed + size, false);
    const knownAt = await asOfLatency(store, grower.watched, queries, seed + size + 1, true);
    latencies.push({ size, asOf, knownAt, generateSeconds });
    process.stderr.write('\n');
    out(
      `   ${fmt(size).padStart(9)} events in the ledger (${fmt(size - (latencies.at(-2)?.size ?? 0))} generated in ${fmt(generateSeconds, 1)} s); ${queries} queries, ${asOf.eventsRead} events in the streams read, statuses seen: ${asOf.statuses.join(', ')}`,
    );
    out(
      `             asOf:           p50 ${fmt(asOf.p50, 3)} ms, p99 ${fmt(asOf.p99, 3)} ms, mean ${fmt(asOf.mean, 3)} ms (CPU time: p50 ${fmt(asOf.cpuP50, 3)} ms, p99 ${fmt(asOf.cpuP99, 3)} ms)`,
    );
    out(
      `             asOf + knownAt: p50 ${fmt(knownAt.p50, 3)} ms, p99 ${fmt(knownAt.p99, 3)} ms, mean ${fmt(knownAt.mean, 3)} ms (CPU time: p50 ${fmt(knownAt.cpuP50, 3)} ms, p99 ${fmt(knownAt.cpuP99, 3)} ms)`,
    );
  }
  const first = latencies[0];
  const last = latencies[latencies.length - 1];
  const ratio = (a: number, b: number) => `${fmt(a / b, 2)}x`;
  out(
    `   proposal ${grower.watched!.proposalId}; ratio ${fmt(last.size)} / ${fmt(first.size)} events (aim <= 2x):`,
  );
  out(
    `             asOf:           p50 ${ratio(last.asOf.p50, first.asOf.p50)}, p99 ${ratio(last.asOf.p99, first.asOf.p99)} (CPU time: p50 ${ratio(last.asOf.cpuP50, first.asOf.cpuP50)}, p99 ${ratio(last.asOf.cpuP99, first.asOf.cpuP99)})`,
  );
  out(
    `             asOf + knownAt: p50 ${ratio(last.knownAt.p50, first.knownAt.p50)}, p99 ${ratio(last.knownAt.p99, first.knownAt.p99)} (CPU time: p50 ${ratio(last.knownAt.cpuP50, first.knownAt.cpuP50)}, p99 ${ratio(last.knownAt.cpuP99, first.knownAt.cpuP99)})`,
  );
  return last.size;
}

/** Section 2: the raw scans and the rebuild, their rates, the rebuild's split, and its read models checked. */
export async function printRebuild(
  out: Out,
  ledger: string,
  size: number,
  expected: Expected,
): Promise<{ rebuild: RebuildResult; failed: Array<[string, number, number]> }> {
  const ledgerBytes = statSync(ledger).size;
  out(`2. Rebuild from scratch vs raw scan, ${fmt(size)} events (ledger file ${mib(ledgerBytes)})`);
  out(`   events by type: ${eventTypes(ledger)}`);
  const raw1 = rawScan(ledger);
  const rebuild = await rebuildInChild(ledger);
  process.stderr.write('\n');
  const raw2 = rawScan(ledger);
  const raw = raw1.rate >= raw2.rate ? raw1 : raw2;
  const perCpu = (n: number, cpu: number) => `${fmt(n / cpu)} events/CPU-s`;
  out(
    `   raw better-sqlite3 scan + JSON.parse(data, source), before the rebuild: ${fmt(raw1.events)} events in ${fmt(raw1.seconds, 2)} s = ${fmt(raw1.rate)} events/s (${perCpu(raw1.events, raw1.cpuSeconds)})`,
  );
  out(
    `   raw scan again, after the rebuild:                                  ${fmt(raw2.events)} events in ${fmt(raw2.seconds, 2)} s = ${fmt(raw2.rate)} events/s (${perCpu(raw2.events, raw2.cpuSeconds)})`,
  );
  out(
    `   new Projector(ReadModelFolder.open(1), store).rebuildFromScratch:    ${fmt(rebuild.applied)} events in ${fmt(rebuild.seconds, 2)} s = ${fmt(rebuild.rate)} events/s (${perCpu(rebuild.applied, rebuild.cpuSeconds)}), pages of 2000, node ${SERVICE_NODE_FLAGS.join(' ') || '(no flags)'} as the service runs`,
  );
  out(
    `   ratio rebuild / raw (the faster raw run): ${fmt(rebuild.rate / raw.rate, 3)} wall-clock, ${fmt(rebuild.applied / rebuild.cpuSeconds / (raw.events / raw.cpuSeconds), 3)} per CPU-second (aim >= 0.3)`,
  );
  const sp = rebuild.split;
  const share = (x: number) => `${fmt(x, 1)} s (${fmt((100 * x) / rebuild.seconds)}%)`;
  out(`   where the rebuild's time goes (as its writer thread reports it):`);
  out(`     main thread, reading events through the store itself:            ${share(sp.readSeconds)}`);
  out(
    `     main thread, waiting for pages read by the writer thread:        ${share(sp.pagesWaitedSeconds)}`,
  );
  out(`     main thread, waiting for the writer thread to catch up or finish: ${share(sp.waitedSeconds)}`);
  out(
    `     main thread, parsing pages, folding, rendering, handing over:    ${share(rebuild.seconds - sp.readSeconds - sp.pagesWaitedSeconds - sp.waitedSeconds)}`,
  );
  out(
    `     writer thread (the other core), reading pages, SQLite writes, the entity index: ${share(sp.writerBusySeconds)} busy`,
  );
  out(`   read models written: ${mib(rebuild.readModelBytes)}; checkpoint ${fmt(rebuild.checkpoint)}`);
  const e = expected;
  const checks: Array<[string, number, number]> = [
    ['proposals', e.proposals, rebuild.counts.rm_proposals],
    ['decisions', e.decisions, rebuild.counts.rm_decisions],
    ['recommendations', e.recommendations, rebuild.counts.rm_recommendations],
    ['meetings', e.meetings, rebuild.counts.rm_meetings],
    ['bodies', e.bodies, rebuild.counts.rm_bodies],
    ['people', e.people, rebuild.counts.rm_people],
    ['vote events', e.voteEvents, rebuild.counts.rm_vote_events],
    ['votes cast', e.votes, rebuild.counts.rm_votes],
  ];
  const failed = checks.filter(([, want, got]) => want !== got);
  out(
    `   check: ${checks.map(([name, want, got]) => `${name} ${fmt(got)}${want === got ? '' : ` (expected ${fmt(want)})`}`).join(', ')} — ${failed.length === 0 ? 'all as generated' : 'MISMATCH'}`,
  );
  out(
    `   proposal statuses: ${Object.entries(rebuild.statuses)
      .map(([s, n]) => `${s} ${fmt(n)}`)
      .join(
        ', ',
      )}; applied ${fmt(rebuild.applied)} = head ${fmt(size)}: ${rebuild.applied === size && rebuild.checkpoint === size ? 'yes' : 'NO'}`,
  );
  return { rebuild, failed };
}

/** Section 3: the rebuild's memory in the child, then the same rebuild run by the compiled CLI. */
export async function printRebuildMemory(
  out: Out,
  ledger: string,
  size: number,
  rebuild: RebuildResult,
): Promise<void> {
  const m = rebuild.memory;
  out(`3. Memory of the ${fmt(size)}-event rebuild (child process; ${fmt(m.samples)} samples, one per page)`);
  out(`   before: RSS ${mib(m.before.rss)}, heap used ${mib(m.before.heapUsed)}`);
  out(
    `   peak sampled: RSS ${mib(m.peakRss)}, heap used ${mib(m.peakHeapUsed)}, heap total ${mib(m.peakHeapTotal)}, external ${mib(m.peakExternal)}`,
  );
  out(`   process.resourceUsage().maxRSS: ${mib(m.maxRss)}`);
  out(
    `   live heap after a full GC at the end, the projector still held: ${mib(m.liveHeapAfter)} (${fmt(m.cached)} aggregate states in its cache)`,
  );
  const cli = await rebuildThroughCli(ledger, SERVICE_NODE_FLAGS);
  out(
    `   the same rebuild as the product runs it (\`ledger projections rebuild\`, compiled, node ${SERVICE_NODE_FLAGS.join(' ')}): peak RSS ${mib(cli.peakRss)} (VmHWM; aim < 600 MB = 572 MiB) ${cli.peakRss < 600e6 ? 'met' : 'NOT met'}, in ${fmt(cli.seconds, 1)} s with the check at start; before it, \`ledger projections status\` (which caught up the Merkle log the generator left out and built the first read models) peaked at ${mib(cli.statusPeakRss)}`,
  );
}
