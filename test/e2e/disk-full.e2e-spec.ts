import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqliteEventStore } from '@ledger/event-store';
import { verifyLedger } from '@ledger/integrity';
import { ProjectionService } from '@ledger/projections';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The disk fills up under the service: writes are refused with a problem+json (nothing written),
 * nothing acknowledged is lost, and once space returns, writes and the read models resume without
 * a restart. On a 4 MiB tmpfs when the test runs as root and may mount one (the disk really
 * fills: a filler file takes what is left); otherwise SQLite's max_page_count caps both files.
 */
const source = { kind: 'minutes', reference: 'Minutes, item 1' };

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Fills the disk and gives the space back: a tmpfs and a filler file, or page limits on the connections. */
interface DiskFiller {
  kind: 'tmpfs' | 'max_page_count';
  fill(): void;
  free(): void;
  dispose(): void;
}

/** DISK_FULL_MODE=max_page_count runs the fallback where a tmpfs could be mounted. */
function tmpfsAt(dir: string): boolean {
  if (process.getuid?.() !== 0 || process.env.DISK_FULL_MODE === 'max_page_count') return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function fillerFor(dir: string, mounted: boolean, ctx: () => TestApp): DiskFiller {
  const filler = join(dir, 'filler');
  if (mounted) {
    return {
      kind: 'tmpfs',
      fill() {
        const fd = openSync(filler, 'w');
        const block = Buffer.alloc(16 * 1024, 1);
        try {
          for (;;) writeSync(fd, block);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        } finally {
          closeSync(fd);
        }
      },
      free: () => rmSync(filler, { force: true }),
      dispose: () => execFileSync('umount', ['-l', dir], { stdio: 'ignore' }),
    };
  }
  const connections = () => [
    (ctx().store as SqliteEventStore).db,
    ctx().app.get(ProjectionService).readModels.db,
  ];
  return {
    kind: 'max_page_count',
    fill() {
      for (const db of connections())
        db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    },
    free() {
      for (const db of connections()) db.pragma('max_page_count = 1073741823');
    },
    dispose: () => undefined,
  };
}

describe('disk full', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-full-'));
  const mounted = tmpfsAt(dir);
  let ctx: TestApp;
  let disk: DiskFiller;
  beforeAll(async () => {
    ctx = await startTestApp({ LEDGER_DB_PATH: join(dir, 'ledger.db') });
    disk = fillerFor(dir, mounted, () => ctx);
  });
  afterAll(async () => {
    await ctx?.stop();
    disk?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const server = () => ctx.app.getHttpServer();
  const record = (personId: string) =>
    request(server())
      .post('/people')
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .send({
        personId,
        name: `Person ${personId} ${'n'.repeat(400)}`,
        givenName: 'g'.repeat(500),
        familyName: 'f'.repeat(500),
        occurredAt: '2024-05-01',
        source,
      });
  const audit = (personId: string) =>
    request(server()).get(`/audit/person/${personId}`).set('authorization', `Bearer ${ctx.tokens.auditor}`);

  it('refuses writes with a problem+json while full, loses nothing acknowledged, and resumes writes and read models when space returns', async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 10; i++) {
      expect((await record(`before-${i}`)).status).toBe(201);
      acknowledged.push(`before-${i}`);
    }
    await ctx.settle();
    disk.fill();

    // Writes go on until the disk refuses them; each refusal is a clear problem, nothing half-written.
    let refused: request.Response | undefined;
    for (let i = 0; i < 2000 && !refused; i++) {
      const res = await record(`while-full-${i}`);
      if (res.status === 201) acknowledged.push(`while-full-${i}`);
      else refused = res;
    }
    expect(refused).toBeDefined();
    expect(refused!.status).toBe(507);
    expect(refused!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused!.body).toMatchObject({
      code: 'storage-full',
      type: '/problems/storage-full',
      detail: expect.stringMatching(/nothing was written/),
    });
    const head = await ctx.store.head();
    expect((await record('refused-again')).status).toBe(507);
    expect(await ctx.store.head()).toBe(head);

    disk.free();
    // Writes resume at once, and the read models catch up by themselves: no restart.
    expect((await record('after-space-returns')).status).toBe(201);
    acknowledged.push('after-space-returns');
    await until('/ready is 200 again', async () =>
      (await request(server()).get('/ready')).status === 200 ? true : undefined,
    );
    await ctx.settle();
    for (const personId of acknowledged)
      expect([personId, (await audit(personId)).status]).toEqual([personId, 200]);
    expect((await audit('refused-again')).status).toBe(404);
    console.log(
      `disk full (${disk.kind}): ${acknowledged.length} acknowledged, all readable; refused at head ${head}`,
    );

    await ctx.stop();
    const report = verifyLedger(join(dir, 'ledger.db'));
    expect(report).toMatchObject({ ok: true, eventsChecked: acknowledged.length });
    ctx = await startTestApp({ LEDGER_DB_PATH: join(dir, 'ledger.db') });
  });
});
