import type { BrowserContext } from 'playwright-core';
import { startWebFixture, type WebFixture } from '../support/web-fixture';

/*
 * A decision record as a PCC publishes it (issue 16), made in this test: a PCC numbering its
 * records PCC/D/{seq:3}, a recommendation, a vote that carried it, and a decision with every
 * field, taken by the Chief Executive under delegation. Read as JSON (every field; the exempt
 * annex for the auditor only) and as a page in a real browser (GOV.UK summary list).
 */
const ANNEX = 'ANNEX-CANARY pricing schedule';
const ANNEX_TITLE = 'ANNEX-TITLE-CANARY commercial terms';
const source = { kind: 'decision-record', reference: 'PCC/D/032' };

const DECISION = {
  decisionId: 'd-032',
  bodyId: 'pcc-x',
  personId: 'olly',
  postId: 'commissioner',
  outcome: 'approve',
  stage: 'final',
  inPublic: true,
  rationale: 'Best value for the three forces.',
  reference: 'PCC/D/032',
  title: 'Business support services',
  summary: 'To proceed with the shared business support service.',
  reportOf: 'Chief Executive',
  recommendation: 'That the Commissioner approves the business case.',
  recommendationId: 'rec-1',
  delegation: { personId: 'ceo', role: 'Chief Executive', scheme: 'Scheme of Delegation, para 4.2' },
  signed: { personId: 'ceo', on: '2013-03-01' },
  publishedOn: '2013-03-04',
  keyDecision: true,
  significantPublicInterest: true,
  financialImplications: 'Savings of £1m a year from 2014.',
  legalImplications: 'A collaboration agreement under section 22A of the Police Act 1996.',
  interests: [
    {
      personId: 'olly',
      type: 'pecuniary',
      description: 'Holds shares in a bidder',
      dispensation: {
        grantedBy: 'Monitoring Officer',
        grantedOn: '2013-02-20',
        reason: 'Shares held in trust',
      },
    },
  ],
  exemptAnnex: { paragraph: 3, title: ANNEX_TITLE, content: ANNEX },
  voteEventId: 'vote-1',
};

describe('a decision record, as a PCC publishes it', () => {
  let web: WebFixture;

  const record = (operationId: string, params: Record<string, string>, body: object, at: string) =>
    web.record(operationId, params, { ...body, occurredAt: at }, source);

  beforeAll(async () => {
    // Without the story: this spec records its own PCC's world.
    web = await startWebFixture({ story: false });
    await record(
      'registerBody',
      {},
      {
        bodyId: 'pcc-x',
        name: 'Police and Crime Commissioner for X',
        classification: 'police-and-crime-commissioner',
        powers: 'decides',
        foundingDate: '2012-11-22',
        decisionReferenceFormat: 'PCC/D/{seq:3}',
      },
      '2012-11-22',
    );
    await record(
      'createPost',
      { bodyId: 'pcc-x' },
      { postId: 'commissioner', label: 'Commissioner', role: 'PCC' },
      '2012-11-22',
    );
    for (const [personId, name] of [
      ['olly', 'Olly Commissioner'],
      ['ceo', 'Chris Executive'],
    ])
      await record('registerPerson', {}, { personId, name }, '2012-11-22');
    await record(
      'appointOfficeHolder',
      { bodyId: 'pcc-x' },
      { membershipId: 'olly-pcc', postId: 'commissioner', personId: 'olly', startDate: '2012-11-22' },
      '2012-11-22',
    );
    await record(
      'tableProposal',
      {},
      {
        proposalId: 'bss',
        title: 'Business support services',
        description: 'Shared services.',
        scope: ['HR'],
        tabledBy: 'pcc-x',
        bodyId: 'pcc-x',
      },
      '2013-02-01',
    );
    await record(
      'issueRecommendation',
      { proposalId: 'bss' },
      {
        recommendationId: 'rec-1',
        byBodyId: 'pcc-x',
        toBodyIds: ['pcc-x'],
        content: 'proceed',
        rationale: 'The business case.',
      },
      '2013-02-10',
    );
    await record(
      'scheduleMeeting',
      {},
      {
        meetingId: 'm-1',
        title: 'Decision meeting',
        bodyIds: ['pcc-x'],
        scheduledFor: '2013-02-28',
        public: true,
      },
      '2013-02-11',
    );
    await record('recordMeetingHeld', { meetingId: 'm-1' }, { attendees: [] }, '2013-02-28');
    await record(
      'openVote',
      {},
      { voteEventId: 'vote-1', proposalId: 'bss', meetingId: 'm-1', question: 'Approve?', bodyId: 'pcc-x' },
      '2013-02-28',
    );
    await record(
      'castVote',
      { voteEventId: 'vote-1' },
      { personId: 'olly', bodyId: 'pcc-x', option: 'yes' },
      '2013-02-28',
    );
    await record('closeVote', { voteEventId: 'vote-1' }, {}, '2013-02-28');
    const { decisionId: _id, ...body } = DECISION;
    await record(
      'recordDecision',
      { proposalId: 'bss' },
      { ...body, decisionId: DECISION.decisionId },
      '2013-03-01',
    );
    await web.ctx.settle();
  });
  afterAll(async () => web?.stop());

  const read = (token?: string) =>
    web.client.call('getDecision', { params: { proposalId: 'bss', decisionId: 'd-032' }, token });

  it('answers every field as JSON to an auditor, the exempt annex included', async () => {
    const res = await read(web.ctx.tokens.auditor);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(DECISION);
    expect(res.body.post).toMatchObject({ id: 'commissioner' });
  });

  it('answers the public every field but the exempt annex, on the decision and the proposal', async () => {
    const res = await read();
    const { exemptAnnex: _annex, ...published } = DECISION;
    expect(res.body).toMatchObject(published);
    expect(res.body.exemptAnnex).toBeUndefined();
    for (const url of [
      '/proposals/bss',
      '/proposals/bss/decisions/d-032',
      '/proposals/bss/history?limit=100',
      '/proposals/bss/diff?from=2013-01-01&to=2013-04-01',
      '/audit/proposal/bss',
      '/decisions',
      '/events?limit=1000',
    ]) {
      const inject = (authorization?: string) =>
        web.ctx.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
      const [pub, auditor] = [await inject(), await inject(`Bearer ${web.ctx.tokens.auditor}`)];
      expect([url, pub.statusCode]).toEqual([url, 200]);
      expect([url, pub.body]).not.toEqual([url, expect.stringContaining('CANARY')]);
      // The route does carry the annex, to those who may see it (bar the decisions register, which never lists it).
      if (url !== '/decisions')
        expect([url, auditor.body]).toEqual([url, expect.stringContaining('ANNEX-CANARY')]);
    }
  });

  it('refuses a second record with the same reference by the same decision-maker in the term', async () => {
    const res = await web.client.call('recordDecision', {
      params: { proposalId: 'bss' },
      body: {
        decisionId: 'd-033',
        bodyId: 'pcc-x',
        personId: 'olly',
        postId: 'commissioner',
        outcome: 'sign-contract',
        inPublic: true,
        rationale: 'Signed.',
        reference: 'PCC/D/032',
        occurredAt: '2013-03-05',
        source,
      },
      token: web.ctx.tokens.clerk,
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('decision-reference-taken');
  });

  it('refuses a record whose annex cites no paragraph of Schedule 12A or whose interest is of no known kind, naming the fields', async () => {
    const res = await web.client.call('recordDecision', {
      params: { proposalId: 'bss' },
      body: {
        decisionId: 'd-034',
        bodyId: 'pcc-x',
        outcome: 'defer',
        inPublic: true,
        rationale: 'Later.',
        exemptAnnex: { paragraph: 9, title: 't', content: 'c' },
        interests: [{ personId: 'olly', type: 'financial', description: 'x' }],
        occurredAt: '2013-03-05',
        source,
      },
      token: web.ctx.tokens.clerk,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/exemptAnnex\.paragraph/);
    expect(JSON.stringify(res.body)).toContain('interests[0].type');
  });

  const open = async (
    token?: string,
  ): Promise<{ context: BrowserContext; text: string; rows: Record<string, string> }> => {
    const context = await web.context(token);
    const page = await context.newPage();
    await page.goto('/register/proposals/bss');
    // The proposal page, its timeline drawn from the audit trail, shows the public no annex either.
    if (!token) expect(await page.content()).not.toContain('CANARY');
    await page.click('[data-testid="positions"] a:has-text("Approve")');
    await page.waitForURL(/\/decisions\/d-032$/);
    const rows: Record<string, string> = {};
    for (const row of await page.locator('[data-testid^="row-"]').all())
      rows[(await row.getAttribute('data-testid'))!] = (await row.innerText()).trim();
    if (!token) expect(await web.audit(page, 'decision-record')).toEqual([]);
    return { context, text: await page.content(), rows };
  };

  it('shows the public the record as a PCC publishes it, every field in a summary list, no annex', async () => {
    const { context, text, rows } = await open();
    expect(rows).toEqual({
      'row-reference': 'PCC/D/032',
      'row-title': 'Business support services',
      'row-decision-maker': 'Police and Crime Commissioner for X: Olly Commissioner (Commissioner)',
      'row-delegation':
        'Decided by Chief Executive (Chris Executive) under Scheme of Delegation, para 4.2, on behalf of the post holder',
      'row-report-of': 'Chief Executive',
      'row-date': '1 March 2013',
      'row-summary': 'To proceed with the shared business support service.',
      'row-recommendation': 'That the Commissioner approves the business case. (recommendation rec-1)',
      'row-outcome': 'Approve, final',
      'row-rationale': 'Best value for the three forces.',
      'row-signed': 'By Chris Executive on 1 March 2013',
      'row-published': '4 March 2013',
      'row-key-decision': 'Yes',
      'row-public-interest': 'Yes',
      'row-financial': 'Savings of £1m a year from 2014.',
      'row-legal': 'A collaboration agreement under section 22A of the Police Act 1996.',
      'row-interests':
        'Olly Commissioner: Pecuniary interest, Holds shares in a bidder; dispensation granted by Monitoring Officer on 20 February 2013 (Shares held in trust)',
      'row-in-public': 'Yes',
      'row-vote': '“Approve?” – Passed, at Decision meeting',
    });
    expect(text).not.toContain('CANARY');
    await context.close();
  });

  it('shows an auditor the exempt annex with its Schedule 12A paragraph', async () => {
    const { context, rows } = await open(web.ctx.tokens.auditor);
    expect(rows['row-exempt-annex']).toBe(
      `Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972: ${ANNEX_TITLE}. ${ANNEX}`,
    );
    await context.close();
  });

  it("shows the PCC's reference format on its body, as JSON and as a page", async () => {
    expect(
      (await web.client.call('getBody', { params: { bodyId: 'pcc-x' } })).body.decisionReferenceFormat,
    ).toBe('PCC/D/{seq:3}');
    const context = await web.context();
    const page = await context.newPage();
    await page.goto('/register/bodies/pcc-x');
    expect(await page.innerText('[data-testid="reference-format"]')).toContain('PCC/D/{seq:3}');
    await context.close();
  });

  it("draws the clerk's form for a decision with the record's new fields", async () => {
    const context = await web.context(web.ctx.tokens.clerk);
    const page = await context.newPage();
    await page.goto('/console/record/recordDecision?proposalId=bss');
    for (const name of [
      'title',
      'summary',
      'reportOf',
      'stage',
      'undoesDecisionId',
      'keyDecision',
      'publishedOn',
      'signed.personId',
      'exemptAnnex.paragraph',
      'interests',
      'voteEventId',
    ])
      expect(await page.locator(`[name="${name}"]`).count()).toBeGreaterThan(0);
    await context.close();
  });
});
