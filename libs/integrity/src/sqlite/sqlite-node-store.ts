import type Database from 'better-sqlite3';
import type { NodeStore } from '../merkle/merkle-log';
import { leafHash } from '../merkle/rfc9162';
import type { Leaves } from './merkle-leaves';
import { hasTable } from './merkle-schema';

/**
 * NodeStore over merkle_nodes (level >= 1), with level 0 hashed from the leaves (the events of a
 * ledger file) and the size read from merkle_size. put() at level 0 writes nothing: the leaf is
 * there already; the log sets the size once per batch, after its nodes.
 */
export class SqliteNodeStore implements NodeStore {
  private readonly readSize: Database.Statement;
  private getNode?: Database.Statement;
  private putNode?: Database.Statement;
  private writeSize?: Database.Statement;

  constructor(
    readonly db: Database.Database,
    readonly leaves: Leaves,
  ) {
    // A version 1 file not migrated yet (the verifier opens it read-only first) has no
    // merkle_size: its leaf records give the size.
    this.readSize = db
      .prepare(
        hasTable(db, 'merkle_size')
          ? 'SELECT tree_size FROM merkle_size'
          : 'SELECT max(leaf_index) + 1 FROM merkle_leaves',
      )
      .pluck();
  }

  size(): number {
    return (this.readSize.get() as number | null | undefined) ?? 0;
  }

  setSize(size: number): void {
    this.writeSize ??= this.db.prepare(
      'INSERT INTO merkle_size (one, tree_size) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET tree_size = excluded.tree_size',
    );
    this.writeSize.run(size);
  }

  get(level: number, index: number): Uint8Array | undefined {
    if (level === 0) {
      const eventHash = this.leaves.eventHash(index);
      return eventHash === undefined ? undefined : leafHash(eventHash);
    }
    this.getNode ??= this.db.prepare('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').pluck();
    return this.getNode.get(level, index) as Buffer | undefined;
  }

  put(level: number, index: number, hash: Uint8Array): void {
    if (level === 0) return; // the leaf is its event (or its leaf record)
    this.putNode ??= this.db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
    this.putNode.run(level, index, hash);
  }
}
