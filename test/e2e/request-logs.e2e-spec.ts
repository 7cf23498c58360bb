import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@ledger/event-store/testing';
import { hashToken } from '@ledger/http';

/*
 * The service as it is started (apps/ledger-api/src/main.ts) with JSON logs at info: what an
 * operator's log collector receives for the requests it answers, refused ones included.
 */
const ROOT = resolve(__dirname, '../..');

interface LogLine {
  msg?: string;
  context?: string;
  req?: { id?: string; method?: string; url?: string; headers?: Record<string, string> };
  res?: { statusCode?: number };
}

describe('request logs of the running service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-logs-'));
  let child: ChildProcess;
  let output = '';
  let base = '';
  const token = `lk_clerk_${'s3cr3t'.repeat(8)}`;

  beforeAll(async () => {
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, JSON.stringify([{ name: 'log-clerk', role: 'clerk', sha256: hashToken(token) }]));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/ledger-api/src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        LEDGER_DB_PATH: join(dir, 'ledger.db'),
        LEDGER_API_KEYS_FILE: keysFile,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The service did not start:\n${output}`);
  }, 70_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = (): LogLine[] =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);

  async function until(found: () => LogLine | undefined): Promise<LogLine> {
    for (let i = 0; i < 100; i += 1) {
      const line = found();
      if (line) return line;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`No such log line in:\n${output}`);
  }

  it('logs each answered request once, under its correlation id, with its status', async () => {
    const answer = await fetch(`${base}/proposals?limit=5`, {
      headers: { 'x-correlation-id': 'logs-public-1' },
    });
    expect(answer.status).toBe(200);
    const line = await until(() => lines().find((l) => l.req?.id === 'logs-public-1'));
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: '/proposals?limit=5' },
      res: { statusCode: 200 },
    });
    expect(lines().filter((l) => l.req?.id === 'logs-public-1')).toHaveLength(1);
  });

  it('logs a request its hooks refuse (a bad token) without the token or any other credential', async () => {
    const refused = await fetch(`${base}/proposals`, {
      headers: {
        authorization: `Bearer ${token}x`,
        cookie: `ledger_session=${token}`,
        'x-api-key': token,
        'x-correlation-id': 'logs-refused-1',
      },
    });
    expect(refused.status).toBe(401);
    const line = await until(() => lines().find((l) => l.req?.id === 'logs-refused-1'));
    expect(line.res?.statusCode).toBe(401);
    expect(output).not.toContain('s3cr3t');
  });

  it('logs a sign-in without the cookies its answers set (the CSRF secret, the session)', async () => {
    const form = await fetch(`${base}/console/sign-in`);
    const csrfCookie = form.headers.getSetCookie().map((c) => c.split(';')[0]);
    const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    expect(csrfCookie.length).toBeGreaterThan(0);
    const signedIn = await fetch(`${base}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: csrfCookie.join('; '),
        'x-correlation-id': 'logs-sign-in-1',
      },
      body: new URLSearchParams({ _csrf: csrfToken, token }).toString(),
    });
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0].split('=')[1])
      .find((value) => value && value.length >= 16);
    expect(session).toBeDefined();
    const line = await until(() => lines().find((l) => l.req?.id === 'logs-sign-in-1'));
    expect(line.res?.statusCode).toBe(303);
    for (const secret of [session as string, ...csrfCookie.map((c) => c.split('=')[1])])
      expect(output).not.toContain(secret);
    expect(output).not.toContain('s3cr3t');
  });

  it("writes Nest's own lines as JSON through the same logger", async () => {
    const started = await until(() => lines().find((l) => l.context === 'Ledger'));
    expect(started.msg).toMatch(/127\.0\.0\.1/);
  });
});
