import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PostgresEventStore, type StoredEvent } from '@ledger/event-store';
import { PostgresServer } from '@ledger/event-store/testing';
import {
  enablePostgresMerkleLog,
  leafHash,
  MerkleFrontier,
  toHex,
  verifyPostgresLedger,
} from '@ledger/integrity';

/**
 * The trap of event stores on PostgreSQL: with concurrent transactions, a sequence-numbered event
 * can commit after a higher one, and a subscriber resuming "after N" skips it. Here 8 processes
 * append concurrently for a bounded time while a live subscriber follows; it must see every event
 * exactly once, in position order, with no gap, and its Merkle root must equal the store's.
 */
const PROCESSES = 8;
const SECONDS = 5;

let server: PostgresServer;
beforeAll(async () => {
  server = await PostgresServer.primary('ordering');
}, 120_000);
afterAll(async () => server?.stop());

function runAppender(url: string, name: string): Promise<{ acknowledged: string[]; conflicts: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'appender.fixture.ts'), url, String(SECONDS), name],
      {
        cwd: join(__dirname, '..', '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`appender ${name} exited ${code}: ${err}`)),
    );
  });
}

it(`a live subscriber sees every event of ${PROCESSES} concurrent appender processes once, in order, with no gap`, async () => {
  const url = server.createDatabase();
  const store = new PostgresEventStore({ url, pollIntervalMs: 200 });
  const log = enablePostgresMerkleLog(store);
  await store.ready;
  const seen: StoredEvent[] = [];
  const frontier = new MerkleFrontier();
  const abort = new AbortController();
  const following = (async () => {
    for await (const event of store.subscribe({ from: 'start', signal: abort.signal })) {
      seen.push(event);
      frontier.push(leafHash(event.hash));
    }
  })();

  const results = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => runAppender(url, `p${i}`)));
  const head = await store.head();
  while (seen.length < head && seen[seen.length - 1]?.position !== head)
    await new Promise((r) => setTimeout(r, 20));
  abort.abort();
  await following;

  const acknowledged = results.flatMap((r) => r.acknowledged);
  const conflicts = results.reduce((n, r) => n + r.conflicts, 0);
  // Printed so a run shows what it proved.
  console.log(
    `${PROCESSES} processes, ${SECONDS} s: ${acknowledged.length} events acknowledged, ${conflicts} expected-revision conflicts, ${seen.length} seen live`,
  );
  expect(acknowledged.length).toBeGreaterThan(PROCESSES * 50);
  expect(seen.map((e) => e.position)).toEqual(seen.map((_, i) => i + 1)); // in order, no gap, none twice
  expect(seen.length).toBe(head);
  const seenIds = new Set(seen.map((e) => e.id));
  expect(seenIds.size).toBe(seen.length);
  expect(acknowledged.filter((id) => !seenIds.has(id))).toEqual([]);
  expect(seen.length).toBe(acknowledged.length); // nothing unacknowledged was stored
  expect(toHex(frontier.root())).toBe(await log.rootHash(head));
  expect(await log.size()).toBe(head);
  expect((await verifyPostgresLedger(store.sql)).ok).toBe(true);
  await store.close();
}, 120_000);
