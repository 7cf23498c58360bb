import type Database from 'better-sqlite3';
import {
  migrate,
  rowToEvent,
  type Migration,
  type SqliteEventStore,
  type StoredEvent,
  type TransactionHook,
} from '@ledger/event-store';
import { MerkleLog, type NodeStore } from '../merkle/merkle-log';
import { leafHash, toHex } from '../merkle/rfc9162';
import type { ConsistencyProof, InclusionProof, TreeHead } from '../proofs';

/**
 * The Merkle log in the ledger's SQLite file. Two append-only tables:
 *
 *   merkle_leaves (leaf_index, position, event_id, event_hash)  leaf i is the event at `position`;
 *                 its leaf hash, node (0, i), is SHA-256(0x00 || event_hash)
 *   merkle_nodes  (level, idx, hash)  every complete subtree above the leaves (level >= 1), 32-byte blobs
 *
 * The leaf level is not stored twice: merkle_leaves is level 0. So an event costs one leaf
 * record and, on average, one node.
 *
 * With {@link merkleTransactionHook} on a SqliteEventStore, each append's events become leaves in
 * the same transaction as the append: an event is never committed without its leaf, nor a leaf
 * without its event.
 */
export const MERKLE_COMPONENT = 'merkle';

export const merkleMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'append-only Merkle tree nodes and the leaf-to-event index',
    up(db) {
      db.exec(`
        CREATE TABLE merkle_nodes (
          level INTEGER NOT NULL,
          idx   INTEGER NOT NULL,
          hash  BLOB NOT NULL CHECK (length(hash) = 32),
          PRIMARY KEY (level, idx)
        ) WITHOUT ROWID;
        CREATE TABLE merkle_leaves (
          leaf_index INTEGER PRIMARY KEY,
          position   INTEGER NOT NULL UNIQUE,
          event_id   TEXT NOT NULL UNIQUE,
          event_hash TEXT NOT NULL
        );
        CREATE TRIGGER merkle_nodes_no_update BEFORE UPDATE ON merkle_nodes
          BEGIN SELECT RAISE(ABORT, 'the Merkle log is append-only'); END;
        CREATE TRIGGER merkle_nodes_no_delete BEFORE DELETE ON merkle_nodes
          BEGIN SELECT RAISE(ABORT, 'the Merkle log is append-only'); END;
        CREATE TRIGGER merkle_leaves_no_update BEFORE UPDATE ON merkle_leaves
          BEGIN SELECT RAISE(ABORT, 'the Merkle log is append-only'); END;
        CREATE TRIGGER merkle_leaves_no_delete BEFORE DELETE ON merkle_leaves
          BEGIN SELECT RAISE(ABORT, 'the Merkle log is append-only'); END;
      `);
    },
  },
];

/** What the log needs of an event: which one it is, where, and its hash. */
export type LeafSource = Pick<StoredEvent, 'id' | 'position' | 'hash'>;

export interface LeafRecord {
  leafIndex: number;
  position: number;
  eventId: string;
  eventHash: string;
}

interface LeafRow {
  leaf_index: number;
  position: number;
  event_id: string;
  event_hash: string;
}

const toLeaf = (row: LeafRow | undefined): LeafRecord | undefined =>
  row && {
    leafIndex: row.leaf_index,
    position: row.position,
    eventId: row.event_id,
    eventHash: row.event_hash,
  };

export class MerkleLogOutOfStep extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MerkleLogOutOfStep';
  }
}

/** Statements are prepared on first use, so a read-only connection never prepares a write. */
class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}
  get(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

/**
 * NodeStore over merkle_nodes, with level 0 read from merkle_leaves. A leaf's record (which
 * carries its event) is written by {@link SqliteMerkleLog} before the tree appends the leaf, so
 * put() at level 0 has nothing left to write.
 */
export class SqliteNodeStore implements NodeStore {
  private readonly sql: Statements;

  constructor(readonly db: Database.Database) {
    this.sql = new Statements(db);
  }

  size(): number {
    const max = this.sql.get('SELECT max(leaf_index) FROM merkle_leaves').pluck().get() as number | null;
    return max === null ? 0 : max + 1;
  }

  private getLeaf?: Database.Statement;
  private getNode?: Database.Statement;
  private putNode?: Database.Statement;

  get(level: number, index: number): Uint8Array | undefined {
    if (level === 0) {
      this.getLeaf ??= this.db.prepare('SELECT event_hash FROM merkle_leaves WHERE leaf_index = ?').pluck();
      const eventHash = this.getLeaf.get(index) as string | undefined;
      return eventHash === undefined ? undefined : leafHash(eventHash);
    }
    this.getNode ??= this.db.prepare('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').pluck();
    return this.getNode.get(level, index) as Buffer | undefined;
  }

  put(level: number, index: number, hash: Uint8Array): void {
    if (level === 0) return; // the leaf record is the leaf
    this.putNode ??= this.db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
    this.putNode.run(level, index, hash);
  }
}

export interface AppendEventsOptions {
  /**
   * Before the first event, integrate any events of the `events` table (same database) that lie
   * between the last leaf and it: what was appended while the hook was off. On by the hook.
   */
  fillGapFromEventsTable?: boolean;
}

export interface IntegrateResult {
  /** Events that became leaves. */
  integrated: number;
  /** Events already in the log (same id and hash at the same position): skipped. */
  skipped: number;
  treeSize: number;
}

/** The Merkle log of one SQLite database: appends, roots, and proofs for any past tree size. */
export class SqliteMerkleLog {
  readonly nodes: SqliteNodeStore;
  readonly tree: MerkleLog;
  private readonly sql: Statements;

  /** `migrate: false` for a read-only connection (the tables must exist). */
  constructor(
    readonly db: Database.Database,
    options: { migrate?: boolean } = {},
  ) {
    if (options.migrate ?? !db.readonly)
      migrate(db, MERKLE_COMPONENT, merkleMigrations, `Ledger database ${db.name}`);
    this.nodes = new SqliteNodeStore(db);
    this.tree = new MerkleLog(this.nodes);
    this.sql = new Statements(db);
  }

  /** True when the database holds the Merkle tables. */
  static present(db: Database.Database): boolean {
    const n = db
      .prepare(
        `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('merkle_nodes', 'merkle_leaves')`,
      )
      .pluck()
      .get() as number;
    return n === 2;
  }

  get size(): number {
    return this.nodes.size();
  }

  lastLeaf(): LeafRecord | undefined {
    return toLeaf(
      this.sql
        .get(
          'SELECT leaf_index, position, event_id, event_hash FROM merkle_leaves ORDER BY leaf_index DESC LIMIT 1',
        )
        .get() as LeafRow | undefined,
    );
  }

  /** The last position integrated, or 0 when the log is empty: resume reading after it. */
  lastPosition(): number {
    return this.lastLeaf()?.position ?? 0;
  }

  leaf(leafIndex: number): LeafRecord | undefined {
    return toLeaf(
      this.sql
        .get('SELECT leaf_index, position, event_id, event_hash FROM merkle_leaves WHERE leaf_index = ?')
        .get(leafIndex) as LeafRow | undefined,
    );
  }

  leafByEventId(eventId: string): LeafRecord | undefined {
    return toLeaf(
      this.sql
        .get('SELECT leaf_index, position, event_id, event_hash FROM merkle_leaves WHERE event_id = ?')
        .get(eventId) as LeafRow | undefined,
    );
  }

  leafByPosition(position: number): LeafRecord | undefined {
    return toLeaf(
      this.sql
        .get('SELECT leaf_index, position, event_id, event_hash FROM merkle_leaves WHERE position = ?')
        .get(position) as LeafRow | undefined,
    );
  }

  /**
   * Makes these events leaves, in order, in one transaction (a savepoint when one is open).
   * Idempotent: an event at or before the last leaf's position must already be that leaf (same
   * id and hash) and is skipped; anything else there means the log and the events disagree, and
   * it throws, so the caller's transaction rolls back.
   */
  appendEvents(events: readonly LeafSource[], options: AppendEventsOptions = {}): IntegrateResult {
    // Inside the append transaction (the hook), the caller's savepoint already covers this.
    if (this.db.inTransaction) return this.appendInTransaction(events, options);
    return this.db.transaction(() => this.appendInTransaction(events, options))();
  }

  /** The append path's statements, prepared once (the hook runs this for every append). */
  private hot?: { last: Database.Statement; insert: Database.Statement };

  private appendInTransaction(events: readonly LeafSource[], options: AppendEventsOptions): IntegrateResult {
    this.hot ??= {
      last: this.db
        .prepare('SELECT leaf_index, position FROM merkle_leaves ORDER BY leaf_index DESC LIMIT 1')
        .raw(),
      insert: this.db.prepare(
        'INSERT INTO merkle_leaves (leaf_index, position, event_id, event_hash) VALUES (?, ?, ?, ?)',
      ),
    };
    const last = this.hot.last.get() as [number, number] | undefined;
    const first = last ? last[0] + 1 : 0;
    let size = first;
    let lastPosition = last ? last[1] : -Infinity;
    let skipped = 0;
    const fresh: LeafSource[] = [];
    if (options.fillGapFromEventsTable && events.length > 0 && events[0].position > lastPosition + 1) {
      const missing = this.sql
        .get('SELECT position, id, hash FROM events WHERE position > ? AND position < ? ORDER BY position')
        .all(last ? last[1] : 0, events[0].position) as LeafSource[];
      fresh.push(...missing);
      if (missing.length > 0) lastPosition = missing[missing.length - 1].position;
    }
    for (const event of events) {
      if (event.position <= lastPosition) {
        const leaf = this.leafByPosition(event.position);
        if (!leaf || leaf.eventId !== event.id || leaf.eventHash !== event.hash) {
          throw new MerkleLogOutOfStep(
            `Event ${event.id} at position ${event.position} is not the leaf the Merkle log holds there (its last position is ${lastPosition})`,
          );
        }
        skipped += 1;
        continue;
      }
      fresh.push(event);
      lastPosition = event.position;
    }
    if (fresh.length > 0) {
      const leaves: Buffer[] = [];
      for (const event of fresh) {
        this.hot.insert.run(size, event.position, event.id, event.hash);
        leaves.push(leafHash(event.hash));
        size += 1;
      }
      this.tree.appendMany(leaves, first);
    }
    return { integrated: fresh.length, skipped, treeSize: size };
  }

  /** Integrates every event of this database's `events` table not yet in the log, in transactions of `batchSize`. */
  catchUpFromEventsTable(
    options: { batchSize?: number; onProgress?: (integrated: number) => void } = {},
  ): IntegrateResult {
    const batchSize = options.batchSize ?? 5000;
    const page = this.sql.get(
      'SELECT position, id, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    const total: IntegrateResult = { integrated: 0, skipped: 0, treeSize: this.size };
    for (;;) {
      const rows = page.all(this.lastPosition(), batchSize) as LeafSource[];
      if (rows.length === 0) return total;
      const r = this.appendEvents(rows);
      total.integrated += r.integrated;
      total.skipped += r.skipped;
      total.treeSize = r.treeSize;
      options.onProgress?.(total.integrated);
    }
  }

  treeHead(treeSize: number = this.size): TreeHead {
    return { treeSize, rootHash: toHex(this.tree.root(treeSize)) };
  }

  rootHash(treeSize: number = this.size): string {
    return toHex(this.tree.root(treeSize));
  }

  inclusionProof(leafIndex: number, treeSize: number = this.size): InclusionProof {
    const leaf = this.leaf(leafIndex);
    if (!leaf) throw new RangeError(`The Merkle log has no leaf ${leafIndex}`);
    return {
      type: 'inclusion',
      leafIndex,
      treeSize,
      eventHash: leaf.eventHash,
      path: this.tree.inclusionProof(leafIndex, treeSize).map(toHex),
      eventId: leaf.eventId,
      position: leaf.position,
    };
  }

  /**
   * The proof that an event is in the tree of `treeSize` (default: the current size). With
   * `includeEvent`, the event itself rides along (read from this database's `events` table), so
   * that a verifier can recompute its hash.
   */
  inclusionProofForEvent(
    eventId: string,
    options: { treeSize?: number; includeEvent?: boolean } = {},
  ): InclusionProof {
    const leaf = this.leafByEventId(eventId);
    if (!leaf) throw new RangeError(`Event ${eventId} is not in the Merkle log`);
    const proof = this.inclusionProof(leaf.leafIndex, options.treeSize ?? this.size);
    if (options.includeEvent) {
      const row = this.sql
        .get(
          `SELECT position, id, stream, revision, type, schema_version, data, occurred_at, recorded_at, actor,
             correlation_id, causation_id, source, prev_hash, hash FROM events WHERE id = ?`,
        )
        .get(eventId) as Parameters<typeof rowToEvent>[0] | undefined;
      if (row) proof.event = rowToEvent(row);
    }
    return proof;
  }

  consistencyProof(firstSize: number, secondSize: number = this.size): ConsistencyProof {
    return {
      type: 'consistency',
      firstSize,
      secondSize,
      path: this.tree.consistencyProof(firstSize, secondSize).map(toHex),
      firstRootHash: this.rootHash(firstSize),
      secondRootHash: this.rootHash(secondSize),
    };
  }
}

const logs = new WeakMap<Database.Database, SqliteMerkleLog>();

/** The Merkle log of a connection, created (and migrated) once per connection. */
export function merkleLogFor(db: Database.Database): SqliteMerkleLog {
  let log = logs.get(db);
  if (!log) {
    log = new SqliteMerkleLog(db);
    logs.set(db, log);
  }
  return log;
}

/**
 * The hook that makes every appended event a leaf inside the append transaction. If the log
 * lags (the hook was off for a while) it first integrates the missing events from the events
 * table; if the log disagrees with the events, it throws and the append is rolled back.
 */
export function merkleTransactionHook(): TransactionHook {
  return {
    component: MERKLE_COMPONENT,
    migrations: merkleMigrations,
    onAppend(db, events) {
      merkleLogFor(db).appendEvents(events, { fillGapFromEventsTable: true });
    },
  };
}

/** Adds the hook to a store and integrates what the store holds already. */
export function enableMerkleLog(
  store: SqliteEventStore,
  options: { batchSize?: number; onProgress?: (integrated: number) => void } = {},
): SqliteMerkleLog {
  store.addTransactionHook(merkleTransactionHook());
  const log = merkleLogFor(store.db);
  log.catchUpFromEventsTable(options);
  return log;
}

/**
 * Integrates events from any ordered source (a store's readAll, EventStoreDB's $all) into a
 * Merkle log, committing every `batchSize` events. Idempotent and resumable: events already in
 * the log are skipped, so the caller may start anywhere at or before `log.lastPosition() + 1`.
 */
export async function integrateEvents(
  log: SqliteMerkleLog,
  events: AsyncIterable<LeafSource> | Iterable<LeafSource>,
  options: { batchSize?: number; onProgress?: (result: IntegrateResult) => void } = {},
): Promise<IntegrateResult> {
  const batchSize = options.batchSize ?? 1000;
  const total: IntegrateResult = { integrated: 0, skipped: 0, treeSize: log.size };
  let batch: LeafSource[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const r = log.appendEvents(batch);
    total.integrated += r.integrated;
    total.skipped += r.skipped;
    total.treeSize = r.treeSize;
    batch = [];
    options.onProgress?.({ ...total });
  };
  for await (const event of events) {
    batch.push({ id: event.id, position: event.position, hash: event.hash });
    if (batch.length >= batchSize) flush();
  }
  flush();
  return total;
}

/** Catches the log of a SqliteEventStore up through its public read API, from the last leaf on. */
export function catchUpSqliteStore(
  store: SqliteEventStore,
  options: { batchSize?: number; onProgress?: (result: IntegrateResult) => void } = {},
): Promise<IntegrateResult> {
  const log = merkleLogFor(store.db);
  return integrateEvents(log, store.readAll({ fromPosition: log.lastPosition() + 1 }), options);
}
