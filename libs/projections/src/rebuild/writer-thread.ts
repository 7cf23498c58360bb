import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  PROJECTED_PAGE_JSON_SQL,
  projectedEvent,
  type ProjectedEvent,
  type ProjectedRow,
} from '@ledger/event-store';
import { DEFERRED_INDEX_SOURCE, entitiesOf, INSERT_ENTITY_POSITIONS } from '../read-model/entities';
import type { Writes } from '../read-model/writes';

/**
 * The writer thread's code. It is plain JavaScript given to the worker as a string, so that it
 * runs the same from the TypeScript sources (tests, benches) and from the bundled service, which
 * has no separate file for it. It only reads pages and executes statements, in the order they
 * were sent: every rule of the projections stays on the main thread.
 *
 * A batch is { seq, sqls: [[id, sql, isExec]...] (statements new since the last batch), ops }:
 * ops is one flat array of `id, n, ...n parameters` (n = -1: exec the statement's text), or of
 * `-1, position, n, ...n entities` (an event's entities, for the index gathered as in
 * read-model/entities.ts) or `-2` (write the entity index gathered so far).
 * Each batch is acknowledged with { seq, error, busy } (error: null, or the first failure's
 * message, after which nothing more is executed; busy: the thread's milliseconds of work so far).
 *
 * It may also read the ledger for the main thread ({ read: { file, sql, from, pageSize, aheadBytes } }):
 * page by page, up to `aheadBytes` bytes of JSON ahead of those the main thread has consumed
 * (each batch says how many: { consumed }), and always at least one. Each
 * page is one JSON text of rows, data inline, made by SQLite itself (PROJECTED_PAGE_JSON_SQL) as
 * UTF-8 bytes, and posted with its buffer transferred, not copied ({ page: bytes, or null at the
 * end }): pages read ahead wait outside either thread's heap, and the main thread's one
 * JSON.parse of a page replaces the parse of each event's data it would do anyway.
 */
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const index = new Function('return ' + workerData.deferredIndex)()();
const statements = [];
let failure = null;
let busy = 0;
let reading = null;
const fail = (e) => { failure = failure || ((e && e.code ? e.code + ': ' : '') + String((e && e.message) || e)); };
function consume(consumed) {
  while (reading.consumed < consumed) reading.bytesAhead -= reading.sizes[reading.consumed++] || 0;
}
function readAhead() {
  while (reading !== null && !reading.done && failure === null
    && (reading.sent === reading.consumed || reading.bytesAhead < reading.aheadBytes)) {
    try {
      const [rows, last, json] = reading.select.get(reading.cursor, reading.pageSize);
      // A buffer of its own, to be transferred (a small one may share a pool).
      const page = rows === 0 ? null : json.byteOffset === 0 && json.byteLength === json.buffer.byteLength ? json : new Uint8Array(json);
      reading.sizes[reading.sent] = page === null ? 0 : page.byteLength;
      reading.bytesAhead += reading.sizes[reading.sent];
      reading.sent += 1;
      if (rows < reading.pageSize) reading.done = true;
      else reading.cursor = last + 1;
      if (page !== null) parentPort.postMessage({ page }, [page.buffer]);
      if (reading.done) parentPort.postMessage({ page: null });
    } catch (e) {
      fail(e);
      parentPort.postMessage({ seq: -1, error: failure, busy });
    }
  }
}
parentPort.on('message', (batch) => {
  const started = performance.now();
  if (batch.read) {
    const { file, sql, from, pageSize, aheadBytes } = batch.read;
    try {
      const ledger = new Database(file, { readonly: true, fileMustExist: true });
      reading = { ledger, select: ledger.prepare(sql).raw(true), cursor: from, pageSize, aheadBytes, sizes: [], bytesAhead: 0, sent: 0, consumed: 0, done: false };
    } catch (e) {
      fail(e);
      parentPort.postMessage({ seq: -1, error: failure, busy });
    }
    readAhead();
    busy += performance.now() - started;
    return;
  }
  if (batch.close) {
    try { if (db.inTransaction) db.exec('ROLLBACK'); db.close(); if (reading !== null) reading.ledger.close(); } catch (e) { fail(e); }
    parentPort.postMessage({ seq: batch.seq, error: failure, closed: true });
    return;
  }
  if (reading !== null && batch.consumed !== undefined) consume(batch.consumed);
  // Pages first: the main thread may be waiting for one, while writes can wait.
  readAhead();
  if (failure === null) {
    try {
      for (const [id, sql, isExec] of batch.sqls) statements[id] = isExec ? sql : db.prepare(sql);
      const ops = batch.ops;
      for (let i = 0; i < ops.length; ) {
        if (ops[i] === -1) {
          const n = ops[i + 2];
          index.add(ops[i + 1], ops, i + 3, n);
          i += 3 + n;
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
      fail(e);
    }
  }
  readAhead();
  busy += performance.now() - started;
  parentPort.postMessage({ seq: batch.seq, error: failure, busy });
});
`;

/**
 * How many parameters and statement ids a batch gathers before it is sent, or how many bytes of
 * them (estimated: a string's length, 8 for anything else), whichever comes first. Small: the
 * thread holds the batch it executes as objects of its heap, and whatever is alive when its
 * young generation is collected is copied, then kept, and makes that generation grow. Batches of
 * megabytes grew the thread's young generation to the most the process's flags allow
 * (--max-semi-space-size, which applies to every thread); batches of half a megabyte keep it small.
 */
const BATCH_OPS = 8 * 1024;
const BATCH_BYTES = 512 * 1024;
/**
 * How many bytes of batches may be in flight (sent, not yet executed) before `drained` waits:
 * enough to keep the thread busy. By bytes, not batches: a batch of large rendered states weighs
 * many times one of numbers.
 */
const MAX_IN_FLIGHT_BYTES = 16 * 1024 * 1024;
/**
 * How many bytes of JSON the thread reads ahead of the main thread: enough for it to go on while
 * the thread commits. By bytes, not pages, since events' data vary in size.
 */
const PAGES_AHEAD_BYTES = 8 * 1024 * 1024;

/** A parameter's weight in a batch, roughly: what structured cloning it to the thread copies. */
const weightOf = (value: unknown): number =>
  typeof value === 'string' ? value.length + 8 : value instanceof Uint8Array ? value.byteLength + 8 : 8;

/**
 * Writes sent to a worker thread with its own connection to a read-model file, which may also
 * read the ledger's pages (readPages): a rebuild folds on the main thread while SQLite reads and
 * writes on the other core. Nothing else may write that file meanwhile; the main connection may
 * read it only once `settled` has resolved after a COMMIT. The first failure (of a statement, of
 * a read, or of the thread) is thrown by every later call, and rejects every wait.
 */
export class WriterThread implements Writes {
  private readonly worker: Worker;
  private readonly ids = new Map<string, number>();
  private sqls: Array<[number, string, boolean]> = [];
  private ops: unknown[] = [];
  private opsBytes = 0;
  /** The estimated bytes of each batch sent and not yet acknowledged, by seq. */
  private readonly inFlight = new Map<number, number>();
  private seq = 0;
  private acknowledged = 0;
  private failure?: Error;
  private waiters: Array<{ seq: number; resolve: () => void; reject: (e: Error) => void }> = [];
  /** Seconds the thread spent working, and the main thread spent waiting for it: how the two cores share a rebuild. */
  readonly stats = { busySeconds: 0, waitedSeconds: 0, pagesWaitedSeconds: 0 };
  /** Pages read by the thread (JSON text as UTF-8; null: the end), not yet taken, and whoever waits for the next. */
  private readonly pagesRead: Array<Uint8Array | null> = [];
  private readonly decoder = new TextDecoder();
  private pageWaiter?: () => void;
  private consumed = 0;

  constructor(path: string, pragmas: readonly string[]) {
    // Resolved from this file, so it is the copy the service itself loads, wherever it runs from.
    const driver = createRequire(__filename).resolve('better-sqlite3');
    this.worker = new Worker(WRITER_SOURCE, {
      eval: true,
      // Not the main thread's options: what they preload (a TypeScript loader, in tests and
      // benches) this code has no use for, and each thread would load and hold it again.
      execArgv: [],
      // Its own young generation, not the process's (--max-semi-space-size applies to every
      // thread): it holds a batch of at most BATCH_BYTES at a time, and a young generation sized
      // for the main thread's folding would be resident memory it never needs.
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
      workerData: {
        driver,
        path,
        pragmas,
        deferredIndex: DEFERRED_INDEX_SOURCE,
        insertEntityPositions: INSERT_ENTITY_POSITIONS,
      },
    });
    this.worker.on(
      'message',
      (m: { seq: number; error: string | null; busy?: number } | { page: Uint8Array | null }) => {
        if ('page' in m) {
          this.pagesRead.push(m.page);
          this.pageWaiter?.();
          return;
        }
        if (m.seq > this.acknowledged) this.acknowledged = m.seq;
        for (const seq of this.inFlight.keys()) if (seq <= this.acknowledged) this.inFlight.delete(seq);
        if (m.busy !== undefined) this.stats.busySeconds = m.busy / 1000;
        if (m.error !== null && !this.failure)
          this.failure = new Error(`The read models' writer thread failed: ${m.error}`);
        this.wake();
      },
    );
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) =>
      this.fail(new Error(`The read models' writer thread exited (code ${code})`)),
    );
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.acknowledged = Infinity;
    this.wake();
  }

  private wake(): void {
    if (this.failure) this.pageWaiter?.();
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
    for (const p of params) {
      this.ops.push(p);
      this.opsBytes += weightOf(p);
    }
    this.opsBytes += 16;
    if (this.ops.length >= BATCH_OPS || this.opsBytes >= BATCH_BYTES) this.send();
  }

  exec(sql: string): void {
    if (this.failure) throw this.failure;
    this.ops.push(this.id(sql, true), -1);
  }

  indexLater(event: ProjectedEvent): void {
    if (this.failure) throw this.failure;
    const entities = entitiesOf(event);
    this.ops.push(-1, event.position, entities.length);
    for (const entity of entities) {
      this.ops.push(entity);
      this.opsBytes += weightOf(entity);
    }
    this.opsBytes += 24;
    if (this.ops.length >= BATCH_OPS || this.opsBytes >= BATCH_BYTES) this.send();
  }

  writeEntityIndex(): void {
    if (this.failure) throw this.failure;
    this.ops.push(-2);
  }

  /** The ledger's pages from `from` on, read by the thread from the ledger file: SQLite reads on the other core too. */
  async *readPages(file: string, from: number, pageSize: number): AsyncGenerator<ProjectedEvent[]> {
    this.worker.postMessage({
      read: {
        file,
        sql: PROJECTED_PAGE_JSON_SQL,
        from,
        pageSize,
        aheadBytes: PAGES_AHEAD_BYTES,
      },
    });
    for (;;) {
      if (this.pagesRead.length === 0) {
        const started = performance.now();
        await new Promise<void>((resolve) => {
          this.pageWaiter = resolve;
          if (this.failure || this.pagesRead.length > 0) resolve();
        });
        this.pageWaiter = undefined;
        this.stats.pagesWaitedSeconds += (performance.now() - started) / 1000;
      }
      if (this.failure) throw this.failure;
      const page = this.pagesRead.shift();
      if (page === null || page === undefined) return;
      this.consumed += 1;
      yield (JSON.parse(this.decoder.decode(page)) as Array<ProjectedRow<unknown>>).map(projectedEvent);
    }
  }

  private send(extra: Record<string, unknown> = {}): number {
    this.seq += 1;
    this.worker.postMessage({
      seq: this.seq,
      sqls: this.sqls,
      ops: this.ops,
      consumed: this.consumed,
      ...extra,
    });
    this.inFlight.set(this.seq, this.opsBytes);
    this.sqls = [];
    this.ops = [];
    this.opsBytes = 0;
    return this.seq;
  }

  private async until(seq: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.acknowledged >= seq) return;
    const started = performance.now();
    await new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    this.stats.waitedSeconds += (performance.now() - started) / 1000;
  }

  /** Sends what is gathered (and how many pages were taken), and waits while too many bytes of batches are in flight. */
  async drained(): Promise<void> {
    this.send();
    // The oldest batch to wait for: after it, no more than MAX_IN_FLIGHT_BYTES are left in flight.
    let wait = this.acknowledged;
    let bytes = 0;
    for (let seq = this.seq; seq > this.acknowledged; seq -= 1) {
      bytes += this.inFlight.get(seq) ?? 0;
      if (bytes > MAX_IN_FLIGHT_BYTES) {
        wait = seq;
        break;
      }
    }
    await this.until(wait);
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
