/**
 * Web benchmark: the public proposal page per second against the JSON of the same proposal, in
 * one run, on the same service. Run: npm run bench:web
 *
 *   1. The real app (startTestApp with the web registered, a temp SQLite file, the rate limit
 *      raised out of the way) listens on 127.0.0.1; the Strategic Alliance story is recorded.
 *   2. autocannon, BENCH_CONNECTIONS (default 8) connections, BENCH_SECONDS (default 10) after a
 *      BENCH_WARMUP_SECONDS (default 2) warm-up, as the public: GET /proposals/g4s-back-office
 *      (the JSON route), then GET /register/proposals/g4s-back-office (the page: the same
 *      proposal query, plus its audit trail for the timeline, rendered with Nunjucks), each at
 *      now and as of a date (a page with its cut draws the trail twice: at the cut, and now for
 *      the slider's dates).
 *   3. Requests per second of each, p50/p99 latency, and the ratio page ÷ JSON (aim: >= 0.5).
 *      Only 200s count; any other status is reported.
 *
 * Both are the public's, so both are answered again from their kept bytes while the ledger stands
 * still (reading/public-answers.ts): the JSON about now and every page for a second at most, the
 * dated JSON until the next write. The "kept" rows measure a page read many times (a proposal in
 * the news); the "drawn" rows add waitFor=1 to both URLs, which is never kept, so that every
 * request draws and renders: the page's own cost against the JSON's.
 */
import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { OpenApiClient } from '../../support/openapi-client';
import { recordStoryOverHttp } from '../../support/story-over-http';
import { startTestApp } from '../../support/test-app';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PROPOSAL = 'g4s-back-office';

async function measure(url: string, seconds: number) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { accept: url.includes('/register/') ? 'text/html' : 'application/json' },
  });
  const ok = result['2xx'];
  return {
    perSecond: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    other: result.non2xx + result.errors,
  };
}

async function main() {
  const ctx = await startTestApp({ LEDGER_RATE_LIMIT_PER_MINUTE: 100_000_000 });
  const client = await OpenApiClient.generate(ctx.app);
  await recordStoryOverHttp(client, ctx);
  await ctx.app.listen(0, '127.0.0.1');
  const { port } = ctx.app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  console.log(
    `web bench: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up`,
  );
  const rows: string[] = [];
  // Kept: as the public reads them again and again. Drawn: with waitFor (a read that waits for a
  // position the ledger has reached), which PublicAnswers never keeps, so every request renders.
  for (const [how, wait] of [
    ['kept', ''],
    ['drawn', 'waitFor=1'],
  ] as const) {
    for (const cut of ['', 'asOf=2012-11-23']) {
      const query = [cut, wait].filter(Boolean).join('&');
      const suffix = query ? `?${query}` : '';
      const json = `${base}/proposals/${PROPOSAL}${suffix}`;
      const page = `${base}/register/proposals/${PROPOSAL}${suffix}`;
      for (const url of [json, page]) await measure(url, WARMUP_SECONDS);
      const a = await measure(json, SECONDS);
      const b = await measure(page, SECONDS);
      rows.push(
        `${how}, ${cut || 'now'}: JSON ${a.perSecond.toFixed(0)} req/s (p50 ${a.p50} ms, p99 ${a.p99} ms${a.other ? `, ${a.other} not 200` : ''}); ` +
          `page ${b.perSecond.toFixed(0)} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms${b.other ? `, ${b.other} not 200` : ''}); page ÷ JSON ${(b.perSecond / a.perSecond).toFixed(2)} (aim >= 0.5)`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
  await ctx.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
