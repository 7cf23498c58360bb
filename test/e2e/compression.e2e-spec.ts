import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PublicAnswers } from '@ledger/http';
import { OpenApiClient } from '../support/openapi-client';
import { recordMinutes, uploadContent } from '../support/story-documents';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';
import { lastingHeaders } from '../support/lasting-headers';

/** What a browser sends; curl --compressed and most HTTP libraries send the like. */
const BROWSER = 'gzip, deflate, br';
const decode = (encoding: string | undefined, bytes: Buffer): Buffer =>
  encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/**
 * Long enough to be worth compressing, were it not a document's bytes; and beginning as the
 * plugin takes for compressed already ("80" reads as a deflate header), which it would send as is
 * labelled with an encoding, so that no browser could read it.
 */
const MINUTES = Buffer.from(`80 members attended. ${'Minutes of the meeting. '.repeat(200)}`);
/**
 * Answers are compressed for a client that asks (compression.ts): the same content, fewer bytes.
 * A kept public answer is compressed once and sent as those bytes again; a small answer, a client
 * that does not ask and a document's content (whose SHA-256 is its ETag) get the bytes as they are.
 * Read with inject, which hands back the bytes on the wire without decoding them.
 */
describe('compressed answers', () => {
  let ctx: TestApp;
  let answers: PublicAnswers;
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers: { accept: 'application/json', ...headers } });

  beforeAll(async () => {
    ctx = await startTestApp();
    answers = ctx.app.get(PublicAnswers);
    const client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
    await recordMinutes(client, ctx, 'minutes-text', MINUTES);
    expect(await uploadContent(ctx, 'minutes-text', MINUTES)).toBe(200);
    await ctx.settle();
  });
  afterAll(() => ctx.stop());

  it.each([
    ['a drawn public read', '/proposals/g4s-back-office?asOf=2012-10-01'],
    ['a public read about now', '/proposals/g4s-back-office'],
    ['a register', '/decisions?limit=50'],
  ])('compresses %s for a client that asks, and sends the same content', async (_what, url) => {
    // Asked compressed first, so the route draws it; then plain, and compressed again (kept).
    const drawn = await get(url, { 'accept-encoding': BROWSER });
    const plain = await get(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    expect(drawn.headers['content-encoding']).toBe('br');
    expect(decode('br', drawn.rawPayload).toString()).toBe(plain.body);
    for (const [asked, encoding] of [
      [BROWSER, 'br'],
      ['gzip', 'gzip'],
      ['deflate;q=1, x-gzip;q=0.5', 'gzip'],
    ] as const) {
      const res = await get(url, { 'accept-encoding': asked });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(decode(encoding, res.rawPayload).toString()).toBe(plain.body);
    }
  });

  it('sends a kept answer compressed from its bytes, the same headers as when it was drawn', async () => {
    const url = '/proposals/g4s-back-office?asOf=2013-06-01';
    const drawn = await get(url, { 'accept-encoding': BROWSER });
    const before = answers.served;
    const kept = await get(url, { 'accept-encoding': BROWSER });
    const again = await get(url, { 'accept-encoding': BROWSER });
    const plain = await get(url);
    expect(answers.served).toBe(before + 3);
    expect(kept.rawPayload.equals(again.rawPayload)).toBe(true);
    expect(decode('br', kept.rawPayload).equals(decode('br', drawn.rawPayload))).toBe(true);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(decode('br', drawn.rawPayload).toString());
    // A kept answer's length is known; the plugin streams a drawn one this long (chunked).
    expect(Number(kept.headers['content-length'])).toBe(kept.rawPayload.length);
    // So the framing headers are left out of the comparison.
    const lasting = (headers: Record<string, unknown>) =>
      lastingHeaders(headers, ['content-length', 'transfer-encoding']);
    expect(lasting(kept.headers)).toEqual(lasting(drawn.headers));
    // The plain answer carries no encoding: the kept one was not replayed with the drawn one's.
    const { 'content-encoding': encoding, vary, ...rest } = lasting(drawn.headers);
    expect([encoding, vary]).toEqual(['br', 'accept-encoding']);
    expect(lasting(plain.headers)).toEqual(rest);
  });

  it('compresses a page for a browser', async () => {
    const plain = await ctx.app.inject({
      method: 'GET',
      url: '/register/meetings/pcc-g4s-meeting',
      headers: { accept: 'text/html' },
    });
    const page = await ctx.app.inject({
      method: 'GET',
      url: '/register/meetings/pcc-g4s-meeting',
      headers: { accept: 'text/html', 'accept-encoding': BROWSER },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-encoding']).toBe('br');
    expect(decode('br', page.rawPayload).toString()).toContain('<html');
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('sends a small answer, and one to a client that says x-no-compression, as it is', async () => {
    const small = await get('/health', { 'accept-encoding': BROWSER });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    const url = '/proposals/g4s-back-office?asOf=2013-06-01';
    const refused = await get(url, { 'accept-encoding': BROWSER, 'x-no-compression': '1' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body)).toMatchObject({ proposalId: 'g4s-back-office' });
  });

  it.each([
    ['the API', '/documents/minutes-text/content'],
    ['the web', '/register/documents/minutes-text/content'],
  ])("sends a document's content through %s as its bytes, whose SHA-256 is the ETag", async (_where, url) => {
    const res = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': BROWSER } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.etag).toBe(`"${sha(MINUTES)}"`);
    expect(res.rawPayload.equals(MINUTES)).toBe(true);
  });
});
