import type Database from 'better-sqlite3';
import { migrate, rowToEvent } from '@ledger/event-store';
import { MerkleLog } from '../merkle/merkle-log';
import { leafHash, toHex } from '../merkle/rfc9162';
import type { ConsistencyProof, InclusionProof, TreeHead } from '../proofs';
import { EventsTableLeaves, leavesOf, type LeafRecord, type LeafSource, type Leaves } from './merkle-leaves';
import { hasTable, MERKLE_COMPONENT, merkleMigrations } from './merkle-schema';
import { PreparedStatements } from './prepared-statements';
import { SqliteNodeStore } from './sqlite-node-store';

export interface IntegrateResult {
  /** Events that became leaves. */
  integrated: number;
  /** Events already in the log (same id and hash at the same position): skipped. */
  skipped: number;
  treeSize: number;
}

/**
 * The Merkle log of one SQLite database (merkle-schema.ts says what it stores): appends, roots,
 * and proofs for any past tree size. In a ledger file the events are the leaves, so an append
 * writes only the nodes its leaves complete.
 */
export class SqliteMerkleLog {
  readonly nodes: SqliteNodeStore;
  readonly tree: MerkleLog;
  readonly leaves: Leaves;
  private readonly sql: PreparedStatements;

  /** `migrate: false` for a read-only connection (the tables must exist). */
  constructor(
    readonly db: Database.Database,
    options: { migrate?: boolean } = {},
  ) {
    if (options.migrate ?? !db.readonly)
      migrate(db, MERKLE_COMPONENT, merkleMigrations, `Ledger database ${db.name}`);
    this.leaves = leavesOf(db);
    this.nodes = new SqliteNodeStore(db, this.leaves);
    this.tree = new MerkleLog(this.nodes);
    this.sql = new PreparedStatements(db);
  }

  /** True when the database holds a Merkle log: its nodes, and its leaves (the events, or a copy's records). */
  static present(db: Database.Database): boolean {
    return hasTable(db, 'merkle_nodes') && (hasTable(db, 'events') || hasTable(db, 'merkle_leaves'));
  }

  get size(): number {
    return this.nodes.size();
  }

  /** Leaf `leafIndex`, when the tree holds it. */
  leaf(leafIndex: number, size: number = this.size): LeafRecord | undefined {
    return leafIndex >= 0 && leafIndex < size ? this.leaves.at(leafIndex) : undefined;
  }

  lastLeaf(): LeafRecord | undefined {
    return this.leaf(this.size - 1);
  }

  /** The last position integrated, or 0 when the log is empty: resume reading after it. */
  lastPosition(): number {
    return this.lastLeaf()?.position ?? 0;
  }

  leafByEventId(eventId: string): LeafRecord | undefined {
    const leaf = this.leaves.byEventId(eventId);
    return leaf && leaf.leafIndex < this.size ? leaf : undefined;
  }

  /**
   * Makes these events leaves, in order, in one transaction (a savepoint when one is open): the
   * leaf hashes and every subtree they complete are hashed in one pass and the nodes written by
   * one prepared statement. Idempotent: an event already a leaf (same id and hash
   * at its place) is skipped; one that disagrees with the log throws, so the caller's
   * transaction rolls back.
   */
  appendEvents(events: readonly LeafSource[]): IntegrateResult {
    // Inside the append transaction (the hook), the caller's savepoint already covers this.
    if (this.db.inTransaction) return this.appendInTransaction(events);
    try {
      return this.db.transaction(() => this.appendInTransaction(events))();
    } catch (error) {
      this.tree.forgetRightEdge(); // its nodes were rolled back with the transaction
      throw error;
    }
  }

  private appendInTransaction(events: readonly LeafSource[]): IntegrateResult {
    const size = this.nodes.size();
    // Every event is checked against the tree of `size` leaves (admit). In a ledger file an odd
    // last leaf is in the tree as soon as its event is written (merkle-schema.ts), so the size can
    // read one more than the even tree whose right edge was kept: the climbs then start from that
    // tree, with that leaf's hash read from its own row.
    const { hashes, skipped } = this.leaves.admit(size, events);
    if (hashes.length === 0) return { integrated: 0, skipped, treeSize: size };
    const last =
      this.leaves instanceof EventsTableLeaves && size % 2 === 1 && this.tree.keptEdgeSize === size - 1
        ? this.nodes.get(0, size - 1)
        : undefined;
    const leaves = hashes.map((hash) => leafHash(hash));
    if (last) this.tree.appendMany([last, ...leaves], size - 1);
    else this.tree.appendMany(leaves, size);
    return { integrated: hashes.length, skipped, treeSize: size + hashes.length };
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
