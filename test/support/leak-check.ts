import { recordHiddenLedger, type Episode } from './hidden-ledger';
import { OpenApiClient } from './openapi-client';
import { crawlRoutes } from './route-crawl';
import { startTestApp } from './test-app';

/**
 * One run of the leak property: a ledger with `episodes` recorded over HTTP, every GET route of
 * /openapi.json crawled as the public (thoroughly: every page size down to 1, cursors, cuts) and
 * as an auditor. No canary may reach the public; the auditor must see every one; what no source
 * calls private (not stated) must reach the public.
 */
export async function leakCheck(episodes: Episode[], run: number, thorough: boolean) {
  const ctx = await startTestApp();
  try {
    const client = await OpenApiClient.generate(ctx.app);
    const ledger = await recordHiddenLedger(client, ctx, episodes, String(run));
    const exported = (
      await client.call('exportEvents', { token: ctx.tokens.auditor, query: { limit: 10_000 } })
    ).text
      .trim()
      .split('\n');
    const eventIds = exported.map((line) => JSON.parse(line).id as string);
    const pub = await crawlRoutes(client, ledger, eventIds, undefined, thorough);
    for (const answer of pub.answers) {
      const leaked = [...ledger.canaries, ...ledger.unread].filter((c) => answer.text.includes(c));
      if (leaked.length > 0)
        throw new Error(`${answer.url} (${answer.status}) shows the public ${leaked.join(', ')}`);
      expect(answer.status).toBeLessThan(500);
    }
    // Not stated is not private: the public sees what no source calls private (issue 16).
    const publicText = pub.answers.map((a) => a.text).join('\n');
    expect(ledger.shown.filter((s) => !publicText.includes(s))).toEqual([]);
    const aud = await crawlRoutes(client, ledger, eventIds, ctx.tokens.auditor, false);
    const seen = aud.answers.map((a) => a.text).join('\n');
    expect(ledger.canaries.filter((c) => !seen.includes(c))).toEqual([]);
    expect(ledger.unread.filter((c) => seen.includes(c))).toEqual([]);
    return {
      requests: pub.answers.length + aud.answers.length,
      routes: pub.routes,
      canaries: ledger.canaries.length,
    };
  } finally {
    await ctx.stop();
  }
}
