import request from 'supertest';
import { startTestApp } from '../support/test-app';

describe('GET /health', () => {
  let ctx: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => (ctx = await startTestApp()));
  afterAll(async () => ctx.stop());

  it('answers with the store kind and head position', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.info.store).toEqual({ status: 'up', kind: 'sqlite', head: 0 });
  });

  it('echoes a well-formed correlation id and makes one up otherwise', async () => {
    const given = await request(ctx.app.getHttpServer()).get('/health').set('x-correlation-id', 'abc-123');
    expect(given.headers['x-correlation-id']).toBe('abc-123');
    const bad = await request(ctx.app.getHttpServer())
      .get('/health')
      .set('x-correlation-id', 'spaces are not allowed');
    expect(bad.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
