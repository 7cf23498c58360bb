import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * The service started as apps/ledger-api/src/main.ts is, on a ledger path it cannot use (a
 * folder): it refuses in one line that names the file, why and what to do, in either log format.
 * Nest's handler printed the same error first with a stack trace through its injector, which
 * read as a crash of the service rather than a refusal.
 */
const ROOT = resolve(__dirname, '../..');

function startOn(
  ledgerPath: string,
  logFormat: 'json' | 'pretty',
): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, 'apps/ledger-api/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LEDGER_DB_PATH: ledgerPath,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_FORMAT: logFormat,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

describe('a ledger path the service cannot use, at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-refusal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['pretty', 'json'] as const)(
    'is refused in one line, with no stack trace (LOG_FORMAT=%s)',
    async (format) => {
      const { code, output } = await startOn(dir, format);
      expect(code).toBe(1);
      expect(output).toContain(
        `The ledger could not start: The ledger file ${dir} cannot be opened for writing: it is a folder`,
      );
      expect(output).toContain(`(say ${join(dir, 'ledger.db')})`);
      // Neither a stack frame nor the injector that happened to be running.
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain('Injector');
      expect(output).not.toContain('\\n    at ');
    },
    60_000,
  );
});
