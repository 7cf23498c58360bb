import type { HiddenLedger } from '../support/hidden-ledger';
import { hiddenLedgerRecorder, type HiddenLedgerRecorder } from '../support/hidden-ledger-recorder';
import { OpenApiClient } from '../support/openapi-client';
import { crawlRoutes } from '../support/route-crawl';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Over HTTP, as a reader without a token: a decision taken in private is named by id on events
 * the public may see (a discontinuation's `decisionIds`, a rescission's `undoesDecisionId`). Every
 * such id here is a canary; every GET route of /openapi.json is crawled as the public (cuts, page
 * sizes, diff windows, exports, CSVs) and none may show one, nor may the register's pages; an
 * auditor's crawl finds every one. One decision is found private only after it was named.
 */
describe('the ids of decisions taken in private, on every public route', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  let r: HiddenLedgerRecorder;
  let ledger: HiddenLedger;
  let eventIds: string[];
  const ids = { privateReject: '', privateApprove: '', laterApprove: '' };

  /**
   * Two police authorities, each with a chair who decides: each proposal is one authority's, referred
   * to the other for decision. The hidden ledger's bodies and people, without its alliance.
   */
  const recordCast = async () => {
    for (const [bodyId, personId] of [
      ['pa-a', 'p-a'],
      ['pa-b', 'p-b'],
    ]) {
      await r.record(
        'registerBody',
        {},
        { bodyId, name: `Authority ${bodyId}`, classification: 'police-authority', powers: 'decides' },
      );
      await r.record(
        'createPost',
        { bodyId },
        { postId: 'chair', label: `Chair of ${bodyId}`, role: 'Chair' },
      );
      await r.record('registerPerson', {}, { personId, name: `Person ${personId}` });
      await r.record(
        'appointOfficeHolder',
        { bodyId },
        { membershipId: `${personId}-m`, postId: 'chair', personId, startDate: '2011-01-01' },
      );
    }
    ledger.bodies.splice(0, ledger.bodies.length, 'pa-a', 'pa-b');
    ledger.alliances.splice(0);
  };
  const table = async (proposalId: string) => {
    ledger.proposals.push(proposalId);
    const title = `Proposal ${proposalId}`;
    await r.record(
      'tableProposal',
      {},
      { proposalId, title, description: 'A proposal', scope: ['ICT'], tabledBy: 'pa-a', bodyId: 'pa-a' },
    );
    await r.record(
      'referProposal',
      { proposalId },
      { byBodyId: 'pa-a', toBodyIds: ['pa-b'], reason: 'For decision by the other authority too' },
    );
  };
  const decide = (
    proposalId: string,
    decisionId: string,
    bodyId: string,
    outcome: string,
    fields: object,
  ) => {
    r.nextDay();
    // Read one by one by the crawl, which puts the id in the path: a canary's 404 would echo it.
    if (!ledger.canaries.includes(decisionId)) ledger.decisions.push(decisionId);
    return r.record(
      'recordDecision',
      { proposalId },
      {
        decisionId,
        bodyId,
        // Each authority's chair decides: the person's register lists it too.
        postId: 'chair',
        personId: bodyId === 'pa-a' ? 'p-a' : 'p-b',
        outcome,
        rationale: `Decided ${decisionId}`,
        ...fields,
      },
    );
  };

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    r = hiddenLedgerRecorder(client, ctx, 'pd', {});
    ledger = r.ledger;
    await recordCast();
    ids.privateReject = r.canary('private-reject');
    ids.privateApprove = r.canary('private-approve');
    ids.laterApprove = r.canary('later-approve');

    await table('prop-d');
    await decide('prop-d', 'open-reject', 'pa-a', 'reject', { inPublic: true });
    await decide('prop-d', ids.privateReject, 'pa-b', 'reject', { inPublic: false });
    r.nextDay();
    await r.record(
      'discontinueProposal',
      { proposalId: 'prop-d' },
      { decisionIds: ['open-reject', ids.privateReject], reason: 'Both authorities rejected it' },
    );

    await table('prop-u');
    await decide('prop-u', ids.privateApprove, 'pa-a', 'approve', { inPublic: false });
    await decide('prop-u', 'rescind', 'pa-a', 'rescind', {
      inPublic: true,
      undoesDecisionId: ids.privateApprove,
    });
    // Taken at a meeting recorded as public, and revoked in public; the meeting is found private later.
    ledger.meetings.push('meet-later');
    const scheduled = await r.record(
      'scheduleMeeting',
      {},
      {
        meetingId: 'meet-later',
        title: 'Later found private',
        bodyIds: ['pa-b'],
        scheduledFor: new Date(r.day + 86_400_000).toISOString().slice(0, 10),
        public: true,
      },
    );
    // Held on the day it was scheduled for, the next: the day the decision taken at it is dated.
    await r.record(
      'recordMeetingHeld',
      { meetingId: 'meet-later' },
      { attendees: [{ personId: 'p-b', bodyId: 'pa-b', capacity: 'chair' }] },
      new Date(r.day + 86_400_000).toISOString(),
    );
    await decide('prop-u', ids.laterApprove, 'pa-b', 'approve', { meetingId: 'meet-later' });
    await decide('prop-u', 'revoke', 'pa-b', 'revoke', {
      inPublic: true,
      undoesDecisionId: ids.laterApprove,
    });
    r.nextDay();
    await r.correctToPrivate('meet-later', scheduled.eventIds[0]);
    ctx.setClock(undefined);
    await ctx.settle();
    eventIds = (
      await client.call('exportEvents', { token: ctx.tokens.auditor, query: { limit: 10_000 } })
    ).text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).id as string);
  });
  afterAll(async () => ctx.stop());

  const leaks = (text: string) => ledger.canaries.filter((c) => text.includes(c));

  it('shows the public the discontinuation and the rescission, without the ids of the decisions in private', async () => {
    const history = await client.call('getProposalHistory', { params: { proposalId: 'prop-d' } });
    const discontinued = history.body.items.find((e: any) => e.type === 'ProposalDiscontinued');
    expect(discontinued.data).toMatchObject({ decisionIds: ['open-reject'], withheldDecisionCount: 1 });
    const register = await client.call('listDecisions', { query: { proposalId: 'prop-u' } });
    const undone = Object.fromEntries(
      register.body.items.map((d: any) => [d.decisionId, d.undoesDecisionId ?? null]),
    );
    expect(undone).toEqual({ rescind: null, revoke: null });
    const decision = await client.call('getDecision', {
      params: { proposalId: 'prop-u', decisionId: 'rescind' },
    });
    expect(decision.status).toBe(200);
    expect(decision.body).not.toHaveProperty('undoesDecisionId');
    for (const res of [history, register, decision]) expect(leaks(res.text)).toEqual([]);
  });

  it('shows an auditor every id', async () => {
    const token = ctx.tokens.auditor;
    const history = await client.call('getProposalHistory', { params: { proposalId: 'prop-d' }, token });
    expect(history.body.items.find((e: any) => e.type === 'ProposalDiscontinued').data.decisionIds).toEqual([
      'open-reject',
      ids.privateReject,
    ]);
    const register = await client.call('listDecisions', { query: { proposalId: 'prop-u' }, token });
    const undone = Object.fromEntries(
      register.body.items.map((d: any) => [d.decisionId, d.undoesDecisionId ?? null]),
    );
    expect(undone).toMatchObject({ rescind: ids.privateApprove, revoke: ids.laterApprove });
  });

  it('shows none of them on any public route, and each on an auditor’s', async () => {
    const pub = await crawlRoutes(client, ledger, eventIds, undefined, false);
    for (const op of [
      'getProposal',
      'getProposalHistory',
      'getProposalDiff',
      'getDecision',
      'listDecisions',
      'listDecisionsByPerson',
      'listDecisionsByPersonCsv',
      'getAuditTrail',
      'exportEvents',
      'listDecisionsCsv',
      'getAuditTrailCsv',
    ])
      expect(pub.routes).toContain(op);
    const leaked = pub.answers.flatMap((a) => leaks(a.text).map((c) => `${a.url} (${a.status}): ${c}`));
    expect(leaked).toEqual([]);
    for (const page of [
      '/register/proposals/prop-d',
      '/register/proposals/prop-u',
      '/register/bodies/pa-a',
      '/register/bodies/pa-b',
      '/register/people/p-a',
      '/register/people/p-b',
    ]) {
      const res = await ctx.app.inject({ method: 'GET', url: page });
      expect([page, res.statusCode]).toEqual([page, 200]);
      expect([page, leaks(res.body)]).toEqual([page, []]);
    }
    const aud = await crawlRoutes(client, ledger, eventIds, ctx.tokens.auditor, false);
    const seen = aud.answers.map((a) => a.text).join('\n');
    expect(ledger.canaries.filter((c) => !seen.includes(c))).toEqual([]);
  });
});
