import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '@ledger/event-store';
import { PostgresServer } from '@ledger/event-store/testing';
import { enablePostgresMerkleLog, generateCheckpointKeys } from '@ledger/integrity';
import { clerkKey, LedgerInstance, runLedgerCli } from './ledger-instance';

/**
 * Two API processes on one PostgreSQL database, as a cluster runs them: each keeps its read models
 * and its copy of the Merkle log locally, fed by its own subscription.
 */
const source = { kind: 'minutes', reference: 'multi-instance test' };
const body = (bodyId: string) => ({
  bodyId,
  name: `Authority ${bodyId}`,
  classification: 'police-authority',
  powers: 'decides',
  foundingDate: '1995-04-01',
  occurredAt: '1995-04-01',
  source,
});
const post = (postId: string) => ({ postId, label: postId, role: 'chair', occurredAt: '2000-01-01', source });

let server: PostgresServer;
let url: string;
let key: ReturnType<typeof clerkKey>;
let a: LedgerInstance;
let b: LedgerInstance;

beforeAll(async () => {
  server = await PostgresServer.primary('instances');
  url = server.createDatabase();
  key = clerkKey();
  // One at a time: both run the migrations at start, under the migration lock.
  [a, b] = await Promise.all([
    LedgerInstance.start('a', url, key.file),
    LedgerInstance.start('b', url, key.file),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await server?.stop();
  key?.dispose();
});

it('lets exactly one of two instances win each race on an expected revision; the loser gets a 412', async () => {
  const ids = Array.from({ length: 12 }, (_, i) => `race-${i}`);
  for (const id of ids)
    expect((await a.request('POST', '/bodies', { token: key.token, body: body(id) })).status).toBe(201);
  const races = await Promise.all(
    ids.map((id) =>
      Promise.all([
        a.request('POST', `/bodies/${id}/posts`, {
          token: key.token,
          body: post('chair-a'),
          headers: { 'if-match': '"0"' },
        }),
        b.request('POST', `/bodies/${id}/posts`, {
          token: key.token,
          body: post('chair-b'),
          headers: { 'if-match': '"0"' },
        }),
      ]),
    ),
  );
  for (const pair of races) {
    const statuses = pair.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 412]);
    const loser = pair.find((r) => r.status === 412)!;
    expect(loser.body).toMatchObject({ code: 'precondition-failed' });
    expect(pair.find((r) => r.status === 201)!.headers.get('etag')).toBe('"1"');
  }
});

it('reads its own write on the other instance with waitFor, and both answer the same', async () => {
  const written = await a.request('POST', '/bodies', { token: key.token, body: body('ryw-1') });
  expect(written.status).toBe(201);
  const onB = await b.request('GET', `/bodies?waitFor=${written.body.position}`);
  expect(onB.status).toBe(200);
  expect(JSON.stringify(onB.body)).toContain('ryw-1');
  const again = await b.request('POST', '/bodies', { token: key.token, body: body('ryw-2') });
  const onA = await a.request('GET', `/bodies?waitFor=${again.body.position}`);
  expect(JSON.stringify(onA.body)).toContain('ryw-2');
  const onBAgain = await b.request('GET', `/bodies?waitFor=${again.body.position}`);
  expect(onA.body).toEqual(onBAgain.body);
});

it('is caught by the store when an Idempotency-Key retry reaches the other instance', async () => {
  const headers = { 'idempotency-key': `key-${Date.now()}` };
  const first = await a.request('POST', '/bodies', { token: key.token, body: body('idem-1'), headers });
  const retry = await b.request('POST', '/bodies', { token: key.token, body: body('idem-1'), headers });
  expect(first.status).toBe(201);
  expect([200, 201]).toContain(retry.status);
  expect(retry.body.events.map((e: { id: string }) => e.id)).toEqual(
    first.body.events.map((e: { id: string }) => e.id),
  );
  expect(retry.body.position).toBe(first.body.position);
});

it('serves the same checkpoint on every instance, the root of the Merkle log in the database', async () => {
  const store = new PostgresEventStore({ url });
  const log = enablePostgresMerkleLog(store);
  try {
    const head = await store.head();
    const checkpoints = async () =>
      Promise.all([a, b].map(async (i) => (await i.request('GET', '/ledger/checkpoint')).body));
    let heads = await checkpoints();
    for (
      const deadline = Date.now() + 20_000;
      heads.some((c) => c.treeSize < head) && Date.now() < deadline;
      heads = await checkpoints()
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(heads.map((c) => c.treeSize)).toEqual([head, head]);
    expect(heads[0].rootHash).toBe(heads[1].rootHash);
    expect(heads[0].rootHash).toBe(await log.rootHash(head));
  } finally {
    await store.close();
  }
});

it('rebuilds its read models and its Merkle copy when the database loses a commit it had seen (a failover taking it back)', async () => {
  // What a failover does to a reader: the dying primary shows a commit still waiting for its
  // synchronous standby, and the promoted standby never had it. Played here on one server: the
  // event is taken out of the database behind the instances' backs, and another takes its place.
  const seen = await a.request('POST', '/bodies', { token: key.token, body: body('taken-back') });
  expect(seen.status).toBe(201);
  const p = seen.body.position as number;
  for (const instance of [a, b]) {
    const read = await instance.request('GET', `/bodies/taken-back?waitFor=${p}`);
    expect(read.status).toBe(200);
  }
  const database = new URL(url.replace('postgres:', 'http:')).pathname.slice(1);
  server.psql(
    `SET session_replication_role = replica;
     DELETE FROM events WHERE position = ${p};
     DELETE FROM merkle_heads WHERE tree_size >= ${p};
     DELETE FROM merkle_nodes WHERE (idx + 1) * (2 ^ level)::bigint > ${p - 1};`,
    database,
  );
  const kept = await b.request('POST', '/bodies', { token: key.token, body: body('kept') });
  expect(kept.status).toBe(201);
  expect(kept.body.position).toBe(p);

  const store = new PostgresEventStore({ url });
  const log = enablePostgresMerkleLog(store);
  try {
    const root = await log.rootHash(p);
    for (const instance of [a, b]) {
      // The list of bodies is a read model; the checkpoint is the instance's copy of the Merkle log.
      let state = { taken: true, kept: false, checkpoint: { treeSize: 0, rootHash: '' } };
      for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
        const list = JSON.stringify((await instance.request('GET', '/bodies')).body);
        state = {
          taken: list.includes('"taken-back"'),
          kept: list.includes('"kept"'),
          checkpoint: (await instance.request('GET', '/ledger/checkpoint')).body,
        };
        if (!state.taken && state.kept && state.checkpoint.rootHash === root) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect({ instance: instance.name, ...state }).toMatchObject({
        instance: instance.name,
        taken: false,
        kept: true,
        checkpoint: { treeSize: p, rootHash: root },
      });
    }
  } finally {
    await store.close();
  }
});

it('passes `ledger verify` on the database, against a checkpoint `ledger checkpoint` signed too, and fails both, naming the event, once an event is changed behind its back', async () => {
  const ok = await runLedgerCli(url, ['verify']);
  expect(ok.stderr).toMatch(/^OK: \d+ events, tree of \d+ with root [0-9a-f]{64}/m);
  expect(ok.code).toBe(0);
  // A checkpoint of the tree as it stands, signed by `ledger checkpoint`, as an auditor keeps one.
  const { treeSize, rootHash } = JSON.parse(ok.stdout) as { treeSize: number; rootHash: string };
  const keys = generateCheckpointKeys();
  const folder = mkdtempSync(join(tmpdir(), 'ledger-pg-checkpoint-'));
  const checkpointFile = join(folder, 'checkpoint.json');
  const keyFile = join(folder, 'public.pem');
  writeFileSync(join(folder, 'private.pem'), keys.privateKeyPem);
  writeFileSync(keyFile, keys.publicKeyPem);
  const signed = await runLedgerCli(url, ['checkpoint', '--sign-with', join(folder, 'private.pem')]);
  expect(signed.code).toBe(0);
  expect(JSON.parse(signed.stdout)).toMatchObject({ treeSize, rootHash, signature: expect.any(String) });
  writeFileSync(checkpointFile, signed.stdout);
  const held = await runLedgerCli(url, ['verify', '--checkpoint', checkpointFile, '--key', keyFile]);
  expect(held.code).toBe(0);
  expect(JSON.parse(held.stdout)).toMatchObject({
    ok: true,
    checkpoints: [{ treeSize, rootMatches: true, signature: 'valid' }],
  });
  const database = new URL(url.replace('postgres:', 'http:')).pathname.slice(1);
  const [position, id] = server
    .psql('SELECT position, id FROM events ORDER BY position LIMIT 1 OFFSET 2', database)
    .split('|');
  server.psql(
    `ALTER TABLE events DISABLE TRIGGER USER; UPDATE events SET actor = 'someone else' WHERE position = ${position}; ALTER TABLE events ENABLE TRIGGER USER`,
    database,
  );
  const tampered = await runLedgerCli(url, ['verify']);
  expect(tampered.code).not.toBe(0);
  // The same report and way out as a SQLite file's: the finding by code, the first bad event, a restore.
  const report = JSON.parse(tampered.stdout) as { ok: boolean; findings: unknown[] };
  expect(report.ok).toBe(false);
  expect(report.findings[0]).toMatchObject({
    code: 'hash-mismatch',
    event: { position: Number(position), id },
  });
  expect(tampered.stderr).toContain(`first bad event at position ${position} (${id})`);
  expect(tampered.stderr).toMatch(/The way out: The events themselves do not verify .*Restore the ledger/);
  const rewritten = await runLedgerCli(url, ['verify', '--checkpoint', checkpointFile, '--key', keyFile]);
  expect(rewritten.code).not.toBe(0);
  expect(JSON.parse(rewritten.stdout)).toMatchObject({
    ok: false,
    checkpoints: [{ treeSize, rootMatches: false, signature: 'valid' }],
  });
  rmSync(folder, { recursive: true, force: true });
});
