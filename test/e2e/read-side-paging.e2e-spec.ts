import request from 'supertest';
import { ALLIANCE_PROPOSAL, toInstant } from '@ledger/domain';
import { STORY_WITH_PRIVATE_MEETING } from '@ledger/recording/testing';
import { recordHiddenLedger, type Episode } from '../support/hidden-ledger';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Read-side defects as a QA tester found them from outside: audit cursors that named hidden
 * events, register cursors that skipped rows dated only to a year, date filters that dropped
 * them, and a diff window given backwards.
 */
type Page = { status: number; body: { items: Array<Record<string, any>>; next?: string } };

const getter = (ctx: () => TestApp) => (url: string, token?: string) => {
  const req = request(ctx().app.getHttpServer()).get(url);
  return (token ? req.set('authorization', `Bearer ${token}`) : req) as unknown as Promise<Page>;
};

/** Every page of `url` at limit=1, following `next`, until there is none. */
async function walk(get: ReturnType<typeof getter>, url: string, token?: string) {
  const pages: Page[] = [];
  let next: string | undefined;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await get(`${url}${sep}limit=1${next ? `&after=${encodeURIComponent(next)}` : ''}`, token);
    expect(res.status).toBe(200);
    pages.push(res);
    next = res.body.next;
  } while (next && pages.length < 200);
  return pages;
}

describe('audit trail cursors never name a hidden event', () => {
  let ctx: TestApp;
  const get = getter(() => ctx);
  let hidden: Set<string>;
  const episodes: Episode[] = [
    { kind: 'private-meeting', followUp: 'correct' }, // prop-0, meet-0, vote-0
    { kind: 'exempt-item', followUp: 'correct' }, // prop-1, meet-1
    { kind: 'private-decision', followUp: 'retract' }, // prop-2
  ];

  beforeAll(async () => {
    ctx = await startTestApp();
    const client = await OpenApiClient.generate(ctx.app);
    await recordHiddenLedger(client, ctx, episodes);
    const all = await get('/events?limit=10000', ctx.tokens.auditor);
    const seen = await get('/events?limit=10000');
    const positions = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((l) => String((JSON.parse(l) as { position: number }).position));
    const shown = new Set(positions((seen as unknown as { text: string }).text));
    hidden = new Set(positions((all as unknown as { text: string }).text).filter((p) => !shown.has(p)));
  });
  afterAll(async () => ctx.stop());

  it.each([
    '/audit/person/p-a',
    '/audit/body/pa-a',
    '/audit/meeting/meet-1',
    '/audit/proposal/prop-0',
    '/proposals/prop-2/history',
  ])('%s: each page full but the last, its cursor its last visible row', async (url) => {
    expect(hidden.size).toBeGreaterThan(0);
    const whole = await get(`${url}?limit=100`);
    expect(whole.status).toBe(200);
    const pages = await walk(get, url);
    for (const page of pages) {
      if (page.body.next === undefined) continue;
      expect(page.body.items).toHaveLength(1);
      expect(page.body.next).toBe(String(page.body.items[0].position));
      expect(hidden.has(page.body.next)).toBe(false);
    }
    expect(pages.flatMap((p) => p.body.items.map((i) => i.position))).toEqual(
      whole.body.items.map((i) => i.position),
    );
  });

  it('an auditor still pages through everything, hidden events included', async () => {
    const whole = await get('/audit/person/p-a?limit=100', ctx.tokens.auditor);
    const pages = await walk(get, '/audit/person/p-a', ctx.tokens.auditor);
    expect(pages.flatMap((p) => p.body.items.map((i) => i.position))).toEqual(
      whole.body.items.map((i) => i.position),
    );
    expect(whole.body.items.some((i) => hidden.has(String(i.position)))).toBe(true);
  });
});

describe('registers over the story: cursors, date filters and the diff window', () => {
  let ctx: TestApp;
  const get = getter(() => ctx);

  beforeAll(async () => {
    ctx = await startTestApp();
    const client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx, STORY_WITH_PRIVATE_MEETING);
  });
  afterAll(async () => ctx.stop());

  const ids = (items: Array<Record<string, any>>, key: string) => items.map((i) => String(i[key]));

  it.each([
    ['/decisions', 'decisionId'],
    ['/recommendations', 'recommendationId'],
    ['/people/graham-bright/decisions', 'decisionId'],
  ])('%s pages by `next` through every row, those dated to a year too', async (url, key) => {
    const whole = await get(`${url}?limit=100`);
    expect(whole.status).toBe(200);
    expect(whole.body.items.length).toBeGreaterThan(0);
    const pages = await walk(get, url);
    expect(pages.flatMap((p) => ids(p.body.items, key))).toEqual(ids(whole.body.items, key));
  });

  it('the public decisions include those dated `2013`, and paging finds them all', async () => {
    const whole = await get('/decisions?limit=100');
    expect(whole.body.items.filter((d) => d.date === '2013').length).toBeGreaterThanOrEqual(3);
  });

  it.each(['zzzz', '2013', '2013not-a-uuid-at-all-but-long-enough-x', 'x'.repeat(60)])(
    'a cursor that is not one answers 400 naming `after`: %s',
    async (after) => {
      for (const url of ['/decisions', '/recommendations', '/people/graham-bright/decisions']) {
        const res = (await get(`${url}?after=${after}`)) as unknown as { status: number; text: string };
        expect([url, res.status]).toEqual([url, 400]);
        expect(JSON.parse(res.text).errors).toEqual([{ field: 'after', messages: [expect.any(String)] }]);
      }
    },
  );

  it.each(['-', '...', '+x', ':a'])(
    '/proposals?after=%s is not a proposal id: 400 naming `after`',
    async (after) => {
      const res = (await get(`/proposals?after=${encodeURIComponent(after)}`)) as unknown as {
        status: number;
        text: string;
      };
      expect(res.status).toBe(400);
      expect(res.text).toContain('after');
    },
  );

  it.each([
    ['/decisions', 'date'],
    ['/recommendations', 'date'],
    ['/people/graham-bright/decisions', 'date'],
  ])('%s?from=&to= keep a date given as a year by its first instant (the cut rule)', async (url, key) => {
    const whole = (await get(`${url}?limit=100`)).body.items;
    const within = (from?: string, to?: string) =>
      ids(
        whole.filter(
          (i) =>
            (!from || toInstant(i[key]) >= toInstant(from)) && (!to || toInstant(i[key]) <= toInstant(to)),
        ),
        'eventId',
      );
    expect(whole.some((i) => i[key] === '2013')).toBe(true);
    for (const [from, to] of [
      ['2013-01-01', undefined],
      ['2013-01-01', '2013-01-01'],
      [undefined, '2012-12-31'],
      ['2012-11-22', '2013-01-01T00:00:00Z'],
    ]) {
      const q = [from && `from=${from}`, to && `to=${to}`].filter(Boolean).join('&');
      const res = await get(`${url}?limit=100&${q}`);
      expect(res.status).toBe(200);
      expect([q, ids(res.body.items, 'eventId')]).toEqual([q, within(from, to)]);
    }
  });

  it('the CSV keeps them too', async () => {
    const res = (await get('/decisions.csv?from=2013-01-01')) as unknown as { status: number; text: string };
    expect(res.status).toBe(200);
    const json = await get('/decisions?limit=100&from=2013-01-01');
    expect(json.body.items.length).toBeGreaterThanOrEqual(4);
    for (const d of json.body.items) expect(res.text).toContain(String(d.decisionId));
  });

  it('/proposals?tabledFrom= keeps a proposal tabled in `2012` from 2012-01-01', async () => {
    const whole = (await get('/proposals?limit=100')).body.items;
    const tabledIn2012 = ids(
      whole.filter((p) => p.tabledAt === '2012'),
      'proposalId',
    );
    expect(tabledIn2012).toContain(ALLIANCE_PROPOSAL);
    const from = await get('/proposals?limit=100&tabledFrom=2012-01-01&tabledTo=2012-12-31');
    expect(ids(from.body.items, 'proposalId')).toEqual(expect.arrayContaining(tabledIn2012));
  });

  it('a diff from after to answers 400 naming `from`; the same instant is a window', async () => {
    const url = `/proposals/${ALLIANCE_PROPOSAL}/diff`;
    for (const q of [
      'from=2021-12-31&to=2021-06-01',
      'from=2013-12-31&to=2012-06-01',
      'from=2013-01-01T00:00:01Z&to=2013-01-01',
    ]) {
      const res = (await get(`${url}?${q}`)) as unknown as { status: number; text: string };
      expect([q, res.status]).toEqual([q, 400]);
      expect(JSON.parse(res.text).errors).toEqual([
        { field: 'from', messages: ['from must not be after to'] },
      ]);
    }
    // Compared as instants: the same instant, or an earlier one written in another zone, is a window.
    expect((await get(`${url}?from=2013-01-01&to=2013-01-01T00:00:00Z`)).status).toBe(200);
    expect((await get(`${url}?from=2013-01-01T01:00:00%2B02:00&to=2013-01-01`)).status).toBe(200);
  });
});
