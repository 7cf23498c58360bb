import { createHash } from 'node:crypto';
import request from 'supertest';
import { OpenApiClient } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { kind: 'minutes', reference: 'documents test' };
const REPORT = Buffer.from('%PDF-1.4 the precept report');
const ANNEX = Buffer.from('CANARYannexcontent: the contract terms');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Documents recorded by hash and size, their content uploaded beside the ledger and served only to those who may see them. */
describe('documents over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const server = () => ctx.app.getHttpServer();
  const record = (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    client.call(operationId, { params, body: { ...body, source }, token: ctx.tokens.clerk });
  const ok = async (operationId: string, params: Record<string, string>, body: Record<string, unknown>) => {
    const res = await record(operationId, params, body);
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const doc = (documentId: string, content: Buffer, extra: Record<string, unknown>) => ({
    documentId,
    title: `Document ${documentId}`,
    kind: 'report',
    mediaType: 'application/pdf',
    sha256: sha(content),
    size: content.length,
    publishedAt: '2013-01-30',
    visibility: 'public',
    meetingId: 'pcp',
    occurredAt: '2013-01-30',
    ...extra,
  });
  const upload = (documentId: string, content: Buffer, token: string | null = ctx.tokens.clerk) => {
    const req = request(server())
      .put(`/documents/${documentId}/content`)
      .set('content-type', 'application/octet-stream');
    return (token ? req.set('authorization', `Bearer ${token}`) : req).send(content);
  };

  beforeAll(async () => {
    ctx = await startTestApp({ LEDGER_DOCUMENT_MAX_BYTES: 64 });
    client = await OpenApiClient.generate(ctx.app);
    await ok(
      'registerBody',
      {},
      {
        bodyId: 'panel',
        name: 'Panel',
        classification: 'committee',
        powers: 'decides',
        foundingDate: '2012-11-01',
        occurredAt: '2012-11-01',
      },
    );
    await ok(
      'scheduleMeeting',
      {},
      {
        meetingId: 'pcp',
        title: 'Panel',
        bodyIds: ['panel'],
        scheduledFor: '2013-02-07',
        public: true,
        occurredAt: '2013-01-10',
      },
    );
    await ok(
      'addAgendaItem',
      { meetingId: 'pcp' },
      { itemId: 'item-5', title: 'The precept', exempt: false, occurredAt: '2013-01-20' },
    );
    await ok(
      'addAgendaItem',
      { meetingId: 'pcp' },
      {
        itemId: 'item-7',
        title: 'CANARYitem',
        exempt: true,
        exemptionReason: 'Paragraph 3',
        occurredAt: '2013-01-20',
      },
    );
    await ok('recordDocument', {}, doc('report', REPORT, { itemId: 'item-5' }));
    await ok(
      'recordDocument',
      {},
      doc('annex', ANNEX, {
        kind: 'annex',
        itemId: 'item-7',
        visibility: 'exempt',
        exemptParagraph: 3,
        title: 'CANARYannex',
      }),
    );
    await ctx.settle();
  });
  afterAll(async () => ctx.stop());

  it('refuses a public document of an exempt item, and an exempt one without its paragraph', async () => {
    const open = await record('recordDocument', {}, doc('leak', REPORT, { itemId: 'item-7' }));
    expect(open.status).toBe(422);
    expect(open.body.type).toBe('/problems/document-must-be-exempt');
    const noParagraph = await record('recordDocument', {}, doc('vague', REPORT, { visibility: 'exempt' }));
    expect(noParagraph.status).toBe(422);
    expect(noParagraph.body.type).toBe('/problems/schedule-12a-paragraph');
  });

  it('keeps only content with the recorded hash and size, and serves it to the public', async () => {
    // Read, and read again (the second may be answered from what is kept for the public), before
    // the upload: an upload writes no event, and the next read must see the content stored.
    const before = () => request(server()).get('/documents/report');
    expect((await before()).body.contentStored).toBe(false);
    expect((await before()).body.contentStored).toBe(false);
    const wrong = await upload('report', Buffer.from('%PDF-1.4 another report!!!'));
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('content-mismatch');
    expect(wrong.body.detail).toContain(sha(REPORT));
    expect((await request(server()).get('/documents/report/content')).status).toBe(404);
    const right = await upload('report', REPORT);
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ documentId: 'report', sha256: sha(REPORT), contentStored: true });
    expect((await before()).body.contentStored).toBe(true);
    const served = await request(server()).get('/documents/report/content').buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers.etag).toBe(`"${sha(REPORT)}"`);
    expect(Buffer.from(served.body as Buffer).equals(REPORT)).toBe(true);
    const read = await client.call('getDocument', { params: { documentId: 'report' } });
    expect(read.body).toMatchObject({
      kind: 'report',
      mediaType: 'application/pdf',
      size: REPORT.length,
      itemId: 'item-5',
      contentStored: true,
    });
  });

  it('never shows the public an exempt document or its content; an auditor sees both', async () => {
    expect((await upload('annex', ANNEX)).status).toBe(200);
    expect((await client.call('getDocument', { params: { documentId: 'annex' } })).status).toBe(404);
    const content = await request(server()).get('/documents/annex/content');
    expect(content.status).toBe(404);
    expect(content.text).not.toContain('CANARY');
    const meeting = await client.call('getMeeting', { params: { meetingId: 'pcp' } });
    expect(meeting.body.documents.map((d: { documentId: string }) => d.documentId)).toEqual(['report']);
    expect(JSON.stringify(meeting.body)).not.toContain('CANARY');
    const auditor = await client.call('getDocument', {
      params: { documentId: 'annex' },
      token: ctx.tokens.auditor,
    });
    expect(auditor.body).toMatchObject({ visibility: 'exempt', exemptParagraph: 3, contentStored: true });
    const auditorContent = await request(server())
      .get('/documents/annex/content')
      .set('authorization', `Bearer ${ctx.tokens.auditor}`)
      .buffer(true);
    expect(Buffer.from(auditorContent.body as Buffer).equals(ANNEX)).toBe(true);
  });

  it('takes raw bytes only on the content route, only from a clerk, and only up to LEDGER_DOCUMENT_MAX_BYTES', async () => {
    expect((await upload('report', REPORT, null)).status).toBe(401);
    expect((await upload('report', REPORT, ctx.tokens.auditor)).status).toBe(403);
    expect((await upload('report', Buffer.alloc(65))).status).toBe(413);
    const elsewhere = await request(server())
      .post('/meetings')
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .set('content-type', 'application/octet-stream')
      .send(Buffer.from('{}'));
    expect(elsewhere.status).toBe(415);
    expect((await upload('ghost', REPORT)).status).toBe(404);
  });
});
