import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { backupLedger, restoreLedger } from '@ledger/cli';
import { verifyLedger } from '@ledger/integrity';
import { startTestApp, type TestApp } from '../support/test-app';

const ROOT = join(__dirname, '../..');
const WRITERS = 16;

/** `ledger <args>` in a process of its own, as cron would run it beside the service. */
function ledger(args: string[], db: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', join(ROOT, 'apps/ledger-cli/src/main.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, LEDGER_DB_PATH: db, LEDGER_STORE: 'sqlite' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('ledger backup and restore, on a running ledger', () => {
  let ctx: TestApp;
  let dir: string;
  beforeAll(async () => {
    ctx = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
  });
  afterAll(async () => {
    await ctx.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a backup taken while 16 writers record over HTTP verifies, restores, and holds every write acknowledged before it started', async () => {
    const acknowledged: string[] = [];
    let stop = false;
    const afterBackup = new Array<number>(WRITERS).fill(0);
    let backupDone = false;
    const writer = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const res = await request(ctx.app.getHttpServer())
          .post('/people')
          .set('authorization', `Bearer ${ctx.tokens.clerk}`)
          .send({
            personId: `writer-${w}-${n}`,
            name: `Writer ${w}, entry ${n}`,
            occurredAt: '2024-05-01',
            source: { kind: 'minutes', reference: `backup test ${w}/${n}` },
          });
        if (res.status !== 201) throw new Error(`writer ${w}: ${res.status} ${res.text}`);
        acknowledged.push(...res.body.events.map((e: { id: string }) => e.id));
        if (backupDone) afterBackup[w] += 1;
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    // Let every writer get going before the backup starts.
    while (acknowledged.length < WRITERS * 4) await new Promise((r) => setTimeout(r, 5));
    const before = [...acknowledged];
    const out = join(dir, 'ledger.backup.db');
    const backup = await ledger(['backup', '--out', out], ctx.config.LEDGER_DB_PATH);
    backupDone = true;
    // The writers were still recording when it finished: each records once more, then stops.
    while (afterBackup.some((n) => n === 0)) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await Promise.all(writers);

    expect([backup.code, backup.stderr]).toEqual([0, expect.stringContaining('verified')]);
    const report = JSON.parse(backup.stdout);
    expect(report.rootHash).toBe(report.sourceRootAtSize);
    expect(report.treeSize).toBeGreaterThanOrEqual(before.length);
    expect(verifyLedger(out)).toMatchObject({ ok: true, eventsChecked: report.treeSize });

    const restored = join(dir, 'restored', 'ledger.db');
    const restore = await ledger(['restore', out], restored);
    expect([restore.code, restore.stderr]).toEqual([0, expect.stringContaining('restored')]);
    const db = new Database(restored, { readonly: true });
    const ids = new Set(
      (db.prepare('SELECT id FROM events').all() as Array<{ id: string }>).map((r) => r.id),
    );
    db.close();
    expect(before.filter((id) => !ids.has(id))).toEqual([]);
    expect(ids.size).toBe(report.treeSize);
    // And the writes after the backup are in the ledger, not lost by it.
    expect(verifyLedger(ctx.config.LEDGER_DB_PATH).eventsChecked).toBeGreaterThanOrEqual(acknowledged.length);
  }, 120_000);

  it('refuses to restore a copy that does not verify, or over an existing ledger, and to back up over a file', async () => {
    const out = join(dir, 'second.backup.db');
    expect(backupLedger(ctx.config.LEDGER_DB_PATH, out).rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(() => backupLedger(ctx.config.LEDGER_DB_PATH, out)).toThrow(
      expect.objectContaining({ code: 'backup-exists' }),
    );

    const tampered = join(dir, 'tampered.db');
    copyFileSync(out, tampered);
    const db = new Database(tampered);
    // Tampering by hand: past the store's append-only trigger, as someone with the file could.
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET data = json_set(data, '$.name', 'Someone else') WHERE position = 3").run();
    db.close();
    const target = join(dir, 'from-tampered.db');
    const refused = await ledger(['restore', tampered], target);
    expect([refused.code, refused.stderr]).toEqual([
      1,
      expect.stringMatching(/does not verify: first bad event at position 3/),
    ]);
    expect(existsSync(target)).toBe(false);

    expect(() => restoreLedger(out, ctx.config.LEDGER_DB_PATH)).toThrow(
      expect.objectContaining({
        code: 'restore-target-exists',
        message: expect.stringContaining('restore never replaces a ledger'),
      }),
    );
  }, 120_000);
});
