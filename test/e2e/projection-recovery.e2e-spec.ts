import request from 'supertest';
import { ProjectionService } from '@ledger/projections';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The read models stopped for good after one failed write (issue 15): now a failed page is
 * retried with back-off and the projection resumes by itself; /ready says why it is down
 * (problem+json with every check's details); /health fails once it has stalled for too long.
 * The read models' disk is filled with SQLite's max_page_count on their own connection.
 */
const source = { kind: 'minutes', reference: 'Minutes, item 1' };

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function fillReadModelDisk(ctx: TestApp): () => void {
  const db = ctx.app.get(ProjectionService).readModels.db;
  // Pages on the free list would still take writes: none are left to take.
  db.exec('VACUUM');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  return () => db.pragma('max_page_count = 1073741823');
}

describe('the live projection after a failed write', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await startTestApp({ LEDGER_PROJECTION_STALLED_AFTER_MS: 1500 })));
  afterAll(async () => ctx.stop());
  const server = () => ctx.app.getHttpServer();
  const audit = (personId: string) =>
    request(server()).get(`/audit/person/${personId}`).set('authorization', `Bearer ${ctx.tokens.auditor}`);
  const record = (personId: string) =>
    request(server())
      .post('/people')
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .send({
        personId,
        name: `Person ${personId} ${'n'.repeat(400)}`,
        honorificPrefix: 'p'.repeat(500),
        givenName: 'g'.repeat(500),
        familyName: 'f'.repeat(500),
        occurredAt: '2024-05-01',
        source,
      });

  it('retries with back-off, reports why on /ready, fails /health once stalled, and resumes by itself when space returns', async () => {
    expect((await record('before-full')).status).toBe(201);
    await ctx.settle();
    const freeSpace = fillReadModelDisk(ctx);

    // Writes go on (the ledger is another file); the read models cannot take them.
    for (let i = 0; i < 20; i++) expect((await record(`while-full-${i}`)).status).toBe(201);
    const notReady = await until('/ready is 503 with the failure', async () => {
      const res = await request(server()).get('/ready');
      return res.status === 503 && res.body.details?.projections?.failure ? res : undefined;
    });
    expect(notReady.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notReady.body).toMatchObject({ code: 'service-not-ready', status: 503 });
    expect(notReady.body.detail).toMatch(/projections \(database or disk is full\)/);
    expect(notReady.body.details.projections).toMatchObject({
      status: 'down',
      state: 'retrying',
      failure: { message: 'database or disk is full', attempts: expect.any(Number) },
    });
    expect(notReady.body.details.store).toMatchObject({ status: 'up' });
    expect((await audit('while-full-19')).status).toBe(404);
    // Still alive while retrying...
    expect((await request(server()).get('/health')).status).toBe(200);
    // ...until it has been failing longer than LEDGER_PROJECTION_STALLED_AFTER_MS (1.5 s here).
    const unhealthy = await until('/health is 503', async () => {
      const res = await request(server()).get('/health');
      return res.status === 503 ? res : undefined;
    });
    expect(unhealthy.body).toMatchObject({
      code: 'service-unhealthy',
      details: { projections: { status: 'down', state: 'stopped' } },
    });

    freeSpace();
    await until('the projection has caught up', async () =>
      (await request(server()).get('/ready')).status === 200 ? true : undefined,
    );
    expect((await request(server()).get('/health')).status).toBe(200);
    await ctx.settle();
    // Every person recorded while full is there, once: nothing was lost or applied twice.
    for (let i = 0; i < 20; i++) {
      const res = await audit(`while-full-${i}`);
      expect([i, res.status, JSON.stringify(res.body).match(/PersonRegistered/g)?.length]).toEqual([
        i,
        200,
        1,
      ]);
    }
    const status = await ctx.app.get(ProjectionService).status();
    expect(status).toMatchObject({ state: 'live', lag: 0 });
    expect(status.failure).toBeUndefined();
  });
});
