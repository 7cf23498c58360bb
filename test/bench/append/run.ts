/**
 * Append benchmark: the SQLite adapter through the port against raw better-sqlite3, on temp files,
 * WAL with synchronous=FULL on both sides (every commit fsynced). Run: npm run bench:append
 *
 *   1. events/s, batches of 1 and of 10 events, sequential awaits: port vs raw, and the ratio;
 *   2. single-append latency p50/p99 (the batch-of-1 runs);
 *   3. 64 concurrent appenders (each its own stream): group commit ON vs OFF, and the ratio.
 *
 * Each measurement runs for a fixed time (BENCH_SECONDS, default 3) after a warm-up; the port and
 * raw runs alternate over two rounds to spread disk noise. Every figure is measured. BENCH_DIR sets
 * the folder of the temp files (default: the OS temp folder); it should be on a real disk.
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eventLogMigrations, migrate, SqliteEventStore, type NewEvent } from '@ledger/event-store';
import { ascending, fmt, percentile } from '../support/bench-kit';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = 2;
const WARMUP_APPENDS = 30;
const STREAMS = 100;
const CONCURRENCY = 64;
const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'ledger-bench-append-'));
let fileNo = 0;
const nextFile = (name: string) => join(dir, `${(fileNo += 1)}-${name}.db`);

/** The same data for both sides: a decision with a few nested fields, ~400 bytes of JSON. */
const PAYLOAD = {
  body: 'municipal-council',
  item: 'Budget amendment 2024/17',
  summary:
    'The council approves the amendment to the 2024 budget for school renovations — after a second reading.',
  votes: { for: 23, against: 9, abstain: 3 },
  members: ['a.dupont', 'b.martin', 'c.nguyen', 'd.okafor'],
  amountEur: 1250000.5,
  references: [{ kind: 'minutes', id: 'M-2024-031' }],
};
const SOURCE = { kind: 'minutes', reference: 'M-2024-031', url: 'https://example.org/minutes/2024-031' };
const ACTOR = 'clerk@example.org';

function newEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'DecisionRecorded',
    data: PAYLOAD,
    metadata: { occurredAt: new Date().toISOString(), actor: ACTOR, source: SOURCE },
  };
}

interface Run {
  events: number;
  appends: number;
  seconds: number;
  latenciesMs: number[];
}

function emptyRun(): Run {
  return { events: 0, appends: 0, seconds: 0, latenciesMs: [] };
}

function addRun(into: Run, run: Run): void {
  into.events += run.events;
  into.appends += run.appends;
  into.seconds += run.seconds;
  into.latenciesMs.push(...run.latenciesMs);
}

/** Calls `appendOnce` (one append of `batch` events) in sequence for SECONDS, after a warm-up. */
async function timed(batch: number, appendOnce: (i: number) => unknown): Promise<Run> {
  for (let i = 0; i < WARMUP_APPENDS; i += 1) await appendOnce(i);
  const run = emptyRun();
  const start = performance.now();
  const end = start + SECONDS * 1000;
  let i = WARMUP_APPENDS;
  for (let now = start; now < end;) {
    await appendOnce(i);
    i += 1;
    const after = performance.now();
    run.latenciesMs.push(after - now);
    run.appends += 1;
    run.events += batch;
    now = after;
  }
  run.seconds = (performance.now() - start) / 1000;
  return run;
}

async function portSequential(batch: number): Promise<Run> {
  const store = new SqliteEventStore({ path: nextFile(`port-b${batch}`), synchronous: 'FULL' });
  assertFull(store.db, 'port');
  try {
    return await timed(batch, (i) =>
      store.append(`bench-${i % STREAMS}`, Array.from({ length: batch }, newEvent)),
    );
  } finally {
    await store.close();
  }
}

/**
 * The same rows written by hand: same schema (the adapter's own migrations), same prepared INSERT,
 * one transaction per append; what a row needs (id, JSON, timestamps, chain, a SHA-256) built in the loop.
 */
async function rawSequential(batch: number): Promise<Run> {
  const db = new Database(nextFile(`raw-b${batch}`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  assertFull(db, 'raw');
  migrate(db, 'events', eventLogMigrations);
  const insert = db.prepare(
    `INSERT INTO events (id, stream, category, revision, type, schema_version, data, occurred_at, recorded_at,
       actor, correlation_id, causation_id, source, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const heads = new Map<string, { revision: number; hash: string | null }>();
  const appendTx = db.transaction((stream: string) => {
    const head = heads.get(stream) ?? { revision: -1, hash: null };
    const recordedAt = new Date().toISOString();
    const correlation = randomUUID();
    for (let k = 0; k < batch; k += 1) {
      const id = k === 0 ? correlation : randomUUID();
      const data = JSON.stringify(PAYLOAD);
      const hash = createHash('sha256').update(`${id}${head.hash}${data}`).digest('hex');
      head.revision += 1;
      insert.run(
        id,
        stream,
        'bench',
        head.revision,
        'DecisionRecorded',
        1,
        data,
        recordedAt,
        recordedAt,
        ACTOR,
        correlation,
        null,
        JSON.stringify(SOURCE),
        head.hash,
        hash,
      );
      head.hash = hash;
    }
    heads.set(stream, head);
  });
  try {
    return await timed(batch, (i) => appendTx(`bench-${i % STREAMS}`));
  } finally {
    db.close();
  }
}

/** CONCURRENCY loops, each appending one event at a time to its own stream, for SECONDS. */
async function concurrent(groupCommit: boolean): Promise<Run> {
  const store = new SqliteEventStore({
    path: nextFile(`conc-gc-${groupCommit}`),
    synchronous: 'FULL',
    groupCommit,
  });
  assertFull(store.db, 'port');
  const run = emptyRun();
  try {
    for (let k = 0; k < CONCURRENCY; k += 1) await store.append(`conc-${k}`, [newEvent()]); // warm-up: streams exist
    const start = performance.now();
    const end = start + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, k) => {
        while (performance.now() < end) {
          const t0 = performance.now();
          await store.append(`conc-${k}`, [newEvent()]);
          run.latenciesMs.push(performance.now() - t0);
          run.appends += 1;
          run.events += 1;
        }
      }),
    );
    run.seconds = (performance.now() - start) / 1000;
    return run;
  } finally {
    await store.close();
  }
}

function assertFull(db: Database.Database, side: string): void {
  const journal = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true }); // 2 = FULL
  if (journal !== 'wal' || sync !== 2)
    throw new Error(`${side}: expected WAL + synchronous=FULL, got ${String(journal)} + ${String(sync)}`);
}

const rate = (run: Run) => run.events / run.seconds;
const ms = (n: number) => fmt(n, 2);

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const began = performance.now();
  console.log(
    `append bench: node ${process.version}, ${cpus().length} CPU, files in ${dir}, WAL + synchronous=FULL on both sides, ` +
      `${SECONDS}s per measurement, ${ROUNDS} rounds for port vs raw`,
  );
  const results = { port1: emptyRun(), raw1: emptyRun(), port10: emptyRun(), raw10: emptyRun() };
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate which side goes first, so neither always gets the warmer (or noisier) disk.
    const order = round % 2 === 0 ? (['raw', 'port'] as const) : (['port', 'raw'] as const);
    for (const batch of [1, 10] as const) {
      for (const side of order) {
        const run = side === 'port' ? await portSequential(batch) : await rawSequential(batch);
        addRun(results[`${side}${batch}`], run);
      }
    }
  }
  const gcOff = await concurrent(false);
  const gcOn = await concurrent(true);

  table(
    'Sequential appends (one await at a time), events/s',
    ['batch', 'port ev/s', 'raw ev/s', 'port/raw', 'port appends', 'raw appends'],
    ([1, 10] as const).map((b) => {
      const port = results[`port${b}`];
      const raw = results[`raw${b}`];
      return [
        `${b} event${b > 1 ? 's' : ''}`,
        fmt(rate(port)),
        fmt(rate(raw)),
        fmt(rate(port) / rate(raw), 2),
        fmt(port.appends),
        fmt(raw.appends),
      ];
    }),
  );
  table(
    'Single-append latency (batch of 1, sequential), ms',
    ['side', 'p50', 'p99', 'max', 'samples'],
    (['port', 'raw'] as const).map((side) => {
      const l = results[`${side}1`].latenciesMs;
      return [
        side,
        ms(percentile(ascending(l), 50)),
        ms(percentile(ascending(l), 99)),
        ms(Math.max(...l)),
        fmt(l.length),
      ];
    }),
  );
  table(
    `${CONCURRENCY} concurrent appenders (1 event per append, own stream each), port`,
    ['group commit', 'ev/s', 'p50 ms', 'p99 ms', 'appends'],
    [
      [
        'OFF',
        fmt(rate(gcOff)),
        ms(percentile(ascending(gcOff.latenciesMs), 50)),
        ms(percentile(ascending(gcOff.latenciesMs), 99)),
        fmt(gcOff.appends),
      ],
      [
        'ON',
        fmt(rate(gcOn)),
        ms(percentile(ascending(gcOn.latenciesMs), 50)),
        ms(percentile(ascending(gcOn.latenciesMs), 99)),
        fmt(gcOn.appends),
      ],
    ],
  );
  console.log(`group commit ON/OFF: ${fmt(rate(gcOn) / rate(gcOff), 2)}x`);
  console.log(
    `port/raw, batch of 1: ${fmt(rate(results.port1) / rate(results.raw1), 2)} (aim >= 0.5); batch of 10: ${fmt(rate(results.port10) / rate(results.raw10), 2)}`,
  );
  console.log(`\ntotal run time ${fmt((performance.now() - began) / 1000, 1)}s`);
}

main()
  .catch((error: Error) => {
    console.error(`bench failed: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
