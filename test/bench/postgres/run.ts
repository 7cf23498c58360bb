/**
 * PostgreSQL append benchmark, on a server this script starts (a temp folder, a free port; fsync
 * and synchronous_commit on, so every acknowledged commit is durable on every side).
 * Run: npm run bench:postgres
 *
 *   1. our port (hash chain and Merkle log on, as the service runs it) against raw INSERTs of the
 *      same rows into the same table with the same `postgres` client: one event a commit, and 10;
 *   2. our port against Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql) on the
 *      same server, same event sizes: sequential, and 64 concurrent appenders (each its own stream).
 *
 * Emmett cannot be installed into the project (its peer commander@^12 conflicts with ours), so it
 * is installed into EMMETT_DIR (default /tmp/emmett-baseline) on first run and required from there.
 * Each measurement runs BENCH_SECONDS (default 3) in a fresh database, after a warm-up; every
 * figure is measured in this run.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  connectPostgres,
  migratePostgres,
  PostgresEventStore,
  postgresEventLogMigrations,
  type NewEvent,
} from '@ledger/event-store';
import { PostgresServer } from '@ledger/event-store/testing';
import { enablePostgresMerkleLog } from '@ledger/integrity';
import { fmt } from '../support/bench-kit';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const EMMETT_DIR = process.env.EMMETT_DIR ?? '/tmp/emmett-baseline';
const EMMETT_VERSION = '0.42.0';
const CONCURRENCY = 64;

/** A recorded vote's size: ~300 bytes of data, a source and an actor. */
const DATA = {
  voteId: 'v-2012-11-21-item-4',
  personId: 'cllr-a-smith',
  option: 'yes',
  note: 'x'.repeat(200),
};
const SOURCE = {
  kind: 'minutes',
  reference: 'Minutes of the meeting of 21 November 2012, item 4',
  url: 'https://example.org/minutes/2012-11-21',
};
const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'VoteCast',
  data: DATA,
  metadata: { occurredAt: '2012-11-21T10:00:00.000Z', actor: 'clerk:bench', source: SOURCE },
});

interface EmmettStore {
  appendToStream(
    stream: string,
    events: Array<{ type: string; data: unknown; metadata?: unknown }>,
  ): Promise<unknown>;
  close(): Promise<void>;
  schema: { migrate(): Promise<unknown> };
}

function loadEmmett(): { getPostgreSQLEventStore(url: string): EmmettStore } {
  const entry = join(EMMETT_DIR, 'node_modules', '@event-driven-io', 'emmett-postgresql');
  if (!existsSync(entry)) {
    console.log(
      `Installing @event-driven-io/emmett-postgresql@${EMMETT_VERSION} into ${EMMETT_DIR} (outside the project: its peer commander@^12 conflicts with ours)…`,
    );
    mkdirSync(EMMETT_DIR, { recursive: true });
    // Its own folder, so its peers (emmett, pongo, pg) are installed with it.
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        EMMETT_DIR,
        '--no-audit',
        '--no-fund',
        `@event-driven-io/emmett-postgresql@${EMMETT_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(entry);
}

/** Runs `work` (which returns the events it appended) for the bench time; events/s. */
async function measure(
  work: () => Promise<number>,
  seconds = SECONDS,
): Promise<{ rate: number; latencies: number[] }> {
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) await work();
  const latencies: number[] = [];
  let events = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    const t = performance.now();
    const appended = await work();
    events += appended;
    latencies.push(performance.now() - t);
  }
  return { rate: events / ((performance.now() - start) / 1000), latencies };
}

/** `workers` loops for the bench time; events/s over all of them. */
async function measureConcurrent(
  workers: number,
  work: (worker: number) => Promise<number>,
): Promise<number> {
  await Promise.all(Array.from({ length: workers }, (_, w) => work(w)));
  let events = 0;
  const start = performance.now();
  const until = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < until) {
        const appended = await work(w); // not `events += await …`, which would add to a stale total
        events += appended;
      }
    }),
  );
  return events / ((performance.now() - start) / 1000);
}

/**
 * The same rows written by hand, as the SQLite bench does: the adapter's own schema (its indexes
 * and append-only triggers), the same client, one INSERT a commit (autocommit); what a row needs
 * (id, JSON, timestamps, chain, a SHA-256) built in the loop; positions counted here (one writer).
 */
async function rawInserts(url: string, batch: number): Promise<number> {
  const sql = connectPostgres(url);
  await migratePostgres(sql, 'events', postgresEventLogMigrations, 'bench');
  let position = 0;
  let revision = -1;
  let prevHash: string | null = null;
  const row = (recordedAt: string) => {
    const e = event();
    const data = JSON.stringify(e.data);
    const hash = createHash('sha256').update(`${e.id}${prevHash}${data}`).digest('hex');
    const r = {
      position: ++position,
      id: e.id,
      stream: 'vote-raw',
      category: 'vote',
      revision: ++revision,
      type: e.type,
      schema_version: 1,
      data,
      occurred_at: e.metadata.occurredAt,
      recorded_at: recordedAt,
      actor: e.metadata.actor,
      correlation_id: e.id,
      causation_id: null,
      source: JSON.stringify(e.metadata.source),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return r;
  };
  const { rate } = await measure(async () => {
    const recordedAt = new Date().toISOString();
    const rows = Array.from({ length: batch }, () => row(recordedAt));
    await sql`INSERT INTO events ${sql(rows)}`;
    return batch;
  });
  await sql.end();
  return rate;
}

async function ours(url: string, batch: number): Promise<{ rate: number; p50: number; p99: number }> {
  const store = new PostgresEventStore({ url });
  enablePostgresMerkleLog(store);
  await store.ready;
  const { rate, latencies } = await measure(async () => {
    await store.append('vote-ours', Array.from({ length: batch }, event));
    return batch;
  });
  await store.close();
  latencies.sort((a, b) => a - b);
  return {
    rate,
    p50: latencies[Math.floor(latencies.length / 2)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
  };
}

async function oursConcurrent(url: string): Promise<number> {
  const store = new PostgresEventStore({ url });
  enablePostgresMerkleLog(store);
  await store.ready;
  const rate = await measureConcurrent(
    CONCURRENCY,
    async (w) => (await store.append(`vote-${w}`, [event()]), 1),
  );
  await store.close();
  return rate;
}

const emmettEvent = () => {
  const e = event();
  return {
    type: e.type,
    data: e.data,
    metadata: { actor: e.metadata.actor, occurredAt: e.metadata.occurredAt, source: e.metadata.source },
  };
};

async function emmett(url: string, batch: number): Promise<number> {
  const store = loadEmmett().getPostgreSQLEventStore(url);
  await store.schema.migrate();
  const { rate } = await measure(async () => {
    await store.appendToStream('vote-emmett', Array.from({ length: batch }, emmettEvent));
    return batch;
  });
  await store.close();
  return rate;
}

async function emmettConcurrent(url: string): Promise<number> {
  const store = loadEmmett().getPostgreSQLEventStore(url);
  await store.schema.migrate();
  const rate = await measureConcurrent(
    CONCURRENCY,
    async (w) => (await store.appendToStream(`vote-${w}`, [emmettEvent()]), 1),
  );
  await store.close();
  return rate;
}

async function main(): Promise<void> {
  loadEmmett(); // installs it first if need be, before any timing
  const server = await PostgresServer.primary('bench', { settings: { shared_buffers: "'256MB'" } });
  try {
    console.log(
      `PostgreSQL ${server.psql('SHOW server_version')} on 127.0.0.1:${server.port}; fsync=${server.psql('SHOW fsync')}, synchronous_commit=${server.psql('SHOW synchronous_commit')}; ${SECONDS} s a measurement`,
    );
    console.log(
      `events of ~${JSON.stringify(event()).length} bytes; ours with its hash chain and its Merkle log in each append's transaction\n`,
    );
    const db = () => server.createDatabase();

    for (const batch of [1, 10]) {
      // Alternated over two rounds, to spread the disk's noise over both sides.
      const port: number[] = [];
      const raw: number[] = [];
      let latency = { p50: 0, p99: 0 };
      for (let round = 0; round < 2; round++) {
        const o = await ours(db(), batch);
        port.push(o.rate);
        if (round === 0) latency = o;
        raw.push(await rawInserts(db(), batch));
      }
      const p = Math.max(...port);
      const r = Math.max(...raw);
      console.log(
        `batch of ${batch}: port ${fmt(p)} ev/s vs raw INSERTs ${fmt(r)} ev/s: ${fmt(p / r, 2)}   (port p50 ${fmt(latency.p50, 2)} ms, p99 ${fmt(latency.p99, 2)} ms)`,
      );
    }

    for (const batch of [1, 10]) {
      const o: number[] = [];
      const e: number[] = [];
      for (let round = 0; round < 2; round++) {
        o.push((await ours(db(), batch)).rate);
        e.push(await emmett(db(), batch));
      }
      const [bo, be] = [Math.max(...o), Math.max(...e)];
      console.log(
        `sequential, batch of ${batch}: ours ${fmt(bo)} ev/s vs Emmett ${fmt(be)} ev/s: ${fmt(bo / be, 2)}`,
      );
    }

    const c: number[] = [];
    const ce: number[] = [];
    for (let round = 0; round < 2; round++) {
      c.push(await oursConcurrent(db()));
      ce.push(await emmettConcurrent(db()));
    }
    const [oc, ec] = [Math.max(...c), Math.max(...ce)];
    console.log(
      `${CONCURRENCY} concurrent appenders, one event each: ours ${fmt(oc)} ev/s (group commit) vs Emmett ${fmt(ec)} ev/s: ${fmt(oc / ec, 2)}`,
    );
  } finally {
    await server.stop();
  }
}

// Emmett's pg pool emits an error event when the server stops under its idle connections at the end.
process.on('uncaughtException', (error: Error & { code?: string }) => {
  if (error.code === '57P01') return;
  console.error(error);
  process.exit(1);
});

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
