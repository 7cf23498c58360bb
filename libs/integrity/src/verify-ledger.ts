import Database from 'better-sqlite3';
import { sqliteEventRowPages, type EventRow, type EventRowPages } from '@ledger/event-store';
import { MerkleFrontier } from './merkle/merkle-log';
import { EMPTY_ROOT, toHex } from './merkle/rfc9162';
import type { TreeHead } from './proofs';
import { MERKLE_COMPONENT, MERKLE_TABLE_TRIGGERS, merkleTablesIn } from './sqlite/merkle-schema';
import { SqliteMerkleLog } from './sqlite/sqlite-merkle-log';
import type { EventRef, LedgerVerificationReport, Problem, VerifyLedgerOptions } from './verify-ledger.types';

export type * from './verify-ledger.types';
import { checkCheckpoint } from './checkpoint-check';
import { EVENT_TRIGGERS, hasComponent, remedyFor } from './ledger-structure';
import { ProblemLog } from './ledger-report';
import { checkEventRow, leafMissing } from './ledger-row-checks';
import {
  isComparedNode,
  leafOf,
  leafWithoutEvent,
  loggedEventChanged,
  NodeMismatches,
  storedRootMismatch,
} from './ledger-tree-checks';

/**
 * Offline verification of a SQLite ledger file, opened read-only. One pass over the events in
 * position order, a page at a time:
 *
 * - every event hash is recomputed from the row (the RFC 8785 encoding of hashing.ts);
 * - positions are dense from 1; each stream's chain holds (revision 0 has prevHash null, then
 *   revisions are contiguous and each prevHash is the previous event's hash); recordedAt never
 *   goes backwards;
 * - the Merkle tree is rebuilt from the recomputed hashes (the events are its leaves), and
 *   compared with every stored node above them and the stored root;
 * - each checkpoint given must be the root of the rebuilt tree at its size (signature checked
 *   when a public key is given), and the stored tree must prove consistency from it to now.
 *
 * The report names the first event that does not match and what is wrong with it. The checks of a
 * row and of the tree are pure (ledger-row-checks.ts, ledger-tree-checks.ts: the PostgreSQL
 * verifier uses the same), the rows come from the event store's reader, and the report step keeps
 * the problems (ledger-report.ts); this class walks and holds the state.
 */

export function verifyLedger(path: string, options: VerifyLedgerOptions = {}): LedgerVerificationReport {
  const started = Date.now();
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return new LedgerVerifier(db, path, options).run(started);
  } finally {
    db.close();
  }
}

export class LedgerVerifier {
  private readonly log: ProblemLog;
  private readonly warnings: string[] = [];
  private readonly stored: SqliteMerkleLog | null;
  /** Tree sizes whose rebuilt root is kept: the checkpoints' and the stored tree's. */
  private readonly rootsAt = new Map<number, { root: string; lastPosition: number }>();
  private readonly mismatches = new NodeMismatches();
  /** The stored root differs from the rebuilt one: with the node mismatches, it tells changed events from a damaged log. */
  private rootDiffers = false;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly options: VerifyLedgerOptions,
  ) {
    this.log = new ProblemLog(options.maxProblems ?? 100);
    this.stored = SqliteMerkleLog.present(db) ? new SqliteMerkleLog(db, { migrate: false }) : null;
  }

  private report(problem: Problem): void {
    this.log.add(problem);
  }

  run(started: number): LedgerVerificationReport {
    this.begin();
    while (this.step()) {
      // one page at a time: a caller on an event loop (the service) yields between pages
    }
    return this.finish(started);
  }

  /** What the walk has reached, between steps. */
  private walk!: {
    total: number;
    storedSize: number;
    /** The last position this walk covers: the head when it began (appends after it wait for the next walk). */
    upTo: number;
    interesting: Set<number>;
    frontier: MerkleFrontier;
    heads: Map<string, { revision: number; hash: string }>;
    page: EventRowPages;
    lastPosition: number;
    lastRecordedAt: string;
    checked: number;
    unintegrated: number;
  };

  /**
   * Starts a walk: the tables and triggers are checked, and the head and the stored tree's size
   * are read together (one snapshot), so that appends made during the walk are left to the next.
   */
  begin(): void {
    const hasEvents =
      this.db
        .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'`)
        .pluck()
        .get() === 1;
    if (!hasEvents) throw new Error(`${this.path} is not a ledger database: it has no events table`);
    this.checkStructure();
    const { total, upTo, storedSize } = this.db.transaction(() => ({
      total: this.db.prepare('SELECT count(*) FROM events').pluck().get() as number,
      upTo: (this.db.prepare('SELECT max(position) FROM events').pluck().get() as number | null) ?? 0,
      storedSize: this.stored ? this.stored.size : 0,
    }))();
    const checkpoints = this.options.checkpoints ?? [];
    const interesting = new Set<number>([storedSize, ...checkpoints.map((c) => c.treeSize)]);
    if (interesting.has(0)) this.rootsAt.set(0, { root: toHex(EMPTY_ROOT), lastPosition: 0 });
    const checkNodes = this.stored !== null && (this.options.checkStoredNodes ?? true);
    this.walk = {
      total,
      storedSize,
      upTo,
      interesting,
      frontier: new MerkleFrontier(
        checkNodes ? (level, index, hash) => this.compareNode(level, index, hash, storedSize) : undefined,
      ),
      heads: new Map(),
      page: sqliteEventRowPages(this.db),
      lastPosition: 0,
      lastRecordedAt: '',
      checked: 0,
      unintegrated: 0,
    };
  }

  /** Checks the next page of events; false once every event up to the walk's head is checked. */
  step(): boolean {
    const w = this.walk;
    const rows = w.page(w.lastPosition, w.upTo, this.options.pageSize ?? 1000);
    if (rows.length === 0) return false;
    for (const row of rows) this.checkRow(row);
    this.options.onProgress?.({ checked: w.checked, total: w.total });
    return true;
  }

  private checkRow(row: EventRow): void {
    const w = this.walk;
    const leafIndex = w.frontier.size;
    const { hash, problems } = checkEventRow(row, w, leafIndex);
    this.log.add(...problems);
    w.heads.set(row.stream, { revision: row.revision, hash });
    if (this.stored && leafIndex >= w.storedSize) {
      w.unintegrated += 1;
      if (w.unintegrated === 1 && this.merkleRegistered) this.log.add(leafMissing(row, leafIndex));
    }
    w.frontier.push(leafOf(hash));
    if (w.interesting.has(w.frontier.size))
      this.rootsAt.set(w.frontier.size, { root: toHex(w.frontier.root()), lastPosition: row.position });
    w.lastPosition = row.position;
    w.lastRecordedAt = row.recorded_at > w.lastRecordedAt ? row.recorded_at : w.lastRecordedAt;
    w.checked += 1;
  }

  finish(started: number): LedgerVerificationReport {
    const w = this.walk;
    const tree: TreeHead = { treeSize: w.frontier.size, rootHash: toHex(w.frontier.root()) };
    const storedTree = this.stored ? this.checkStoredTree(tree, w.storedSize, w.unintegrated) : null;
    if (storedTree) this.reportChangedAfterLogging(Math.min(w.storedSize, tree.treeSize));
    if (!this.stored && !this.merkleRegistered)
      this.warnings.push('The file has no Merkle log: only the event hashes and stream chains were checked');
    const checkpointResults = (this.options.checkpoints ?? []).map((cp) =>
      checkCheckpoint(cp, {
        tree,
        storedSize: w.storedSize,
        rootsAt: this.rootsAt,
        stored: this.stored,
        checkpoints: this.options.checkpoints ?? [],
        publicKey: this.options.publicKey,
        report: (problem) => this.report(problem),
      }),
    );

    return {
      ok: this.log.count === 0,
      path: this.path,
      eventsChecked: w.checked,
      streams: w.heads.size,
      head: w.lastPosition,
      tree,
      storedTree,
      checkpoints: checkpointResults,
      firstBadEvent: this.log.firstBadEvent,
      problems: this.log.problems,
      problemCount: this.log.count,
      warnings: this.warnings,
      remedy: remedyFor(this.log.problems),
      durationMs: Date.now() - started,
    };
  }

  /** True when the Merkle log was created in this file (its migration ran): from then on every event must be a leaf. */
  private get merkleRegistered(): boolean {
    this.registered ??= hasComponent(this.db, MERKLE_COMPONENT);
    return this.registered;
  }
  private registered?: boolean;

  /** The append-only triggers, and the Merkle tables once the log exists. */
  private checkStructure(): void {
    if (this.merkleRegistered && !this.stored) {
      this.report({
        code: 'merkle-log-missing',
        message: 'The Merkle log was created in this file, but its nodes (merkle_nodes) are gone',
      });
    }
    const triggers = new Set(
      this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[],
    );
    // A Merkle table's triggers, for the tables of its version (merkle_leaves before version 2).
    const merkle = this.stored ? merkleTablesIn(this.db).flatMap((t) => MERKLE_TABLE_TRIGGERS[t]) : [];
    const expected = [...EVENT_TRIGGERS, ...merkle];
    for (const name of expected) {
      if (!triggers.has(name))
        this.report({
          code: 'append-only-trigger-missing',
          message: `The append-only trigger ${name} is missing: rows of its table could be changed or deleted unnoticed by SQLite`,
        });
    }
  }

  private compareNode(level: number, index: number, hash: Buffer, storedSize: number): void {
    if (!isComparedNode(level, index, storedSize)) return;
    const problem = this.mismatches.compare(
      level,
      index,
      this.stored!.nodes.get(level, index),
      hash,
      storedSize,
    );
    if (problem) this.report(problem);
  }

  /** Events changed after they were logged (`NodeMismatches.changedLeaves`): `repair` refuses them. */
  private reportChangedAfterLogging(size: number): void {
    const changed = this.mismatches.changedLeaves(size, this.rootDiffers);
    if (!changed) return; // the first is enough to refuse a rebuild; the node mismatches say how far it goes
    const event = this.db
      .prepare('SELECT position, id, stream, revision FROM events WHERE position = ?')
      .get(changed.positions.from) as EventRef | undefined;
    this.report(loggedEventChanged(changed, event));
  }

  private checkStoredTree(
    tree: TreeHead,
    storedSize: number,
    unintegrated: number,
  ): LedgerVerificationReport['storedTree'] {
    const stored = this.stored!;
    let rootHash: string | null = null;
    try {
      rootHash = stored.rootHash(storedSize);
    } catch (error) {
      this.report({
        code: 'stored-tree-damaged',
        treeSize: storedSize,
        message: `The stored tree's root cannot be computed: ${(error as Error).message}`,
      });
    }
    if (storedSize > tree.treeSize) {
      this.report(leafWithoutEvent(storedSize, tree.treeSize));
    } else if (unintegrated > 0 && !this.merkleRegistered) {
      this.warnings.push(
        `${unintegrated} event(s) from leaf ${storedSize} on are not yet in the stored Merkle log (appended with the hook off?)`,
      );
    }
    // Compare the roots at the size both trees have (the stored tree answers for any past size).
    const size = Math.min(storedSize, tree.treeSize);
    const rebuilt = size === tree.treeSize ? tree.rootHash : this.rootsAt.get(size)?.root;
    let storedAtSize: string | null;
    try {
      storedAtSize = size === storedSize ? rootHash : stored.rootHash(size);
    } catch {
      storedAtSize = null; // reported above
    }
    if (storedAtSize !== null && rebuilt !== undefined && rebuilt !== storedAtSize) {
      this.rootDiffers = true;
      this.report(storedRootMismatch(size, storedAtSize, rebuilt));
    }
    return { treeSize: storedSize, rootHash };
  }
}
