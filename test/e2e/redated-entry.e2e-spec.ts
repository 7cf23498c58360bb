import request from 'supertest';
import { OpenApiClient } from '../support/openapi-client';
import { recordPreceptDecision } from '../support/precept-decision';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { kind: 'minutes', reference: 'redating test' };

/**
 * A decision recorded with too late a date (20 January 2013 for one taken on the 10th). A correction
 * cannot change an entry's date, so the clerk retracts it and records it again with its right date:
 * the record then reads right at every date, and the audit trail keeps all three entries.
 */
describe('an entry recorded with too late a date, over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const ok = async (operationId: string, params: Record<string, string>, body: Record<string, unknown>) => {
    const res = await client.call(operationId, {
      params,
      body: { ...body, source },
      token: ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { events: Array<{ id: string }> };
  };
  const statusAsOf = async (date: string) =>
    (await request(ctx.app.getHttpServer()).get(`/proposals/precept?asOf=${date}`).expect(200)).body.status;
  const redecide = (occurredAt: string) =>
    client.call('recordDecision', {
      params: { proposalId: 'precept' },
      body: {
        decisionId: 'd1',
        bodyId: 'pcc',
        outcome: 'approve',
        inPublic: true,
        rationale: 'A 2% rise',
        occurredAt,
        source,
      },
      token: ctx.tokens.clerk,
    });

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordPreceptDecision(async (operationId, params, body) => ok(operationId, params, body));
  });
  afterAll(async () => ctx.stop());

  it('refuses the decision again while the late entry stands', async () => {
    const res = await redecide('2013-01-10');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'already-decided' });
  });

  it('takes the right date once the late entry is retracted, and every date then reads it', async () => {
    expect(await statusAsOf('2013-01-15')).not.toBe('agreed');
    const audit = await request(ctx.app.getHttpServer())
      .get('/audit/proposal/precept')
      .set('authorization', `Bearer ${ctx.tokens.auditor}`)
      .expect(200);
    const late = (audit.body.items as Array<{ eventId: string; type: string }>).find(
      (e) => e.type === 'DecisionRecorded',
    );
    await ok(
      'retractEvent',
      {},
      {
        stream: 'proposal-precept',
        eventId: late!.eventId,
        reason: 'Dated the day the minutes were signed, not the day of the decision',
        occurredAt: '2013-01-21',
      },
    );
    const again = await redecide('2013-01-10');
    expect(again.status).toBe(201);
    expect(await statusAsOf('2013-01-09')).not.toBe('agreed');
    expect(await statusAsOf('2013-01-15')).toBe('agreed');
    expect(await statusAsOf('2013-02-01')).toBe('agreed');
    const decision = await request(ctx.app.getHttpServer())
      .get('/proposals/precept/decisions/d1')
      .expect(200);
    expect(decision.body.date).toMatch(/^2013-01-10/);
    const trail = await request(ctx.app.getHttpServer())
      .get('/audit/proposal/precept')
      .set('authorization', `Bearer ${ctx.tokens.auditor}`)
      .expect(200);
    expect((trail.body.items as Array<{ type: string }>).map((e) => e.type)).toEqual(
      expect.arrayContaining(['DecisionRecorded', 'EventRetracted', 'DecisionRecorded']),
    );
  });
});
