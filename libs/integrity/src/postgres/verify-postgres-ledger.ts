import type { Sql } from 'postgres';
import { EVENT_COLUMNS, type EventRow } from '@ledger/event-store';
import type { Checkpoint, PublicKeyInput } from '../checkpoint';
import { checkCheckpoint } from '../checkpoint-check';
import { ProblemLog } from '../ledger-report';
import { checkEventRow, leafMissing, type PreviousRows } from '../ledger-row-checks';
import { POSTGRES_WAY_OUT, remedyFor } from '../ledger-structure';
import {
  isComparedNode,
  leafOf,
  leafWithoutEvent,
  loggedEventChanged,
  NodeMismatches,
  storedRootMismatch,
} from '../ledger-tree-checks';
import { MerkleFrontier } from '../merkle/merkle-log';
import { EMPTY_ROOT, toHex } from '../merkle/rfc9162';
import type { TreeHead } from '../proofs';
import type { CheckpointResult, EventRef, LedgerVerificationReport, Problem } from '../verify-ledger.types';

export interface PostgresVerificationReport {
  ok: boolean;
  eventCount: number;
  treeSize: number;
  rootHash: string;
  /** Each checkpoint given: its signature, and its root against the tree rebuilt from the events. */
  checkpoints: CheckpointResult[];
  /** The first problems found, as a ledger file's verifier reports them: the same codes, events and positions. */
  findings: Problem[];
  /** The same problems one line each (`code: event …: message`), as `ledger verify` prints the first. */
  problems: string[];
  /** Every problem found, kept or not. */
  problemCount: number;
  firstBadEvent: LedgerVerificationReport['firstBadEvent'];
  /** The way out: a rebuild of the Merkle log when only it is damaged, a restore when the events are. */
  remedy: string | null;
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
 * SQLite file and with the same pure checks (ledger-row-checks.ts, ledger-tree-checks.ts): every
 * event hash recomputed, positions dense from 1, each stream's chain contiguous, recordedAt never
 * decreasing; the Merkle tree rebuilt from the recomputed hashes and compared with every stored
 * node and every stored tree head (one per commit). So a rewritten event is told from a damaged
 * log here too (`logged-event-changed`), and the remedy refuses a rebuild over it.
 */
export async function verifyPostgresLedger(
  sql: Sql,
  options: VerifyPostgresLedgerOptions = {},
): Promise<PostgresVerificationReport> {
  const walk = new PostgresLedgerWalk(sql, options, await readSnapshot(sql));
  await walk.run();
  return walk.finish();
}

interface Snapshot {
  /** The root of each stored tree head, by size. */
  heads: Map<number, string>;
  /** The stored tree's size (its last head) and its number of nodes. */
  storedSize: number;
  nodeCount: number;
  /** The last position: appends committed after the snapshot are left to the next walk. */
  upTo: number;
  /** The append-only triggers on the ledger's tables, by name: whether each is enabled. */
  triggers: Map<string, boolean>;
}

/** The tables the store makes append-only (schema.ts appendOnlyTable), each with two triggers. */
const APPEND_ONLY_TABLES = ['events', 'merkle_nodes', 'merkle_heads'] as const;
const APPEND_ONLY_TRIGGERS = APPEND_ONLY_TABLES.flatMap((t) => [`${t}_no_update`, `${t}_no_truncate`]);

/**
 * A trigger dropped or disabled lets an owner change rows unnoticed by PostgreSQL; the hashes would
 * still show a changed event, but the ledger no longer refuses the change itself.
 */
function triggerProblems(triggers: ReadonlyMap<string, boolean>): Problem[] {
  return APPEND_ONLY_TRIGGERS.filter((name) => triggers.get(name) !== true).map((name) => ({
    code: 'append-only-trigger-missing' as const,
    message: `The append-only trigger ${name} is ${triggers.has(name) ? 'disabled' : 'missing'}: rows of its table could be changed or deleted unnoticed by PostgreSQL`,
  }));
}

/**
 * The tree heads, the node count and the head of the events, read in one snapshot: each append
 * writes its events, nodes and head in one transaction, so the three agree unless tampered with.
 */
async function readSnapshot(sql: Sql): Promise<Snapshot> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const heads = new Map<number, string>();
    for (const row of await tx<
      { tree_size: number; root_hash: Buffer }[]
    >`SELECT tree_size, root_hash FROM merkle_heads ORDER BY tree_size`)
      heads.set(row.tree_size, toHex(row.root_hash));
    const [{ up_to, nodes }] = await tx<{ up_to: number; nodes: number }[]>`
      SELECT coalesce((SELECT max(position) FROM events), 0)::bigint AS up_to,
             (SELECT count(*) FROM merkle_nodes)::bigint AS nodes`;
    // tgenabled 'D' is a trigger switched off (ALTER TABLE … DISABLE TRIGGER).
    const triggers = new Map<string, boolean>();
    for (const row of await tx<{ name: string; enabled: string }[]>`
      SELECT t.tgname AS name, t.tgenabled::text AS enabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND pg_table_is_visible(c.oid) AND c.relname IN ${tx(APPEND_ONLY_TABLES)}`)
      triggers.set(row.name, row.enabled !== 'D');
    return { heads, storedSize: [...heads.keys()].pop() ?? 0, nodeCount: nodes, upTo: up_to, triggers };
  });
}

/** One walk: the state between pages (the rows' checks and the tree's are pure, and shared). */
class PostgresLedgerWalk {
  private readonly log: ProblemLog;
  private readonly previous: PreviousRows & { heads: Map<string, { revision: number; hash: string }> } = {
    lastPosition: 0,
    lastRecordedAt: '',
    heads: new Map(),
  };
  private readonly mismatches = new NodeMismatches();
  /** The nodes the last page completed inside the stored tree, to be compared with the stored ones. */
  private readonly completed: Array<{ level: number; index: number; hash: Buffer }> = [];
  private readonly frontier: MerkleFrontier;
  private readonly checkpoints: ReadonlyArray<Checkpoint | TreeHead>;
  /** The rebuilt roots at the checkpoints' sizes (positions are dense: the last position is the size). */
  private readonly rootsAt = new Map([[0, { root: toHex(EMPTY_ROOT), lastPosition: 0 }]]);
  private readonly wanted: Set<number>;
  /**
   * The first stored tree head that differs from the rebuilt root at its size: every head after a
   * changed event differs too, so the first says where. Reported with the tree-level problems.
   */
  private rootMismatch: Problem | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly options: VerifyPostgresLedgerOptions,
    private readonly snapshot: Snapshot,
  ) {
    this.log = new ProblemLog(options.maxProblems ?? 20);
    this.log.add(...triggerProblems(snapshot.triggers));
    this.checkpoints = options.checkpoints ?? [];
    this.wanted = new Set(this.checkpoints.map((c) => c.treeSize));
    this.frontier = new MerkleFrontier((level, index, hash) => {
      if (isComparedNode(level, index, snapshot.storedSize)) this.completed.push({ level, index, hash });
    });
  }

  async run(): Promise<void> {
    const pageSize = this.options.pageSize ?? 5000;
    for (;;) {
      const rows = await this.sql.unsafe<EventRow[]>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3`,
        [this.previous.lastPosition, this.snapshot.upTo, pageSize] as never[],
      );
      if (rows.length === 0) return;
      for (const row of rows) this.checkRow(row);
      await this.compareNodes();
    }
  }

  private checkRow(row: EventRow): void {
    const { frontier, previous, snapshot } = this;
    const leafIndex = frontier.size;
    const { hash, problems } = checkEventRow(row, previous, leafIndex);
    this.log.add(...problems);
    previous.heads.set(row.stream, { revision: row.revision, hash });
    // The log is written in each append's own transaction: every event must be a leaf.
    if (leafIndex === snapshot.storedSize) this.log.add(leafMissing(row, leafIndex));
    // The tree is rebuilt from the recomputed hash: a changed event shows in every root after it.
    frontier.push(leafOf(hash));
    previous.lastPosition = row.position;
    this.checkRoot(row.position);
    if (row.recorded_at > previous.lastRecordedAt) previous.lastRecordedAt = row.recorded_at;
  }

  /** The rebuilt root where a checkpoint or a stored tree head needs it. */
  private checkRoot(lastPosition: number): void {
    const size = this.frontier.size;
    const storedRoot = this.snapshot.heads.get(size);
    const wanted = this.wanted.has(size);
    if (storedRoot === undefined && !wanted) return;
    const root = toHex(this.frontier.root());
    if (wanted) this.rootsAt.set(size, { root, lastPosition });
    if (storedRoot !== undefined && storedRoot !== root)
      this.rootMismatch ??= storedRootMismatch(size, storedRoot, root);
  }

  /** The stored nodes over the page's leaves, read in one query, against the rebuilt ones in the order completed. */
  private async compareNodes(): Promise<void> {
    if (this.completed.length === 0) return;
    const stored = await this.sql<{ level: number; idx: number; hash: Buffer }[]>`
      SELECT n.level, n.idx, n.hash
      FROM unnest(${this.completed.map((n) => n.level)}::smallint[], ${this.completed.map((n) => String(n.index))}::bigint[]) AS k(level, idx)
      JOIN merkle_nodes n ON n.level = k.level AND n.idx = k.idx`;
    const found = new Map(stored.map((n) => [`${n.level}:${n.idx}`, n.hash]));
    for (const { level, index, hash } of this.completed) {
      const problem = this.mismatches.compare(
        level,
        index,
        found.get(`${level}:${index}`),
        hash,
        this.snapshot.storedSize,
      );
      if (problem) this.log.add(problem);
    }
    this.completed.length = 0;
  }

  async finish(): Promise<PostgresVerificationReport> {
    const { frontier, snapshot, log } = this;
    const { storedSize } = snapshot;
    if (storedSize > frontier.size) log.add(leafWithoutEvent(storedSize, frontier.size));
    // Every complete subtree above the leaves of a tree of n leaves: n minus the number of perfect subtrees it splits into.
    const expectedNodes = storedSize - popCount(storedSize);
    if (snapshot.nodeCount !== expectedNodes)
      log.add({
        code: 'stored-tree-damaged',
        treeSize: storedSize,
        message: `${snapshot.nodeCount} Merkle nodes are stored, a tree of ${storedSize} leaves has ${expectedNodes}`,
      });
    if (this.rootMismatch) log.add(this.rootMismatch);
    const changed = this.mismatches.changedLeaves(
      Math.min(storedSize, frontier.size),
      this.rootMismatch !== null,
    );
    if (changed) {
      const [event] = await this.sql<
        EventRef[]
      >`SELECT position, id, stream, revision FROM events WHERE position = ${changed.positions.from}`;
      log.add(loggedEventChanged(changed, event));
    }
    const tree = { treeSize: frontier.size, rootHash: toHex(frontier.root()) };
    // The same rule as for a ledger file (checkpoint-check.ts); the rebuilt tree stands for the stored
    // one, whose every node and head was compared above.
    const checkpoints = this.checkpoints.map((cp) =>
      checkCheckpoint(cp, {
        tree,
        storedSize,
        rootsAt: this.rootsAt,
        stored: null,
        checkpoints: this.checkpoints,
        publicKey: this.options.publicKey,
        report: (problem) => log.add(problem),
      }),
    );
    return {
      ok: log.count === 0,
      eventCount: frontier.size,
      treeSize: storedSize,
      rootHash: tree.rootHash,
      checkpoints,
      findings: log.problems,
      problems: log.problems.map(asLine),
      problemCount: log.count,
      firstBadEvent: log.firstBadEvent,
      remedy: remedyFor(log.problems, POSTGRES_WAY_OUT),
    };
  }
}

/** A problem on one line, naming its event first when it has one. */
function asLine(p: Problem): string {
  const e = p.event;
  const at = e ? `event ${e.id} (position ${e.position}, ${e.stream} revision ${e.revision}): ` : '';
  return `${p.code}: ${at}${p.message}`;
}

function popCount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}
