import request from 'supertest';
import { referenceRegisterId } from '@ledger/domain';
import type { StoredEvent } from '@ledger/event-store';
import { OpenApiClient } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { consoleSession, csrfOf } from '../support/console-session';

/**
 * Issue 16, "a record a real clerk would accept": a decision's reference is unique per
 * decision-maker and per term across every proposal, and a body's form of reference can change
 * from a date on. Over HTTP, on the real service and a SQLite file.
 */
const source = { kind: 'decision-record', reference: 'decision references test' };

async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

describe('decision references, unique across proposals, over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const ok = async (operationId: string, params: Record<string, string>, body: Record<string, unknown>) => {
    const res = await client.call(operationId, {
      params,
      body: { source, ...body },
      token: ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const decide = (proposalId: string, decisionId: string, reference: string, occurredAt = '2013-02-01') =>
    request(ctx.app.getHttpServer())
      .post(`/proposals/${proposalId}/decisions`)
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .send({
        decisionId,
        bodyId: 'pcc',
        personId: 'olly',
        postId: 'commissioner',
        outcome: 'defer',
        reference,
        rationale: 'To consider the business case further',
        occurredAt,
        source,
      });

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await ok('registerPerson', {}, { personId: 'olly', name: 'Olly Martins', occurredAt: '2012-11-22' });
    await ok(
      'registerBody',
      {},
      {
        bodyId: 'pcc',
        name: 'Police and Crime Commissioner for Bedfordshire',
        classification: 'police-and-crime-commissioner',
        powers: 'decides',
        foundingDate: '2012-11-22',
        decisionReferenceFormat: 'PCC/D/{seq:3}',
        occurredAt: '2012-11-22',
      },
    );
    await ok(
      'createPost',
      { bodyId: 'pcc' },
      { postId: 'commissioner', label: 'Commissioner', role: 'pcc', occurredAt: '2012-11-22' },
    );
    await ok(
      'appointOfficeHolder',
      { bodyId: 'pcc' },
      {
        membershipId: 'olly-2012',
        postId: 'commissioner',
        personId: 'olly',
        startDate: '2012-11-22',
        occurredAt: '2012-11-22',
      },
    );
    for (const proposalId of ['p1', 'p2', 'p3', 'p4'])
      await ok(
        'tableProposal',
        {},
        {
          proposalId,
          title: `Proposal ${proposalId}`,
          description: 'A proposal of the PCC',
          scope: ['HR'],
          tabledBy: 'pcc',
          bodyId: 'pcc',
          occurredAt: '2013-01-02',
        },
      );
  });
  afterAll(async () => ctx?.stop());

  it('lets one of two concurrent decisions take PCC/D/032: the other gets decision-reference-taken naming it, and nothing of it is written', async () => {
    const head = await ctx.store.head();
    const [a, b] = await Promise.all([decide('p1', 'd-a', 'PCC/D/032'), decide('p2', 'd-b', 'PCC/D/032')]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    const [won, lost] = a.status === 201 ? [a, b] : [b, a];
    const [winner, loser] = a.status === 201 ? ['p1', 'p2'] : ['p2', 'p1'];
    const winnerId = winner === 'p1' ? 'd-a' : 'd-b';
    expect(lost.body).toMatchObject({
      code: 'decision-reference-taken',
      type: '/problems/decision-reference-taken',
      status: 422,
      detail: expect.stringContaining(
        `PCC/D/032 is decision ${winnerId} of Police and Crime Commissioner for Bedfordshire in the same term (on proposal ${winner})`,
      ),
    });
    expect(won.body.stream).toBe(`proposal-${winner}`);
    // The winner's decision and its reservation; of the loser, nothing.
    expect(await ctx.store.head()).toBe(head + 2);
    expect((await collect(ctx.store.readStream(`proposal-${loser}`))).map((e) => e.type)).toEqual([
      'ProposalTabled',
    ]);
    await ctx.settle();
    const read = await request(ctx.app.getHttpServer()).get(`/proposals/${loser}`);
    expect(JSON.stringify(read.body)).not.toContain('PCC/D/032');
  });

  it('refuses the same reference later on another proposal, and takes a free one', async () => {
    const again = await decide('p3', 'd-c', 'PCC/D/032', '2013-03-01');
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('decision-reference-taken');
    expect((await decide('p3', 'd-c', 'PCC/D/033', '2013-03-01')).status).toBe(201);
  });

  it('keeps its register from the public: a reservation is shown to an auditor, not to the public', async () => {
    await ctx.settle();
    const register = `decisionref-${referenceRegisterId({ bodyId: 'pcc', personId: 'olly', reference: 'PCC/D/033' })}`;
    const [reservation] = await collect(ctx.store.readStream(register));
    expect(reservation).toMatchObject({
      type: 'DecisionReferenceReserved',
      data: { proposalId: 'p3', decisionId: 'd-c', reference: 'PCC/D/033' },
    });
    const proof = (token?: string) => {
      const req = request(ctx.app.getHttpServer()).get(`/ledger/proofs/inclusion?eventId=${reservation.id}`);
      return token ? req.set('authorization', `Bearer ${token}`) : req;
    };
    const hidden = await proof();
    expect(hidden.status).toBe(404);
    // Withheld, not denied: the answer claims nothing a missing event would not.
    const missingId = '0190a0a0-0000-7000-8000-000000000000';
    const missing = await request(ctx.app.getHttpServer()).get(
      `/ledger/proofs/inclusion?eventId=${missingId}`,
    );
    expect(hidden.body.detail.replace(reservation.id, 'ID')).toBe(
      missing.body.detail.replace(missingId, 'ID'),
    );
    expect(hidden.body.detail).not.toMatch(/is not in the log/);
    const audited = await proof(ctx.tokens.auditor);
    expect(audited.status).toBe(200);
    expect(audited.body.event.data.reference).toBe('PCC/D/033');
  });

  it('changes the body’s form from a date on: each decision follows the form of its own date', async () => {
    const set = await client.call('setDecisionReferenceFormat', {
      params: { bodyId: 'pcc' },
      body: { format: 'PCC/{year}/{seq:3}', occurredAt: '2014-01-01', source },
      token: ctx.tokens.clerk,
    });
    expect(set.status).toBe(201);
    expect(set.body.events.map((e: { type: string }) => e.type)).toEqual(['DecisionReferenceFormatSet']);
    const bad = await client.call('setDecisionReferenceFormat', {
      params: { bodyId: 'pcc' },
      body: { format: 'PCC/D', occurredAt: '2014-02-01', source },
      token: ctx.tokens.clerk,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('has no {seq:N}');
    const missing = await client.call('setDecisionReferenceFormat', {
      params: { bodyId: 'pcc' },
      body: { occurredAt: '2014-02-01', source },
      token: ctx.tokens.clerk,
    });
    expect(missing.status).toBe(400);

    // Dated 2014: the old form is refused, the new one taken.
    const old = await decide('p4', 'd-d', 'PCC/D/034', '2014-02-01');
    expect(old.status).toBe(422);
    expect(old.body.detail).toContain('format PCC/{year}/{seq:3}, in force on 2014-02-01');
    expect((await decide('p4', 'd-d', 'PCC/2014/001', '2014-02-01')).status).toBe(201);

    await ctx.settle();
    const body = await client.call('getBody', { params: { bodyId: 'pcc' } });
    expect(body.body).toMatchObject({
      decisionReferenceFormat: 'PCC/{year}/{seq:3}',
      decisionReferenceFormats: [
        { format: 'PCC/D/{seq:3}', from: '2012-11-22' },
        { format: 'PCC/{year}/{seq:3}', from: '2014-01-01' },
      ],
    });
    const before = await client.call('getBody', { params: { bodyId: 'pcc' }, query: { asOf: '2013-06-01' } });
    expect(before.body).toMatchObject({
      decisionReferenceFormat: 'PCC/D/{seq:3}',
      decisionReferenceFormats: [{ format: 'PCC/D/{seq:3}', from: '2012-11-22' }],
    });
    const page = await request(ctx.app.getHttpServer()).get('/register/bodies/pcc');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="reference-formats"');
    expect(page.text).toMatch(/PCC\/\{year\}\/\{seq:3\}<\/td><td class="govuk-table__cell">1 January 2014/);
  });

  it('documents the command, so the console draws its form', async () => {
    const doc = (await request(ctx.app.getHttpServer()).get('/openapi.json')).body;
    const op = doc.paths['/bodies/{bodyId}/decision-reference-format'].post;
    expect(op.operationId).toBe('setDecisionReferenceFormat');
    expect(JSON.stringify(doc.components.schemas)).toContain('PCC/D/{year}');
  });

  it('gives the clerk a console form for it, which records the new form or says why not', async () => {
    const { agent } = await consoleSession(ctx.app, ctx.tokens.clerk);
    const form = await agent.get('/console/record/setDecisionReferenceFormat');
    expect(form.status).toBe(200);
    for (const name of ['bodyId', 'format', 'occurredAt']) expect(form.text).toContain(`name="${name}"`);
    const csrf = csrfOf(form.text);
    const post = (format: string, occurredAt: string) =>
      agent.post('/console/record/setDecisionReferenceFormat').type('form').send({
        _csrf: csrf,
        bodyId: 'pcc',
        format,
        occurredAt,
        'source.kind': 'minutes',
        'source.reference': 'Console test',
      });
    const refused = await post('PCC/{month}/{seq:2}', '2015-01-01');
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('{month} is not a part of a reference form');
    const recorded = await post('PCC/{year}/D/{seq:2}', '2015-01-01');
    expect(recorded.status).toBe(201);
    const body = await client.call('getBody', { params: { bodyId: 'pcc' } });
    expect(body.body.decisionReferenceFormat).toBe('PCC/{year}/D/{seq:2}');
  });
});
