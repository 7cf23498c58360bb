import {
  ALLIANCE_PROPOSAL,
  CC_MEETING,
  HERTS_PROPOSAL,
  JWG_MEETING,
  PCC_MEETING,
  STRATEGIC_ALLIANCE_STORY,
} from '@ledger/domain';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the story of the four reports, recorded over HTTP alone and read back', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
  });
  afterAll(async () => ctx.stop());

  const get = async (proposalId: string, query: { asOf?: string; knownAt?: string }) => {
    const res = await client.call('getProposal', {
      params: { proposalId },
      query: query,
    });
    return res;
  };
  const ids = (bodies: Array<{ id: string }>) => bodies.map((b) => b.id).sort();

  it('recorded every step', async () => {
    expect(await ctx.store.head()).toBe(STRATEGIC_ALLIANCE_STORY.length);
  });

  // waitingFor names every member whose agreement the alliance's rule needs: the three chief
  // constables too, and before anything was referred to the police authorities (issue 16).
  const CHIEF_CONSTABLES = ['cc-bedfordshire', 'cc-cambridgeshire', 'cc-hertfordshire'];
  const AUTHORITIES = ['pa-bedfordshire', 'pa-cambridgeshire', 'pa-hertfordshire'];
  // The reports date the summer's steps only to 2012: as of any day of 2012 they all count (from
  // the year's first instant, README "Uncertain dates"); only the clerk's recording times,
  // `knownAt`, still tell the steps of that summer apart.
  const PCCS = ['pcc-bedfordshire', 'pcc-cambridgeshire', 'pcc-hertfordshire'];
  it.each([
    [{ knownAt: '2012-08-01T12:00:00Z' }, 'under-consideration', [...CHIEF_CONSTABLES, ...AUTHORITIES]],
    [{ knownAt: '2012-08-10T00:00:00Z' }, 'recommended', [...CHIEF_CONSTABLES, ...AUTHORITIES]],
    [{ asOf: '2012-01-01' }, 'recommended', [...CHIEF_CONSTABLES, ...AUTHORITIES]],
    [{ asOf: '2012-11-21' }, 'recommended', [...CHIEF_CONSTABLES, ...AUTHORITIES]],
    [{ asOf: '2012-11-23' }, 'recommended', [...CHIEF_CONSTABLES, ...PCCS]],
    [{ knownAt: '2012-11-23T12:00:00Z' }, 'recommended', [...CHIEF_CONSTABLES, ...PCCS]],
    [{ asOf: '2013-01-01' }, 'discontinued', []],
    [{ knownAt: '2013-02-06T00:00:00Z' }, 'discontinued', []],
  ])('at %j: %s, waiting for %j', async (query, status, waiting) => {
    const res = await get(ALLIANCE_PROPOSAL, query);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(status);
    expect(ids(res.body.waitingFor)).toEqual(waiting);
  });

  it('does not know the alliance proposal before 2012, the first year the reports give', async () => {
    expect((await get(ALLIANCE_PROPOSAL, { asOf: '2011-12-31T23:59:59Z' })).status).toBe(404);
  });

  it("shows Hertfordshire's own proposal from early 2013 (the year's first instant), and as known after the PCCs' meeting", async () => {
    expect((await get(HERTS_PROPOSAL, { asOf: '2013-01-01' })).body.status).toBe('under-consideration');
    expect((await get(HERTS_PROPOSAL, { knownAt: '2013-02-06T00:00:00Z' })).body.status).toBe(
      'under-consideration',
    );
    const before = await get(HERTS_PROPOSAL, { asOf: '2012-12-31T23:59:59Z' });
    expect(before.status).toBe(404);
    expect(before.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await get(HERTS_PROPOSAL, { knownAt: '2013-02-04T12:00:00Z' })).status).toBe(404);
  });

  it('answers who decided, by name and office, with the meeting, its chair and the sources', async () => {
    const res = await client.call('whoDecided', { params: { proposalId: ALLIANCE_PROPOSAL } });
    expect(res.status).toBe(200);
    expect(res.body.decisions.map((d: any) => `${d.person.name}, ${d.post.label}`)).toEqual([
      'David Lloyd, Police and Crime Commissioner for Hertfordshire',
      'Sir Graham Bright, Police and Crime Commissioner for Cambridgeshire',
      'Olly Martins, Police and Crime Commissioner for Bedfordshire',
    ]);
    expect(res.body.decisions[0].meeting).toBeUndefined();
    expect(res.body.decisions[1].meeting.chair.name).toBe('Sir Graham Bright');
    expect(res.body.decisions.every((d: any) => d.source.reference.startsWith('seeds/'))).toBe(true);
    expect(res.body.decisions.every((d: any) => d.recordedBy === undefined)).toBe(true);
  });

  it('reads the meetings and bodies as the reports give them: publicity not stated, the year approximate, no founding date', async () => {
    for (const token of [undefined, ctx.tokens.auditor]) {
      const meeting = await client.call('getMeeting', { params: { meetingId: PCC_MEETING }, token });
      expect(meeting.status).toBe(200);
      expect(meeting.body).toMatchObject({
        scheduledFor: '2013',
        scheduledForPrecision: 'year',
        scheduledForApproximate: true,
        publicity: 'not-stated',
        title: 'Police and Crime Commissioners of the Strategic Alliance',
      });
      expect(meeting.body).not.toHaveProperty('public');
    }
    const meetings = await client.call('listMeetings', {});
    expect(meetings.body.items.map((m: any) => [m.meetingId, m.scheduledFor, m.publicity])).toEqual([
      [CC_MEETING, '2012', 'not-stated'],
      [JWG_MEETING, '2012', 'not-stated'],
      [PCC_MEETING, '2013', 'not-stated'],
    ]);
    const authority = await client.call('getBody', { params: { bodyId: 'pa-hertfordshire' } });
    expect(authority.body).not.toHaveProperty('foundingDate');
    const pcc = await client.call('getBody', { params: { bodyId: 'pcc-hertfordshire' } });
    expect(pcc.body).toMatchObject({ foundingDate: '2012-11-22', foundingDatePrecision: 'day' });
    const alliance = await client.call('getAlliance', { params: { allianceId: 'bch-alliance' } });
    expect(alliance.body).toMatchObject({ foundingDate: '2012', foundingDateApproximate: true });
  });

  it('diffs and lists', async () => {
    const diff = await client.call('getProposalDiff', {
      params: { proposalId: ALLIANCE_PROPOSAL },
      query: { from: '2012-11-01', to: '2013-02-28' },
    });
    expect(diff.body.before).toBe('recommended');
    expect(diff.body.after).toBe('discontinued');
    const list = await client.call('listProposals', { query: { status: 'discontinued' } });
    expect(list.body.items.map((p: any) => p.proposalId)).toEqual([ALLIANCE_PROPOSAL]);
    const decisions = await client.call('listDecisions', { query: { bodyId: 'pcc-hertfordshire' } });
    expect(decisions.body.items).toHaveLength(1);
  });

  it('answers a write with its ids, revision, position and hashes; the ETag is the revision', async () => {
    const res = await client.call('recordClaim', {
      params: { proposalId: HERTS_PROPOSAL },
      token: ctx.tokens.clerk,
      body: {
        claimId: 'e2e',
        subject: 'other',
        amount: 1,
        unit: 'GBP',
        qualifier: 'about',
        claimant: 'test',
        statement: 'x',
        occurredAt: '2014-01-01',
        source: { kind: 'test', reference: 'e2e' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    expect(res.body.events[0]).toEqual(
      expect.objectContaining({ type: 'ClaimRecorded', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    );
    const read = await client.call('getProposal', {
      params: { proposalId: HERTS_PROPOSAL },
      query: { waitFor: res.body.position },
    });
    expect(read.body.claims.map((c: any) => c.claimId)).toContain('e2e');
  });
});
