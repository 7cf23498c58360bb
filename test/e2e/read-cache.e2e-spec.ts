import { OpenApiClient } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Reads are answered again from what was drawn while the ledger stands still (LedgerQueries),
 * and never from before a write: the first append after an answer makes the next read draw anew.
 * Counted by the events the store hands out (its reads spied on, not replaced): a kept answer reads
 * no event. Events, not calls: the projector's and the Merkle log's subscriptions poll the store on
 * a timer, and a poll at the head reads nothing (counting calls made this test fail under load).
 */
describe('answers kept while the ledger stands still', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  let eventReads = 0;
  const source = { kind: 'minutes', reference: 'Minutes, item 1' };
  const write = (operationId: string, body: Record<string, unknown>, params: Record<string, string> = {}) =>
    client.call(operationId, {
      params,
      body: { occurredAt: '2012-03-01', source, ...body },
      token: ctx.tokens.clerk,
    });
  const proposalAt = (asOf: string, token?: string) =>
    client.call('getProposal', { params: { proposalId: 'p' }, query: { asOf }, token });

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    const body = {
      bodyId: 'pa',
      name: 'PA',
      classification: 'police-authority',
      powers: 'decides',
      foundingDate: '2000-01-01',
    };
    expect((await write('registerBody', body)).status).toBe(201);
    const proposal = {
      proposalId: 'p',
      title: 'Outsourcing',
      description: 'A plan.',
      scope: ['HR'],
      tabledBy: 'pa',
      bodyId: 'pa',
    };
    expect((await write('tableProposal', proposal)).status).toBe(201);
    await ctx.settle();
    for (const method of ['readStream', 'readAll'] as const) {
      const real = ctx.store[method].bind(ctx.store);
      jest.spyOn(ctx.store, method).mockImplementation(async function* counted(...args: never[]) {
        for await (const event of (real as (...a: never[]) => AsyncIterable<unknown>)(...args)) {
          eventReads += 1;
          yield event;
        }
      } as never);
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await ctx.stop();
  });

  it('answers the same read again without reading an event, and a write is seen by the next read', async () => {
    const first = await proposalAt('2013-01-01');
    expect(first.status).toBe(200);
    const drawn = eventReads;
    expect(drawn).toBeGreaterThan(0);
    const again = await proposalAt('2013-01-01');
    expect(again.body).toEqual(first.body);
    expect(eventReads).toBe(drawn);

    const claim = await write(
      'recordClaim',
      {
        claimId: 'staff',
        subject: 'staff-affected',
        amount: 1000,
        unit: 'people',
        qualifier: 'about',
        claimant: 'a report',
        statement: 'about 1,000 staff',
      },
      { proposalId: 'p' },
    );
    expect(claim.status).toBe(201);
    const after = await client.call('getProposal', {
      params: { proposalId: 'p' },
      query: { asOf: '2013-01-01', waitFor: String(claim.body.position) },
    });
    expect(after.body.claims.map((c: { claimId: string }) => c.claimId)).toEqual(['staff']);
    expect(eventReads).toBeGreaterThan(drawn);
  });

  it('keeps the public and an auditor apart: each is drawn for its own role', async () => {
    await proposalAt('2012-06-01');
    const drawn = eventReads;
    await proposalAt('2012-06-01', ctx.tokens.auditor);
    expect(eventReads).toBeGreaterThan(drawn);
    const audited = eventReads;
    await proposalAt('2012-06-01', ctx.tokens.auditor);
    await proposalAt('2012-06-01');
    expect(eventReads).toBe(audited);
  });
});
