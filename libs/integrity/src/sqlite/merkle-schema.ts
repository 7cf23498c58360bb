import type Database from 'better-sqlite3';
import type { Migration } from '@ledger/event-store';

/**
 * The Merkle log's tables in a SQLite file, and their migrations.
 *
 *   merkle_nodes  (level, idx, hash)  every complete subtree above the leaves (level >= 1)
 *   merkle_size   (tree_size)         one row: how many leaves the tree holds
 *   merkle_leaves (leaf_index, position, event_id, event_hash)  only in a file without the
 *                 events (the local copy of a log kept elsewhere, such as EventStoreDB's $all)
 *
 * In a ledger file the events are the leaves: leaf i is the event at position i + 1 (positions
 * are dense from 1), and its leaf hash is SHA-256(0x00 || events.hash), exactly what version 1
 * hashed from its leaf record, so the roots, signed checkpoints and proofs issued before stay
 * valid. Nothing of a leaf is stored twice.
 */
export const MERKLE_COMPONENT = 'merkle';

/** The append-only triggers of each Merkle table (merkle_size may grow, never shrink). */
export const MERKLE_TABLE_TRIGGERS = {
  merkle_nodes: ['merkle_nodes_no_update', 'merkle_nodes_no_delete'],
  merkle_size: ['merkle_size_no_shrink', 'merkle_size_no_delete'],
  merkle_leaves: ['merkle_leaves_no_update', 'merkle_leaves_no_delete'],
} as const;

export type MerkleTable = keyof typeof MERKLE_TABLE_TRIGGERS;

const APPEND_ONLY = `RAISE(ABORT, 'the Merkle log is append-only')`;

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
        CREATE TRIGGER merkle_nodes_no_update BEFORE UPDATE ON merkle_nodes BEGIN SELECT ${APPEND_ONLY}; END;
        CREATE TRIGGER merkle_nodes_no_delete BEFORE DELETE ON merkle_nodes BEGIN SELECT ${APPEND_ONLY}; END;
        CREATE TRIGGER merkle_leaves_no_update BEFORE UPDATE ON merkle_leaves BEGIN SELECT ${APPEND_ONLY}; END;
        CREATE TRIGGER merkle_leaves_no_delete BEFORE DELETE ON merkle_leaves BEGIN SELECT ${APPEND_ONLY}; END;
      `);
    },
  },
  {
    version: 2,
    description:
      'the events are the leaves: merkle_leaves dropped where the events are, the tree size kept in merkle_size',
    up(db) {
      // The size the leaf records gave: the last leaf index + 1 (a gap is the verifier's to report).
      const last = db.prepare('SELECT max(leaf_index) FROM merkle_leaves').pluck().get() as number | null;
      db.exec(`
        CREATE TABLE merkle_size (
          one       INTEGER PRIMARY KEY CHECK (one = 1),
          tree_size INTEGER NOT NULL CHECK (tree_size >= 0)
        );
        CREATE TRIGGER merkle_size_no_shrink BEFORE UPDATE ON merkle_size WHEN NEW.tree_size < OLD.tree_size
          BEGIN SELECT ${APPEND_ONLY}; END;
        CREATE TRIGGER merkle_size_no_delete BEFORE DELETE ON merkle_size BEGIN SELECT ${APPEND_ONLY}; END;
      `);
      if (last !== null) db.prepare('INSERT INTO merkle_size (one, tree_size) VALUES (1, ?)').run(last + 1);
      // Its triggers go with it.
      if (hasTable(db, 'events')) db.exec('DROP TABLE merkle_leaves');
    },
  },
];

export function hasTable(db: Database.Database, name: string): boolean {
  return (
    db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(name) === 1
  );
}

/** The Merkle tables this file holds, of those a log may have. */
export function merkleTablesIn(db: Database.Database): MerkleTable[] {
  return (Object.keys(MERKLE_TABLE_TRIGGERS) as MerkleTable[]).filter((t) => hasTable(db, t));
}
