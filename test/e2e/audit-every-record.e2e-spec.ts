import { DECIDERS } from '@ledger/domain';
import { OpenApiClient, type CallResult } from '../support/openapi-client';
import { recordPreceptDecision, schedulePanelMeetings } from '../support/precept-decision';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { kind: 'minutes', reference: 'audit every record test' };
const CANARY = 'CANARYaudit';

/**
 * `/audit/{entity}/{id}` and its CSV take every kind of record the ledger keeps: a document, a
 * question and a review as much as a proposal. An auditor reads who recorded what, when, on what
 * source and what corrected it; the public reads a public one, and an exempt or private one
 * answers it exactly as an id never recorded does.
 */
describe('the audit trail of documents, questions and reviews over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const ok = async (operationId: string, params: Record<string, string>, body: Record<string, unknown>) => {
    const res = await client.call(operationId, {
      params,
      body: { ...body, source },
      token: ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.events as Array<{ id: string }>)[0].id;
  };
  const correct = (stream: string, eventId: string, changes: Record<string, unknown>) =>
    ok(
      'correctEvent',
      {},
      { stream, eventId, reason: `${stream} misrecorded`, changes, occurredAt: '2013-03-10' },
    );
  const audit = (
    operationId: 'getAuditTrail' | 'getAuditTrailCsv',
    entity: string,
    id: string,
    token?: string,
  ) => client.call(operationId, { params: { entity, id }, ...(token ? { token } : {}) });
  /** What an answer tells its reader, its id put as `<id>`: a withheld record must tell no more than a missing one. */
  const told = (res: CallResult, id: string) => ({
    status: res.status,
    contentType: res.headers['content-type'],
    cacheControl: res.headers['cache-control'],
    body: res.text.replaceAll(id, '<id>'),
  });
  const document = (documentId: string, extra: Record<string, unknown>) => ({
    documentId,
    title: `Document ${documentId}`,
    kind: 'report',
    mediaType: 'application/pdf',
    sha256: 'd'.repeat(64),
    size: 10,
    publishedAt: '2013-01-30',
    visibility: 'public',
    meetingId: 'pcp',
    occurredAt: '2013-01-30',
    ...extra,
  });
  const review = (reviewId: string, meetingId: string, findings: string) => ({
    reviewId,
    panelBodyId: 'panel',
    proposalId: 'precept',
    decisionId: 'd1',
    meetingId,
    findings,
    occurredAt: '2013-02-07T11:00:00Z',
  });
  const question = (questionId: string, meetingId: string, text: string) => ({
    questionId,
    meetingId,
    askedBy: 'A resident',
    askedOn: '2013-01-31',
    toBodyId: 'pcc',
    question: text,
    occurredAt: '2013-02-07',
  });
  const corrected: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordPreceptDecision(ok);
    await schedulePanelMeetings(ok);
    corrected.document = await ok('recordDocument', {}, document('report', {}));
    await ok(
      'recordDocument',
      {},
      document('exempt-annex', { title: `${CANARY} annex`, visibility: 'exempt', exemptParagraph: 3 }),
    );
    corrected.question = await ok('askPublicQuestion', {}, question('q1', 'pcp', 'How much is the rise?'));
    await ok(
      'answerPublicQuestion',
      { questionId: 'q1' },
      { answeredBy: 'david-lloyd', answer: 'Two per cent.', occurredAt: '2013-02-07T10:30:00Z' },
    );
    await ok('askPublicQuestion', {}, question('private-q', 'pcp-private', `${CANARY} question`));
    corrected.review = await ok('reviewDecision', {}, review('rv1', 'pcp', 'The rise is justified.'));
    await ok(
      'makeScrutinyRecommendation',
      { reviewId: 'rv1' },
      { recommendationId: 'r1', text: 'Publish the budget lines.', occurredAt: '2013-02-07T11:00:00Z' },
    );
    await ok('reviewDecision', {}, review('private-rv', 'pcp-private', `${CANARY} findings`));
    await correct('document-report', corrected.document, { title: 'The precept report' });
    await correct('question-q1', corrected.question, { question: 'How much will the precept rise?' });
    await correct('review-rv1', corrected.review, { findings: 'The rise is justified in part.' });
    await ctx.settle();
  });
  afterAll(async () => ctx?.stop());

  const trails = [
    ['document', 'report', ['DocumentRecorded', 'EventCorrected'], { title: 'The precept report' }],
    [
      'question',
      'q1',
      ['PublicQuestionAsked', 'PublicQuestionAnswered', 'EventCorrected'],
      { question: 'How much will the precept rise?' },
    ],
    [
      'review',
      'rv1',
      ['DecisionReviewed', 'ScrutinyRecommendationMade', 'EventCorrected'],
      { findings: 'The rise is justified in part.' },
    ],
  ] as const;

  it.each(trails)(
    'shows an auditor the whole trail of a %s: who recorded it, when, on what source, and what corrected it',
    async (entity, id, types, changes) => {
      const res = await audit('getAuditTrail', entity, id, ctx.tokens.auditor);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ entity, id });
      const items = res.body.items as any[];
      expect(items.map((e) => e.type)).toEqual(types);
      for (const e of items) {
        expect(e).toMatchObject({ recordedBy: 'clerk:test-clerk', source: expect.objectContaining(source) });
        expect(e.recordedAt).toEqual(expect.any(String));
      }
      expect(items[0].eventId).toBe(corrected[entity]);
      expect(items[0].correctedBy).toEqual([
        expect.objectContaining({
          type: 'EventCorrected',
          recordedBy: 'clerk:test-clerk',
          data: expect.objectContaining({
            eventId: corrected[entity],
            reason: `${entity}-${id} misrecorded`,
            changes,
          }),
        }),
      ]);
      const csv = await audit('getAuditTrailCsv', entity, id, ctx.tokens.auditor);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain(`${entity}-${id} misrecorded`);
      expect(csv.text).toContain('clerk:test-clerk');
    },
  );

  it.each(trails)(
    'shows the public a public %s, with its correction, never who recorded it',
    async (entity, id, types) => {
      const res = await audit('getAuditTrail', entity, id);
      expect(res.status).toBe(200);
      const items = res.body.items as any[];
      expect(items.map((e) => e.type)).toEqual(types);
      expect(items[0].correctedBy).toHaveLength(1);
      expect(res.text).not.toContain('clerk:test-clerk');
      expect((await audit('getAuditTrailCsv', entity, id)).status).toBe(200);
    },
  );

  it.each([
    ['document', 'exempt-annex'],
    ['question', 'private-q'],
    ['review', 'private-rv'],
  ])(
    'answers the public for an exempt or private %s exactly as for an id never recorded',
    async (entity, id) => {
      for (const operationId of ['getAuditTrail', 'getAuditTrailCsv'] as const) {
        const withheld = await audit(operationId, entity, id);
        const missing = await audit(operationId, entity, 'never-recorded');
        expect(withheld.status).toBe(404);
        expect(told(withheld, id)).toEqual(told(missing, 'never-recorded'));
        expect(withheld.text).not.toContain(CANARY);
        const audited = await audit(operationId, entity, id, ctx.tokens.auditor);
        expect(audited.status).toBe(200);
        expect(audited.text).toContain(CANARY);
      }
    },
  );

  it('refuses a kind the ledger does not keep, naming every kind it does', async () => {
    const res = await audit('getAuditTrail', 'decisionref', 'x', ctx.tokens.auditor);
    expect(res.status).toBe(400);
    const message = (res.body.errors as Array<{ field: string; messages: string[] }>)[0];
    expect(message.field).toBe('entity');
    for (const kind of Object.keys(DECIDERS)) expect(message.messages[0]).toContain(kind);
  });

  it('does not echo a long entity back', async () => {
    const long = 'x'.repeat(2000);
    const res = await audit('getAuditTrail', long, 'x', ctx.tokens.auditor);
    expect(res.status).toBe(400);
    // The problem's `instance` is the request's own path (RFC 9457); its words do not repeat it.
    expect(JSON.stringify([res.body.detail, res.body.errors])).not.toContain(long.slice(0, 200));
  });

  it("describes the entity parameter of both routes as every kind of record in the domain's registry", () => {
    for (const operationId of ['getAuditTrail', 'getAuditTrailCsv']) {
      const { op } = client.operation(operationId);
      const entity = (op.parameters ?? []).find((p) => p.name === 'entity') as
        { schema?: { enum?: string[] }; description?: string } | undefined;
      expect([...(entity?.schema?.enum ?? [])].sort()).toEqual(Object.keys(DECIDERS).sort());
      expect(entity?.description).toEqual(expect.stringContaining('document'));
    }
  });
});
