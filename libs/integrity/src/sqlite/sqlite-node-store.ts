import type Database from 'better-sqlite3';
import type { NodeStore } from '../merkle/merkle-log';
import { leafHash } from '../merkle/rfc9162';
import type { Leaves } from './merkle-leaves';

/** A node's key since merkle migration 3: the leaf that completes node (@level, @idx). */
const COMPLETED_BY = '((@idx + 1) << @level) - 1';

/**
 * The node queries for the layout of the file: keyed by the leaf that completes each node, or,
 * in a file not migrated yet (read as it is, as `ledger verify` reads it before the service
 * opens it), by (level, idx). Each takes @level and @idx.
 */
function nodeQueries(db: Database.Database) {
  const byLeaf =
    db
      .prepare(`SELECT count(*) FROM pragma_table_info('merkle_nodes') WHERE name = 'completed_by'`)
      .pluck()
      .get() === 1;
  return byLeaf
    ? {
        // The last level-1 node is among the last rows of the key.
        pairs: 'SELECT idx + 1 FROM merkle_nodes WHERE level = 1 ORDER BY completed_by DESC LIMIT 1',
        get: `SELECT hash FROM merkle_nodes WHERE completed_by = ${COMPLETED_BY} AND level = @level`,
        put: `INSERT INTO merkle_nodes (completed_by, level, idx, hash) VALUES (${COMPLETED_BY}, @level, @idx, @hash)`,
      }
    : {
        pairs: 'SELECT max(idx) + 1 FROM merkle_nodes WHERE level = 1',
        get: 'SELECT hash FROM merkle_nodes WHERE level = @level AND idx = @idx',
        put: 'INSERT INTO merkle_nodes (level, idx, hash) VALUES (@level, @idx, @hash)',
      };
}

/**
 * NodeStore over merkle_nodes (level >= 1), with level 0 hashed from the leaves (the events of a
 * ledger file). put() at level 0 writes nothing: the leaf is there already.
 */
export class SqliteNodeStore implements NodeStore {
  private readonly sql: ReturnType<typeof nodeQueries>;
  private readonly pairs: Database.Statement;
  private getNode?: Database.Statement;
  private putNode?: Database.Statement;

  constructor(
    readonly db: Database.Database,
    readonly leaves: Leaves,
  ) {
    this.sql = nodeQueries(db);
    this.pairs = db.prepare(this.sql.pairs).pluck();
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
    this.getNode ??= this.db.prepare(this.sql.get).pluck();
    return this.getNode.get({ level, idx: index }) as Buffer | undefined;
  }

  put(level: number, index: number, hash: Uint8Array): void {
    if (level === 0) return; // the leaf is its event (or its leaf record)
    this.putNode ??= this.db.prepare(this.sql.put);
    this.putNode.run({ level, idx: index, hash });
  }
}
