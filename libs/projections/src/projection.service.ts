import { setTimeout as pause } from 'node:timers/promises';
import { EventEmitter } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  EVENT_STORE,
  InvalidInput,
  StoreClosed,
  SubscriptionDiverged,
  type EventStore,
} from '@ledger/event-store';
import { LedgerConfig } from '@ledger/platform';
import { batchesOf } from './live-batches';
import { Projector } from './projector';
import { ReadModelFolder, type ReadModelDb } from './read-model/read-model.db';
import { PROJECTION_VERSION } from './read-model/read-model.schema';

export interface ProjectionStatus {
  version: number;
  generation: number;
  checkpoint: number;
  head: number;
  /** Events recorded but not yet in the read models. */
  lag: number;
  rebuilding: boolean;
  mode: 'subscription';
  /**
   * live: following the store. retrying: a page failed (disk full, I/O error) and is retried
   * with back-off. stopped: it will not go on by itself (the store closed), or has been retrying
   * for longer than LEDGER_PROJECTION_STALLED_AFTER_MS: a restart is needed, and /health says so.
   */
  state: 'live' | 'retrying' | 'stopped';
  /** The failure being retried, while it lasts. */
  failure?: { message: string; since: string; attempts: number; position: number };
}

/** Back-off between attempts after a failed page: doubling from the first to the last. */
const RETRY_FIRST_MS = 200;
const RETRY_LAST_MS = 10_000;

/** The most events the live projection applies in one transaction. */
const LIVE_BATCH = 500;

/** How long a replaced generation stays open for the reads in flight on it. */
const OLD_GENERATION_GRACE_MS = 30_000;

export class ProjectionTimeout extends Error {
  readonly code = 'projection-timeout';
  constructor(position: number, checkpoint: number) {
    super(`The read models have reached position ${checkpoint}, not yet ${position}; try again shortly`);
  }
}

/**
 * Keeps the read models current. Mode: a subscription to the store (catch-up, then live) feeds
 * the projector; a write answers with its position, and a read can wait until the read models
 * have reached it (read-your-writes, on one instance or across several). A rebuild builds the
 * next generation from scratch while queries use the current one, then switches over.
 */
@Injectable()
export class ProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionService.name);
  private readonly folder: ReadModelFolder;
  private projector!: Projector;
  private live?: { abort: AbortController; done: Promise<void> };
  private readonly progress = new EventEmitter();
  private rebuilding = false;
  private failure?: ProjectionStatus['failure'];
  private ended = false;
  private shuttingDown = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: LedgerConfig,
  ) {
    this.folder = new ReadModelFolder(config.LEDGER_DB_PATH);
    this.progress.setMaxListeners(0);
  }

  /** Where the read models are: their generation, and the last position applied. */
  get position(): { generation: number; checkpoint: number } {
    return { generation: this.projector.rm.generation, checkpoint: this.projector.checkpoint };
  }

  get readModels(): ReadModelDb {
    return this.projector.rm;
  }

  async onApplicationBootstrap(): Promise<void> {
    const current = this.folder.openCurrent();
    if (current) {
      this.projector = new Projector(current, this.store);
    } else {
      // No generation built by this version: build one now, before serving reads.
      const generation = (this.folder.generations().pop() ?? 0) + 1;
      this.projector = await this.build(generation);
      this.folder.prune(generation);
      this.logger.log(`Read models built (version ${PROJECTION_VERSION}, generation ${generation})`);
    }
    this.startLive();
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.stopLive();
    this.projector?.rm.close();
  }

  private async build(generation: number, onProgress?: (position: number) => void): Promise<Projector> {
    const rm = this.folder.open(generation);
    const projector = new Projector(rm, this.store);
    try {
      await projector.rebuildFromScratch(onProgress);
      rm.setMeta('complete', 1);
    } catch (error) {
      rm.close(); // an incomplete generation is never opened again, and goes at the next prune
      throw error;
    }
    return projector;
  }

  /**
   * Follows the store from the checkpoint. A page that fails (disk full, an I/O error) is rolled
   * back with its checkpoint, and the subscription starts again from the checkpoint after a
   * back-off, until it succeeds: the read models resume by themselves once the cause is gone.
   */
  private startLive(): void {
    const abort = new AbortController();
    this.ended = false;
    const done = (async () => {
      let delay = RETRY_FIRST_MS;
      while (!abort.signal.aborted) {
        const projector = this.projector;
        try {
          const subscription = this.store.subscribe({
            from: { after: projector.checkpoint },
            signal: abort.signal,
          });
          // What the store hands over at once goes into one transaction (a page fails or commits whole).
          for await (const events of batchesOf(subscription, LIVE_BATCH)) {
            await projector.apply(events);
            this.progress.emit('position', events[events.length - 1].position);
            if (this.failure) this.recovered();
            delay = RETRY_FIRST_MS;
          }
          if (!abort.signal.aborted) this.end('the store closed');
          return;
        } catch (error) {
          if (abort.signal.aborted) return;
          if (error instanceof StoreClosed) return this.end((error as Error).message);
          if (error instanceof SubscriptionDiverged) return this.rebuildAfter(error);
          const message = (error as Error).message;
          this.failure = {
            message,
            since: this.failure?.since ?? new Date().toISOString(),
            attempts: (this.failure?.attempts ?? 0) + 1,
            position: projector.checkpoint + 1,
          };
          this.logger.error(
            `Projection failed at position ${this.failure.position} (attempt ${this.failure.attempts}): ${message}; retrying in ${delay} ms`,
          );
          // The failed page's transaction rolled back, but the projector's cached states may have
          // moved on with it: go on from the checkpoint with a projector whose cache is empty.
          this.projector = new Projector(projector.rm, this.store);
          await pause(delay, undefined, { signal: abort.signal }).catch(() => undefined); // an abort ends the wait
          delay = Math.min(delay * 2, RETRY_LAST_MS);
        }
      }
    })();
    this.live = { abort, done };
  }

  /**
   * The read models hold events the store no longer has (a failover took back commits a reader
   * had seen): they are built again from scratch, while queries use these until the new
   * generation is ready. A rebuild already running switches to its own generation when done.
   */
  private rebuildAfter(divergence: SubscriptionDiverged): void {
    this.logger.warn(`${divergence.message}; rebuilding the read models`);
    if (this.rebuilding) return;
    void (async () => {
      for (let delay = RETRY_FIRST_MS; !this.shuttingDown; delay = Math.min(delay * 2, RETRY_LAST_MS)) {
        try {
          await this.rebuild();
          this.failure = undefined;
          return;
        } catch (error) {
          if (this.shuttingDown) return;
          this.failure = {
            message: `rebuild after a diverged subscription failed: ${(error as Error).message}`,
            since: this.failure?.since ?? new Date().toISOString(),
            attempts: (this.failure?.attempts ?? 0) + 1,
            position: this.projector.checkpoint + 1,
          };
          this.logger.error(`${this.failure.message}; retrying in ${delay} ms`);
          await pause(delay);
        }
      }
    })();
  }

  private recovered(): void {
    this.logger.log(
      `Projection resumed after ${this.failure!.attempts} failed attempt(s) since ${this.failure!.since}`,
    );
    this.failure = undefined;
  }

  private end(reason: string): void {
    this.ended = true;
    this.logger.error(`Projection stopped: ${reason}`);
  }

  private async stopLive(): Promise<void> {
    if (!this.live) return;
    this.live.abort.abort();
    await this.live.done;
    this.live = undefined;
  }

  /** Rebuilds into a fresh generation with no downtime, then switches over. */
  async rebuild(onProgress?: (position: number) => void): Promise<ProjectionStatus> {
    if (this.rebuilding) throw new Error('A rebuild is already running');
    this.rebuilding = true;
    try {
      const generation = Math.max(this.projector.rm.generation, ...this.folder.generations()) + 1;
      const next = await this.build(generation, onProgress);
      await this.stopLive();
      await next.rebuildFromScratch(); // whatever arrived while building
      const old = this.projector;
      this.projector = next;
      this.startLive();
      // Its files go now; its connection a little later, so that reads still drawing from it
      // (a list at a cut awaits between its reads) finish on the generation they started on.
      this.folder.prune(generation);
      setTimeout(() => old.rm.close(), OLD_GENERATION_GRACE_MS).unref();
      return this.status();
    } finally {
      this.rebuilding = false;
    }
  }

  async status(): Promise<ProjectionStatus> {
    const head = await this.store.head();
    const checkpoint = this.projector.checkpoint;
    const lag = Math.max(0, head - checkpoint);
    // Caught up after a failure (one met while reading, with nothing new since): recovered.
    if (this.failure && lag === 0) this.recovered();
    const stalled =
      this.failure !== undefined &&
      Date.now() - Date.parse(this.failure.since) > this.config.LEDGER_PROJECTION_STALLED_AFTER_MS;
    const state = this.ended || stalled ? 'stopped' : this.failure ? 'retrying' : 'live';
    return {
      version: PROJECTION_VERSION,
      generation: this.projector.rm.generation,
      checkpoint,
      head,
      lag,
      rebuilding: this.rebuilding,
      mode: 'subscription',
      state,
      ...(this.failure ? { failure: { ...this.failure } } : {}),
    };
  }

  /**
   * Resolves once the read models include `position`; refuses after `timeoutMs`. A position the
   * store has not reached is no write's (a write answers with its position once it is stored,
   * on every instance): the caller's mistake, said at once, not a wait that ends in "not ready".
   */
  async waitFor(position: number, timeoutMs = 5000): Promise<void> {
    if (this.projector.checkpoint >= position) return;
    const head = await this.store.head();
    if (position > head)
      throw new InvalidInput(
        'invalid-read-option',
        'waitFor',
        `waitFor ${position} is beyond the ledger's last position (${head}): pass the position a write answered with`,
      );
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.projector.checkpoint >= position) finish();
      };
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.progress.off('position', check);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => finish(new ProjectionTimeout(position, this.projector.checkpoint)),
        timeoutMs,
      );
      this.progress.on('position', check);
      check();
    });
  }
}
