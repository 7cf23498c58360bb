import request from 'supertest';
import { OpenApiClient, type CallResult } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { kind: 'minutes', reference: 'errors test' };
const body = (extra: Record<string, unknown> = {}) => ({
  bodyId: 'pa-test',
  name: 'Test Police Authority',
  classification: 'police-authority',
  powers: 'decides',
  foundingDate: '1995-04-01',
  occurredAt: '1995-04-01',
  source,
  ...extra,
});

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: any },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `/problems/${code}`, status, code, title: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
}

describe('every error answers application/problem+json', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  let clerk: string;
  const server = () => ctx.app.getHttpServer();
  beforeAll(async () => {
    ctx = await startTestApp({ LEDGER_MAX_BODY_BYTES: 4096 });
    client = await OpenApiClient.generate(ctx.app);
    clerk = ctx.tokens.clerk;
    await client.call('registerBody', { token: clerk, body: body() });
    await client.call('registerBody', {
      token: clerk,
      body: body({
        bodyId: 'jwg',
        name: 'Working group',
        classification: 'joint-working-group',
        powers: 'advises',
        foundingDate: '2010-01-01',
        occurredAt: '2010-01-01',
      }),
    });
    await client.call('tableProposal', {
      token: clerk,
      body: {
        proposalId: 'p1',
        title: 'P',
        description: 'D',
        scope: ['HR'],
        tabledBy: 'pa-test',
        bodyId: 'pa-test',
        occurredAt: '2012-01-01',
        source,
      },
    });
  });
  afterAll(async () => ctx.stop());

  it('400: lists every bad field at once, unknown fields included', async () => {
    const res = await client.call('registerBody', {
      token: clerk,
      body: {
        bodyId: 'bad id!',
        classification: 'guild',
        powers: 'decides',
        foundingDate: 'yesterday',
        colour: 'red',
        source: { kind: 'x' },
      },
    });
    expectProblem(res, 400, 'validation-failed');
    const fields = res.body.errors.map((e: any) => e.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining([
        'bodyId',
        'classification',
        'colour',
        'foundingDate',
        'name',
        'occurredAt',
        'source.reference',
      ]),
    );
  });

  it('400: unknown query parameters and bad dates in queries', async () => {
    expectProblem(await client.call('listProposals', { query: { limit: 1000 } }), 400, 'validation-failed');
    const res = await request(server()).get('/proposals?colour=red&asOf=last-week');
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(['asOf', 'colour']);
  });

  it('400: a body that is not JSON', async () => {
    const res = await request(server())
      .post('/bodies')
      .set('authorization', `Bearer ${clerk}`)
      .set('content-type', 'application/json')
      .send('{"bodyId": ');
    expectProblem(res, 400, 'malformed-request');
  });

  it('401 and 403', async () => {
    expectProblem(await client.call('registerBody', { body: body({ bodyId: 'x1' }) }), 401, 'unauthorized');
    expectProblem(
      await client.call('registerBody', { token: ctx.tokens.auditor, body: body({ bodyId: 'x1' }) }),
      403,
      'forbidden',
    );
    const basic = await request(server()).get('/bodies').set('authorization', 'Basic abc');
    expectProblem(basic, 401, 'unauthorized');
    expect(basic.body.detail).toMatch(/must be "Bearer <token>"/);
    // A bearer token no key or JWT could be is an unknown token, as a well-formed unknown one is.
    for (const token of ['bogus', 'a'.repeat(20), 'with"quote-0123456789'])
      expect(
        (await request(server()).get('/bodies').set('authorization', `Bearer ${token}`)).body.detail,
      ).toBe('The bearer token is not a known API key or a valid JWT');
  });

  it('404: an unknown proposal, and an unknown route', async () => {
    expectProblem(await client.call('getProposal', { params: { proposalId: 'nope' } }), 404, 'not-found');
    expectProblem(await request(server()).get('/no/such/route'), 404, 'not-found');
  });

  it('409: already recorded', async () => {
    const res = await client.call('registerBody', { token: clerk, body: body() });
    expectProblem(res, 409, 'already-exists');
    expect(res.body.rule).toBe('already-exists');
  });

  it('412: If-Match with a stale revision', async () => {
    const post = { postId: 'chair', label: 'Chair', role: 'chair', occurredAt: '2000-01-01', source };
    const stale = await client.call('createPost', {
      token: clerk,
      params: { bodyId: 'pa-test' },
      body: post,
      headers: { 'if-match': '"7"' },
    });
    expectProblem(stale, 412, 'precondition-failed');
    const fresh = await client.call('createPost', {
      token: clerk,
      params: { bodyId: 'pa-test' },
      body: post,
      headers: { 'if-match': '"0"' },
    });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.etag).toBe('"1"');
  });

  it('413: a body over the limit', async () => {
    const res = await request(server())
      .post('/bodies')
      .set('authorization', `Bearer ${clerk}`)
      .send(body({ name: 'x'.repeat(10_000) }));
    expectProblem(res, 413, 'payload-too-large');
  });

  it('415: not JSON', async () => {
    const res = await request(server())
      .post('/bodies')
      .set('authorization', `Bearer ${clerk}`)
      .set('content-type', 'text/plain')
      .send('hello');
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it('422: a rule of the domain, with a stable type that resolves to its description', async () => {
    const res = await client.call('recordDecision', {
      token: clerk,
      params: { proposalId: 'p1' },
      body: {
        decisionId: 'd1',
        bodyId: 'jwg',
        outcome: 'approve',
        inPublic: true,
        rationale: 'r',
        occurredAt: '2012-02-01',
        source,
      },
    });
    expectProblem(res, 422, 'advisory-body-cannot-decide');
    const type = await client.call('getProblemType', { params: { code: 'advisory-body-cannot-decide' } });
    expect(type.body.description).toMatch(/advisory body can recommend but never decide/);
  });

  it('Idempotency-Key: a retry returns the first response; another body under the same key is 422', async () => {
    const headers = { 'idempotency-key': 'person-anna-1' };
    const person = { personId: 'anna', name: 'Anna', occurredAt: '2012-01-01', source };
    const first: CallResult = await client.call('registerPerson', { token: clerk, body: person, headers });
    const head = await ctx.store.head();
    const retry = await client.call('registerPerson', { token: clerk, body: person, headers });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual({ ...first.body, replayed: true }); // as the document says
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await ctx.store.head()).toBe(head);
    expectProblem(
      await client.call('registerPerson', { token: clerk, body: { ...person, name: 'Other' }, headers }),
      422,
      'idempotency-key-reused',
    );
  });
});

describe('rate limiting', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await startTestApp({ LEDGER_RATE_LIMIT_PER_MINUTE: 3 })));
  afterAll(async () => ctx.stop());

  it('429 once a caller goes over its limit', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(ctx.app.getHttpServer()).get('/bodies')).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    const res = await request(ctx.app.getHttpServer()).get('/bodies');
    expectProblem(res, 429, 'rate-limited');
  });
});
