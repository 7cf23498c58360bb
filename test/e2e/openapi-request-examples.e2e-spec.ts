import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * What an integrator reads in the document for a write, the service does: every write's whole
 * request example (URL and body) is sent to the service, on its SQLite file, and none is refused
 * as invalid; the answers no decorator names (408, 507) are listed where the server gives them;
 * and a 422 lists the problem types that operation can answer, not every one the service has.
 */

type Example = { summary?: string; value?: unknown };
type Media = { schema?: { $ref?: string }; examples?: Record<string, Example> };
type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string; example?: unknown }>;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>> };

/** The reports the examples quote, beside the repository as CI lays it out (never copied in). */
const SEEDS = resolve(__dirname, '../../../shared/seeds');

const operationsOf = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method, path, op })),
  );
/** The writes of a command: every operation that takes a JSON body. */
const writesOf = (doc: Doc) =>
  operationsOf(doc).filter(
    ({ method, op }) => method !== 'get' && op.requestBody?.content['application/json'],
  );
const exampleOf = (op: Operation) =>
  Object.values(op.requestBody?.content['application/json'].examples ?? {});
/** The URL an integrator would call, from the path parameters' examples. */
const urlOf = (path: string, op: Operation) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(op.parameters?.find((p) => p.in === 'path' && p.name === name)?.example)),
  );
const problemCodes = (op: Operation, status: string) =>
  Object.keys(op.responses[status]?.content?.['application/problem+json']?.examples ?? {});

describe('the OpenAPI document on writes', () => {
  let ctx: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    ctx = await startTestApp();
    doc = (await request(ctx.app.getHttpServer()).get('/openapi.json').expect(200)).body;
  });
  afterAll(async () => ctx?.stop());

  it('gives every write one whole request: a named body example and an example for each path parameter', () => {
    const writes = writesOf(doc);
    expect(writes).toHaveLength(42);
    for (const { op } of writes) {
      const examples = exampleOf(op);
      expect({ op: op.operationId, examples: examples.length }).toEqual({ op: op.operationId, examples: 1 });
      expect(examples[0]).toEqual({ summary: expect.any(String), value: expect.any(Object) });
      const pathParameters = (op.parameters ?? []).filter((p) => p.in === 'path');
      for (const p of pathParameters)
        expect({ op: op.operationId, [p.name]: typeof p.example }).toEqual({
          op: op.operationId,
          [p.name]: 'string',
        });
      // The path's fields are in the URL only: the body refuses them (they are not its fields).
      for (const p of pathParameters) expect(examples[0].value).not.toHaveProperty(p.name);
    }
  });

  it("sends every write's example through the service's own validation: none is refused as invalid", async () => {
    const refused: unknown[] = [];
    const statuses = new Set<number>();
    for (const { path, op } of writesOf(doc)) {
      const res = await request(ctx.app.getHttpServer())
        .post(urlOf(path, op))
        .set('authorization', `Bearer ${ctx.tokens.clerk}`)
        .send(exampleOf(op)[0].value as object);
      statuses.add(res.status);
      // A ledger that lacks what an example names answers with the rule of the domain that refused
      // it (404, 409 or 422, with its `rule`): the example had passed validation, which comes first.
      // 400 (validation-failed), 413 or 415 would be the example's own fault.
      if (res.status !== 201 && typeof res.body.rule !== 'string')
        refused.push({
          op: op.operationId,
          status: res.status,
          code: res.body.code,
          errors: res.body.errors,
        });
    }
    expect(refused).toEqual([]);
    expect(statuses).toContain(201);
  });

  it('would see a refusal: the same example with a field the command does not have answers 400', async () => {
    const write = writesOf(doc).find(({ op }) => op.operationId === 'registerPerson');
    const res = await request(ctx.app.getHttpServer())
      .post(write!.path)
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .send({ ...(exampleOf(write!.op)[0].value as object), personId: 'sally-chidzoy', nickname: 'x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation-failed' });
  });

  const reports = existsSync(SEEDS)
    ? readdirSync(SEEDS)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(join(SEEDS, f), 'utf8'))
    : [];
  (reports.length > 0 ? it : it.skip)(
    `quotes the reports in ${SEEDS} word for word in every example that cites one`,
    () => {
      const quotes = writesOf(doc).flatMap(({ op }) => {
        const { source, sources = [] } = exampleOf(op)[0].value as {
          source?: { kind: string; quote?: string };
          sources?: Array<{ kind: string; quote?: string }>;
        };
        return [...(source ? [source] : []), ...sources]
          .filter((s) => s.kind === 'news-report' || s.kind === 'clerk-check')
          .map((s) => ({ op: op.operationId, quote: s.quote }));
      });
      expect(quotes.length).toBeGreaterThan(20);
      const unfound = quotes.filter(({ quote }) => !quote || !reports.some((text) => text.includes(quote)));
      expect(unfound).toEqual([]);
    },
  );

  it('lists 408 on every operation and 507 on every write, as problem+json with their problem types', () => {
    const writes = new Set(writesOf(doc).map(({ op }) => op.operationId));
    const missing: string[] = [];
    for (const { op } of operationsOf(doc)) {
      const expected: Array<[string, string]> = [['408', 'request-timeout']];
      if (writes.has(op.operationId)) expected.push(['507', 'storage-full']);
      for (const [status, code] of expected) {
        const media = op.responses[status]?.content?.['application/problem+json'];
        if (
          media?.schema?.$ref !== '#/components/schemas/ProblemDto' ||
          !problemCodes(op, status).includes(code)
        )
          missing.push(`${op.operationId} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("lists on a write's 422 the domain's rules and a reused key, and on a content upload only a content mismatch", () => {
    for (const { op } of writesOf(doc)) {
      const codes = problemCodes(op, '422');
      expect([op.operationId, codes]).toEqual([
        op.operationId,
        expect.arrayContaining(['proposal-closed', 'meeting-inquorate', 'idempotency-key-reused']),
      ]);
      expect([op.operationId, codes]).not.toEqual([
        op.operationId,
        expect.arrayContaining(['content-mismatch']),
      ]);
    }
    const upload = doc.paths['/documents/{documentId}/content'].put;
    expect(problemCodes(upload, '422')).toEqual(['content-mismatch']);
    expect(upload.responses['422'].description).toMatch(/SHA-256 or size/);
  });
});

describe('the 408 the document lists on a read', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await startTestApp({ LEDGER_REQUEST_TIMEOUT_MS: 1000 })));
  afterAll(async () => ctx?.stop());

  it('is what a read whose headers never finish arriving gets, as problem+json', async () => {
    await ctx.app.listen(0, '127.0.0.1');
    const { port } = ctx.app.getHttpServer().address() as { port: number };
    const answer = await new Promise<string>((done) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /bodies HTTP/1.1\r\nhost: x\r\n'));
      let text = '';
      const timer = setTimeout(() => socket.destroy(), 10_000);
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => {
        clearTimeout(timer);
        done(text);
      });
      socket.on('error', () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(answer).toMatch(/"code":"request-timeout"/);
  });
});
