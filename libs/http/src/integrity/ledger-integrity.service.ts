import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, SqliteEventStore, SubscriptionDiverged, type EventStore } from '@ledger/event-store';
import {
  createCheckpoint,
  integrateEvents,
  keyIdOf,
  loadPrivateKey,
  merkleLogFor,
  signCheckpoint,
  type Checkpoint,
  type SqliteMerkleLog,
  type TreeHead,
} from '@ledger/integrity';
import { LedgerConfig } from '@ledger/platform';
import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The ledger's Merkle log and its signed tree heads. On the embedded store the log is written in
 * each append's transaction. On EventStoreDB each instance integrates $all into a local log in
 * $all's order: every instance computes the same tree, so two integrators cannot fork it, and a
 * restart resumes from the last leaf.
 */
@Injectable()
export class LedgerIntegrity implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LedgerIntegrity.name);
  /** The log this instance serves; on a store without one of its own, a local copy (replaced if it diverges). */
  log: SqliteMerkleLog;
  private own?: Database.Database;
  private readonly ownPath?: string;
  private readonly signingKey?: KeyObject;
  private integrator?: { abort: AbortController; done: Promise<void> };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    config: LedgerConfig,
  ) {
    if (store instanceof SqliteEventStore) {
      this.log = merkleLogFor(store.db);
    } else {
      this.ownPath = join(
        dirname(resolve(config.LEDGER_DB_PATH)),
        `${basename(config.LEDGER_DB_PATH)}.merkle.db`,
      );
      mkdirSync(dirname(this.ownPath), { recursive: true });
      [this.own, this.log] = openLocalLog(this.ownPath);
    }
    if (config.LEDGER_SIGNING_KEY_FILE) this.signingKey = loadPrivateKey(config.LEDGER_SIGNING_KEY_FILE);
  }

  onApplicationBootstrap(): void {
    if (!this.own) return;
    const abort = new AbortController();
    const done = (async () => {
      while (!abort.signal.aborted) {
        try {
          const last = this.log.lastLeaf();
          const events = this.store.subscribe({
            from: last ? { after: last.position, eventId: last.eventId } : 'start',
            signal: abort.signal,
          });
          await integrateEvents(this.log, events, { batchSize: 1 });
          return;
        } catch (error) {
          if (abort.signal.aborted) return;
          if (!(error instanceof SubscriptionDiverged)) {
            this.logger.error(`Merkle integrator stopped: ${(error as Error).message}`);
            return;
          }
          // The local log holds leaves the ledger no longer has: it is only a copy, so it starts
          // again from the ledger's first event. Tree heads handed out before stay on record in
          // lastIssued, and the background verifier reports the fork.
          this.logger.warn(`${error.message}; the local Merkle log is rebuilt from the ledger`);
          this.resetLocalLog();
        }
      }
    })();
    this.integrator = { abort, done };
  }

  private resetLocalLog(): void {
    this.own!.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.ownPath}${suffix}`, { force: true });
    [this.own, this.log] = openLocalLog(this.ownPath!);
  }

  async onApplicationShutdown(): Promise<void> {
    this.integrator?.abort.abort();
    await this.integrator?.done;
    this.own?.close();
  }

  /** The largest tree head handed out: the background verifier holds every later pass to it. */
  lastIssued?: TreeHead;

  /** The latest tree head, signed when a key is configured. */
  checkpoint(): Checkpoint {
    const head = this.log.treeHead();
    if (!this.lastIssued || head.treeSize >= this.lastIssued.treeSize) this.lastIssued = head;
    return this.signingKey ? signCheckpoint(head, this.signingKey) : createCheckpoint(head);
  }

  publicKey(): { algorithm: 'Ed25519'; keyId: string; pem: string } | undefined {
    if (!this.signingKey) return undefined;
    const pub = createPublicKey(this.signingKey);
    return {
      algorithm: 'Ed25519',
      keyId: keyIdOf(pub),
      pem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
}

/** A Merkle log in a SQLite file of this instance's own. */
function openLocalLog(path: string): [Database.Database, SqliteMerkleLog] {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  return [db, merkleLogFor(db)];
}
