import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../event-store.port';
import { newEvent } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * streamInfo answers from the heads the store has seen (./stream-heads.ts): these are the cases
 * where an answer from memory could be wrong, each checked against the file.
 */
describe('SqliteEventStore stream heads', () => {
  let dir: string;
  let path: string;
  let stores: SqliteEventStore[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-heads-'));
    path = join(dir, 'ledger.db');
    stores = [];
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    const store = new SqliteEventStore({ path });
    stores.push(store);
    return store;
  };

  it('moves a head with the store’s own append, in the same turn', async () => {
    const store = open();
    expect(await store.streamInfo('meeting-a')).toMatchObject({ exists: false, revision: -1 });
    const appended = await store.append('meeting-a', [newEvent(), newEvent()]);
    const info = await store.streamInfo('meeting-a');
    expect(info).toMatchObject({ exists: true, revision: 1, lastHash: appended.events[1].hash });
  });

  it('sees another connection’s append to a stream it has already looked at', async () => {
    const reader = open();
    const writer = open();
    await reader.append('meeting-a', [newEvent()]);
    expect((await reader.streamInfo('meeting-a')).revision).toBe(0);
    expect((await reader.streamInfo('meeting-b')).exists).toBe(false);
    await nextTurn();
    const byOther = await writer.append('meeting-a', [newEvent()], { expectedRevision: 0 });
    await writer.append('meeting-b', [newEvent()]);
    await nextTurn();
    expect(await reader.streamInfo('meeting-a')).toMatchObject({
      revision: 1,
      lastHash: byOther.events[0].hash,
    });
    expect(await reader.streamInfo('meeting-b')).toMatchObject({ exists: true, revision: 0 });
  });

  it('leaves a head where it was when the append is refused', async () => {
    const store = open();
    await store.append('meeting-a', [newEvent()]);
    await expect(store.append('meeting-a', [newEvent()], { expectedRevision: 5 })).rejects.toThrow(
      /revision/i,
    );
    expect((await store.streamInfo('meeting-a')).revision).toBe(0);
  });

  it('answers like the file after many appends, by this store and another, to many streams', async () => {
    const a = open();
    const b = open();
    for (let round = 0; round < 20; round++) {
      const [writer, other] = round % 3 === 0 ? [b, a] : [a, b];
      await Promise.all([0, 1, 2, 3].map((i) => writer.append(`s-${(round + i) % 7}`, [newEvent()])));
      await nextTurn();
      for (let s = 0; s < 7; s++) {
        const stream = `s-${s}`;
        const fromFile = a.db
          .prepare('SELECT max(revision) AS r FROM events WHERE stream = ?')
          .get(stream) as { r: number | null };
        for (const store of [writer, other])
          expect((await store.streamInfo(stream)).revision).toBe(fromFile.r ?? -1);
      }
    }
  });

  it('keeps the log’s head with own appends, another connection’s and an import', async () => {
    const a = open();
    const b = open();
    expect(await a.head()).toBe(0);
    const own = await a.append('meeting-a', [newEvent(), newEvent()]);
    expect(await a.head()).toBe(own.position);
    await nextTurn();
    const other = await b.append('meeting-b', [newEvent()]);
    await nextTurn();
    expect(await a.head()).toBe(other.position);

    const exported: StoredEvent[] = [];
    for await (const e of a.readAll()) exported.push(e);
    const target = new SqliteEventStore({ path: join(dir, 'target.db') });
    stores.push(target);
    expect(await target.head()).toBe(0);
    expect((await target.streamInfo('meeting-b')).exists).toBe(false);
    await target.importEvents(exported);
    expect(await target.head()).toBe(3);
    expect(await target.streamInfo('meeting-b')).toMatchObject({
      revision: 0,
      lastHash: other.events[0].hash,
    });
  });
});
