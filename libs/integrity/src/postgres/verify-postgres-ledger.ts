import type { Sql } from 'postgres';
import { eventHash, EVENT_COLUMNS, rowToEvent, type EventRow } from '@ledger/event-store';
import type { Checkpoint, PublicKeyInput } from '../checkpoint';
import { checkCheckpoint } from '../checkpoint-check';
import { MerkleFrontier } from '../merkle/merkle-log';
import { EMPTY_ROOT, leafHash, toHex } from '../merkle/rfc9162';
import type { TreeHead } from '../proofs';
import type { CheckpointResult } from '../verify-ledger.types';

export interface PostgresVerificationReport {
  ok: boolean;
  eventCount: number;
  treeSize: number;
  rootHash: string;
  /** Each checkpoint given: its signature, and its root against the tree rebuilt from the events. */
  checkpoints: CheckpointResult[];
  /** The first problems found, each naming the event or tree size at fault. */
  problems: string[];
}

export interface VerifyPostgresLedgerOptions {
  pageSize?: number;
  maxProblems?: number;
  /** Older checkpoints the ledger must still hold: the events' tree at each size has its root. */
  checkpoints?: ReadonlyArray<Checkpoint | TreeHead>;
  /** The key that signed them: each signature is checked too. */
  publicKey?: PublicKeyInput;
}

/**
 * Re-walks a PostgreSQL ledger in position order, a page at a time, as `ledger verify` does a
 * SQLite file: every event hash recomputed, positions dense from 1, each stream's chain
 * contiguous, recordedAt never decreasing; the Merkle tree rebuilt from the recomputed hashes and
 * compared with every stored node and every stored tree head (one per commit).
 */
export async function verifyPostgresLedger(
  sql: Sql,
  options: VerifyPostgresLedgerOptions = {},
): Promise<PostgresVerificationReport> {
  const pageSize = options.pageSize ?? 5000;
  const maxProblems = options.maxProblems ?? 20;
  const problems: string[] = [];
  const problem = (message: string) => {
    if (problems.length < maxProblems) problems.push(message);
  };
  const chains = new Map<string, { revision: number; hash: string }>();
  const built = new Map<string, string>(); // "level:idx" -> hex, for the page's nodes
  const frontier = new MerkleFrontier((level, idx, hash) => {
    if (level >= 1) built.set(`${level}:${idx}`, toHex(hash));
  });
  // The rebuilt roots at the checkpoints' sizes (positions are dense: the last position is the size).
  const checkpoints = options.checkpoints ?? [];
  const wanted = new Set(checkpoints.map((c) => c.treeSize));
  const rootsAt = new Map<number, { root: string; lastPosition: number }>([
    [0, { root: toHex(EMPTY_ROOT), lastPosition: 0 }],
  ]);
  const heads = new Map<number, string>();
  for (const row of await sql<
    { tree_size: number; root_hash: Buffer }[]
  >`SELECT tree_size, root_hash FROM merkle_heads ORDER BY tree_size`) {
    heads.set(row.tree_size, toHex(row.root_hash));
  }
  let lastRecorded = '';
  let count = 0;
  for (;;) {
    const rows = await sql.unsafe<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [count, pageSize] as never[],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const event = rowToEvent(row);
      const at = `event ${event.id} (position ${event.position}, ${event.stream} revision ${event.revision})`;
      if (event.position !== count + 1) problem(`position-gap: ${at} follows position ${count}`);
      const recomputed = eventHash(event);
      if (recomputed !== event.hash) problem(`hash-mismatch: ${at} does not hash to its stored hash`);
      const chain = chains.get(event.stream);
      if ((chain?.revision ?? -1) !== event.revision - 1)
        problem(`revision-gap: ${at} follows revision ${chain?.revision ?? -1}`);
      if ((chain?.hash ?? null) !== event.prevHash)
        problem(`prev-hash-mismatch: ${at} does not chain to the event before it`);
      if (event.metadata.recordedAt < lastRecorded)
        problem(`recorded-at-decreased: ${at} was recorded before the event before it`);
      lastRecorded = event.metadata.recordedAt;
      chains.set(event.stream, { revision: event.revision, hash: event.hash });
      // The tree is rebuilt from the recomputed hash: a changed event shows in every root after it.
      frontier.push(leafHash(recomputed));
      count = event.position;
      if (wanted.has(frontier.size))
        rootsAt.set(frontier.size, { root: toHex(frontier.root()), lastPosition: count });
      const storedRoot = heads.get(frontier.size);
      if (storedRoot !== undefined && storedRoot !== toHex(frontier.root()))
        problem(
          `stored-root-mismatch: the tree head at size ${frontier.size} is not the root of the events up to ${at}`,
        );
    }
    await compareNodes(sql, built, problem);
    built.clear();
  }
  const lastHead = [...heads.keys()].pop() ?? 0;
  if (lastHead > frontier.size)
    problem(`leaf-without-event: the Merkle log has ${lastHead} leaves, the ledger ${frontier.size} events`);
  const [{ nodes }] = await sql<{ nodes: number }[]>`SELECT count(*)::int AS nodes FROM merkle_nodes`;
  // Every complete subtree above the leaves of a tree of n leaves: n minus the number of perfect subtrees it splits into.
  const expectedNodes = lastHead - popCount(lastHead);
  if (nodes !== expectedNodes)
    problem(
      `stored-tree-damaged: ${nodes} Merkle nodes are stored, a tree of ${lastHead} leaves has ${expectedNodes}`,
    );
  const tree = { treeSize: frontier.size, rootHash: toHex(frontier.root()) };
  // The same rule as for a ledger file (checkpoint-check.ts); the rebuilt tree stands for the stored
  // one, whose every node and head was compared above.
  const checkpointResults = checkpoints.map((cp) =>
    checkCheckpoint(cp, {
      tree,
      storedSize: lastHead,
      rootsAt,
      stored: null,
      checkpoints,
      publicKey: options.publicKey,
      report: ({ code, message }) => problem(`${code}: ${message}`),
    }),
  );
  return {
    ok: problems.length === 0,
    eventCount: frontier.size,
    treeSize: lastHead,
    rootHash: tree.rootHash,
    checkpoints: checkpointResults,
    problems,
  };
}

function popCount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}

async function compareNodes(
  sql: Sql,
  built: Map<string, string>,
  problem: (message: string) => void,
): Promise<void> {
  if (built.size === 0) return;
  const keys = [...built.keys()].map((k) => k.split(':').map(Number));
  const stored = await sql<{ level: number; idx: number; hash: Buffer }[]>`
    SELECT n.level, n.idx, n.hash FROM unnest(${keys.map((k) => k[0])}::smallint[], ${keys.map((k) => String(k[1]))}::bigint[]) AS k(level, idx)
    JOIN merkle_nodes n ON n.level = k.level AND n.idx = k.idx`;
  const found = new Map(stored.map((n) => [`${n.level}:${n.idx}`, toHex(n.hash)]));
  for (const [key, hash] of built) {
    const [level, idx] = key.split(':');
    if (!found.has(key))
      problem(`stored-tree-damaged: Merkle node (level ${level}, index ${idx}) is missing`);
    else if (found.get(key) !== hash)
      problem(
        `node-mismatch: Merkle node (level ${level}, index ${idx}) is not the hash of the events under it`,
      );
  }
}
