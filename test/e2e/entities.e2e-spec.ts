import { HERTS_PROPOSAL, PCC_MEETING } from '@ledger/domain';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { kind: 'minutes', reference: 'single-resource reads test' };

/** What one records over HTTP can be read back over HTTP: each kind of thing, at a cut, as the caller may see it. */
describe('single-resource reads over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
    const token = ctx.tokens.clerk;
    const calls: Array<[string, Record<string, string>, Record<string, unknown>]> = [
      [
        'scheduleMeeting',
        {},
        {
          meetingId: 'herts-private',
          title: 'Hertfordshire PCC (private)',
          bodyIds: ['pcc-hertfordshire'],
          scheduledFor: '2013-03-02',
          public: false,
          occurredAt: '2013-02-20',
        },
      ],
      [
        'recordMeetingHeld',
        { meetingId: 'herts-private' },
        {
          attendees: [{ personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'PCC' }],
          occurredAt: '2013-03-02T10:00:00Z',
        },
      ],
      [
        'openVote',
        {},
        {
          voteEventId: 'private-vote',
          proposalId: HERTS_PROPOSAL,
          meetingId: 'herts-private',
          question: 'That the options go to consultation',
          bodyId: 'pcc-hertfordshire',
          occurredAt: '2013-03-02T11:00:00Z',
        },
      ],
      [
        'openVote',
        {},
        {
          voteEventId: 'herts-vote',
          proposalId: HERTS_PROPOSAL,
          meetingId: PCC_MEETING,
          question: 'That Hertfordshire considers outsourcing',
          bodyId: 'pcc-hertfordshire',
          occurredAt: '2013-03-03T10:00:00Z',
        },
      ],
      [
        'castVote',
        { voteEventId: 'herts-vote' },
        {
          personId: 'david-lloyd',
          bodyId: 'pcc-hertfordshire',
          option: 'yes',
          occurredAt: '2013-03-03T10:05:00Z',
        },
      ],
    ];
    for (const [operationId, params, body] of calls) {
      const res = await client.call(operationId, { token, params, body: { ...body, source } });
      if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await ctx.settle();
  });
  afterAll(async () => ctx.stop());

  it('reads back a body, a person, an alliance and a vote', async () => {
    expect((await client.call('getBody', { params: { bodyId: 'pa-hertfordshire' } })).body).toMatchObject({
      name: 'Hertfordshire Police Authority',
      successor: { id: 'pcc-hertfordshire' },
    });
    expect((await client.call('getPerson', { params: { personId: 'graham-bright' } })).body).toMatchObject({
      displayName: 'Sir Graham Bright',
    });
    expect((await client.call('getAlliance', { params: { allianceId: 'bch-alliance' } })).body).toMatchObject(
      { decisionRule: { kind: 'unanimity' } },
    );
    expect((await client.call('getVote', { params: { voteEventId: 'herts-vote' } })).body).toMatchObject({
      question: 'That Hertfordshire considers outsourcing',
      votes: [{ person: { name: 'David Lloyd' }, option: 'yes' }],
    });
  });

  it('answers 404 as problem+json for a thing that did not exist at the cut', async () => {
    const res = await client.call('getBody', {
      params: { bodyId: 'pcc-hertfordshire' },
      query: { asOf: '2012-11-21' },
    });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toBe('Body pcc-hertfordshire was not found');
    expect(
      (
        await client.call('getVote', {
          params: { voteEventId: 'herts-vote' },
          query: { knownAt: '2013-01-01' },
        })
      ).status,
    ).toBe(404);
  });

  it('hides a vote taken at a private meeting from the public, not from clerks or auditors', async () => {
    expect((await client.call('getVote', { params: { voteEventId: 'private-vote' } })).status).toBe(404);
    for (const token of [ctx.tokens.clerk, ctx.tokens.auditor])
      expect(
        (await client.call('getVote', { params: { voteEventId: 'private-vote' }, token })).body.meeting,
      ).toMatchObject({ id: 'herts-private', public: false });
  });

  it('refuses a bad id or cut with a validation problem', async () => {
    expect((await client.call('getPerson', { params: { personId: 'bad id!' } })).status).toBe(400);
    expect(
      (
        await client.call('getAlliance', {
          params: { allianceId: 'bch-alliance' },
          query: { asOf: 'yesterday' },
        })
      ).status,
    ).toBe(400);
  });

  it("reads a proposal's decision, recommendation and claim one at a time, as the proposal shows them", async () => {
    const proposalId = 'g4s-back-office';
    expect(
      (await client.call('getDecision', { params: { proposalId, decisionId: 'discontinue-bedfordshire' } }))
        .body,
    ).toMatchObject({ proposalId, person: { name: 'Olly Martins' } });
    expect(
      (
        await client.call('getRecommendation', {
          params: { proposalId, recommendationId: 'jwg-g4s-recommendation' },
        })
      ).body,
    ).toMatchObject({ byBody: { id: 'jwg' } });
    expect(
      (await client.call('getClaim', { params: { proposalId, claimId: 'value-77m' } })).body.source.kind,
    ).toBe('news-report');
    expect(
      (
        await client.call('getDecision', {
          params: { proposalId, decisionId: 'discontinue-bedfordshire' },
          query: { asOf: '2012-12-31T23:59:59Z' },
        })
      ).status,
    ).toBe(404);
  });
});
