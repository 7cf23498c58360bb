import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * What the document says a read takes, it takes: a read's description names `asOf`, `knownAt` or
 * `waitFor` only when the operation declares that parameter (eleven reads said they took all three,
 * and answered 400 "property asOf should not exist"). And every read that takes them says so.
 */
describe('the OpenAPI document on dated reads', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await startTestApp()));
  afterAll(async () => ctx.stop());

  it('names a dated parameter in a read’s description exactly when the read declares it', async () => {
    const doc = (await request(ctx.app.getHttpServer()).get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { description?: string; parameters?: Array<{ name: string }> }>>;
    };
    let reads = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      const get = methods.get;
      if (!get) continue;
      reads += 1;
      const declared = new Set((get.parameters ?? []).map((p) => p.name));
      for (const name of ['asOf', 'knownAt', 'waitFor'])
        expect({ path, name, said: (get.description ?? '').includes(`\`${name}\``) }).toEqual({
          path,
          name,
          said: declared.has(name),
        });
    }
    expect(reads).toBeGreaterThan(30);
  });
});
