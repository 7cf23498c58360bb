import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateCheckpointKeys } from '@ledger/integrity';
import { launchChromium, screenshot, seriousViolations } from './browser';
import { OpenApiClient } from './openapi-client';
import { recordStoryOverHttp } from './story-over-http';
import { startTestApp, type TestApp } from './test-app';
import { STORY_WITH_PRIVATE_MEETING } from '@ledger/recording/testing';

/**
 * The real service on a temp SQLite file with the story recorded (unless `story: false`, for a spec
 * that records a world of its own) and a signing key, listening for one browser.
 */
export interface WebFixture {
  ctx: TestApp;
  client: OpenApiClient;
  browser: Browser;
  base: string;
  /** A browser context signed in with the given token (or the public's, without). */
  context(token?: string, options?: { javaScriptEnabled?: boolean }): Promise<BrowserContext>;
  /** Axe on the page (no serious or critical violation may be found) and a screenshot of it. */
  audit(page: Page, name: string): Promise<string[]>;
  /** The JSON API's answer, as the public. */
  json(url: string): Promise<any>;
  /** Records a command as the clerk through the API (201 or it throws, naming the answer). */
  record(
    operationId: string,
    params: Record<string, string>,
    body: Record<string, unknown>,
    source: Record<string, unknown>,
  ): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebFixture(options: { story?: boolean } = {}): Promise<WebFixture> {
  const keyDir = mkdtempSync(join(tmpdir(), 'ledger-web-key-'));
  const keyFile = join(keyDir, 'signing-key.pem');
  writeFileSync(keyFile, generateCheckpointKeys().privateKeyPem);
  const ctx = await startTestApp({ LEDGER_SIGNING_KEY_FILE: keyFile });
  const client = await OpenApiClient.generate(ctx.app);
  // With a test-only private meeting and exempt item: the story itself has none.
  if (options.story ?? true) await recordStoryOverHttp(client, ctx, STORY_WITH_PRIVATE_MEETING);
  await ctx.app.listen(0, '127.0.0.1');
  const address = ctx.app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await launchChromium();
  return {
    ctx,
    client,
    browser,
    base,
    async record(operationId, params, body, source) {
      const res = await client.call(operationId, {
        params,
        body: { ...body, source },
        token: ctx.tokens.clerk,
      });
      if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    },
    async context(token, options = {}) {
      const context = await browser.newContext({
        baseURL: base,
        javaScriptEnabled: options.javaScriptEnabled ?? true,
      });
      // A step that cannot happen fails in seconds, not at the suite's minute.
      context.setDefaultTimeout(10_000);
      if (token) {
        const page = await context.newPage();
        await page.goto('/console/sign-in');
        await page.fill('#token', token);
        await Promise.all([
          page.waitForURL((url) => !url.pathname.endsWith('/sign-in')),
          page.click('button:has-text("Sign in")'),
        ]);
        await page.close();
      }
      return context;
    },
    async audit(page, name) {
      await screenshot(page, name);
      return seriousViolations(page);
    },
    async json(url) {
      return (await ctx.app.inject({ method: 'GET', url })).json();
    },
    async stop() {
      await browser.close();
      await ctx.stop();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** A decisions register drawn on a page (a body's or a person's), its rows by decision id, each cell by its column. */
export async function decisionsRegisterRows(page: Page, path: string) {
  await page.goto(path);
  const rows: Record<string, Record<string, string>> = {};
  for (const row of await page.locator('[data-testid="decisions-register"] tr[data-decision]').all()) {
    const cells: Record<string, string> = {};
    for (const cell of await row.locator('td[data-column]').all())
      cells[(await cell.getAttribute('data-column'))!] = (await cell.innerText()).trim();
    rows[(await row.getAttribute('data-decision'))!] = cells;
  }
  return rows;
}
