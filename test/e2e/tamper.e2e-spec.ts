import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { eventHash, rowToEvent } from '@ledger/event-store';
import { repairLedger, SqliteMerkleLog, verifyLedger } from '@ledger/integrity';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Tampering under a running service (issue 15): dropped append-only triggers, a changed byte in
 * an event, damaged Merkle tables. Each is reported on /ready (and /metrics and
 * /ledger/verification) within a bounded time by the background verifier, and the service then
 * refuses to start on the file with a message that names the event (or the trigger) and the way out.
 * The tampering goes through a connection of its own, as someone with access to the file would.
 */
const source = { kind: 'minutes', reference: 'Minutes, item 1' };
const INTERVAL_MS = 200;
const REPORTED_WITHIN_MS = 10_000;

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = REPORTED_WITHIN_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function tamper(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  try {
    if (params.length > 0) db.prepare(sql).run(...params);
    else db.exec(sql);
  } finally {
    db.close();
  }
}

const noDelete = (table: string) =>
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, 'the Merkle log is append-only'); END;`;

const eventAt = (path: string, position: number) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT id, data FROM events WHERE position = ?').get(position) as {
      id: string;
      data: string;
    };
  } finally {
    db.close();
  }
};

describe('tampering under a running service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let runs = 0;
  // Stopped whatever a test ends with, so that a failure cannot leave a service running.
  const open = new Set<TestApp>();
  afterEach(async () => {
    for (const ctx of open) await ctx.stop().catch(() => undefined);
    open.clear();
  });
  const start = async (overrides: Parameters<typeof startTestApp>[0]) => {
    const ctx = await startTestApp(overrides);
    open.add(ctx);
    return ctx;
  };
  const stop = async (ctx: TestApp) => {
    open.delete(ctx);
    await ctx.stop();
  };

  /** A service on a fresh ledger of 12 events, verified once. */
  async function running(): Promise<{ ctx: TestApp; path: string }> {
    const path = join(dir, `ledger-${(runs += 1)}.db`);
    const ctx = await start({ LEDGER_DB_PATH: path, LEDGER_INTEGRITY_CHECK_INTERVAL_MS: INTERVAL_MS });
    for (let i = 0; i < 12; i++) {
      const res = await request(ctx.app.getHttpServer())
        .post('/people')
        .set('authorization', `Bearer ${ctx.tokens.clerk}`)
        .send({ personId: `person-${i}`, name: `Person ${i}`, occurredAt: '2024-05-01', source });
      expect(res.status).toBe(201);
    }
    await ctx.settle();
    await until('a clean pass over the 12 events', async () => {
      const res = await request(ctx.app.getHttpServer()).get('/ledger/verification');
      return res.body.state === 'ok' && res.body.lastPass.head === 12 ? true : undefined;
    });
    expect((await request(ctx.app.getHttpServer()).get('/ready')).status).toBe(200);
    return { ctx, path };
  }

  /** /ready goes 503 with the integrity check down, naming `names`; /metrics and the verification page agree. */
  async function expectReported(ctx: TestApp, names: RegExp): Promise<void> {
    const ready = await until('/ready reports the tampering', async () => {
      const res = await request(ctx.app.getHttpServer()).get('/ready');
      return res.status === 503 && res.body.details?.integrity?.status === 'down' ? res : undefined;
    });
    expect(ready.body).toMatchObject({
      code: 'service-not-ready',
      details: { integrity: { state: 'tampered' } },
    });
    expect(ready.body.details.integrity.message).toMatch(names);
    expect(ready.body.details.integrity.remedy).toEqual(expect.any(String));
    const metrics = await request(ctx.app.getHttpServer()).get('/metrics');
    expect(metrics.text).toMatch(/^ledger_integrity_ok 0$/m);
    const page = await request(ctx.app.getHttpServer())
      .get('/ledger/verification')
      .set('authorization', `Bearer ${ctx.tokens.auditor}`);
    expect(page.body).toMatchObject({
      state: 'tampered',
      problem: { summary: expect.stringMatching(names) },
    });
    const publicPage = await request(ctx.app.getHttpServer()).get('/ledger/verification');
    expect(publicPage.body.problem).toEqual({
      code: page.body.problem.code,
      problemCount: page.body.problem.problemCount,
    });
    // Nothing is recorded onto a history that does not verify, and no tree head vouches for it.
    const head = (await request(ctx.app.getHttpServer()).get('/ledger/verification')).body.lastPass.head;
    const write = await request(ctx.app.getHttpServer())
      .post('/people')
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .send({ personId: 'after-tampering', name: 'After', occurredAt: '2024-05-01', source });
    expect(write.status).toBe(503);
    expect(write.body).toMatchObject({ code: 'ledger-tampered', detail: expect.stringMatching(names) });
    const checkpoint = await request(ctx.app.getHttpServer()).get('/ledger/checkpoint');
    expect([checkpoint.status, checkpoint.body.code]).toEqual([503, 'ledger-tampered']);
    expect((await request(ctx.app.getHttpServer()).get('/people/after-tampering')).status).toBe(404);
    expect(head).toBeLessThanOrEqual(12);
  }

  /** The service refuses to start on the file, naming `names` and the way out. */
  async function expectRefusedAtStart(path: string, names: RegExp): Promise<void> {
    await expect(startTestApp({ LEDGER_DB_PATH: path })).rejects.toThrow(names);
    await expect(startTestApp({ LEDGER_DB_PATH: path })).rejects.toThrow(/The way out: /);
  }

  it('a dropped append-only trigger', async () => {
    const { ctx, path } = await running();
    tamper(path, 'DROP TRIGGER events_no_update');
    await expectReported(ctx, /events_no_update/);
    await stop(ctx);
    await expectRefusedAtStart(path, /append-only trigger events_no_update is missing/);
    expect(repairLedger(path).after.ok).toBe(true);
    await stop(await start({ LEDGER_DB_PATH: path }));
  });

  it('a changed byte in an event, served as it was until now', async () => {
    const { ctx, path } = await running();
    const { id, data } = eventAt(path, 5);
    tamper(path, 'DROP TRIGGER events_no_update');
    tamper(path, 'UPDATE events SET data = ? WHERE position = 5', data.replace('Person 4', 'Person 5'));
    const named = new RegExp(`event ${id} at position 5 \\(hash-mismatch\\)`);
    await expectReported(ctx, named);
    await stop(ctx);
    await expectRefusedAtStart(path, named);
    // The events themselves do not verify: no repair, a restore.
    expect(() => repairLedger(path)).toThrow(/cannot be repaired in place.*Restore the ledger from a backup/);

    // As a real process, the refusal is a JSON line when LOG_FORMAT=json, and the exit code 1.
    const child = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', resolve(__dirname, '../../apps/ledger-api/src/main.ts')],
      {
        cwd: resolve(__dirname, '../..'),
        env: {
          ...process.env,
          LEDGER_DB_PATH: path,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_FORMAT: 'json',
          LOG_LEVEL: 'info',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.status).toBe(1);
    const lines = child.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; msg?: string });
    expect(lines.find((l) => l.level === 'fatal')?.msg).toMatch(
      new RegExp(`could not start: The ledger .* does not verify.*event ${id} at position 5`),
    );
  });

  it.each([
    // The trigger is put back after, as someone covering their tracks would.
    [
      'a Merkle node the root needs deleted',
      `DROP TRIGGER merkle_nodes_no_delete; DELETE FROM merkle_nodes WHERE level = 3; ${noDelete('merkle_nodes')}`,
      /node-mismatch: Stored Merkle node .* is missing/,
    ],
    [
      // The nodes cover 6 leaves then, so the tree is 7 leaves (the 7th needs no node).
      'merkle_nodes truncated from leaf 6',
      `DROP TRIGGER merkle_nodes_no_delete; DELETE FROM merkle_nodes WHERE (idx << level) >= 6; ${noDelete('merkle_nodes')}`,
      /at position 8 \(leaf-missing\)/,
    ],
    ['merkle_nodes dropped', 'DROP TABLE merkle_nodes', /merkle-log-missing/],
  ])('damaged Merkle tables: %s', async (_what, sql, named) => {
    const { ctx, path } = await running();
    tamper(path, sql);
    await expectReported(ctx, named);
    // No tree head is given over a log that does not verify: a clear problem with the way out.
    const checkpoint = await request(ctx.app.getHttpServer()).get('/ledger/checkpoint');
    expect(checkpoint.body).toMatchObject({
      status: 503,
      code: 'ledger-tampered',
      remedy: expect.stringMatching(/ledger -- repair/),
    });
    await stop(ctx);
    await expectRefusedAtStart(path, named);
    await expect(startTestApp({ LEDGER_DB_PATH: path })).rejects.toThrow(/ledger -- repair/);
    // The way out works: the log is rebuilt from the events, and the service starts and verifies.
    expect(repairLedger(path)).toMatchObject({ repaired: true, after: { ok: true, eventsChecked: 12 } });
    const again = await start({ LEDGER_DB_PATH: path, LEDGER_INTEGRITY_CHECK_INTERVAL_MS: INTERVAL_MS });
    expect((await request(again.app.getHttpServer()).get('/ledger/checkpoint')).body).toMatchObject({
      treeSize: 12,
    });
    await stop(again);
  });

  it('a history rewritten whole (hashes, chain and Merkle log made to match, triggers put back): seen through the last verified root', async () => {
    const { ctx, path } = await running();
    const handedOut = (await request(ctx.app.getHttpServer()).get('/ledger/checkpoint')).body as {
      treeSize: number;
      rootHash: string;
    };
    const db = new Database(path);
    const triggers = db
      .prepare(
        `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('events_no_update', 'merkle_nodes_no_delete')`,
      )
      .pluck()
      .all() as string[];
    db.exec('DROP TRIGGER events_no_update; DROP TRIGGER merkle_nodes_no_delete');
    const row = db.prepare(`SELECT * FROM events WHERE stream = 'person-person-3'`).get() as Parameters<
      typeof rowToEvent
    >[0];
    const forged = rowToEvent(row);
    forged.data = { ...(forged.data as object), name: 'Somebody Else' };
    forged.hash = eventHash(forged);
    db.prepare('UPDATE events SET data = ?, hash = ? WHERE id = ?').run(
      JSON.stringify(forged.data),
      forged.hash,
      forged.id,
    );
    db.exec('DELETE FROM merkle_nodes');
    new SqliteMerkleLog(db).catchUpFromEventsTable();
    for (const sql of triggers) db.exec(sql);
    db.close();
    // Every check inside the file holds now: only a root known from before can tell.
    expect(verifyLedger(path).ok).toBe(true);
    await expectReported(ctx, /checkpoint-root-mismatch|The checkpoint of 12 leaves has root/);
    // The root the service handed out is the one that no longer holds.
    expect(handedOut.treeSize).toBe(12);
    expect(verifyLedger(path, { checkpoints: [handedOut] }).ok).toBe(false);
  });
});
