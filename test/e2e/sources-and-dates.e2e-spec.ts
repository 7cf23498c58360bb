import { OpenApiClient } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 16 over HTTP: an entry cites several checkable sources; occurredAt is given as precisely
 * as the source allows, stored and shown as given; a fact found late may be dated before the
 * record's latest entry, and every as-of view counts it from its period's first instant.
 */
describe('sources, uncertain dates and late-found facts over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const source = { kind: 'minutes', reference: 'Minutes, item 1' };
  const write = (operationId: string, body: Record<string, unknown>, params: Record<string, string> = {}) =>
    client.call(operationId, { params, body, token: ctx.tokens.clerk });
  const claim = (claimId: string, envelope: Record<string, unknown>) =>
    write(
      'recordClaim',
      {
        claimId,
        subject: 'funding-gap',
        amount: 73_000_000,
        unit: 'GBP',
        qualifier: 'exactly',
        claimant: 'news report',
        statement: 'a £73million funding shortfall',
        ...envelope,
      },
      { proposalId: 'p' },
    );

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    const steps: Array<[string, Record<string, unknown>, Record<string, string>?]> = [
      [
        'registerBody',
        {
          bodyId: 'pa',
          name: 'PA',
          classification: 'police-authority',
          powers: 'decides',
          foundingDate: '2000-01-01',
        },
      ],
      [
        'tableProposal',
        {
          proposalId: 'p',
          title: 'Outsourcing',
          description: 'A plan.',
          scope: ['HR'],
          tabledBy: 'pa',
          bodyId: 'pa',
        },
      ],
    ];
    for (const [op, body, params] of steps) {
      const res = await write(op, { ...body, occurredAt: '2012-03-01', source }, params);
      expect(res.status).toBe(201);
    }
    const deferred = await write(
      'deferProposal',
      { byBodyId: 'pa', reason: 'Later', occurredAt: '2013-06-01', source },
      { proposalId: 'p' },
    );
    expect(deferred.status).toBe(201);
    await ctx.settle();
  });
  afterAll(async () => ctx.stop());

  it('records a claim found late, dated to the month, approximate, citing two sources; reads show it as given', async () => {
    const res = await claim('gap', {
      occurredAt: '2012-07',
      occurredAtApproximate: true,
      source: { kind: 'news-report', reference: 'Report A', quote: 'a £73million funding shortfall' },
      sources: [
        {
          kind: 'news-report',
          reference: 'Report B',
          url: 'https://example.org/b',
          quote: '£73m funding gap',
          accessedAt: '2014-03-02',
          contentHash: 'b'.repeat(64),
        },
      ],
    });
    expect(res.status).toBe(201);
    await ctx.settle();
    const read = await client.call('getClaim', { params: { proposalId: 'p', claimId: 'gap' } });
    expect(read.body).toMatchObject({
      occurredAt: '2012-07',
      occurredAtPrecision: 'month',
      occurredAtApproximate: true,
      source: { reference: 'Report A' },
      sources: [{ reference: 'Report A' }, { reference: 'Report B', contentHash: 'b'.repeat(64) }],
    });
    const trail = await client.call('getAuditTrail', {
      params: { entity: 'proposal', id: 'p' },
      token: ctx.tokens.clerk,
    });
    const entry = trail.body.items.find((e: { type: string }) => e.type === 'ClaimRecorded');
    expect(entry).toMatchObject({
      occurredAt: '2012-07',
      occurredAtPrecision: 'month',
      occurredAtApproximate: true,
    });
    expect(entry.sources).toHaveLength(2);
    const tabled = trail.body.items.find((e: { type: string }) => e.type === 'ProposalTabled');
    expect(tabled).toMatchObject({
      occurredAt: '2012-03-01',
      occurredAtPrecision: 'day',
      occurredAtApproximate: false,
    });
  });

  it('counts the month from its first instant in every as-of view', async () => {
    const claimsAt = async (asOf: string) =>
      (await client.call('getProposal', { params: { proposalId: 'p' }, query: { asOf } })).body.claims.map(
        (c: { claimId: string }) => c.claimId,
      );
    expect(await claimsAt('2012-06-30T23:59:59.999Z')).not.toContain('gap');
    expect(await claimsAt('2012-07-01T00:00:00.000Z')).toContain('gap');
  });

  it('refuses a claim dated before the record began (date-before-record), and a state change dated back (date-goes-backwards)', async () => {
    const early = await claim('early', { occurredAt: '2011', source });
    expect(early.status).toBe(422);
    expect(early.body.type).toContain('date-before-record');
    const back = await write(
      'withdrawProposal',
      { byBodyId: 'pa', reason: 'x', occurredAt: '2013-05', source },
      { proposalId: 'p' },
    );
    expect(back.status).toBe(422);
    expect(back.body.type).toContain('date-goes-backwards');
  });

  it.each([
    [{ occurredAt: '2012-13', source }, 'occurredAt'],
    [{ occurredAt: '2012-7', source }, 'occurredAt'],
    [{ occurredAt: '2013-02-30', source }, 'occurredAt'],
    [{ occurredAt: '2013' }, 'source'],
    [{ occurredAt: '2013', sources: [{ ...source, url: 'example.org' }] }, 'sources.0.url'],
    [{ occurredAt: '2013', sources: [{ ...source, contentHash: 'ABC' }] }, 'sources.0.contentHash'],
    [{ occurredAt: '2013', sources: [{ ...source, accessedAt: 'yesterday' }] }, 'sources.0.accessedAt'],
    // No zone is 14:30 ahead of UTC, and February 2014 had no 30th.
    [
      { occurredAt: '2013', sources: [{ ...source, accessedAt: '2014-03-02T10:00:00+14:30' }] },
      'sources.0.accessedAt',
    ],
    [{ occurredAt: '2013', sources: [{ ...source, accessedAt: '2014-02-30' }] }, 'sources.0.accessedAt'],
    [{ occurredAt: '2013', sources: [] }, 'sources'],
    [{ occurredAt: '2013', source, occurredAtApproximate: 'yes' }, 'occurredAtApproximate'],
  ])('refuses %j, naming %s, and writes nothing', async (envelope, field) => {
    const head = await ctx.store.head();
    const res = await claim('bad', envelope);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await ctx.store.head()).toBe(head);
  });
});
