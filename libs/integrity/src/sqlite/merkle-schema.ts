import type Database from 'better-sqlite3';
import type { Migration } from '@ledger/event-store';

/**
 * The Merkle log's tables in a SQLite file, and their migrations.
 *
 *   merkle_nodes  (completed_by, level, idx, hash)  every complete subtree above the leaves
 *                 (level >= 1), keyed by the leaf that completes it, ((idx + 1) << level) - 1:
 *                 the nodes one commit writes are neighbours in the table, on one or two pages,
 *                 where keyed by (level, idx) they fell on a page of each level
 *   merkle_leaves (leaf_index, position, event_id, event_hash)  only in a file without the
 *                 events (the local copy of a log kept elsewhere, such as EventStoreDB's $all)
 *
 * In a ledger file the events are the leaves: leaf i is the event at position i + 1 (positions
 * are dense from 1), and its leaf hash is SHA-256(0x00 || events.hash), exactly what version 1
 * hashed from its leaf record, so the roots, signed checkpoints and proofs issued before stay
 * valid. Nothing of a leaf is stored twice, and an append writes only the nodes it completes.
 *
 * The size needs no row of its own: the nodes cover the first 2p leaves (p the level-1 nodes),
 * and a tree of 2p + 1 leaves has no other node, so the tree holds min(leaves, 2p + 1) leaves.
 * The odd last event is a leaf as soon as it is written.
 */
export const MERKLE_COMPONENT = 'merkle';

/** The append-only triggers of each Merkle table. */
export const MERKLE_TABLE_TRIGGERS = {
  merkle_nodes: ['merkle_nodes_no_update', 'merkle_nodes_no_delete'],
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
    description: 'the events are the leaves: merkle_leaves dropped where the events are',
    up(db) {
      // Its triggers go with it. A copy whose events live elsewhere keeps its leaf records.
      if (hasTable(db, 'events')) db.exec('DROP TABLE merkle_leaves');
    },
  },
  {
    version: 3,
    description:
      'merkle_nodes keyed by the leaf that completes each node, so that a commit writes one run of rows',
    up(db) {
      // The same nodes, copied in the new key's order; the triggers go with the old table.
      db.exec(`
        CREATE TABLE merkle_nodes_by_leaf (
          completed_by INTEGER NOT NULL,
          level        INTEGER NOT NULL CHECK (level >= 1),
          idx          INTEGER NOT NULL,
          hash         BLOB NOT NULL CHECK (length(hash) = 32),
          PRIMARY KEY (completed_by, level),
          CHECK (completed_by = ((idx + 1) << level) - 1)
        ) WITHOUT ROWID;
        INSERT INTO merkle_nodes_by_leaf (completed_by, level, idx, hash)
          SELECT ((idx + 1) << level) - 1, level, idx, hash FROM merkle_nodes ORDER BY 1, 2;
        DROP TABLE merkle_nodes;
        ALTER TABLE merkle_nodes_by_leaf RENAME TO merkle_nodes;
        CREATE TRIGGER merkle_nodes_no_update BEFORE UPDATE ON merkle_nodes BEGIN SELECT ${APPEND_ONLY}; END;
        CREATE TRIGGER merkle_nodes_no_delete BEFORE DELETE ON merkle_nodes BEGIN SELECT ${APPEND_ONLY}; END;
      `);
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
