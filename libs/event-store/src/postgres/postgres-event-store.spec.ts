import { WrongExpectedRevision } from '../errors';
import { collect, eventStoreContract, newEvent } from '../testing/event-store.contract';
import { PostgresServer } from '../testing/postgres-server';
import { connectPostgres } from './connection';
import { PostgresEventStore } from './postgres-event-store';

/** One real server for this file; a fresh database for each test. */
let server: PostgresServer;
beforeAll(async () => {
  server = await PostgresServer.primary('contract');
}, 120_000);
afterAll(() => server?.stop());

const open = (url: string) => new PostgresEventStore({ url, pollIntervalMs: 50 });

eventStoreContract('PostgreSQL (a real server)', async () => {
  const url = server.createDatabase();
  let store = open(url);
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = open(url);
      return store;
    },
    async dispose() {
      await store.close();
    },
  };
});

describe('PostgresEventStore', () => {
  let url: string;
  let store: PostgresEventStore;
  beforeEach(() => {
    url = server.createDatabase();
    store = open(url);
  });
  afterEach(async () => store.close());

  it('refuses UPDATE, DELETE and TRUNCATE on the events table, to its owner too', async () => {
    await store.append('proposal-1', [newEvent()]);
    await expect(store.sql`UPDATE events SET data = '{}'`).rejects.toThrow(/append-only/);
    await expect(store.sql`DELETE FROM events`).rejects.toThrow(/append-only/);
    await expect(store.sql`TRUNCATE events`).rejects.toThrow(/append-only/);
    expect((await collect(store.readAll()))[0].data).toEqual({ n: 1 });
  });

  it('gives the appender role reading and appending only: a service running as it cannot change history', async () => {
    await store.append('proposal-1', [newEvent()]);
    server.psql(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clerk_service') THEN
      CREATE ROLE clerk_service LOGIN IN ROLE ledger_appender; END IF; END $$`);
    const database = new URL(url.replace('postgres://', 'http://')).pathname.slice(1);
    const asService = open(`postgres://clerk_service@127.0.0.1:${server.port}/${database}`);
    try {
      await asService.append('proposal-1', [newEvent({ data: { by: 'service' } })], { expectedRevision: 0 });
      expect((await collect(asService.readStream('proposal-1'))).map((e) => e.revision)).toEqual([0, 1]);
      await expect(asService.sql`UPDATE events SET data = '{}'`).rejects.toThrow(/permission denied/);
      await expect(asService.sql`DELETE FROM events`).rejects.toThrow(/permission denied/);
    } finally {
      await asService.close();
    }
  });

  it('commits the appends that queue during a commit together, each with its own revision check', async () => {
    await store.append('proposal-shared', [newEvent()]);
    const appends = Array.from({ length: 64 }, (_, i) =>
      store.append(i === 10 ? 'proposal-shared' : `proposal-${i}`, [newEvent()], {
        expectedRevision: i === 10 ? 7 : 'no_stream',
      }),
    );
    const outcomes = await Promise.allSettled(appends);
    const rejected = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, o.reason] as const] : []));
    expect(rejected).toHaveLength(1);
    expect(rejected[0][0]).toBe(10);
    expect(rejected[0][1]).toBeInstanceOf(WrongExpectedRevision);
    const recordedAt = new Set(
      (await collect(store.readAll({ fromPosition: 2 }))).map((e) => e.metadata.recordedAt),
    );
    expect(recordedAt.size).toBeLessThan(64); // grouped: fewer transactions than appends
    expect(await store.head()).toBe(64);
  });

  it('gives positions densely, in commit order, to appends from two instances at once', async () => {
    const other = open(url);
    try {
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 ? store : other).append(`proposal-${i % 7}`, [newEvent({ data: { i } }), newEvent()]),
        ),
      );
      const all = await collect(store.readAll());
      expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
      const byStream = new Map<string, number[]>();
      for (const e of all) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e.revision]);
      for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
    } finally {
      await other.close();
    }
  });

  it('never acts on what an instance remembers once another has written: stale revisions refused, chains unbroken, retries replayed', async () => {
    const other = open(url);
    try {
      await store.append('proposal-1', [newEvent()]);
      await store.append('proposal-1', [newEvent()]); // this instance now knows the head: revision 1
      await other.append('proposal-1', [newEvent()]); // revision 2, behind its back
      await expect(store.append('proposal-1', [newEvent()], { expectedRevision: 1 })).rejects.toMatchObject({
        expected: 1,
        actual: 2,
      });
      const batch = [newEvent(), newEvent()];
      const first = await store.append('proposal-1', batch, { expectedRevision: 2 });
      expect(first.events.map((e) => e.revision)).toEqual([3, 4]);
      await other.append('proposal-2', [newEvent()]);
      const retry = await store.append('proposal-1', batch, { expectedRevision: 2 });
      expect(retry).toMatchObject({ idempotentReplay: true, events: first.events });
      await store.append('proposal-1', [newEvent()]); // 'any', on a head it knows, after a foreign write
      const chain = await collect(store.readStream('proposal-1'));
      expect(chain.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      chain.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? null : chain[i - 1].hash));
      const all = await collect(store.readAll());
      expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
      expect((await store.info()).details.commits).toMatchObject({ overtaken: 1 });
    } finally {
      await other.close();
    }
  });

  it('commits in one round trip while it is the only writer, after a first read', async () => {
    for (let i = 0; i < 10; i++) await store.append('proposal-1', [newEvent()]);
    expect((await store.info()).details.commits).toEqual({ fast: 9, reading: 1, overtaken: 0 });
  });

  it('keeps a live subscription going through lost connections: every event once, in order', async () => {
    const subscriber = new PostgresEventStore({ url, pollIntervalMs: 50, applicationName: 'subscriber' });
    const abort = new AbortController();
    const seen: number[] = [];
    const following = (async () => {
      for await (const e of subscriber.subscribe({ from: 'start', signal: abort.signal }))
        seen.push(e.position);
    })();
    const database = new URL(url.replace('postgres:', 'http:')).pathname.slice(1);
    try {
      for (let round = 0; round < 3; round++) {
        await store.append(`proposal-${round}`, [newEvent(), newEvent()]);
        while (seen.length < 3 * round + 1) await new Promise((r) => setTimeout(r, 10));
        // Every connection of the subscriber's store is cut, its LISTEN included.
        const cut = server.psql(
          `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'subscriber'`,
          database,
        );
        expect(Number(cut)).toBeGreaterThan(0);
        await store.append(`proposal-${round}`, [newEvent()]);
      }
      const head = await store.head();
      while (seen.length < head) await new Promise((r) => setTimeout(r, 20));
      abort.abort();
      await following;
      expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    } finally {
      abort.abort();
      await subscriber.close();
    }
  });

  it('never lets recordedAt go backwards, even when the clock does', async () => {
    let now = new Date('2026-01-02T00:00:00Z');
    const clocked = new PostgresEventStore({ url, clock: () => now });
    await clocked.append('proposal-1', [newEvent()]);
    now = new Date('2026-01-01T00:00:00Z');
    await clocked.append('proposal-1', [newEvent()]);
    const [a, b] = await collect(clocked.readAll());
    expect(b.metadata.recordedAt).toBe(a.metadata.recordedAt);
    await clocked.close();
  });

  it('commits queued appends on close instead of dropping them', async () => {
    const pending = store.append('proposal-1', [newEvent()]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ position: 1 });
    store = open(url);
    expect(await store.head()).toBe(1);
  });

  it('refuses to open a database written by a newer schema, and changes nothing', async () => {
    await store.head();
    const sql = connectPostgres(url);
    await sql`UPDATE ledger_schema_versions SET version = 99 WHERE component = 'events'`;
    await sql.end();
    const newer = open(url);
    await expect(newer.head()).rejects.toThrow(/version 99.*Upgrade the ledger/);
    await newer.close();
  });
});
