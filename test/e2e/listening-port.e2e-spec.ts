import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * The service started as apps/ledger-api/src/main.ts is, with PORT=0: the system picks the port,
 * and the line logged at start names that port (it named port 0, where nothing listens).
 */
const ROOT = resolve(__dirname, '../..');

describe('the line logged at start, with PORT=0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-port0-'));
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the port the system chose, where the service answers', async () => {
    child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/ledger-api/src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        LEDGER_DB_PATH: join(dir, 'ledger.db'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const listens = /The ledger listens on http:\/\/127\.0\.0\.1:(\d+);/;
    const deadline = Date.now() + 60_000;
    while (!listens.test(output) && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const logged = listens.exec(output);
    if (!logged) throw new Error(`the service logged no listening line:\n${output}`);
    const port = Number(logged[1]);
    expect(port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).ok).toBe(true);
  }, 70_000);
});
