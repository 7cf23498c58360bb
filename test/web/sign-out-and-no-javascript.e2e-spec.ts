import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { axeCheck, fill, label, SOURCE, submit } from '../support/web-journey';
import { startWebFixture, type WebFixture } from '../support/web-fixture';

/*
 * Signing in and out, and the pages with JavaScript turned off, in a real browser (Debian's
 * Chromium) against the real service on a temp SQLite file with the Strategic Alliance story
 * recorded. Each test opens its own browser context.
 */

describe('signing out, and pages without JavaScript', () => {
  let web: WebFixture;
  const check = axeCheck(() => web);

  beforeAll(async () => {
    web = await startWebFixture();
  });
  afterAll(async () => web?.stop());

  it('ends the session: the console asks to sign in again, even with the old cookie', async () => {
    const context = await web.context(web.ctx.tokens.clerk);
    const page = await context.newPage();
    await page.goto('/console');
    const session = (await context.cookies()).find((c) => c.name === 'ledger_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await Promise.all([
      page.waitForURL('**/console/sign-in?signedOut=1'),
      page.click('button:has-text("Sign out")'),
    ]);
    expect(await page.textContent('[data-testid=signed-out]')).toContain('You have signed out');
    await check(page, 'sign-in');
    await page.goto('/console');
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    const replayed = await web.ctx.app.inject({
      method: 'GET',
      url: '/console',
      headers: { cookie: `ledger_session=${session.value}` },
    });
    expect(replayed.statusCode).toBe(303);
    expect(replayed.headers.location).toBe('/console/sign-in?returnTo=%2Fconsole');
    await context.close();
  });

  it('refuses a wrong token with a message beside the field', async () => {
    const context = await web.context();
    const page = await context.newPage();
    await page.goto('/console/sign-in');
    await page.fill('#token', 'lk_not_a_real_token_at_all_0000');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
    expect(await page.textContent('#token-error')).toContain('not a known API key or a valid JWT');
    await context.close();
  });

  it('replays with the date form and records a form with JavaScript turned off', async () => {
    const context = await web.context(web.ctx.tokens.clerk, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
    expect(await page.locator('#replay-slider').isVisible()).toBe(false);
    await page.fill('#asOf', '2012-11-23');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=replay-form] button')]);
    const api = await web.json(`/proposals/${ALLIANCE_PROPOSAL}?asOf=2012-11-23`);
    expect((await page.textContent('[data-testid=status]'))!.trim()).toBe(label(api.status));
    await page.goto('/console/record/registerPerson');
    await fill(page, { personId: 'no-script', name: 'Nora Script', occurredAt: '2013-03-01', ...SOURCE });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded]')).toContain('Recorded');
    await context.close();
  });
});
