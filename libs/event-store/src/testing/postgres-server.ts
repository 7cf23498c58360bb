import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real PostgreSQL servers for tests and benchmarks: each in a temp folder of its own, on a free
 * port, with its unix socket in that folder, stopped (and the folder removed) at the end. No
 * test is skipped for want of a server: when the binaries are missing, starting says so and the
 * suite fails. `.ci/run` installs Debian's `postgresql` when they are missing.
 *
 * `initdb` refuses to run as root, so when this process is root the servers run as the
 * `postgres` OS user, with their folders chowned to it.
 */

export class PostgresBinariesMissing extends Error {
  constructor() {
    super(
      'PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin (nor via PG_BIN). ' +
        'Install them (Debian: apt-get install postgresql; .ci/run does it) to run the PostgreSQL tests.',
    );
    this.name = 'PostgresBinariesMissing';
  }
}

/** The newest installed version's bin folder. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const found = (existsSync(root) ? readdirSync(root) : [])
    .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'));
  if (found.length === 0) throw new PostgresBinariesMissing();
  return found[0];
}

interface RunAs {
  uid: number;
  gid: number;
}

/** The postgres OS user when we are root (initdb refuses root); ourselves otherwise. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function chownTree(path: string, as: RunAs | undefined): void {
  if (!as) return;
  chownSync(path, as.uid, as.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, as);
    else chownSync(child, as.uid, as.gid);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[], as: RunAs | undefined): string {
  try {
    // Bounded: a statement waiting for a synchronous standby that never comes must fail, not hang.
    return execFileSync(join(postgresBinDir(), bin), args, {
      ...(as ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }).toString();
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr?.toString() || e.message}`, {
      cause: error,
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every server this process started, killed if the process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface PostgresServerOptions {
  /** `synchronous_standby_names`: '*' makes every acknowledged commit wait for a standby's flush. */
  synchronousStandbyNames?: string;
  /** Extra `name = value` settings. */
  settings?: Record<string, string | number>;
}

/** One running PostgreSQL server (a primary or a standby). */
export class PostgresServer {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly name: string,
    readonly folder: string,
    readonly port: number,
    private readonly as: RunAs | undefined,
  ) {}

  get dataDir(): string {
    return join(this.folder, 'data');
  }

  /** A connection URL as the superuser `postgres` (trust authentication, on 127.0.0.1). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** initdb, configure, start: a primary ready for connections (and for standbys). */
  static async primary(name: string, options: PostgresServerOptions = {}): Promise<PostgresServer> {
    const as = runAs();
    const folder = mkdtempSync(join(tmpdir(), `ledger-pg-${name}-`));
    chownTree(folder, as);
    const server = new PostgresServer(name, folder, await freePort(), as);
    try {
      run(
        'initdb',
        ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
        as,
      );
      const settings: Record<string, string | number> = {
        listen_addresses: "'127.0.0.1'",
        wal_level: 'replica',
        max_wal_senders: 10,
        wal_keep_size: "'256MB'",
        hot_standby: 'on',
        synchronous_commit: 'on',
        synchronous_standby_names: `'${options.synchronousStandbyNames ?? ''}'`,
        shared_buffers: "'64MB'",
        max_connections: 200,
        fsync: 'on',
        log_min_messages: 'fatal',
        ...options.settings,
      };
      writeFileSync(
        join(server.dataDir, 'postgresql.auto.conf'),
        Object.entries(settings)
          .map(([k, v]) => `${k} = ${v}`)
          .join('\n') + '\n',
      );
      chownTree(server.dataDir, as);
      await server.start();
      return server;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  /** A streaming standby of `primary`, seeded by pg_basebackup, named `name` for synchronous_standby_names. */
  static async standby(
    name: string,
    primary: PostgresServer,
    options: { port?: number } = {},
  ): Promise<PostgresServer> {
    const as = runAs();
    const folder = mkdtempSync(join(tmpdir(), `ledger-pg-${name}-`));
    chownTree(folder, as);
    // A given port lets a re-seeded standby take a dead server's place in a multi-host URL.
    const server = new PostgresServer(name, folder, options.port ?? (await freePort()), as);
    try {
      run(
        'pg_basebackup',
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(primary.port),
          '-U',
          'postgres',
          '-D',
          server.dataDir,
          '-R',
          '-X',
          'stream',
          '--checkpoint=fast',
          '--no-sync',
        ],
        as,
      );
      // -R wrote standby.signal and primary_conninfo; name the standby so the primary can wait for it.
      writeFileSync(
        join(server.dataDir, 'postgresql.auto.conf'),
        `\nprimary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=${name}'\n`,
        { flag: 'a' },
      );
      chownTree(server.dataDir, as);
      await server.start();
      return server;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  private async start(): Promise<void> {
    mkdirSync(join(this.folder, 'socket'), { recursive: true });
    chownTree(join(this.folder, 'socket'), this.as);
    const child = spawn(
      join(postgresBinDir(), 'postgres'),
      [
        '-D',
        this.dataDir,
        '-c',
        `port=${this.port}`,
        '-c',
        `unix_socket_directories=${join(this.folder, 'socket')}`,
      ],
      { ...(this.as ?? {}), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString();
    });
    this.child = child;
    running.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        running.delete(child);
        resolve();
      }),
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`PostgreSQL ${this.name} exited at start: ${stderr}`);
      try {
        execFileSync(
          join(postgresBinDir(), 'pg_isready'),
          ['-q', '-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres'],
          { stdio: 'ignore' },
        );
        return;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`PostgreSQL ${this.name} did not accept connections within 60 s: ${stderr}`);
        await sleep(50);
      }
    }
  }

  /** Runs SQL through psql as the superuser; returns its unaligned output. */
  psql(sql: string, database = 'postgres'): string {
    return run(
      'psql',
      [
        '-X',
        '-A',
        '-t',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        '127.0.0.1',
        '-p',
        String(this.port),
        '-U',
        'postgres',
        '-d',
        database,
        '-c',
        sql,
      ],
      undefined,
    ).trim();
  }

  /** A new, empty database; returns its URL. */
  createDatabase(name = `ledger_${Math.random().toString(36).slice(2, 10)}`): string {
    this.psql(`CREATE DATABASE ${name} TEMPLATE template0`);
    return this.url(name);
  }

  /** A standby becomes a primary (waits until it accepts writes). */
  promote(): void {
    const out = this.psql('SELECT pg_promote(true, 60)');
    if (out !== 't') throw new Error(`PostgreSQL ${this.name} was not promoted: ${out}`);
  }

  /** Kills the server at once (SIGKILL): what a crashed machine looks like to its clients. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Stops the server (fast shutdown; SIGKILL after 20 s) and removes its folder. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}
