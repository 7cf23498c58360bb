import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { DOMAIN_RULES, ALLIANCE_PROPOSAL } from '@ledger/domain';
import { HTTP_PROBLEMS, STORE_PROBLEMS } from '@ledger/http';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';

/** What issue 14 saw, each item as a check that failed before it was fixed. */
describe('the API contract a generated client can trust', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  let port: number;
  const server = () => ctx.app.getHttpServer();
  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
    await ctx.app.listen(0, '127.0.0.1');
    port = (server().address() as { port: number }).port;
  });
  afterAll(async () => ctx.stop());

  /** A raw request, for what Node's HTTP parser refuses before the application sees it. */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; type: string; body: any }>((done, fail) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
        let text = '';
        res
          .on('data', (chunk) => (text += chunk))
          .on('end', () =>
            done({
              status: res.statusCode ?? 0,
              type: String(res.headers['content-type']),
              body: JSON.parse(text),
            }),
          );
      });
      req.on('error', fail).end();
    });

  it('documents every read with a named schema, not a bare object', () => {
    for (const [path, methods] of Object.entries<any>(client.document.paths)) {
      const schema = methods.get?.responses['200']?.content?.['application/json']?.schema;
      if (!schema) continue;
      const ref = schema.$ref ?? schema.items?.$ref;
      expect({ path, ref: typeof ref }).toEqual({ path, ref: 'string' });
      const target = (client.document.components?.schemas as any)[ref.split('/').pop()];
      expect({ path, properties: Object.keys(target.properties ?? {}).length > 0 }).toEqual({
        path,
        properties: true,
      });
    }
  });

  it('documents the positions a body can take, and shows each problem type once per example', () => {
    const schemas = client.document.components?.schemas as any;
    expect(schemas.PositionDto.properties.position.enum).toEqual([
      'none',
      'recommended-for',
      'recommended-against',
      'approved-in-principle',
      'approved',
      'rejected',
      'deferred',
    ]);
    expect(schemas.PositionDto.properties.position.description).toMatch(
      /approved-in-principle \(not yet an approval\), rejected, deferred/,
    );
    const unprocessable = (client.document.paths['/proposals/{proposalId}/decisions'] as any).post.responses[
      '422'
    ].content['application/problem+json'].examples;
    expect(Object.keys(unprocessable)).toEqual(
      expect.arrayContaining(['advisory-body-cannot-decide', 'body-abolished', 'idempotency-key-reused']),
    );
    const examples = (client.document as any).components.examples;
    expect(examples['advisory-body-cannot-decide'].value.type).toBe('/problems/advisory-body-cannot-decide');
    expect(examples['body-abolished'].value.type).toBe('/problems/body-abolished');
  });

  it('gives opaque string cursors everywhere, which page on when sent back', async () => {
    const first = await client.call('getProposalHistory', {
      params: { proposalId: ALLIANCE_PROPOSAL },
      query: { limit: 2 },
    });
    expect(typeof first.body.next).toBe('string');
    const second = await client.call('getProposalHistory', {
      params: { proposalId: ALLIANCE_PROPOSAL },
      query: { limit: 2, after: first.body.next },
    });
    expect(second.body.items[0].position).toBeGreaterThan(first.body.items[1].position);
    const audit = await client.call('getAuditTrail', {
      params: { entity: 'body', id: 'pa-hertfordshire' },
      query: { limit: 1 },
    });
    expect(typeof audit.body.next).toBe('string');
  });

  it("shows a proposal's claims with their sources", async () => {
    const proposal = await client.call('getProposal', { params: { proposalId: ALLIANCE_PROPOSAL } });
    const claim = proposal.body.claims.find((c: any) => c.claimId === 'value-77m');
    expect(claim.source).toMatchObject({
      kind: 'news-report',
      reference: 'seeds/002_0bec823cc5bd36ba.txt',
      quote: 'scrapping the deal, worth up to £77m per year',
    });
  });

  it('refuses a body without a source at validation, naming it, and writes nothing', async () => {
    const head = await ctx.store.head();
    const res = await client.call('registerBody', {
      token: ctx.tokens.clerk,
      body: {
        bodyId: 'no-source',
        name: 'No source',
        classification: 'other',
        powers: 'none',
        foundingDate: '2000-01-01',
        occurredAt: '2000-01-01',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'validation-failed',
      errors: [{ field: 'source', messages: [expect.stringContaining('source is required')] }],
    });
    expect(await ctx.store.head()).toBe(head);
  });

  it('answers an envelope the same the first time and every time after (valid ones are kept)', async () => {
    const minutes = { kind: 'minutes', reference: 'Minutes, item 4', url: 'https://example.org/m.pdf' };
    const envelopes: Array<Record<string, unknown>> = [
      { occurredAt: '2012-05-01', source: minutes },
      { occurredAt: '2012-05-01', source: { ...minutes, url: 'not a url' } },
      { occurredAt: '2012-05-01', sources: [minutes, { ...minutes, contentHash: 'ABC' }] },
      { occurredAt: '2012-05-01', source: minutes, occurredAtApproximate: 'yes' },
      { occurredAt: '2012-02-30', source: minutes },
      { occurredAt: '2012-05-01', sources: [] },
      { occurredAt: '2012-05', sources: [minutes, minutes] },
    ];
    let n = 0;
    const answers = async () => {
      const seen = [];
      for (const envelope of envelopes) {
        const head = await ctx.store.head();
        const res = await client.call('registerPerson', {
          token: ctx.tokens.clerk,
          body: { personId: `envelope-${(n += 1)}`, name: 'A clerk', ...envelope },
        });
        seen.push({ status: res.status, errors: res.body.errors });
        expect((await ctx.store.head()) > head).toBe(res.status === 201);
      }
      return seen;
    };
    const first = await answers();
    expect(first.map((a) => a.status)).toEqual([201, 400, 400, 400, 400, 400, 201]);
    expect(first[1].errors).toEqual([
      { field: 'source.url', messages: [expect.stringContaining('absolute URL')] },
    ]);
    expect(await answers()).toEqual(first);
  });

  it('lists every problem code the service can answer in /problems, each once', async () => {
    const list = (await client.call('listProblemTypes')).body as Array<{ code: string; status: number }>;
    const codes = list.map((p) => p.code);
    expect(codes.length).toBe(new Set(codes).size);
    expect(new Set(codes)).toEqual(
      new Set([...Object.keys(DOMAIN_RULES), ...Object.keys(HTTP_PROBLEMS), ...Object.keys(STORE_PROBLEMS)]),
    );
    expect(list.find((p) => p.code === 'invalid-metadata')?.status).toBe(400);
    expect(list.find((p) => p.code === 'not-found')?.status).toBe(404);
  });

  it.each(['1e308', '1.5', '-1', '0x10'])('refuses waitFor=%s as not a position', async (waitFor) => {
    const res = await request(server()).get(`/proposals?waitFor=${waitFor}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'waitFor' }] });
  });

  it("refuses a waitFor beyond the ledger's last position at once, naming it (no write has it)", async () => {
    const res = await request(server()).get('/proposals?waitFor=999999999999');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid-read-option', errors: [{ field: 'waitFor' }] });
    expect(res.body.detail).toMatch(/beyond the ledger's last position/);
  });

  it('answers an over-long URL 414 and over-large headers 431, as problem+json', async () => {
    for (const length of [9_000, 20_000]) {
      const res = await raw(`/proposals/${'a'.repeat(length)}`);
      expect(res).toMatchObject({
        status: 414,
        type: expect.stringMatching(/^application\/problem\+json/),
        body: { type: '/problems/uri-too-long', code: 'uri-too-long', status: 414 },
      });
      expect(JSON.stringify(res.body).length).toBeLessThan(1000);
    }
    const res = await raw('/proposals', { 'x-padding': 'a'.repeat(20_000) });
    expect(res).toMatchObject({
      status: 431,
      type: expect.stringMatching(/^application\/problem\+json/),
      body: { type: '/problems/headers-too-large', code: 'headers-too-large' },
    });
  });

  it('lets /docs load over plain HTTP by any host name: no upgrade-insecure-requests', async () => {
    const res = await request(server()).get('/docs').set('host', 'ledger.lan:3000');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
