import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from './ledger-config';
import { createLogging } from './logging';

/*
 * The service's request logging, as configured, in front of a real HTTP server: what a request
 * with credentials leaves in the log.
 */
describe('request logging', () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const { logRequest } = createLogging(loadConfig({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }), sink);
    server = createServer((req, res) => {
      res.setHeader('content-security-policy', "default-src 'self'");
      res.setHeader('set-cookie', 'ledger_session=secret-set-cookie');
      res.setHeader('x-ledger-position', '54');
      logRequest(req, res, () => res.end('{}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('logs the request and its correlation id, and no credential in any header', async () => {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/proposals/g4s-back-office?asOf=2012-12-01`, {
      headers: {
        authorization: 'Bearer lk_clerk_secret-token',
        cookie: 'ledger_session=secret-session',
        'x-api-key': 'secret-key',
        'x-correlation-id': 'corr-123',
        'user-agent': 'logging-spec',
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    const line = lines.find((l) => l.includes('request completed'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line as string) as { req: { id: string; url: string; headers: object } };
    expect(entry.req.id).toBe('corr-123');
    expect(entry.req.url).toBe('/proposals/g4s-back-office?asOf=2012-12-01');
    expect(entry.req.headers).toMatchObject({ 'user-agent': 'logging-spec' });
    expect(lines.join('\n')).not.toMatch(/secret/);
  });

  it('logs the answer by its status and the headers that say what it was, not every header sent', async () => {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/meetings/pcc-g4s-meeting`, {
      headers: { 'x-correlation-id': 'corr-res' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    const line = lines.find((l) => l.includes('corr-res') && l.includes('request completed'));
    const entry = JSON.parse(line as string) as { res: { statusCode: number; headers: object } };
    expect(entry.res).toEqual({ statusCode: 200, headers: { 'x-ledger-position': '54' } });
  });

  it('writes no request line at a level above info, and the request is answered', async () => {
    const quiet: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        quiet.push(chunk.toString());
        done();
      },
    });
    const { logRequest } = createLogging(loadConfig({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }), sink);
    const quietServer = createServer((req, res) => logRequest(req, res, () => res.end('{"ok":true}')));
    await new Promise<void>((resolve) => quietServer.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = quietServer.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await answer.json()).toEqual({ ok: true });
      await new Promise((resolve) => setImmediate(resolve));
      expect(quiet).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => quietServer.close(() => resolve()));
    }
  });
});
