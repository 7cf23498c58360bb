import { ALLIANCE_PROPOSAL, MET_PROPOSAL, STRATEGIC_ALLIANCE_STORY } from '@ledger/domain';
import { startWebFixture, type WebFixture } from '../support/web-fixture';

/*
 * A decision record from the story of the four reports (issue 16), as a PCC publishes it: Sir
 * Graham Bright's decision not to proceed with G4S, read as JSON and as a page in a real browser.
 * The record carries what the reports give (title, summary, the PCC's signature dated to the year)
 * and nothing else: the API leaves out what was not recorded, and the page shows every row of the
 * record, saying where the reports say nothing.
 */
const DECISION = 'discontinue-cambridgeshire';

/** The decision as the story records it: what the JSON must carry, field for field. */
const recorded = STRATEGIC_ALLIANCE_STORY.map((step) => step.command).find(
  (c) => c.type === 'RecordDecision' && c.data.decisionId === DECISION,
)!.data as Record<string, unknown>;

/** Fields of a PCC's decision record the reports do not give: neither the JSON nor the page invents them. */
const NOT_IN_THE_REPORTS = [
  'inPublic',
  'reference',
  'reportOf',
  'recommendation',
  'recommendationId',
  'stage',
  'undoesDecisionId',
  'delegation',
  'publishedOn',
  'keyDecision',
  'significantPublicInterest',
  'financialImplications',
  'legalImplications',
  'interests',
  'exemptAnnex',
  'voteEventId',
];

describe("a decision record from the story: Sir Graham Bright's, as a PCC publishes it", () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await startWebFixture();
  });
  afterAll(async () => web?.stop());

  it('answers as JSON every field the story recorded, and none the reports do not give', async () => {
    const res = await web.client.call('getDecision', {
      params: { proposalId: ALLIANCE_PROPOSAL, decisionId: DECISION },
    });
    expect(res.status).toBe(200);
    const { proposalId: _proposal, ...fields } = recorded;
    expect(res.body).toMatchObject({ ...fields, proposalId: ALLIANCE_PROPOSAL });
    expect(res.body).toMatchObject({
      title: 'Not to proceed with outsourcing to G4S through the Lincolnshire Police contract',
      signed: { personId: 'graham-bright', on: '2013' },
      person: { id: 'graham-bright', name: 'Sir Graham Bright' },
      body: { id: 'pcc-cambridgeshire' },
      // The reports give no day: the date is the seeds' estimate, and says so.
      occurredAt: '2013',
      occurredAtPrecision: 'year',
      occurredAtApproximate: true,
    });
    expect(res.body.sources.map((s: { quote: string }) => s.quote)).toContain(
      'we have come to the shared decision not to proceed further',
    );
    for (const key of NOT_IN_THE_REPORTS) expect([key, res.body[key]]).toEqual([key, undefined]);
    // The decisions register shows it to the public too (not stated is not private), publicity left out.
    const register = await web.client.call('listDecisions', { query: { bodyId: 'pcc-cambridgeshire' } });
    expect(register.body.items).toEqual([expect.objectContaining({ decisionId: DECISION })]);
    expect(register.body.items[0]).not.toHaveProperty('inPublic');
  });

  it('shows every row of the record on the page, each absent field said to be not stated or not recorded', async () => {
    const context = await web.context();
    const page = await context.newPage();
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}/decisions/${DECISION}`);
    const rows: Record<string, string> = {};
    for (const row of await page.locator('[data-testid^="row-"]').all())
      rows[(await row.getAttribute('data-testid'))!] = (await row.innerText()).trim();
    expect(rows).toEqual({
      'row-reference': 'Not numbered',
      'row-title': 'Not to proceed with outsourcing to G4S through the Lincolnshire Police contract',
      'row-decision-maker':
        'Police and Crime Commissioner for Cambridgeshire: Sir Graham Bright (Police and Crime Commissioner for Cambridgeshire)',
      'row-delegation': 'Not delegated',
      'row-report-of': 'Not stated',
      'row-date': '2013 (approximate)',
      'row-summary': recorded.summary,
      'row-recommendation': 'Not quoted',
      'row-outcome': 'Reject',
      'row-rationale': recorded.rationale,
      'row-signed': 'By Sir Graham Bright in 2013 (approximate)',
      'row-published': 'Not recorded',
      'row-key-decision': 'Not stated',
      'row-public-interest': 'Not stated',
      'row-financial': 'Not stated',
      'row-legal': 'Not stated',
      'row-interests': 'Not stated',
      'row-in-public': 'Not stated, at Police and Crime Commissioners of the Strategic Alliance',
      'row-vote': 'None recorded',
    });
    expect(await web.audit(page, 'decision-record-story')).toEqual([]);
    await context.close();
  });

  it("shows the Met's ten-year SSCL contract as signed, with no signatory or date the report does not give", async () => {
    const context = await web.context();
    const page = await context.newPage();
    await page.goto(`/register/proposals/${MET_PROPOSAL}/decisions/met-sscl-contract`);
    expect(await page.innerText('[data-testid="row-outcome"]')).toBe('Sign contract');
    expect(await page.innerText('[data-testid="row-signed"]')).toBe('Not recorded');
    expect(await page.innerText('[data-testid="row-date"]')).toBe('2013 (approximate)');
    expect(await page.innerText('[data-testid="row-title"]')).toBe(
      'Ten-year contract with Shared Services Connected Limited',
    );
    await context.close();
  });
});
