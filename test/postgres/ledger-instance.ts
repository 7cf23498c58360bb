import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@ledger/event-store/testing';
import { hashToken } from '@ledger/http';

const ROOT = join(__dirname, '..', '..');

/** A clerk token and the keys file that admits it, shared by the instances of one test. */
export function clerkKey(): { token: string; file: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
  const token = `lk_clerk_${randomBytes(24).toString('hex')}`;
  const file = join(dir, 'keys.json');
  writeFileSync(file, JSON.stringify([{ name: 'test-clerk', role: 'clerk', sha256: hashToken(token) }]));
  return { token, file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * One ledger API process (apps/ledger-api, compiled on the fly) on LEDGER_STORE=postgres, with its
 * read models in a temp folder of its own, as a service instance runs in a cluster.
 */
export class LedgerInstance {
  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly child: ChildProcess,
    private readonly folder: string,
    private readonly output: () => string,
  ) {}

  static async start(
    name: string,
    databaseUrl: string,
    keysFile: string,
    env: Record<string, string> = {},
  ): Promise<LedgerInstance> {
    const folder = mkdtempSync(join(tmpdir(), `ledger-${name}-`));
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(ROOT, 'apps/ledger-api/src/main.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          LEDGER_STORE: 'postgres',
          DATABASE_URL: databaseUrl,
          LEDGER_DB_PATH: join(folder, 'ledger.db'),
          LEDGER_API_KEYS_FILE: keysFile,
          LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const instance = new LedgerInstance(name, `http://127.0.0.1:${port}`, child, folder, () => output);
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`Instance ${name} exited with ${child.exitCode}: ${output}`);
      try {
        if ((await fetch(`${instance.baseUrl}/health`)).ok) return instance;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await instance.stop();
        throw new Error(`Instance ${name} did not answer /health within 90 s: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get logs(): string {
    return this.output();
  }

  async request(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, headers: res.headers, body };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Runs the `ledger` command line (apps/ledger-cli, compiled on the fly) on LEDGER_STORE=postgres. */
export function runLedgerCli(
  databaseUrl: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', join(ROOT, 'apps/ledger-cli/src/main.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, LEDGER_STORE: 'postgres', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
