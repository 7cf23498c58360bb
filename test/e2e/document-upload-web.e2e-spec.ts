import { createHash } from 'node:crypto';
import request from 'supertest';
import { OpenApiClient } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { consoleSession } from '../support/console-session';

const CONTENT = Buffer.from('%PDF-1.4 the notice of the meeting');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The console's upload form: only a signed-in clerk's, only with its CSRF token; nothing kept otherwise. */
describe("the console's document upload route", () => {
  let ctx: TestApp;
  const server = () => ctx.app.getHttpServer();
  /** A browser's session: its cookies and a CSRF token from a page with a form. */
  const session = (token?: string) => consoleSession(ctx.app, token);
  const post = (agent: ReturnType<typeof request.agent>, fields: Record<string, string>) => {
    const req = agent.post('/console/documents/upload');
    for (const [name, value] of Object.entries(fields)) void req.field(name, value);
    return req.attach('content', CONTENT, { filename: 'notice.pdf', contentType: 'application/pdf' });
  };
  const stored = async () =>
    (await request(server()).get('/documents/notice').set('authorization', `Bearer ${ctx.tokens.clerk}`)).body
      .contentStored as boolean;

  beforeAll(async () => {
    ctx = await startTestApp({ LEDGER_DOCUMENT_MAX_BYTES: 40 });
    const client = await OpenApiClient.generate(ctx.app);
    const res = await client.call('recordDocument', {
      body: {
        documentId: 'notice',
        title: 'Notice of meeting',
        kind: 'agenda',
        mediaType: 'application/pdf',
        sha256: sha(CONTENT),
        size: CONTENT.length,
        publishedAt: '2013-01-30',
        visibility: 'public',
        occurredAt: '2013-01-30',
        source: { kind: 'minutes', reference: 'upload route test' },
      },
      token: ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  });
  afterAll(() => ctx?.stop());

  it('refuses the public, with its CSRF token and the right file, and keeps nothing', async () => {
    const { agent, csrf } = await session();
    const res = await post(agent, { _csrf: csrf, documentId: 'notice' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('You are not signed in');
    expect(await stored()).toBe(false);
  });

  it("refuses a clerk's upload without its CSRF token, and keeps nothing", async () => {
    const { agent } = await session(ctx.tokens.clerk);
    const res = await post(agent, { documentId: 'notice' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('without its security token');
    expect(await stored()).toBe(false);
  });

  it('refuses a file larger than LEDGER_DOCUMENT_MAX_BYTES, naming the limit, and keeps nothing', async () => {
    const { agent, csrf } = await session(ctx.tokens.clerk);
    const res = await agent
      .post('/console/documents/upload')
      .field('_csrf', csrf)
      .field('documentId', 'notice')
      .attach('content', Buffer.alloc(41, 'x'), 'big.pdf');
    expect(res.status).toBe(400);
    expect(res.text).toContain('The file is larger than the ledger accepts (40 bytes)');
    expect(await stored()).toBe(false);
  });

  it("keeps a clerk's upload with its token, and the JSON API still refuses multipart bodies", async () => {
    const { agent, csrf } = await session(ctx.tokens.clerk);
    const res = await post(agent, { _csrf: csrf, documentId: 'notice' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(sha(CONTENT));
    expect(await stored()).toBe(true);
    const api = await request(server())
      .put('/documents/notice/content')
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .attach('content', CONTENT, 'notice.pdf');
    expect(api.status).toBe(415);
  });
});
