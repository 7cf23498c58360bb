import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { SignJWT, importPKCS8 } from 'jose';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Abuse from outside, each item with the limit that now holds: authentication before parsing,
 * the public's small body limit, slow bodies timed out, the rate limiter on the identity and on
 * failed authentications, JWT lifetimes and role claims, and the smaller items of issue 15.
 */
const source = { kind: 'minutes', reference: 'Minutes, item 1' };
const person = (name = 'Jane Doe') => ({
  personId: `p-${randomBytes(6).toString('hex')}`,
  name,
  occurredAt: '2024-05-01',
  source,
});

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: any },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `/problems/${code}`, status, code });
}

/** Sends raw bytes on a fresh connection; resolves with what came back once the server closes it (or after `waitMs`). */
function rawExchange(
  port: number,
  write: (socket: Socket) => void,
  waitMs: number,
): Promise<{ text: string; closed: boolean; afterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed, afterMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => write(socket));
  });
}

describe('abuse: bodies, timeouts and rate limits', () => {
  let ctx: TestApp;
  let port: number;
  beforeAll(async () => {
    ctx = await startTestApp({
      LEDGER_REQUEST_TIMEOUT_MS: 2000,
      LEDGER_FAILED_AUTH_PER_MINUTE: 5,
      LEDGER_RATE_LIMIT_PER_MINUTE: 1000,
    });
    await ctx.app.listen(0, '127.0.0.1');
    port = (ctx.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => ctx.stop());

  it('refuses a public body over 8 KiB unread, declared or chunked, and takes a clerk body up to the full limit', async () => {
    const big = JSON.stringify({ ...person(), notes: 'x'.repeat(1024 * 1024 - 200) });
    const declared = await request(ctx.app.getHttpServer())
      .post('/people')
      .set('content-type', 'application/json')
      .send(big);
    expectProblem(declared, 413, 'payload-too-large');
    expect(declared.body.detail).toMatch(/LEDGER_MAX_PUBLIC_BODY_BYTES/);
    // Chunked, with no content-length: cut off as the bytes arrive.
    const chunked = await rawExchange(
      port,
      (s) => {
        s.write(
          'POST /people HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n',
        );
        const chunk = 'x'.repeat(4096);
        for (let i = 0; i < 4; i++) s.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      },
      5000,
    );
    expect(chunked.text).toMatch(/^HTTP\/1\.1 413/);
    expect(chunked.text).toMatch(/payload-too-large/);
    // A clerk may send a body far over the public's limit: refused for its content, not its size.
    const clerk = await request(ctx.app.getHttpServer())
      .post('/people')
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .send({ ...person(), notes: 'x'.repeat(100_000) });
    expectProblem(clerk, 400, 'validation-failed');
    expect(await ctx.store.head()).toBe(0);
  });

  it('refuses a bad token before a byte of its body has arrived', async () => {
    // The headers promise a megabyte that never comes: the answer can only come from onRequest.
    const res = await rawExchange(
      port,
      (s) =>
        s.write(
          `POST /people HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${'z'.repeat(40)}\r\ncontent-type: application/json\r\ncontent-length: 1048000\r\n\r\n{`,
        ),
      5000,
    );
    expect(res.text).toMatch(/^HTTP\/1\.1 401/);
    expect(res.text).toMatch(/application\/problem\+json/);
  });

  it('closes a body trickled a byte at a time once the request timeout (2 s here) has passed', async () => {
    const body = JSON.stringify(person());
    let timer: NodeJS.Timeout | undefined;
    const res = await rawExchange(
      port,
      (s) => {
        s.write(
          `POST /people HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${ctx.tokens.clerk}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
        );
        let i = 0;
        timer = setInterval(() => {
          if (!s.destroyed && i < body.length) s.write(body[i++]);
        }, 300);
      },
      15_000,
    );
    clearInterval(timer);
    expect(res.closed).toBe(true);
    expect(res.text).toMatch(/^HTTP\/1\.1 408/);
    expect(await ctx.store.head()).toBe(0);
  });
});

describe('abuse: the rate limiter keys on who is authenticated', () => {
  let ctx: TestApp;
  beforeAll(
    async () =>
      (ctx = await startTestApp({ LEDGER_FAILED_AUTH_PER_MINUTE: 5, LEDGER_RATE_LIMIT_PER_MINUTE: 4 })),
  );
  afterAll(async () => ctx.stop());

  it('gives random bearer tokens 401 five times a minute per address, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (
          await request(ctx.app.getHttpServer())
            .get('/bodies')
            .set('authorization', `Bearer ${randomBytes(24).toString('hex')}`)
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const blocked = await request(ctx.app.getHttpServer())
      .get('/bodies')
      .set('authorization', `Bearer ${randomBytes(24).toString('hex')}`);
    expectProblem(blocked, 429, 'rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts one key as one caller whatever the case of "Bearer"', async () => {
    const schemes = ['Bearer', 'bearer', 'BEARER', 'bEaReR', 'BeArEr', 'beAREr'];
    const statuses: number[] = [];
    for (const scheme of schemes)
      statuses.push(
        (
          await request(ctx.app.getHttpServer())
            .get('/bodies')
            .set('authorization', `${scheme} ${ctx.tokens.auditor}`)
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('abuse: JWT lifetimes and role claims', () => {
  let ctx: TestApp;
  let key: Awaited<ReturnType<typeof importPKCS8>>;
  beforeAll(async () => {
    const pair = generateKeyPairSync('ed25519');
    const boot = await startTestApp();
    const publicKeyFile = join(dirname(boot.config.LEDGER_DB_PATH), '..', `abuse-jwt-${process.pid}.pem`);
    writeFileSync(publicKeyFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    await boot.stop();
    ctx = await startTestApp({
      LEDGER_JWT_ISSUER: 'https://idp.example',
      LEDGER_JWT_PUBLIC_KEY_FILE: publicKeyFile,
      LEDGER_JWT_AUDIENCE: 'ledger',
      LEDGER_JWT_MAX_LIFETIME_SECONDS: 3600,
    });
    key = await importPKCS8(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'EdDSA');
  });
  afterAll(async () => ctx.stop());

  const sign = (claims: Record<string, unknown>, expires?: string | number, issuedAt = true) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('https://idp.example')
      .setAudience('ledger')
      .setSubject('jane.clerk');
    if (issuedAt) jwt = jwt.setIssuedAt();
    if (expires !== undefined) jwt = jwt.setExpirationTime(expires);
    return jwt.sign(key);
  };
  const register = async (jwt: string) =>
    request(ctx.app.getHttpServer()).post('/people').set('authorization', `Bearer ${jwt}`).send(person());

  it('accepts a clerk JWT that expires within the maximum lifetime', async () => {
    expect((await register(await sign({ ledger_role: 'clerk' }, '59m'))).status).toBe(201);
  });

  it('refuses a JWT without exp, or living longer than LEDGER_JWT_MAX_LIFETIME_SECONDS', async () => {
    const head = await ctx.store.head();
    const forever = await register(await sign({ ledger_role: 'clerk' }));
    expectProblem(forever, 401, 'unauthorized');
    expect(forever.body.detail).toMatch(/exp/);
    const long = await register(await sign({ ledger_role: 'clerk' }, '2h'));
    expectProblem(long, 401, 'unauthorized');
    expect(long.body.detail).toMatch(/LEDGER_JWT_MAX_LIFETIME_SECONDS/);
    expectProblem(await register(await sign({ ledger_role: 'clerk' }, '2h', false)), 401, 'unauthorized');
    expect(await ctx.store.head()).toBe(head);
  });

  it('refuses a role claim given as an array or an object', async () => {
    for (const role of [['clerk'], ['auditor', 'clerk'], { role: 'clerk' }]) {
      const res = await register(await sign({ ledger_role: role }, '5m'));
      expectProblem(res, 401, 'unauthorized');
    }
  });
});

describe('abuse: smaller items', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await startTestApp()));
  afterAll(async () => ctx.stop());
  const post = (body: string) =>
    request(ctx.app.getHttpServer())
      .post('/people')
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .set('content-type', 'application/json')
      .send(body);

  it('refuses a name made only of zero-width spaces', async () => {
    const res = await post(JSON.stringify(person('\u200b\u200b\u200b')));
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
  });

  it('refuses invalid UTF-8 instead of storing U+FFFD', async () => {
    const [before, after] = JSON.stringify(person('Jane @@')).split('@@');
    const body = Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from(after)]);
    // inject: supertest would serialise a Buffer as JSON.
    const reply = await ctx.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/people',
        headers: { authorization: `Bearer ${ctx.tokens.clerk}`, 'content-type': 'application/json' },
        payload: body,
      });
    const res = {
      status: reply.statusCode,
      headers: reply.headers as Record<string, string>,
      body: reply.json(),
    };
    expectProblem(res, 400, 'malformed-request');
    expect(res.body.detail).toMatch(/UTF-8/);
    expect(await ctx.store.head()).toBe(0);
  });

  it('names a __proto__ key as a field that should not exist, not as JSON that cannot be read', async () => {
    const res = await post(`{"__proto__":{"admin":true},${JSON.stringify(person()).slice(1)}`);
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toEqual([
      { field: '__proto__', messages: ['property __proto__ should not exist'] },
    ]);
  });

  it('puts the security headers and Cache-Control on the problems of a URL the router cannot read', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/proposals/%zz');
    expectProblem(res, 400, 'malformed-request');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('tells caches: private, no-store for callers with a token, no-cache for the public', async () => {
    expect(
      (
        await request(ctx.app.getHttpServer())
          .get('/bodies')
          .set('authorization', `Bearer ${ctx.tokens.auditor}`)
      ).headers['cache-control'],
    ).toBe('private, no-store');
    expect((await request(ctx.app.getHttpServer()).get('/bodies')).headers['cache-control']).toBe('no-cache');
    expect((await request(ctx.app.getHttpServer()).get('/proposals/none')).headers['cache-control']).toBe(
      'private, no-store',
    );
  });

  it('answers a static path traversal 404 Not found, not a refusal by role', async () => {
    for (const url of ['/docs/../../etc/passwd', '/docs/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await request(ctx.app.getHttpServer()).get(url);
      expectProblem(res, 404, 'not-found');
    }
  });

  it('serves /metrics to this machine and to callers with a token, not to the public elsewhere', async () => {
    const fastify = ctx.app.getHttpAdapter().getInstance();
    const remote = await fastify.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toMatchObject({
      code: 'forbidden',
      detail: expect.stringMatching(/LEDGER_METRICS_ACCESS/),
    });
    const withToken = await fastify.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.7',
      headers: { authorization: `Bearer ${ctx.tokens.auditor}` },
    });
    expect(withToken.statusCode).toBe(200);
    expect(
      (await fastify.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode,
    ).toBe(200);
  });
});

describe('abuse: /metrics opened to the public by configuration', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await startTestApp({ LEDGER_METRICS_ACCESS: 'public' })));
  afterAll(async () => ctx.stop());

  it('serves any address with LEDGER_METRICS_ACCESS=public', async () => {
    const res = await ctx.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/ledger_projection_lag_events/);
  });
});
