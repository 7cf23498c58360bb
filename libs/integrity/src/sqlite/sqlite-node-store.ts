import type Database from 'better-sqlite3';
import type { NodeStore } from '../merkle/merkle-log';
import { leafHash } from '../merkle/rfc9162';
import type { Leaves } from './merkle-leaves';

/**
 * NodeStore over merkle_nodes (level >= 1), with level 0 hashed from the leaves (the events of a
 * ledger file). put() at level 0 writes nothing: the leaf is there already.
 */
export class SqliteNodeStore implements NodeStore {
  private readonly pairs: Database.Statement;
  private getNode?: Database.Statement;
  private putNode?: Database.Statement;

  constructor(
    readonly db: Database.Database,
    readonly leaves: Leaves,
  ) {
    this.pairs = db.prepare('SELECT max(idx) + 1 FROM merkle_nodes WHERE level = 1').pluck();
  }

  /**
   * The nodes cover the first 2p leaves (p the level-1 nodes); a tree of 2p + 1 leaves has no
   * other node, so the odd last leaf is in as soon as its event is written (merkle-schema.ts).
   * Fewer leaves than the nodes cover means leaves were removed: the nodes' size stands, for the
   * verifier to report.
   */
  size(): number {
    const covered = 2 * ((this.pairs.get() as number | null) ?? 0);
    const leaves = this.leaves.count();
    return leaves < covered ? covered : Math.min(leaves, covered + 1);
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
