import { OpenApiClient } from '../support/openapi-client';
import { recordPreceptDecision, schedulePanelMeetings } from '../support/precept-decision';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { kind: 'minutes', reference: 'scrutiny test' };

/** Questions from the public and a panel's review of a PCC's decision, recorded and read over HTTP. */
describe('scrutiny and the public over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const record = (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    client.call(operationId, { params, body: { ...body, source }, token: ctx.tokens.clerk });
  const ok = async (operationId: string, params: Record<string, string>, body: Record<string, unknown>) => {
    const res = await record(operationId, params, body);
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
  };

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordPreceptDecision(ok);
    await ok(
      'tableProposal',
      {},
      {
        proposalId: 'estates',
        title: 'The estates plan',
        description: 'The estates plan',
        scope: ['estates'],
        tabledBy: 'pcc',
        bodyId: 'pcc',
        occurredAt: '2013-01-02',
      },
    );
    await ok(
      'recordDecision',
      { proposalId: 'estates' },
      {
        decisionId: 'd2',
        bodyId: 'pcc',
        outcome: 'approve',
        inPublic: false,
        rationale: 'CANARYprivate',
        occurredAt: '2013-01-21',
      },
    );
    await schedulePanelMeetings(ok);
    await ok(
      'askPublicQuestion',
      {},
      {
        questionId: 'q1',
        meetingId: 'pcp',
        askedBy: 'A resident',
        askedOn: '2013-01-31',
        toBodyId: 'pcc',
        toPersonId: 'david-lloyd',
        question: 'How much is the rise?',
        occurredAt: '2013-02-07',
      },
    );
    await ok(
      'answerPublicQuestion',
      { questionId: 'q1' },
      { answeredBy: 'david-lloyd', answer: 'Two per cent.', occurredAt: '2013-02-07T10:30:00Z' },
    );
    await ok(
      'reviewDecision',
      {},
      {
        reviewId: 'rv1',
        panelBodyId: 'panel',
        proposalId: 'precept',
        decisionId: 'd1',
        meetingId: 'pcp',
        findings: 'The rise is justified.',
        occurredAt: '2013-02-07T11:00:00Z',
      },
    );
    await ok(
      'makeScrutinyRecommendation',
      { reviewId: 'rv1' },
      { recommendationId: 'r1', text: 'Publish the budget lines.', occurredAt: '2013-02-07T11:00:00Z' },
    );
    await ok(
      'reviewDecision',
      {},
      {
        reviewId: 'rv2',
        panelBodyId: 'panel',
        proposalId: 'estates',
        decisionId: 'd2',
        meetingId: 'pcp-private',
        findings: 'CANARYfindings',
        occurredAt: '2013-02-07T11:00:00Z',
      },
    );
    await ctx.settle();
  });
  afterAll(async () => ctx.stop());

  it('reads a public question and its answer', async () => {
    const res = await client.call('getQuestion', { params: { questionId: 'q1' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      meeting: { id: 'pcp' },
      askedBy: 'A resident',
      to: { id: 'pcc' },
      toPerson: { id: 'david-lloyd', name: 'David Lloyd' },
      question: 'How much is the rise?',
      answer: { answeredBy: { id: 'david-lloyd' }, answer: 'Two per cent.' },
    });
  });

  it('takes the formal response only from the decision-maker, once, and reads it back', async () => {
    const wrong = await record(
      'respondToRecommendation',
      { reviewId: 'rv1', recommendationId: 'r1' },
      { respondedBy: 'panel', response: 'accept', reasons: 'x', occurredAt: '2013-03-01' },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.type).toBe('/problems/not-decision-maker');
    await ok(
      'respondToRecommendation',
      { reviewId: 'rv1', recommendationId: 'r1' },
      {
        respondedBy: 'pcc',
        personId: 'david-lloyd',
        response: 'partly',
        reasons: 'The main lines only.',
        occurredAt: '2013-03-01',
      },
    );
    const again = await record(
      'respondToRecommendation',
      { reviewId: 'rv1', recommendationId: 'r1' },
      { respondedBy: 'pcc', response: 'accept', reasons: 'x', occurredAt: '2013-03-02' },
    );
    expect(again.status).toBe(409);
    await ctx.settle();
    const res = await client.call('getReview', { params: { reviewId: 'rv1' } });
    expect(res.body).toMatchObject({
      panel: { id: 'panel' },
      proposal: { id: 'precept', title: 'The precept' },
      decisionId: 'd1',
      findings: 'The rise is justified.',
      recommendations: [
        {
          recommendationId: 'r1',
          response: {
            respondedBy: { id: 'pcc' },
            person: { id: 'david-lloyd' },
            response: 'partly',
            reasons: 'The main lines only.',
          },
        },
      ],
    });
  });

  it('refuses a public review of a private decision, and keeps a private review from the public', async () => {
    const open = await record(
      'reviewDecision',
      {},
      {
        reviewId: 'rv3',
        panelBodyId: 'panel',
        proposalId: 'estates',
        decisionId: 'd2',
        meetingId: 'pcp',
        findings: 'x',
        occurredAt: '2013-03-01',
      },
    );
    expect(open.status).toBe(422);
    expect(open.body.type).toBe('/problems/review-of-private-decision');
    expect((await client.call('getReview', { params: { reviewId: 'rv2' } })).status).toBe(404);
    const auditor = await client.call('getReview', {
      params: { reviewId: 'rv2' },
      token: ctx.tokens.auditor,
    });
    expect(auditor.body.findings).toBe('CANARYfindings');
  });
});
