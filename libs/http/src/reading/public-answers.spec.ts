import { gunzipSync } from 'node:zlib';
import fastifyCookie from '@fastify/cookie';
import fastify, { type FastifyInstance } from 'fastify';
import type { LedgerConfig } from '@ledger/platform';
import type { LedgerQueries } from '@ledger/projections';
import { FixedWindowThrottlerStorage } from '../auth/fixed-window.storage';
import { PublicAnswers } from './public-answers';

/**
 * What PublicAnswers keeps, on a bare Fastify instance with the web's cookie plugin. The ledger
 * stands still here (nothing is written), so its stamp is a constant; the e2e specs
 * (public-answers, public-pages-kept) run the same class on the real service and store.
 */
const LONG_PAGE = `<main>${'<p>A paragraph of the register.</p>'.repeat(100)}</main>`;

describe('PublicAnswers', () => {
  let app: FastifyInstance;
  let answers: PublicAnswers;
  const storage = new FixedWindowThrottlerStorage();
  let slowDrawn = 0;
  let nextDelay = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  let refusalsDrawn = 0;

  beforeAll(async () => {
    app = fastify();
    answers = new PublicAnswers({ stamp: () => Promise.resolve('0:1') } as unknown as LedgerQueries);
    answers.install(app, storage, { LEDGER_RATE_LIMIT_PER_MINUTE: 1000 } as LedgerConfig);
    // Registered after PublicAnswers, as the web registers it: its onSend hook runs after the keeping one.
    await app.register(fastifyCookie);
    app.get('/page', (request, reply) => {
      request.keepAnswer = true;
      return reply.type('text/html; charset=utf-8').send('<p>the same for everyone</p>');
    });
    app.get('/long-page', (request, reply) => {
      request.keepAnswer = true;
      return reply.type('text/html; charset=utf-8').send(LONG_PAGE);
    });
    app.get('/page-with-cookie', (request, reply) => {
      request.keepAnswer = true;
      return reply
        .setCookie('secret', 'for-this-reader-only')
        .type('text/html; charset=utf-8')
        .send('<p>a token tied to this reader</p>');
    });
    app.get('/slow-answer', async (request, reply) => {
      request.keepAnswer = true;
      slowDrawn += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ drawn: slowDrawn }));
    });
    app.get('/slow-first', async (request, reply) => {
      request.keepAnswer = true;
      const delay = nextDelay;
      nextDelay = 0;
      await new Promise((resolve) => setTimeout(resolve, delay));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ delay }));
    });
    app.get('/keeps-nothing', async (_request, reply) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight -= 1;
      return reply.type('application/json; charset=utf-8').send('{"kept":false}');
    });
    app.get('/slow-refusal', async (request, reply) => {
      request.keepAnswer = true;
      refusalsDrawn += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return reply.code(503).type('application/json; charset=utf-8').send('{"busy":true}');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('keeps a page drawn for the public and answers it again from its bytes', async () => {
    await get('/page');
    await settle();
    const before = answers.served;
    const again = await get('/page');
    expect(answers.served).toBe(before + 1);
    expect(again.body).toBe('<p>the same for everyone</p>');
  });

  it('sends a kept page compressed for a client that asks, compressed once, and counts those bytes', async () => {
    await get('/long-page');
    await settle();
    const before = answers.keptBytes;
    const ask = () =>
      app.inject({ method: 'GET', url: '/long-page', headers: { 'accept-encoding': 'gzip' } });
    const first = await ask();
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(first.rawPayload).toString()).toBe(LONG_PAGE);
    expect(answers.keptBytes).toBe(before + first.rawPayload.length);
    const again = await ask();
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(answers.keptBytes).toBe(before + first.rawPayload.length);
  });

  it('never keeps an answer that sets a cookie, even one set by a hook after its own', async () => {
    const first = await get('/page-with-cookie');
    expect(first.cookies.map((c) => c.name)).toEqual(['secret']);
    await settle();
    const before = answers.served;
    const again = await get('/page-with-cookie');
    expect(answers.served).toBe(before);
    // Drawn again: the reader gets a cookie of their own.
    expect(again.cookies.map((c) => c.name)).toEqual(['secret']);
  });

  it('draws an answer once for the readers asking it at once, and serves the others its bytes', async () => {
    // A route is known to keep its answers once it has kept one (another URL of it here).
    await get('/slow-answer?first');
    await settle();
    slowDrawn = 0;
    const before = answers.served;
    const answered = await Promise.all(Array.from({ length: 16 }, () => get('/slow-answer')));
    expect(slowDrawn).toBe(1);
    expect(answered.map((a) => a.json())).toEqual(Array.from({ length: 16 }, () => ({ drawn: 1 })));
    expect(answers.served).toBe(before + 15);
  });

  it('lets those waiting draw for themselves when the answer drawn is not one to keep', async () => {
    const answered = await Promise.all(Array.from({ length: 4 }, () => get('/slow-refusal')));
    expect(answered.map((a) => a.statusCode)).toEqual([503, 503, 503, 503]);
    expect(refusalsDrawn).toBe(4);
  });

  it('never holds a reader up behind another on a route that keeps nothing', async () => {
    await get('/keeps-nothing');
    mostInFlight = 0;
    await Promise.all(Array.from({ length: 4 }, () => get('/keeps-nothing')));
    expect(mostInFlight).toBe(4);
  });

  it('waits for another reader drawing the same answer for a while only, then draws it itself', async () => {
    await get('/slow-first?first');
    await settle();
    nextDelay = 1500;
    const finished: string[] = [];
    await Promise.all(
      ['slow', 'waiting'].map(async (who, i) => {
        // The slow one asks first and draws; the other finds it drawing.
        if (i === 1) await new Promise((resolve) => setTimeout(resolve, 20));
        const res = await get('/slow-first');
        finished.push(`${who}:${JSON.stringify(res.json())}`);
      }),
    );
    expect(finished).toEqual(['waiting:{"delay":0}', 'slow:{"delay":1500}']);
  });
});
