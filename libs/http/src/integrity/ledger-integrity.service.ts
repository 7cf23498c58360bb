import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@ledger/event-store';
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
  readonly log: SqliteMerkleLog;
  private readonly own?: Database.Database;
  private readonly signingKey?: KeyObject;
  private integrator?: { abort: AbortController; done: Promise<void> };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    config: LedgerConfig,
  ) {
    if (store instanceof SqliteEventStore) {
      this.log = merkleLogFor(store.db);
    } else {
      const path = join(
        dirname(resolve(config.LEDGER_DB_PATH)),
        `${basename(config.LEDGER_DB_PATH)}.merkle.db`,
      );
      mkdirSync(dirname(path), { recursive: true });
      this.own = new Database(path);
      this.own.pragma('journal_mode = WAL');
      this.log = merkleLogFor(this.own);
    }
    if (config.LEDGER_SIGNING_KEY_FILE) this.signingKey = loadPrivateKey(config.LEDGER_SIGNING_KEY_FILE);
  }

  onApplicationBootstrap(): void {
    if (!this.own) return;
    const abort = new AbortController();
    const done = (async () => {
      try {
        const events = this.store.subscribe({
          from: { after: this.log.lastPosition() },
          signal: abort.signal,
        });
        await integrateEvents(this.log, events, { batchSize: 1 });
      } catch (error) {
        if (!abort.signal.aborted)
          this.logger.error(`Merkle integrator stopped: ${(error as Error).message}`);
      }
    })();
    this.integrator = { abort, done };
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
