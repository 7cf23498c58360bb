import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { hashToken } from '@ledger/http';
import { SqliteMerkleLog, verifyLedger, type LedgerVerificationReport } from '@ledger/integrity';
import { freePort } from '@ledger/event-store/testing';

/**
 * SIGKILLs the real service (spawned, swc-registered) under concurrent HTTP writers at random
 * moments, cycle after cycle, and checks what the ledger promises: every acknowledged write is
 * there after the restarts, nothing is recorded twice, and the file verifies. On alternate
 * cycles the writers send an Idempotency-Key, and every request whose answer the crash swallowed
 * is retried with its key after the restart: it must then answer 201 (replayed or not), never
 * be recorded twice, and never be refused.
 */
export interface ChaosOptions {
  cycles: number;
  writers: number;
  /** How long the writers run before the kill: a random time in this range (ms). */
  killAfterMs: [number, number];
}

export interface ChaosFigures {
  cycles: number;
  acknowledged: number;
  /** Acknowledged writes not found after the last restart. */
  lost: number;
  /** Requests recorded more than once. */
  duplicates: number;
  /** Requests in flight at a kill, retried with their key after the restart. */
  retried: number;
  /** Of those, answered as replays (the first attempt had been committed). */
  replayed: number;
  /** Retries refused (anything but 201): must be none. */
  retriesRefused: number;
  head: number;
  merkleSize: number;
  verify: Pick<LedgerVerificationReport, 'ok' | 'eventsChecked' | 'problemCount'> & { firstProblem?: string };
  seconds: number;
}

const ROOT = resolve(__dirname, '../..');
const source = { kind: 'minutes', reference: 'Chaos test' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Service {
  private child?: ChildProcess;
  private output = '';
  constructor(
    private readonly env: Record<string, string>,
    readonly base: string,
  ) {}

  async start(): Promise<void> {
    this.output = '';
    this.child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(ROOT, 'apps/ledger-api/src/main.ts')],
      { cwd: ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout!.on('data', (d) => (this.output = (this.output + d).slice(-4000)));
    this.child.stderr!.on('data', (d) => (this.output = (this.output + d).slice(-4000)));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null)
        throw new Error(`The service exited with ${this.child.exitCode}:\n${this.output}`);
      const up = await fetch(`${this.base}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) return;
      await sleep(50);
    }
    throw new Error(`The service did not start within 60 s:\n${this.output}`);
  }

  kill(): Promise<void> {
    const child = this.child!;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  /** A clean stop, so that the file can be verified with nothing writing to it. */
  stop(): Promise<void> {
    const child = this.child!;
    if (child.exitCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }
}

interface Write {
  personId: string;
  key?: string;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'ledger-chaos-'));
  const clerk = `lk_clerk_${randomBytes(24).toString('hex')}`;
  const auditor = `lk_auditor_${randomBytes(24).toString('hex')}`;
  const keysFile = join(dir, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify([
      { name: 'chaos-clerk', role: 'clerk', sha256: hashToken(clerk) },
      { name: 'chaos-auditor', role: 'auditor', sha256: hashToken(auditor) },
    ]),
  );
  const dbPath = join(dir, 'ledger.db');
  const port = await freePort();
  const service = new Service(
    {
      LEDGER_DB_PATH: dbPath,
      PORT: String(port),
      HOST: '127.0.0.1',
      LEDGER_API_KEYS_FILE: keysFile,
      LOG_LEVEL: 'error',
      LOG_FORMAT: 'json',
      LEDGER_RATE_LIMIT_PER_MINUTE: '10000000',
      NODE_ENV: 'production',
    },
    `http://127.0.0.1:${port}`,
  );
  const acknowledged: Write[] = [];
  const inDoubt: Write[] = [];
  let retried = 0;
  let replayed = 0;
  let retriesRefused = 0;
  let serial = 0;

  const post = (write: Write) =>
    fetch(`${service.base}/people`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${clerk}`,
        'content-type': 'application/json',
        ...(write.key ? { 'idempotency-key': write.key } : {}),
      },
      body: JSON.stringify({
        personId: write.personId,
        name: `Person ${write.personId}`,
        occurredAt: '2024-05-01',
        source,
      }),
    });

  try {
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      await service.start();
      const withKeys = cycle % 2 === 0;
      // The requests the last kill left in doubt, retried under their keys.
      for (const write of inDoubt.splice(0)) {
        retried += 1;
        const res = await post(write);
        if (res.status !== 201) retriesRefused += 1;
        else {
          acknowledged.push(write);
          if (((await res.json()) as { replayed?: boolean }).replayed === true) replayed += 1;
        }
      }
      let killed = false;
      const writer = async () => {
        while (!killed) {
          const personId = `c${cycle}-w${(serial += 1)}`;
          const write: Write = { personId, ...(withKeys ? { key: `key-${personId}` } : {}) };
          try {
            const res = await post(write);
            if (res.status === 201) acknowledged.push(write);
            else if (!killed) throw new Error(`A write answered ${res.status}: ${await res.text()}`);
          } catch (error) {
            if (!killed) throw error;
            // The kill swallowed the answer: committed or not, nobody knows. With a key, ask again.
            if (write.key) inDoubt.push(write);
          }
        }
      };
      const writers = Array.from({ length: options.writers }, writer);
      const [min, max] = options.killAfterMs;
      await sleep(min + Math.random() * (max - min));
      killed = true;
      await service.kill();
      await Promise.all(writers);
    }

    // The last restart: every acknowledged write must be readable through the API.
    await service.start();
    for (const write of inDoubt.splice(0)) {
      retried += 1;
      const res = await post(write);
      if (res.status === 201) {
        acknowledged.push(write);
        if (((await res.json()) as { replayed?: boolean }).replayed === true) replayed += 1;
      } else retriesRefused += 1;
    }
    const head = (
      (await (await fetch(`${service.base}/health`)).json()) as { info: { store: { head: number } } }
    ).info.store.head;
    let lost = 0;
    for (let i = 0; i < acknowledged.length; i += 16) {
      const found = await Promise.all(
        acknowledged.slice(i, i + 16).map((w) =>
          fetch(`${service.base}/audit/person/${w.personId}?waitFor=${head}`, {
            headers: { authorization: `Bearer ${auditor}` },
          }).then((r) => r.status),
        ),
      );
      lost += found.filter((status) => status !== 200).length;
    }
    await service.stop();

    const db = new Database(dbPath, { readonly: true });
    const duplicates = db
      .prepare(
        `SELECT count(*) FROM (SELECT json_extract(data, '$.personId') AS p FROM events WHERE type = 'PersonRegistered' GROUP BY p HAVING count(*) > 1)`,
      )
      .pluck()
      .get() as number;
    const storeHead = db.prepare('SELECT max(position) FROM events').pluck().get() as number;
    const merkleSize = new SqliteMerkleLog(db, { migrate: false }).size;
    db.close();
    const report = verifyLedger(dbPath);
    return {
      cycles: options.cycles,
      acknowledged: acknowledged.length,
      lost,
      duplicates,
      retried,
      replayed,
      retriesRefused,
      head: storeHead,
      merkleSize,
      verify: {
        ok: report.ok,
        eventsChecked: report.eventsChecked,
        problemCount: report.problemCount,
        ...(report.problems[0] ? { firstProblem: report.problems[0].message } : {}),
      },
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await service.kill().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
