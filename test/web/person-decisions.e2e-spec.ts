import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { seriousViolations } from '../support/browser';
import { ANNEX_CANARY, PRIVATE_CANARY, recordStagedDecisions } from '../support/staged-decisions';
import { decisionsRegisterRows, startWebFixture, type WebFixture } from '../support/web-fixture';

/*
 * A person's decisions and who spoke for whom, as pages in a real browser (issue 16): the person
 * page draws the decisions register (the body page's, shared) of the decisions they took, signed
 * or took under delegation, each saying how they are named on it; the public never sees a
 * decision taken in private there, nor anyone an exempt annex. The proposal page names who spoke
 * on a claim and on Hertfordshire's taking the proposal forward.
 */
describe("a person's decisions, and who spoke, as pages", () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await startWebFixture();
    await recordStagedDecisions(web.client, web.ctx);
  });
  afterAll(async () => web?.stop());

  /** The person's register rows by decision id, each cell by its column. */
  const registerOf = (page: Page, personId: string) =>
    decisionsRegisterRows(page, `/register/people/${personId}`);

  it("lists the delegated officer's decision on her page, as signed and decided under delegation", async () => {
    const context = await web.context();
    const page = await context.newPage();
    const rows = await registerOf(page, 'herts-ceo');
    expect(Object.keys(rows)).toEqual(['herts-final']);
    expect(rows['herts-final']).toMatchObject({
      'named-as': 'Signed it; Decided under delegation',
      reference: 'PCC/H/2013/02',
      'decided-by':
        'David Lloyd; delegated to Chief Executive Hannah Executive under Scheme of Delegation, para 4.2',
      signed: 'Hannah Executive, 2 April 2013',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("lists the commissioner's decisions on his page, with no private one and no annex for the public", async () => {
    const context = await web.context();
    const page = await context.newPage();
    const rows = await registerOf(page, 'david-lloyd');
    expect(Object.keys(rows).sort()).toEqual(
      [
        'discontinue-hertfordshire',
        'herts-contract',
        'herts-final',
        'herts-in-principle',
        'herts-rescind',
      ].sort(),
    );
    expect(rows['discontinue-hertfordshire']).toMatchObject({
      'named-as': 'Decision-maker; Signed it',
      reference: 'Not numbered',
      signed: 'David Lloyd, 2013 (approximate)',
    });
    expect(rows['herts-final']['named-as']).toBe('Decision-maker');
    const html = await page.content();
    expect(html).not.toContain(ANNEX_CANARY);
    expect(html).not.toContain(PRIVATE_CANARY);
    await context.close();
  });

  it('shows an auditor the private decision on the person page, still without the annex', async () => {
    const context = await web.context(web.ctx.tokens.auditor);
    const page = await context.newPage();
    const rows = await registerOf(page, 'david-lloyd');
    expect(rows['herts-private-deferral']).toMatchObject({
      'named-as': 'Decision-maker',
      publicity: 'No, in private',
    });
    expect(await page.content()).not.toContain(ANNEX_CANARY);
    await context.close();
  });

  it('names who spoke, and for whom, on the proposal page: the claim and the timeline', async () => {
    const context = await web.context();
    const page = await context.newPage();
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
    const speakers = await page.locator('[data-testid="spoken-by"]').allInnerTexts();
    expect(speakers).toContain(
      'Andrew White, chief executive, for the Police and Crime Commissioner for Hertfordshire (David Lloyd)',
    );
    expect(speakers).toContain('Kim Challis, chief executive');
    const takenForward = page.locator(
      '[data-testid="timeline-entry"][data-type="ProposalTakenForwardByMember"]',
    );
    expect(await takenForward.innerText()).toContain(
      'Said by Andrew White, chief executive, for the Police and Crime Commissioner for Hertfordshire (David Lloyd)',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
