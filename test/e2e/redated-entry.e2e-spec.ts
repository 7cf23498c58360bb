import request from 'supertest';
import { OpenApiClient } from '../support/openapi-client';
import { recordPreceptDecision } from '../support/precept-decision';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { kind: 'minutes', reference: 'redating test' };

/**
 * The service with the PCC's precept decision recorded (approve, 20 January 2013), and the calls
 * both specs below make: `ok` records as the clerk, `decisionEventId` finds the decision's entry.
 */
function preceptLedger() {
  const ledger = {} as { ctx: TestApp; client: OpenApiClient };
  const ok = async (operationId: string, params: Record<string, string>, body: Record<string, unknown>) => {
    const res = await ledger.client.call(operationId, {
      params,
      body: { ...body, source },
      token: ledger.ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { events: Array<{ id: string }> };
  };
  const decisionEventId = async () => {
    const audit = await request(ledger.ctx.app.getHttpServer())
      .get('/audit/proposal/precept')
      .set('authorization', `Bearer ${ledger.ctx.tokens.auditor}`)
      .expect(200);
    return (audit.body.items as Array<{ eventId: string; type: string }>).find(
      (e) => e.type === 'DecisionRecorded',
    )!.eventId;
  };
  beforeAll(async () => {
    ledger.ctx = await startTestApp();
    ledger.client = await OpenApiClient.generate(ledger.ctx.app);
    await recordPreceptDecision(async (operationId, params, body) => ok(operationId, params, body));
  });
  afterAll(async () => ledger.ctx.stop());
  return { ledger, ok, decisionEventId };
}

/**
 * A decision recorded with too late a date (20 January 2013 for one taken on the 10th). A correction
 * cannot change an entry's date, so the clerk retracts it and records it again with its right date:
 * the record then reads right at every date, and the audit trail keeps all three entries.
 */
describe('an entry recorded with too late a date, over HTTP', () => {
  const { ledger, ok, decisionEventId } = preceptLedger();
  const statusAsOf = async (date: string) =>
    (await request(ledger.ctx.app.getHttpServer()).get(`/proposals/precept?asOf=${date}`).expect(200)).body
      .status;
  const redecide = (occurredAt: string) =>
    ledger.client.call('recordDecision', {
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
      token: ledger.ctx.tokens.clerk,
    });

  it('refuses the decision again while the late entry stands', async () => {
    const res = await redecide('2013-01-10');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'already-decided' });
  });

  it('takes the right date once the late entry is retracted, and every date then reads it', async () => {
    expect(await statusAsOf('2013-01-15')).not.toBe('agreed');
    await ok(
      'retractEvent',
      {},
      {
        stream: 'proposal-precept',
        eventId: await decisionEventId(),
        reason: 'Dated the day the minutes were signed, not the day of the decision',
        occurredAt: '2013-01-21',
      },
    );
    const again = await redecide('2013-01-10');
    expect(again.status).toBe(201);
    expect(await statusAsOf('2013-01-09')).not.toBe('agreed');
    expect(await statusAsOf('2013-01-15')).toBe('agreed');
    expect(await statusAsOf('2013-02-01')).toBe('agreed');
    const decision = await request(ledger.ctx.app.getHttpServer())
      .get('/proposals/precept/decisions/d1')
      .expect(200);
    expect(decision.body.date).toMatch(/^2013-01-10/);
    const trail = await request(ledger.ctx.app.getHttpServer())
      .get('/audit/proposal/precept')
      .set('authorization', `Bearer ${ledger.ctx.tokens.auditor}`)
      .expect(200);
    expect((trail.body.items as Array<{ type: string }>).map((e) => e.type)).toEqual(
      expect.arrayContaining(['DecisionRecorded', 'EventRetracted', 'DecisionRecorded']),
    );
  });
});

/**
 * A diff's changes lead from its `before` to its `after`: a decision corrected after the window
 * (approve on 20 January 2013, corrected to reject on 1 March) shows its corrected status in the
 * window's changes as in its `after`, as every `asOf` read does.
 */
describe('a diff over an entry corrected after its window', () => {
  const { ledger, ok, decisionEventId } = preceptLedger();
  type Change = { type: string; statusBefore: string; statusAfter: string };
  const diff = async (query: string) =>
    (
      await request(ledger.ctx.app.getHttpServer())
        .get(`/proposals/precept/diff?${query}`)
        .expect((r) => {
          if (r.status !== 200) throw new Error(JSON.stringify(r.body));
        })
    ).body as {
      before: string | null;
      after: string;
      changes: Change[];
    };
  /** Each change starts where the one before it left off, the first from `before`, the last at `after`. */
  const leadsFromBeforeToAfter = (d: Awaited<ReturnType<typeof diff>>) => {
    let status = d.before ?? 'none';
    for (const change of d.changes) {
      expect(change.statusBefore).toBe(status);
      status = change.statusAfter;
    }
    expect(status).toBe(d.after);
  };

  let knownBeforeCorrection: string;

  beforeAll(async () => {
    // What the ledger knew before the correction was recorded: a knownAt between the two.
    await new Promise((resolve) => setTimeout(resolve, 5));
    knownBeforeCorrection = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ok(
      'correctEvent',
      {},
      {
        stream: 'proposal-precept',
        eventId: await decisionEventId(),
        reason: 'The minutes say the precept was vetoed',
        changes: { outcome: 'reject' },
        occurredAt: '2013-03-01',
      },
    );
  });

  it('given the window ends before the correction, then its decision leads to the corrected status', async () => {
    const d = await diff('from=2013-01-01&to=2013-02-01');
    expect(d.after).toBe('rejected');
    expect(d.changes.find((c) => c.type === 'DecisionRecorded')?.statusAfter).toBe('rejected');
    leadsFromBeforeToAfter(d);
  });

  it('given the window holds the correction, or is drawn as known before it, then it still leads from before to after', async () => {
    leadsFromBeforeToAfter(await diff('from=2013-01-01&to=2013-04-01'));
    const known = await diff(`from=2013-01-01&to=2013-02-01&knownAt=${knownBeforeCorrection}`);
    expect(known.after).toBe('agreed');
    leadsFromBeforeToAfter(known);
  });
});
