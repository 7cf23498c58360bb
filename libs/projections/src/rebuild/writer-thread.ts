import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ProjectedEvent } from '@ledger/event-store';
import { ENTITY_RULE, INSERT_ENTITY_POSITIONS } from '../read-model/entities';
import type { Writes } from '../read-model/writes';

/**
 * The writer thread's code. It is plain JavaScript given to the worker as a string, so that it
 * runs the same from the TypeScript sources (tests, benches) and from the bundled service, which
 * has no separate file for it. It only executes statements, in the order they were sent: every
 * rule of the projections stays on the main thread.
 *
 * A batch is { seq, sqls: [[id, sql, isExec]...] (statements new since the last batch), ops }:
 * ops is one flat array of `id, n, ...n parameters` (n = -1: exec the statement's text), or of
 * `-1, position, stream, data JSON` (an event for the entity index, gathered by the rule of
 * read-model/entities.ts) or `-2` (write the entity index gathered so far).
 * Each batch is acknowledged with { seq, error, busy } (error: null, or the first failure's
 * message, after which nothing more is executed; busy: the thread's milliseconds of work so far).
 */
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const index = new Function('return ' + workerData.entities.source)()(...workerData.entities.fields).deferred();
const statements = [];
let failure = null;
let busy = 0;
parentPort.on('message', (batch) => {
  const started = performance.now();
  if (batch.close) {
    try { if (db.inTransaction) db.exec('ROLLBACK'); db.close(); } catch (e) { failure = failure || String(e.message || e); }
    parentPort.postMessage({ seq: batch.seq, error: failure, closed: true });
    return;
  }
  if (failure === null) {
    try {
      for (const [id, sql, isExec] of batch.sqls) statements[id] = isExec ? sql : db.prepare(sql);
      const ops = batch.ops;
      for (let i = 0; i < ops.length; ) {
        if (ops[i] === -1) {
          index.add(ops[i + 1], ops[i + 2], JSON.parse(ops[i + 3]));
          i += 4;
          continue;
        }
        if (ops[i] === -2) {
          const insert = db.prepare(workerData.insertEntityPositions);
          index.drain((entity, positions) => insert.run(entity, positions));
          i += 1;
          continue;
        }
        const statement = statements[ops[i]];
        const n = ops[i + 1];
        i += 2;
        if (n < 0) db.exec(statement);
        else {
          statement.run(ops.slice(i, i + n));
          i += n;
        }
      }
    } catch (e) {
      failure = String((e && e.message) || e);
    }
  }
  busy += performance.now() - started;
  parentPort.postMessage({ seq: batch.seq, error: failure, busy });
});
`;

/** How many parameters and statement ids a batch gathers before it is sent. */
const BATCH_OPS = 64 * 1024;
/** How many batches may be in flight before `drained` waits: enough to keep the thread busy, little memory. */
const MAX_IN_FLIGHT = 8;

/**
 * Writes sent to a worker thread with its own connection to a read-model file: a rebuild folds
 * on the main thread while SQLite writes on the other core. Nothing else may write that file
 * meanwhile; the main connection may read it only once `settled` has resolved after a COMMIT.
 */
export class WriterThread implements Writes {
  private readonly worker: Worker;
  private readonly ids = new Map<string, number>();
  private sqls: Array<[number, string, boolean]> = [];
  private ops: unknown[] = [];
  private seq = 0;
  private acknowledged = 0;
  private failure?: Error;
  private waiters: Array<{ seq: number; resolve: () => void; reject: (e: Error) => void }> = [];
  /** Seconds the thread spent writing, and the main thread spent waiting for it: how the two cores share a rebuild. */
  readonly stats = { busySeconds: 0, waitedSeconds: 0 };

  constructor(path: string, pragmas: readonly string[]) {
    // Resolved from this file, so it is the copy the service itself loads, wherever it runs from.
    const driver = createRequire(__filename).resolve('better-sqlite3');
    this.worker = new Worker(WRITER_SOURCE, { eval: true, workerData: { driver, path, pragmas, entities: ENTITY_RULE, insertEntityPositions: INSERT_ENTITY_POSITIONS } });
    this.worker.on('message', (m: { seq: number; error: string | null; busy?: number }) => {
      this.acknowledged = m.seq;
      if (m.busy !== undefined) this.stats.busySeconds = m.busy / 1000;
      if (m.error !== null && !this.failure) this.failure = new Error(`The read models' writer thread failed: ${m.error}`);
      this.wake();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`The read models' writer thread exited (code ${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.acknowledged = Infinity;
    this.wake();
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.failure) w.reject(this.failure);
      else if (this.acknowledged >= w.seq) w.resolve();
      else return true;
      return false;
    });
  }

  private id(sql: string, isExec: boolean): number {
    let id = this.ids.get(sql);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(sql, id);
      this.sqls.push([id, sql, isExec]);
    }
    return id;
  }

  run(sql: string, params: readonly unknown[]): void {
    if (this.failure) throw this.failure;
    this.ops.push(this.id(sql, false), params.length);
    for (const p of params) this.ops.push(p);
    if (this.ops.length >= BATCH_OPS) this.send();
  }

  exec(sql: string): void {
    if (this.failure) throw this.failure;
    this.ops.push(this.id(sql, true), -1);
  }

  indexLater(event: ProjectedEvent): void {
    if (this.failure) throw this.failure;
    this.ops.push(-1, event.position, event.stream, event.dataText ?? JSON.stringify(event.data));
    if (this.ops.length >= BATCH_OPS) this.send();
  }

  writeEntityIndex(): void {
    if (this.failure) throw this.failure;
    this.ops.push(-2);
  }

  private send(extra: Record<string, unknown> = {}): number {
    this.seq += 1;
    this.worker.postMessage({ seq: this.seq, sqls: this.sqls, ops: this.ops, ...extra });
    this.sqls = [];
    this.ops = [];
    return this.seq;
  }

  private async until(seq: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.acknowledged >= seq) return;
    const started = performance.now();
    await new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    this.stats.waitedSeconds += (performance.now() - started) / 1000;
  }

  /** Waits while too many batches are in flight: the main thread cannot run ahead without bound. */
  async drained(): Promise<void> {
    if (this.ops.length > 0) this.send();
    await this.until(this.seq - MAX_IN_FLIGHT);
  }

  /** Resolves once everything sent so far is written; rejects with the thread's failure, if any. */
  async settled(): Promise<void> {
    await this.until(this.send());
  }

  /** Closes the thread's connection (rolling back what was not committed) and ends the thread. */
  async close(): Promise<void> {
    if (!this.failure) {
      const seq = this.send({ close: true });
      await this.until(seq).catch(() => undefined);
    }
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
