/** Measurement 1: the latency of as-of queries of one proposal, with and without a `knownAt` cut. */
import { performance } from 'node:perf_hooks';
import type { SqliteEventStore } from '@ledger/event-store';
import { proposalAt } from '@ledger/projections';
import { mulberry32, percentile } from '../support/bench-kit';
import { collectGarbage, cpuSince } from './process-usage';
import type { Watched } from './workload';

/** As-of query latency in ms at one size of the ledger. */
export interface Latency {
  p50: number;
  p99: number;
  mean: number;
  /** The same, in CPU time of this process: what the query costs, without the waits of a shared machine. */
  cpuP50: number;
  cpuP99: number;
  statuses: string[];
  eventsRead: number;
}

/** `queries` as-of queries of the watched proposal at random dates over its life (after a warm-up of 50). */
export async function asOfLatency(
  store: SqliteEventStore,
  watched: Watched,
  queries: number,
  seed: number,
  knownAt: boolean,
): Promise<Latency> {
  const rng = mulberry32(seed);
  collectGarbage();
  const from = Date.parse(watched.tabledAt);
  const to = Date.parse(watched.lastAt) + 30 * 86_400_000;
  const cut = () => {
    if (!knownAt) return { asOf: new Date(from + rng() * (to - from)).toISOString() };
    // As the register stood at K (entries are recorded within about two days), for a date T before K.
    const known = from + 3 * 86_400_000 + rng() * (to - from - 3 * 86_400_000);
    return {
      asOf: new Date(from + rng() * (known - from)).toISOString(),
      knownAt: new Date(known).toISOString(),
    };
  };
  for (let i = 0; i < 50; i += 1) await proposalAt(store, watched.proposalId, cut()); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  const statuses = new Set<string>();
  for (let i = 0; i < queries; i += 1) {
    const c = cut();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const snapshot = await proposalAt(store, watched.proposalId, c);
    times.push(performance.now() - t0);
    cpu.push(cpuSince(c0) * 1000);
    statuses.add(snapshot.view.status);
  }
  cpu.sort((a, b) => a - b);
  const eventsRead = await streamsRead(store, watched.proposalId);
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
    statuses: [...statuses].sort(),
    eventsRead,
  };
}

/** Events in the streams an as-of query of the proposal reads (its own, and those its state leads to). */
async function streamsRead(store: SqliteEventStore, proposalId: string): Promise<number> {
  const snapshot = await proposalAt(store, proposalId, {});
  const state = snapshot.state;
  const streams = new Set<string>([`proposal-${proposalId}`]);
  if (state.allianceId) streams.add(`alliance-${state.allianceId}`);
  for (const id of [
    state.bodyId,
    state.tabledBy,
    ...state.referredTo,
    ...state.decisions.map((d) => d.bodyId),
    ...state.recommendations.map((r) => r.byBodyId),
  ])
    if (id) streams.add(`body-${id}`);
  for (const d of state.decisions) if (d.personId) streams.add(`person-${d.personId}`);
  for (const x of [...state.decisions, ...state.recommendations])
    if (x.meetingId) streams.add(`meeting-${x.meetingId}`);
  let n = 0;
  for (const stream of streams) n += (await store.streamInfo(stream)).revision + 1;
  return n;
}
