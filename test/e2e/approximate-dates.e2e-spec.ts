import { OpenApiClient } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Over HTTP, a date a read takes from an entry's `occurredAt` says whether it is a guess, as the
 * entry was dated: a meeting held in a year a report gives (`heldOnApproximate`, though only the
 * entry's `occurredAtApproximate` was sent), a proposal tabled and withdrawn then
 * (`tabledAtApproximate`, `closedAtApproximate`). The OpenAPI document declares each flag on the
 * schema of the read that answers it, so a generated client knows it is there.
 */
describe('approximate dates of meetings and proposals over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const source = { kind: 'news-report', reference: 'A report dated to its year' };
  const write = async (operationId: string, body: object, params: Record<string, string> = {}) => {
    const res = await client.call(operationId, {
      params,
      body: { source, ...body },
      token: ctx.tokens.clerk,
    });
    expect(res.status).toBe(201);
  };
  const guess = { occurredAtApproximate: true };

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await write('registerBody', {
      bodyId: 'pa',
      name: 'PA',
      classification: 'police-authority',
      powers: 'decides',
      foundingDate: '2000-01-01',
      occurredAt: '2000-01-01',
    });
    await write('scheduleMeeting', {
      meetingId: 'm',
      title: 'The meeting a report mentions',
      bodyIds: ['pa'],
      scheduledFor: '2012',
      scheduledForApproximate: true,
      occurredAt: '2011-12-01',
    });
    await write('recordMeetingHeld', { attendees: [], occurredAt: '2012', ...guess }, { meetingId: 'm' });
    const terms = {
      title: 'Outsourcing',
      description: 'A plan.',
      scope: ['HR'],
      tabledBy: 'pa',
      bodyId: 'pa',
    };
    await write('tableProposal', { proposalId: 'p', ...terms, occurredAt: '2012', ...guess });
    await write(
      'withdrawProposal',
      { byBodyId: 'pa', reason: 'Dropped', occurredAt: '2013', ...guess },
      {
        proposalId: 'p',
      },
    );
    await write('tableProposal', { proposalId: 'q', ...terms, occurredAt: '2012-03-01' });
    await ctx.settle();
  });
  afterAll(async () => ctx.stop());

  it('reads a meeting held on a guessed date as approximate, alone and listed', async () => {
    const read = await client.call('getMeeting', { params: { meetingId: 'm' } });
    expect(read.body).toMatchObject({
      heldOn: '2012',
      heldOnPrecision: 'year',
      heldOnApproximate: true,
      scheduledFor: '2012',
      scheduledForApproximate: true,
    });
    const listed = await client.call('listMeetings', { query: { asOf: '2012-06-01' } });
    expect(listed.body.items).toEqual([expect.objectContaining({ meetingId: 'm', heldOnApproximate: true })]);
  });

  it("reads a proposal's tabled and closed dates as approximate when they were guesses, and not when not", async () => {
    const p = await client.call('getProposal', { params: { proposalId: 'p' } });
    expect(p.body).toMatchObject({
      tabledAt: '2012',
      tabledAtApproximate: true,
      closedAt: '2013',
      closedAtApproximate: true,
    });
    const q = await client.call('getProposal', { params: { proposalId: 'q' }, token: ctx.tokens.auditor });
    expect(q.body).toMatchObject({ tabledAt: '2012-03-01', tabledAtApproximate: false });
    expect(q.body).not.toHaveProperty('closedAt');
    expect(q.body).not.toHaveProperty('closedAtApproximate');
    const listed = await client.call('listProposals', {});
    expect(listed.body.items.map((i: { proposalId: string; tabledAtApproximate: boolean }) => i)).toEqual([
      expect.objectContaining({ proposalId: 'p', tabledAtApproximate: true }),
      expect.objectContaining({ proposalId: 'q', tabledAtApproximate: false }),
    ]);
  });

  it('declares each flag in the OpenAPI document, beside its date', () => {
    const schemas = (client.document.components?.schemas ?? {}) as Record<
      string,
      { properties?: Record<string, { type?: string }>; required?: string[] }
    >;
    const declared = (schema: string, field: string) => schemas[schema]?.properties?.[field]?.type;
    expect(declared('MeetingDto', 'heldOnApproximate')).toBe('boolean');
    expect(declared('ProposalDto', 'tabledAtApproximate')).toBe('boolean');
    expect(declared('ProposalDto', 'closedAtApproximate')).toBe('boolean');
    expect(declared('ProposalSummaryDto', 'tabledAtApproximate')).toBe('boolean');
    // Always given with tabledAt; closedAtApproximate only with closedAt.
    expect(schemas.ProposalDto.required).toContain('tabledAtApproximate');
    expect(schemas.ProposalDto.required).not.toContain('closedAtApproximate');
  });
});
