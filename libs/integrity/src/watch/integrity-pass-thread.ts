import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LedgerVerificationReport } from '../verify-ledger.types';
import { INTEGRITY_THREAD_ROLE, type PassRequest } from './paced-pass';

/** Webpack's own require, defined in the service's bundle only. */
declare const __webpack_require__: unknown;

/**
 * Where the thread's code is. The service is one webpack bundle, built with the thread's file as
 * a second entry beside it (apps/ledger-api/webpack.config.js); tests and benches run the
 * TypeScript sources, and the thread loads its file through the same TypeScript loader they use.
 */
function threadEntry(): { file: string; execArgv: string[] } {
  if (typeof __webpack_require__ === 'function') {
    const file = join(__dirname, 'integrity-thread.js');
    if (!existsSync(file)) throw new Error(`The integrity watch's thread is missing from the build: ${file}`);
    return { file, execArgv: [] };
  }
  return {
    file: join(__dirname, 'integrity-thread.ts'),
    execArgv: ['-r', require.resolve('@swc-node/register')],
  };
}

/**
 * The integrity watch's passes, each walked on a thread of its own (integrity-thread.ts) rather
 * than on the thread that answers requests: on a large ledger a pass takes a quarter of a core for
 * most of each interval, which requests no longer pay. Started at the first pass, kept for the
 * next ones (one pass at a time), ended by close().
 */
export class IntegrityPassThread {
  private worker?: Worker;
  private waiting?: {
    resolve: (r: LedgerVerificationReport | undefined) => void;
    reject: (e: Error) => void;
  };
  private ended?: Promise<void>;

  constructor(private readonly file: string) {}

  /** One pass over the file, held to `anchors`; undefined when the thread was closed meanwhile. */
  pass(request: PassRequest): Promise<LedgerVerificationReport | undefined> {
    if (this.ended) return Promise.resolve(undefined);
    if (this.waiting) return Promise.reject(new Error('One integrity pass at a time'));
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      worker.postMessage({ pass: request });
    });
  }

  /** How long the thread's event loop has been busy, in milliseconds: its share of the passes' work. */
  threadWorkMs(): number {
    return this.worker?.performance.eventLoopUtilization().active ?? 0;
  }

  /**
   * Ends the thread, and the pass in progress with it: at once, not at its next page, nor after
   * the thread has finished loading (a pass only reads, on a read-only connection, which the
   * thread's end closes).
   */
  close(): Promise<void> {
    if (this.ended) return this.ended;
    const worker = this.worker;
    this.ended = worker ? worker.terminate().then(() => undefined) : Promise.resolve();
    this.settle(undefined);
    return this.ended;
  }

  private start(): Worker {
    const { file, execArgv } = threadEntry();
    const worker = new Worker(file, {
      execArgv,
      workerData: { role: INTEGRITY_THREAD_ROLE, file: this.file },
      // A pass holds a page of rows and the tree's frontier: a small heap is enough.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    // It never keeps the process alive by itself: the service's server does, and a test ends.
    worker.unref();
    worker.on('message', (m: { report?: LedgerVerificationReport; error?: string }) =>
      m.error !== undefined ? this.fail(new Error(m.error)) : this.settle(m.report),
    );
    // What a thread throws arrives cloned, perhaps without its message (better-sqlite3's errors): named here.
    worker.on('error', (error: unknown) => {
      const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
      const what = [code, message].filter((x) => typeof x === 'string' && x !== '').join(': ');
      this.fail(new Error(`The integrity watch's thread failed on ${this.file}: ${what || String(error)}`));
    });
    worker.on('exit', (code) => {
      if (!this.ended) this.fail(new Error(`The integrity watch's thread exited (code ${code})`));
      this.worker = undefined;
    });
    return worker;
  }

  private settle(report: LedgerVerificationReport | undefined): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(report);
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
