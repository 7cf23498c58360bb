import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IdempotencyKeyReused, SchemaTooNew, WrongExpectedRevision } from '../errors';
import { eventHash } from '../hashing';
import { collect, eventStoreContract, newEvent } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

function tempPath(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
  return {
    path: join(dir, 'nested', 'ledger.db'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

eventStoreContract('embedded SQLite', async () => {
  const { path, cleanup } = tempPath();
  let store = new SqliteEventStore({ path, pollIntervalMs: 20 });
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = new SqliteEventStore({ path, pollIntervalMs: 20 });
      return store;
    },
    async dispose() {
      await store.close();
      cleanup();
    },
  };
});

describe('SqliteEventStore', () => {
  let tmp: ReturnType<typeof tempPath>;
  beforeEach(() => (tmp = tempPath()));
  afterEach(() => tmp.cleanup());

  it('creates its folder, runs in WAL mode with synchronous=FULL by default', async () => {
    const store = new SqliteEventStore({ path: tmp.path });
    const info = await store.info();
    expect(info).toMatchObject({ kind: 'sqlite', head: 0, eventCount: 0 });
    expect(info.details).toMatchObject({ journalMode: 'wal', synchronous: 'FULL' });
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('rejects UPDATE and DELETE on the events table', async () => {
    const store = new SqliteEventStore({ path: tmp.path });
    await store.append('proposal-1', [newEvent()]);
    expect(() => store.db.prepare(`UPDATE events SET data = '{}'`).run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect((await collect(store.readAll()))[0].data).toEqual({ n: 1 });
    await store.close();
  });

  it('commits an idempotency key with its events, and refuses the key with another fingerprint', async () => {
    const store = new SqliteEventStore({ path: tmp.path });
    const event = newEvent();
    const first = await store.append('proposal-k', [event], {
      idempotency: { key: 'clerk:k1', fingerprint: 'f1' },
    });
    expect(await store.idempotencyFingerprint('clerk:k1')).toBe('f1');
    // The same events under the same fingerprint: the first result, nothing written.
    expect(
      await store.append('proposal-k', [event], { idempotency: { key: 'clerk:k1', fingerprint: 'f1' } }),
    ).toMatchObject({ position: first.position, idempotentReplay: true });
    // Another request under the key, even with events of its own: refused, nothing written.
    await expect(
      store.append('proposal-other', [newEvent()], { idempotency: { key: 'clerk:k1', fingerprint: 'f2' } }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await store.head()).toBe(1);
    // A failed append leaves no key behind: the key and the events commit together or not at all.
    await expect(
      store.append('proposal-k', [newEvent()], {
        expectedRevision: 7,
        idempotency: { key: 'clerk:k2', fingerprint: 'f3' },
      }),
    ).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(await store.idempotencyFingerprint('clerk:k2')).toBeUndefined();
    expect(() => store.db.prepare('DELETE FROM idempotency_keys').run()).toThrow(/append-only/);
    await store.close();
  });

  it('commits appends of one event-loop turn together, each with its own revision check', async () => {
    const store = new SqliteEventStore({ path: tmp.path });
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
    expect(recordedAt.size).toBe(1); // one transaction, one clock reading
    expect(await store.head()).toBe(64);
    await store.close();
  });

  it('never lets recordedAt go backwards, even when the clock does', async () => {
    let now = new Date('2026-01-02T00:00:00Z');
    const store = new SqliteEventStore({ path: tmp.path, clock: () => now });
    await store.append('proposal-1', [newEvent()]);
    now = new Date('2026-01-01T00:00:00Z');
    await store.append('proposal-1', [newEvent()]);
    const [a, b] = await collect(store.readAll());
    expect(b.metadata.recordedAt).toBe(a.metadata.recordedAt);
    await store.close();
  });

  it('commits queued appends on close instead of dropping them', async () => {
    const store = new SqliteEventStore({ path: tmp.path });
    const pending = store.append('proposal-1', [newEvent()]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ position: 1 });
    const reopened = new SqliteEventStore({ path: tmp.path });
    expect(await reopened.head()).toBe(1);
    await reopened.close();
  });

  it('restores an export into an empty ledger with the same hashes, and refuses a gap in a chain', async () => {
    const source = new SqliteEventStore({ path: ':memory:' });
    for (let i = 0; i < 5; i++) await source.append(`proposal-${i % 2}`, [newEvent({ data: { i } })]);
    const exported = await collect(source.readAll());
    const target = new SqliteEventStore({ path: tmp.path });
    expect(await target.importEvents(exported.slice(0, 3))).toEqual({ imported: 3, skipped: 0 });
    expect(await target.importEvents(exported)).toEqual({ imported: 2, skipped: 3 });
    const restored = await collect(target.readAll());
    expect(restored.map((e) => [e.id, e.revision, e.hash, e.metadata.recordedAt])).toEqual(
      exported.map((e) => [e.id, e.revision, e.hash, e.metadata.recordedAt]),
    );
    const other = new SqliteEventStore({ path: ':memory:' });
    await expect(other.importEvents([exported[2]])).rejects.toMatchObject({ code: 'chain-break' });
    expect(await other.head()).toBe(0);
    await Promise.all([source.close(), target.close(), other.close()]);
  });

  it('refuses an import whose timestamps are not in the form the ledger writes, naming the field, and writes nothing', async () => {
    const source = new SqliteEventStore({ path: ':memory:' });
    await source.append('proposal-1', [newEvent()]);
    const [event] = await collect(source.readAll());
    // Rehashed, as a hand-made export would be: only the form of the date is wrong.
    const dated = {
      ...event,
      // A year, month or day alone is a stored form (kept as given); a zone written otherwise is not.
      metadata: { ...event.metadata, occurredAt: event.metadata.occurredAt.replace(/Z$/, '+00:00') },
    };
    const handMade = { ...dated, hash: eventHash(dated) };
    const target = new SqliteEventStore({ path: ':memory:' });
    await expect(target.importEvents([handMade])).rejects.toMatchObject({
      code: 'invalid-metadata',
      field: 'events[0].metadata.occurredAt',
    });
    await expect(target.importEvents([handMade])).rejects.toThrow(
      `is "${event.metadata.occurredAt.replace(/Z$/, '+00:00')}"; an import takes timestamps as the ledger writes them: ${event.metadata.occurredAt}`,
    );
    expect(await target.head()).toBe(0);
    await Promise.all([source.close(), target.close()]);
  });

  it('refuses to open a database written by a newer schema, and changes nothing', async () => {
    const store = new SqliteEventStore({ path: tmp.path });
    await store.close();
    const raw = new Database(tmp.path);
    raw.prepare(`UPDATE schema_versions SET version = 99 WHERE component = 'events'`).run();
    raw.close();
    expect(() => new SqliteEventStore({ path: tmp.path })).toThrow(SchemaTooNew);
    expect(() => new SqliteEventStore({ path: tmp.path })).toThrow(/version 99.*Upgrade the ledger/);
  });

  it('keeps every acknowledged append through a SIGKILL, with nothing half-written', async () => {
    const child = spawn(process.execPath, [join(__dirname, 'crash-writer.fixture.js'), tmp.path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) acknowledged.push(...line.split(','));
        if (acknowledged.length >= 600 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.on('exit', r));
    const store = new SqliteEventStore({ path: tmp.path });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = await collect(store.readAll());
    const ids = new Set(stored.map((e) => e.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    expect(stored.length % 3).toBe(0); // batches of three: all or nothing
    const byStream = new Map<string, number[]>();
    for (const e of stored) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e.revision]);
    for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
    await store.close();
  });
});
