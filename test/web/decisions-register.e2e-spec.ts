import type { Page } from 'playwright-core';
import { seriousViolations } from '../support/browser';
import { ANNEX_CANARY, PRIVATE_CANARY, recordStagedDecisions } from '../support/staged-decisions';
import { decisionsRegisterRows, startWebFixture, type WebFixture } from '../support/web-fixture';

/*
 * A body's decisions register as a page in a real browser (issue 16): each decision record's
 * reference, title, outcome and stage, who decided (and under which delegation), key decision,
 * significant public interest, signatory, publication and whether it was taken in public. The
 * story's records and a staged sequence of Hertfordshire's; no exempt annex on it for anyone,
 * and no decision taken in private for the public.
 */
describe("a body's decisions register, as a page", () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await startWebFixture();
    await recordStagedDecisions(web.client, web.ctx);
  });
  afterAll(async () => web?.stop());

  /** The register's rows by decision id, each cell by its column. */
  const registerOf = (page: Page, bodyId: string) =>
    decisionsRegisterRows(page, `/register/bodies/${bodyId}`);

  it("shows a story decision's record as the reports give it: title and signer, the rest not stated", async () => {
    const context = await web.context();
    const page = await context.newPage();
    const rows = await registerOf(page, 'pcc-cambridgeshire');
    expect(rows['discontinue-cambridgeshire']).toEqual({
      // No number of the page's own: one from its place in the list differs by viewer and over time.
      reference: 'Not numbered',
      date: '2013 (approximate)',
      title:
        'Not to proceed with outsourcing to G4S through the Lincolnshire Police contract, on Outsourcing of organisational support services to G4S',
      outcome: 'Reject',
      'decided-by': 'Sir Graham Bright',
      'key-decision': 'Not stated',
      'public-interest': 'Not stated',
      signed: 'Sir Graham Bright, 2013 (approximate)',
      published: 'Not recorded',
      publicity: 'Not stated',
    });
    await page.click('[data-decision="discontinue-cambridgeshire"] a:has-text("Not to proceed")');
    await page.waitForURL(/\/decisions\/discontinue-cambridgeshire$/);
    await context.close();
  });

  it('shows each stage of a staged decision with its reference, delegation, signature and publication', async () => {
    const context = await web.context();
    const page = await context.newPage();
    const rows = await registerOf(page, 'pcc-hertfordshire');
    expect(rows['herts-in-principle']).toMatchObject({
      reference: 'PCC/H/2013/01',
      outcome: 'Approve, in principle',
      'key-decision': 'Yes',
      'public-interest': 'Yes',
      signed: 'David Lloyd, 1 March 2013',
      published: '4 March 2013',
      publicity: 'Yes',
    });
    expect(rows['herts-final']).toMatchObject({
      reference: 'PCC/H/2013/02',
      outcome: 'Approve, final',
      'decided-by':
        'David Lloyd; delegated to Chief Executive Hannah Executive under Scheme of Delegation, para 4.2',
      'key-decision': 'No',
      'public-interest': 'No',
      signed: 'Hannah Executive, 2 April 2013',
    });
    expect(rows['herts-contract'].outcome).toBe('Sign contract');
    expect(rows['herts-rescind'].outcome).toBe(
      'Rescind: undoes PCC/H/2013/03, Policing support services: contract signed',
    );
    expect(rows['herts-private-deferral']).toBeUndefined();
    const html = await page.content();
    expect(html).not.toContain(ANNEX_CANARY);
    expect(html).not.toContain(PRIVATE_CANARY);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows an auditor the decision taken in private, marked so, and still no exempt annex', async () => {
    const context = await web.context(web.ctx.tokens.auditor);
    const page = await context.newPage();
    const rows = await registerOf(page, 'pcc-hertfordshire');
    expect(rows['herts-private-deferral']).toMatchObject({ title: expect.stringContaining(PRIVATE_CANARY) });
    expect(rows['herts-private-deferral'].publicity).toBe('No, in private');
    expect(await page.content()).not.toContain(ANNEX_CANARY);
    await context.close();
  });
});
