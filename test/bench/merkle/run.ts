/**
 * Merkle log benchmark. Run: node -r @swc-node/register test/bench/merkle/run.ts
 *
 * 1. Append throughput through SqliteEventStore with the Merkle hook off and on: same
 *    synchronous=FULL durability, same batch shapes, a fresh temp file per run, runs alternated.
 * 2. Proof generation at 1,000,000 leaves: the tree is built straight through the SQLite node
 *    store in large transactions, then random inclusion and consistency proofs for random past
 *    tree sizes are timed (p50 / p99) and each is verified.
 *
 * Every figure printed is measured in this run. Options: --events N, --leaves N, --proofs N,
 * --rounds N (alternated off/on runs per shape, default 7: the median of few runs moved by ±0.1
 * between two runs of the bench on this machine).
 */
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@ledger/event-store';
import { ascending, fmt, median, percentile } from '../support/bench-kit';
import {
  leafHash,
  merkleLogFor,
  merkleTransactionHook,
  SqliteMerkleLog,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '@ledger/integrity';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const GROUPED_EVENTS = arg('events', 20_000);
const SERIAL_EVENTS = Math.max(200, Math.floor(GROUPED_EVENTS / 20));
const LEAVES = arg('leaves', 1_000_000);
const PROOFS = arg('proofs', 1_000);
const ROUNDS = arg('rounds', 7);

const root = mkdtempSync(join(tmpdir(), 'ledger-bench-merkle-'));
let files = 0;
const tempFile = () => join(root, `run-${(files += 1)}.db`);

/** A time-ordered UUID (version 7): ms timestamp, then a counter, then random bits. */
let sequence = 0;
function uuidv7(): string {
  sequence = (sequence + 1) % 0x1000;
  const random = randomBytes(8);
  random[0] = (random[0] & 0x3f) | 0x80;
  const hex =
    Date.now().toString(16).padStart(12, '0') +
    '7' +
    sequence.toString(16).padStart(3, '0') +
    random.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function event(i: number, ids: 'v4' | 'v7' = 'v4'): NewEvent {
  return {
    id: ids === 'v7' ? uuidv7() : randomUUID(),
    type: 'VoteRecorded',
    data: {
      motion: `Motion ${i}: that the council adopt the revised budget for the library service`,
      for: 23,
      against: 7,
      abstain: 2,
      members: Array.from({ length: 8 }, (_, k) => ({
        member: `member-${k}`,
        vote: k % 3 === 0 ? 'against' : 'for',
      })),
    },
    metadata: {
      occurredAt: '2026-03-04T19:30:00.000Z',
      actor: 'clerk:bench',
      source: {
        kind: 'minutes',
        reference: `Council minutes 2026-03-04 item ${i}`,
        url: 'https://example.org/minutes/2026-03-04',
      },
    },
  };
}

interface Shape {
  name: string;
  total: number;
  /** Appends issued in one event-loop turn (one group commit). */
  concurrent: number;
  /** Events per append. */
  batch: number;
  /** Random (v4) event ids, or time-ordered (v7) ones. */
  ids: 'v4' | 'v7';
}

/** Events per second (wall clock) and CPU microseconds per event for one run of a shape, on a fresh file. */
async function appendRun(shape: Shape, hook: boolean): Promise<{ rate: number; cpu: number; bytes: number }> {
  const path = tempFile();
  const store = new SqliteEventStore({ path, synchronous: 'FULL' });
  if (hook) store.addTransactionHook(merkleTransactionHook());
  // Warm-up (not timed): statements prepared, file grown a little.
  await store.append('warmup-0', [event(0)]);
  let written = 0;
  let turn = 0;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  while (written < shape.total) {
    const appends: Promise<unknown>[] = [];
    for (let c = 0; c < shape.concurrent && written < shape.total; c += 1) {
      const events = Array.from({ length: shape.batch }, (_, k) => event(written + k, shape.ids));
      appends.push(store.append(`proposal-${turn}x${c}`, events));
      written += shape.batch;
    }
    await Promise.all(appends);
    turn += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  if (hook && merkleLogFor(store.db).size !== written + 1) throw new Error('The Merkle log missed events');
  await store.close(); // checkpoints the WAL into the file
  const bytes = statSync(path).size / (written + 1);
  rmSync(path, { force: true });
  return { rate: written / seconds, cpu: (cpu.user + cpu.system) / written, bytes };
}

async function benchAppends(): Promise<void> {
  const shapes: Shape[] = [
    {
      name: `single appends: 1 append of 1 event per commit, ${fmt(SERIAL_EVENTS)} events`,
      total: SERIAL_EVENTS,
      concurrent: 1,
      batch: 1,
      ids: 'v7',
    },
    {
      name: `group commit: 64 concurrent appenders x 1 event, ${fmt(GROUPED_EVENTS)} events`,
      total: GROUPED_EVENTS,
      concurrent: 64,
      batch: 1,
      ids: 'v7',
    },
    {
      name: `one append of 10 events per commit, ${fmt(SERIAL_EVENTS * 5)} events`,
      total: SERIAL_EVENTS * 5,
      concurrent: 1,
      batch: 10,
      ids: 'v7',
    },
    {
      name: `one append of 100 events per commit, ${fmt(GROUPED_EVENTS)} events`,
      total: GROUPED_EVENTS,
      concurrent: 1,
      batch: 100,
      ids: 'v7',
    },
    {
      name: `group commit: 16 concurrent appends x 4 events, ${fmt(GROUPED_EVENTS)} events, random (v4) ids`,
      total: GROUPED_EVENTS,
      concurrent: 16,
      batch: 4,
      ids: 'v4',
    },
  ];
  console.log(
    `Append throughput through SqliteEventStore, synchronous=FULL, WAL (median of ${ROUNDS} alternated runs each); load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}`,
  );
  for (const shape of shapes) {
    const off: Array<{ rate: number; cpu: number; bytes: number }> = [];
    const on: Array<{ rate: number; cpu: number; bytes: number }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      off.push(await appendRun(shape, false));
      on.push(await appendRun(shape, true));
    }
    const rate = (runs: typeof off) => median(runs.map((r) => r.rate));
    const cpu = (runs: typeof off) => median(runs.map((r) => r.cpu));
    const line = (runs: typeof off) =>
      `${fmt(rate(runs))} events/s, CPU ${fmt(cpu(runs), 1)} us/event   (runs: ${runs.map((r) => fmt(r.rate)).join(', ')})`;
    console.log(`  ${shape.name}`);
    console.log(`    hook off: ${line(off)}`);
    console.log(`    hook on:  ${line(on)}`);
    const ratio = rate(on) / rate(off);
    console.log(
      `    ratio on/off: ${fmt(ratio, 2)} (throughput; aim >= 0.85: ${ratio >= 0.85 ? 'met' : 'NOT met'}), ${fmt(cpu(off) / cpu(on), 2)} (CPU per event, off/on); file ${fmt(median(on.map((r) => r.bytes)))} vs ${fmt(median(off.map((r) => r.bytes)))} bytes an event`,
    );
  }
}

function benchProofs(): void {
  const path = tempFile();
  let db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -262144'); // 256 MB for the build only: 1M random event-id index inserts
  let log = new SqliteMerkleLog(db);
  const sampleIds: string[] = [];
  const TX = 100_000;
  const built = process.hrtime.bigint();
  for (let start = 0; start < LEAVES; start += TX) {
    const batch = [];
    for (let i = start; i < Math.min(LEAVES, start + TX); i += 1) {
      const id = randomUUID();
      if (i % Math.max(1, Math.floor(LEAVES / PROOFS)) === 0) sampleIds.push(id);
      batch.push({ id, position: i + 1, hash: randomBytes(32).toString('hex') });
    }
    log.appendEvents(batch);
  }
  const buildSeconds = Number(process.hrtime.bigint() - built) / 1e9;
  const nodes = db.prepare('SELECT count(*) FROM merkle_nodes').pluck().get() as number;
  db.close();
  // Proofs on a fresh connection with SQLite's default page cache, as a ledger process has.
  db = new Database(path);
  log = new SqliteMerkleLog(db);
  console.log(
    `\nProof generation at ${fmt(LEAVES)} leaves (SQLite node store, default page cache, ${PROOFS} random proofs each, random past tree sizes)`,
  );
  console.log(
    `  build: ${fmt(buildSeconds, 1)} s in transactions of ${fmt(TX)} leaves (${fmt(LEAVES / buildSeconds)} leaves/s); ` +
      `${fmt(nodes)} nodes above the leaves (${fmt(nodes / LEAVES, 3)} per leaf); file ${fmt(statSync(path).size / 1e6, 1)} MB`,
  );

  const rand = (n: number) => Math.floor(Math.random() * n);
  const time = (f: () => void) => {
    const t = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - t) / 1e3; // microseconds
  };
  const report = (what: string, samples: number[], reads: string) => {
    const sorted = ascending(samples);
    console.log(
      `  ${what}: p50 ${fmt(percentile(sorted, 50), 1)} us, p99 ${fmt(percentile(sorted, 99), 1)} us, max ${fmt(sorted[sorted.length - 1], 1)} us  ${reads}`,
    );
  };

  let failures = 0;
  const rootCache = new Map<number, string>();
  const rootAt = (n: number) => rootCache.get(n) ?? rootCache.set(n, log.rootHash(n)).get(n)!;

  const inclusion: number[] = [];
  let pathLength = 0;
  for (let k = 0; k < PROOFS; k += 1) {
    const n = 1 + rand(LEAVES);
    const leaf = rand(n);
    let proof!: ReturnType<SqliteMerkleLog['inclusionProof']>;
    inclusion.push(time(() => (proof = log.inclusionProof(leaf, n))));
    pathLength += proof.path.length;
    if (!verifyInclusion(leaf, n, toHex(leafHash(proof.eventHash)), proof.path, rootAt(n))) failures += 1;
  }
  report(
    'inclusion proof (leaf index, tree size)',
    inclusion,
    `(avg path ${fmt(pathLength / PROOFS, 1)} hashes)`,
  );

  const byId: number[] = [];
  for (const id of sampleIds.slice(0, PROOFS)) {
    let proof!: ReturnType<SqliteMerkleLog['inclusionProofForEvent']>;
    byId.push(time(() => (proof = log.inclusionProofForEvent(id))));
    if (
      !verifyInclusion(
        proof.leafIndex,
        proof.treeSize,
        toHex(leafHash(proof.eventHash)),
        proof.path,
        rootAt(proof.treeSize),
      )
    )
      failures += 1;
  }
  report('inclusion proof by event id, current size', byId, '');

  const consistency: number[] = [];
  let consistencyLength = 0;
  for (let k = 0; k < PROOFS; k += 1) {
    const n = 2 + rand(LEAVES - 1);
    const m = 1 + rand(n - 1);
    let path!: string[];
    consistency.push(time(() => (path = log.tree.consistencyProof(m, n).map(toHex))));
    consistencyLength += path.length;
    if (!verifyConsistency(m, n, rootAt(m), rootAt(n), path)) failures += 1;
  }
  report('consistency proof (m, n)', consistency, `(avg path ${fmt(consistencyLength / PROOFS, 1)} hashes)`);

  const roots: number[] = [];
  for (let k = 0; k < PROOFS; k += 1) {
    const n = 1 + rand(LEAVES);
    roots.push(time(() => log.rootHash(n)));
  }
  report('root at a past tree size', roots, '');
  console.log(
    `  proofs verified: ${fmt(PROOFS * 3 - failures)} of ${fmt(PROOFS * 3)}${failures ? '  <-- FAILURES' : ''}`,
  );
  db.close();
}

(async () => {
  console.log(`node ${process.version}, ${new Date().toISOString()}, temp files in ${root}\n`);
  try {
    await benchAppends();
    if (LEAVES > 0) benchProofs(); // --leaves 0: the append figures alone
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
