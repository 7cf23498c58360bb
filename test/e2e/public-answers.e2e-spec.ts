import { PublicAnswers } from '@ledger/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { lastingHeaders } from '../support/lasting-headers';

/**
 * The public's JSON reads are answered again from their bytes while the ledger stands still
 * (reading/public-answers.ts), before the framework's routing: counted by PublicAnswers.served.
 * A write is seen by the next read; a caller with credentials, a read that waits, a health check
 * and a CSV are always drawn; the rate limit and CORS hold for a kept answer as for a drawn one.
 */
describe('public answers kept while the ledger stands still', () => {
  let ctx: TestApp;
  let answers: PublicAnswers;
  const source = { kind: 'minutes', reference: 'Minutes, item 1' };
  const ORIGIN = 'https://scrutiny.example';
  const write = (url: string, body: Record<string, unknown>) =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${ctx.tokens.clerk}`, 'content-type': 'application/json' },
      payload: { occurredAt: '2012-03-01', source, ...body },
    });
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers: { accept: 'application/json', ...headers } });

  beforeAll(async () => {
    ctx = await startTestApp({ LEDGER_RATE_LIMIT_PER_MINUTE: 8, LEDGER_CORS_ORIGINS: ORIGIN });
    answers = ctx.app.get(PublicAnswers);
    const body = {
      bodyId: 'pa',
      name: 'PA',
      classification: 'police-authority',
      powers: 'decides',
      foundingDate: '2000-01-01',
    };
    expect((await write('/bodies', body)).statusCode).toBe(201);
    const proposal = {
      proposalId: 'p',
      title: 'Outsourcing',
      description: 'A plan.',
      scope: ['HR'],
      tabledBy: 'pa',
      bodyId: 'pa',
    };
    expect((await write('/proposals', proposal)).statusCode).toBe(201);
    await ctx.settle();
  });
  afterAll(() => ctx.stop());

  it('answers the same public read again from its bytes, with the same headers and a fresh correlation id', async () => {
    const first = await get('/proposals/p?asOf=2013-01-01');
    expect(first.statusCode).toBe(200);
    const before = answers.served;
    const again = await get('/proposals/p?asOf=2013-01-01');
    expect(answers.served).toBe(before + 1);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    // Every header as the first time, but those that belong to one request (the window's reset
    // counts down in seconds).
    expect(lastingHeaders(again.headers)).toEqual(lastingHeaders(first.headers));
    expect(first.headers).toMatchObject({
      'content-type': expect.stringMatching(/^application\/json/),
      'cache-control': 'no-cache',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'x-content-type-options': 'nosniff',
    });
    expect(again.headers['x-correlation-id']).toBeDefined();
    expect(again.headers['x-correlation-id']).not.toBe(first.headers['x-correlation-id']);
    expect(Number(again.headers['x-ratelimit-remaining'])).toBeLessThan(
      Number(first.headers['x-ratelimit-remaining']),
    );
  });

  it('draws the answer again after a write, so the next read sees it', async () => {
    await get('/proposals/p');
    const kept = await get('/proposals/p');
    expect(JSON.parse(kept.body).claims).toEqual([]);
    const claim = await write('/proposals/p/claims', {
      claimId: 'staff',
      subject: 'staff-affected',
      amount: 1000,
      unit: 'people',
      qualifier: 'about',
      claimant: 'a report',
      statement: 'about 1,000 staff',
    });
    expect(claim.statusCode).toBe(201);
    const position = (JSON.parse(claim.body) as { position: number }).position;
    const served = answers.served;
    const waited = await get(`/proposals/p?waitFor=${position}`);
    expect(answers.served).toBe(served);
    expect(JSON.parse(waited.body).claims).toHaveLength(1);
    const after = await get('/proposals/p');
    expect(answers.served).toBe(served);
    expect(JSON.parse(after.body).claims).toHaveLength(1);
  });

  it('never answers a caller with credentials from what was kept for the public', async () => {
    await get('/meetings?limit=5');
    const served = answers.served;
    const clerk = await get('/meetings?limit=5', { authorization: `Bearer ${ctx.tokens.auditor}` });
    expect(clerk.statusCode).toBe(200);
    expect(clerk.headers['cache-control']).toBe('private, no-store');
    expect(answers.served).toBe(served);
  });

  it('keeps no answer of a route that is not a read of the ledger', async () => {
    await get('/health');
    const served = answers.served;
    await get('/health');
    await get('/decisions', { accept: 'text/csv' });
    await get('/decisions', { accept: 'text/csv' });
    expect(answers.served).toBe(served);
  });

  it('counts a kept answer against the rate limit, and gives CORS headers for the caller’s origin', async () => {
    const url = '/bodies/pa?asOf=2012-06-01';
    const statuses: number[] = [];
    let served = answers.served;
    for (let i = 0; i < 10; i += 1) {
      const res = await get(url, { origin: ORIGIN });
      statuses.push(res.statusCode);
      if (res.statusCode === 200) expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
      served = answers.served;
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect(served).toBeGreaterThanOrEqual(7);
    // Another origin is not allowed, though the answer to the same URL was kept with CORS headers.
    await get('/meetings?limit=5', { origin: ORIGIN });
    const before = answers.served;
    const other = await get('/meetings?limit=5', { origin: 'https://elsewhere.example' });
    expect(answers.served).toBe(before + 1);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
