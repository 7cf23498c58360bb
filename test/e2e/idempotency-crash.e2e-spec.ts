import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * An Idempotency-Key's fingerprint is committed with its events, in the ledger file itself.
 * Before, it was written after the append, in another file (`<db>.read/idempotency.db`): a crash
 * between the two let another body under the same key be answered as a replay of the first
 * (201, replayed: true), and the first body then be refused (422). Here the other file is lost
 * whole (as a crash between the writes would lose its row) and the service restarted.
 */
const source = { kind: 'minutes', reference: 'Minutes, item 1' };

describe('Idempotency-Key across a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-idem-'));
  const dbPath = join(dir, 'ledger.db');
  let ctx: TestApp;
  afterAll(async () => {
    await ctx?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const post = (body: object, key: string) =>
    request(ctx.app.getHttpServer())
      .post('/people')
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .set('idempotency-key', key)
      .send(body);

  it('refuses another body under the key after a restart that lost everything but the ledger, and replays the first', async () => {
    const first = { personId: 'jane-doe', name: 'Jane Doe', occurredAt: '2024-05-01', source };
    ctx = await startTestApp({ LEDGER_DB_PATH: dbPath });
    const created = await post(first, 'key-1');
    expect(created.status).toBe(201);
    expect(created.body.replayed).toBe(false);
    await ctx.stop();
    rmSync(`${dbPath}.read`, { recursive: true, force: true });

    ctx = await startTestApp({ LEDGER_DB_PATH: dbPath });
    const other = await post({ ...first, name: 'Somebody Else', occurredAt: '2024-05-02' }, 'key-1');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'idempotency-key-reused',
      type: '/problems/idempotency-key-reused',
    });
    const again = await post(first, 'key-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The retry answers as the first did, and says it is a replay.
    expect(again.body).toEqual({ ...created.body, replayed: true });
    expect(await ctx.store.head()).toBe(1);
  });

  it('answers a retry on the same instance replayed: true, as the header says', async () => {
    const body = { personId: 'john-doe', name: 'John Doe', occurredAt: '2024-05-01', source };
    const created = await post(body, 'key-2');
    const retry = await post(body, 'key-2');
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual({ ...created.body, replayed: true });
  });

  it('refuses two different bodies racing under one key: one is recorded, the other 422', async () => {
    const bodies = [0, 1, 2, 3].map((i) => ({
      personId: `racer-${i}`,
      name: `Racer ${i}`,
      occurredAt: '2024-05-01',
      source,
    }));
    const head = await ctx.store.head();
    const answers = await Promise.all(bodies.map((b) => post(b, 'key-race')));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422, 422]);
    expect(await ctx.store.head()).toBe(head + 1);
  });
});
