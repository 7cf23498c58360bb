import type { Sql, TransactionSql } from 'postgres';
import {
  appendOnlyTable,
  type HookQuery,
  type PostgresEventStore,
  type PostgresMigration,
  type PostgresTransactionHook,
} from '@ledger/event-store';
import { MerkleLogOutOfStep } from '../sqlite/merkle-leaves';
import { EMPTY_ROOT, leafHash, nodeHash, toHex } from '../merkle/rfc9162';

/**
 * The RFC 9162 Merkle log in the ledger's PostgreSQL database, written by each append's own
 * transaction (under the append lock, so there is one writer at a time across every instance).
 *
 *   leaves        leaf i is the event at position i + 1 (positions are dense from 1): its leaf
 *                 hash is SHA-256(0x00 || events.hash), not stored twice
 *   merkle_nodes  (level, idx, hash) every complete subtree above the leaves (level >= 1)
 *   merkle_heads  (tree_size, root_hash, frontier) one row per commit: the tree head after it,
 *                 and its right edge (the perfect subtrees of the binary decomposition of
 *                 tree_size, largest first), from which the next commit goes on: one row read
 *                 with the append's other reads, no node
 *
 * All three are append-only, like the events.
 */
export const POSTGRES_MERKLE_COMPONENT = 'merkle';

export const postgresMerkleMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'append-only Merkle nodes and tree heads',
    sql: `
      CREATE TABLE merkle_nodes (
        level smallint NOT NULL CHECK (level >= 1),
        idx   bigint NOT NULL CHECK (idx >= 0),
        hash  bytea NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, idx)
      );
      CREATE TABLE merkle_heads (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 1),
        root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
        frontier  bytea NOT NULL
      );
      ${appendOnlyTable('merkle_nodes', 'the Merkle log is append-only')}
      ${appendOnlyTable('merkle_heads', 'the Merkle log is append-only')}
    `,
  },
];

/** The right edge of a tree: its perfect subtrees, largest (leftmost) first. */
type Edge = Array<{ level: number; hash: Buffer }>;

/** The levels of the perfect subtrees a tree of `size` leaves splits into, largest first. */
export function edgeLevels(size: number): number[] {
  const levels: number[] = [];
  for (let level = 52; level >= 0; level -= 1)
    if (Math.floor(size / 2 ** level) % 2 === 1) levels.push(level);
  return levels;
}

function edgeFromBytes(size: number, frontier: Buffer): Edge {
  return edgeLevels(size).map((level, i) => ({ level, hash: frontier.subarray(i * 32, i * 32 + 32) }));
}

function rootOf(edge: Edge): Buffer {
  if (edge.length === 0) return Buffer.from(EMPTY_ROOT);
  let hash = edge[edge.length - 1].hash;
  for (let i = edge.length - 2; i >= 0; i -= 1) hash = nodeHash(edge[i].hash, hash);
  return Buffer.from(hash);
}

/** Pushes leaves onto an edge; returns the new edge and every node (level >= 1) completed. */
function pushLeaves(size: number, start: Edge, eventHashes: readonly string[]) {
  const edge = [...start];
  const nodes: Array<{ level: number; idx: number; hash: Buffer }> = [];
  let n = size;
  for (const eventHash of eventHashes) {
    let cur = { level: 0, hash: Buffer.from(leafHash(eventHash)) };
    while (edge.length > 0 && edge[edge.length - 1].level === cur.level) {
      const left = edge.pop()!;
      cur = { level: cur.level + 1, hash: Buffer.from(nodeHash(left.hash, cur.hash)) };
      nodes.push({ level: cur.level, idx: (n + 1) / 2 ** cur.level - 1, hash: cur.hash });
    }
    edge.push(cur);
    n += 1;
  }
  return { edge, nodes, size: n };
}

interface Head {
  size: number;
  edge: Edge;
}

const HEAD_ROW = (tx: Sql | TransactionSql) =>
  tx`SELECT tree_size, frontier FROM merkle_heads ORDER BY tree_size DESC LIMIT 1`;

function headOf(rows: readonly unknown[]): Head {
  const row = rows[0] as { tree_size: number; frontier: Buffer } | undefined;
  return row
    ? { size: row.tree_size, edge: edgeFromBytes(row.tree_size, row.frontier) }
    : { size: 0, edge: [] };
}

/**
 * The nodes these leaves complete and the tree head after them, in one statement (not sent until
 * awaited), and the head row it writes.
 */
function writeLeaves(
  tx: TransactionSql,
  head: Head,
  eventHashes: readonly string[],
): { query: HookQuery; headRow: { tree_size: number; frontier: Buffer } } {
  const next = pushLeaves(head.size, head.edge, eventHashes);
  const frontier = Buffer.concat(next.edge.map((e) => e.hash));
  const query = tx`
    WITH nodes AS (
      INSERT INTO merkle_nodes (level, idx, hash) SELECT * FROM unnest(
        ${next.nodes.map((n) => n.level)}::smallint[], ${next.nodes.map((n) => String(n.idx))}::bigint[], ${next.nodes.map((n) => n.hash)}::bytea[]))
    INSERT INTO merkle_heads (tree_size, root_hash, frontier) VALUES (${next.size}, ${rootOf(next.edge)}, ${frontier})`;
  return { query, headRow: { tree_size: next.size, frontier } };
}

/** The Merkle log of one PostgreSQL ledger database. */
export class PostgresMerkleLog {
  constructor(private readonly sql: Sql) {}

  /**
   * The hook that makes every appended event a leaf inside the append transaction: it reads the
   * last tree head with the store's reads, and writes the new nodes and head with the events.
   */
  transactionHook(): PostgresTransactionHook {
    return {
      component: POSTGRES_MERKLE_COMPONENT,
      migrations: postgresMerkleMigrations,
      read: (tx) => HEAD_ROW(tx),
      write: (tx, events, read) => {
        const head = headOf(read);
        const first = events[0].position;
        // Every event is a leaf: leaf i is the event at position i + 1 (caught up when the store opened).
        if (head.size !== first - 1) {
          throw new MerkleLogOutOfStep(
            `The Merkle log holds ${head.size} leaves, but the next event is at position ${first}`,
          );
        }
        events.forEach((e, i) => {
          if (e.position !== first + i)
            throw new MerkleLogOutOfStep(`Event ${e.id} is at position ${e.position}, not ${first + i}`);
        });
        const { query, headRow } = writeLeaves(
          tx,
          head,
          events.map((e) => e.hash),
        );
        return { queries: [query], next: [headRow] };
      },
      catchUp: (tx) => this.catchUp(tx),
    };
  }

  /** Makes leaves of the events appended while the log was off (under the append lock), a page at a time. */
  private async catchUp(tx: TransactionSql): Promise<void> {
    for (;;) {
      const head = headOf(await HEAD_ROW(tx));
      const missing = await tx<
        { position: number; hash: string }[]
      >`SELECT position, hash FROM events WHERE position > ${head.size} ORDER BY position LIMIT 10000`;
      if (missing.length === 0) return;
      if (missing[0].position !== head.size + 1) {
        throw new MerkleLogOutOfStep(
          `The Merkle log holds ${head.size} leaves, but the next event is at position ${missing[0].position}`,
        );
      }
      await writeLeaves(
        tx,
        head,
        missing.map((r) => r.hash),
      ).query;
    }
  }

  /** The number of leaves committed. */
  async size(): Promise<number> {
    const [row] = await this.sql<
      { tree_size: number }[]
    >`SELECT tree_size FROM merkle_heads ORDER BY tree_size DESC LIMIT 1`;
    return row?.tree_size ?? 0;
  }

  /**
   * The root of the first `treeSize` leaves (default: all): the stored head when a commit ended
   * there, else folded from the stored subtrees of that size's decomposition.
   */
  async rootHash(treeSize?: number): Promise<string> {
    const size = treeSize ?? (await this.size());
    if (size === 0) return toHex(EMPTY_ROOT);
    const [stored] = await this.sql<
      { root_hash: Buffer }[]
    >`SELECT root_hash FROM merkle_heads WHERE tree_size = ${size}`;
    if (stored) return toHex(stored.root_hash);
    if (size > (await this.size())) throw new RangeError(`The Merkle log has fewer than ${size} leaves`);
    const edge: Edge = [];
    let start = 0;
    for (const level of edgeLevels(size)) {
      const idx = start / 2 ** level;
      const [row] =
        level === 0
          ? await this.sql<{ hash: string }[]>`SELECT hash FROM events WHERE position = ${start + 1}`
          : await this.sql<
              { hash: Buffer }[]
            >`SELECT hash FROM merkle_nodes WHERE level = ${level} AND idx = ${idx}`;
      if (!row) throw new MerkleLogOutOfStep(`Merkle node (level ${level}, index ${idx}) is missing`);
      edge.push({
        level,
        hash: level === 0 ? Buffer.from(leafHash(row.hash as string)) : (row.hash as Buffer),
      });
      start += 2 ** level;
    }
    return toHex(rootOf(edge));
  }
}

/**
 * Adds the Merkle log to a PostgreSQL store: when it opens, what the log lacks is integrated; from
 * then on every append writes its leaves in its own transaction.
 */
export function enablePostgresMerkleLog(store: PostgresEventStore): PostgresMerkleLog {
  const log = new PostgresMerkleLog(store.sql);
  store.addTransactionHook(log.transactionHook());
  return log;
}
