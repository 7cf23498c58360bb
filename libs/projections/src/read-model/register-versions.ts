import type { AggregateKind, AggregateStates } from '@ledger/domain';
import type { ProjectedEvent } from '@ledger/event-store';
import type { Writes } from './writes';

/**
 * The registers of entries (decisions, recommendations, votes cast) keep every version of each
 * row with the time the ledger knew it: `known_from` is the `recordedAt` of the event that made
 * the version, `known_until` that of the correction or retraction that ended it (NULL: still
 * so). "What did the register say at K" is then one indexed read, exact whatever was corrected
 * since: `known_from <= K AND (known_until IS NULL OR known_until > K)`. Entries are point facts
 * with a date, so "as of T" is `date <= T`, and a correction applies to it as of any date.
 */
export interface Register<K extends AggregateKind = AggregateKind> {
  table: string;
  kind: K;
  /** The event types that add an entry, found in the state by the event's id. */
  addedBy: readonly string[];
  /** The aggregate's entries, each with the id of the event that made it. */
  entries(state: AggregateStates[K]): ReadonlyArray<{ eventId: string }>;
  /** An entry as a row of the table, without the version columns. */
  row(id: string, state: AggregateStates[K], entry: never): Record<string, unknown>;
}

/**
 * A value for a TEXT column. A correction may put any JSON in an entry's field (`reference: 5`);
 * SQLite would turn a number into '5.0' and refuse a boolean or an object, so anything but a
 * string is kept as its JSON. Rows then read back exactly as they were written.
 */
const text = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? wellFormed(v) : JSON.stringify(v);

/**
 * SQLite keeps text as UTF-8, where a lone surrogate (JSON allows "\ud800") becomes U+FFFD: the
 * row is written as SQLite will read it back, so a rebuild (which compares rows in memory) and an
 * incremental update (which compares them with the table's) see the same row.
 */
const wellFormed = (v: string): string =>
  (v as string & { isWellFormed(): boolean }).isWellFormed()
    ? v
    : (v as string & { toWellFormed(): string }).toWellFormed();

/** A yes/no the record may not state: NULL when it does not, else as the decider took it (truthy). */
const flag = (v: unknown): number | null => (v === undefined || v === null ? null : v ? 1 : 0);

const decisions: Register<'proposal'> = {
  table: 'rm_decisions',
  kind: 'proposal',
  addedBy: ['DecisionRecorded'],
  entries: (s) => s.decisions,
  row: (id, _s, d: AggregateStates['proposal']['decisions'][number]) => ({
    event_id: d.eventId,
    proposal_id: id,
    decision_id: text(d.decisionId),
    body_id: text(d.bodyId),
    post_id: text(d.postId),
    person_id: text(d.personId),
    outcome: text(d.outcome),
    reference: text(d.reference),
    date: d.date,
    in_public: d.inPublic ? 1 : 0,
    in_public_stated: d.inPublic === undefined || d.inPublic === null ? 0 : 1,
    meeting_id: text(d.meetingId),
    rationale: text(d.rationale),
    // The record's register fields; optional chaining reads a corrected `signed: 5` as not signed.
    title: text(d.title),
    stage: text(d.stage),
    undoes_decision_id: text(d.undoesDecisionId),
    key_decision: flag(d.keyDecision),
    significant_public_interest: flag(d.significantPublicInterest),
    signed_by: text(d.signed?.personId),
    signed_on: text(d.signed?.on),
    published_on: text(d.publishedOn),
    delegate_id: text(d.delegation?.personId),
    delegate_role: text(d.delegation?.role),
    delegation_scheme: text(d.delegation?.scheme),
  }),
};

const recommendations: Register<'proposal'> = {
  table: 'rm_recommendations',
  kind: 'proposal',
  addedBy: ['RecommendationIssued'],
  entries: (s) => s.recommendations,
  row: (id, _s, r: AggregateStates['proposal']['recommendations'][number]) => ({
    event_id: r.eventId,
    proposal_id: id,
    recommendation_id: text(r.recommendationId),
    by_body_id: text(r.byBodyId),
    to_body_ids: JSON.stringify(r.toBodyIds),
    content: text(r.content),
    rationale: text(r.rationale),
    meeting_id: text(r.meetingId),
    date: r.date,
  }),
};

const votes: Register<'vote'> = {
  table: 'rm_votes',
  kind: 'vote',
  addedBy: ['VoteCast'],
  entries: (s) => s.votes,
  row: (id, s, v: AggregateStates['vote']['votes'][number]) => ({
    event_id: v.eventId,
    vote_event_id: id,
    person_id: text(v.personId),
    body_id: text(v.bodyId),
    post_id: text(v.postId),
    option: text(v.option),
    declared_interest: text(v.declaredInterest),
    proposal_id: text(s.proposalId),
    meeting_id: text(s.meetingId),
    date: v.date,
  }),
};

export const REGISTERS: readonly Register[] = [decisions, recommendations, votes] as Register[];

/** The read-model connection, as the incremental projector's versions use it. */
interface Db {
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
}

/** What an event does to the registers, taken as it is folded and written with the page (`position`: the event's). */
export type RegisterChange =
  | { add: Register; row: Record<string, unknown>; at: string; position: number }
  /**
   * After a correction: the aggregate's rows as they now are, to compare with the open versions
   * of every entry it had before or has now (found by event id, the table's key). `before` are
   * its rows as they were: what a rebuild from scratch holds open (see RebuildVersions).
   */
  | SyncChange;

export type SyncChange = {
  sync: Register;
  eventIds: string[];
  rows: Array<Record<string, unknown>>;
  before: Array<Record<string, unknown>>;
  at: string;
  position: number;
  /** The stream's events so far, by id: how a rebuild from scratch finds the versions they added (RebuildVersions). */
  events?: ReadonlyMap<string, { position: number; recordedAt: string }>;
};

/**
 * The register changes of `event`, folded into `before` to give `state`, added to `changes`. An
 * entry's row changes only by its own event or a correction.
 */
export function registerChanges(
  kind: AggregateKind,
  id: string,
  before: AggregateStates[AggregateKind],
  state: AggregateStates[AggregateKind],
  event: ProjectedEvent,
  changes: RegisterChange[] = [],
): RegisterChange[] {
  // A correction can change or remove any entry; the aggregate's (re)founding brings back those it had.
  const exists = (s: AggregateStates[AggregateKind]) => (s as { exists: boolean }).exists;
  const resync =
    event.type === 'EventCorrected' || event.type === 'EventRetracted' || exists(before) !== exists(state);
  for (const register of REGISTERS) {
    if (register.kind !== kind || (!resync && !register.addedBy.includes(event.type))) continue;
    const at = event.metadata.recordedAt;
    if (resync) {
      // Retracting the founding event takes every entry with it.
      const entries = (s: AggregateStates[AggregateKind]) => (exists(s) ? register.entries(s) : []);
      const rows = entries(state).map((e) => register.row(id, state as never, e as never));
      const rowsBefore = entries(before).map((e) => register.row(id, before as never, e as never));
      const eventIds = [...new Set([...entries(before), ...entries(state)].map((e) => e.eventId))];
      changes.push({ sync: register, eventIds, rows, before: rowsBefore, at, position: event.position });
    } else {
      const entries = register.entries(state);
      // The entry an event adds is the last one (folding appends).
      const entry = entries[entries.length - 1];
      if (entry?.eventId === event.id)
        changes.push({
          add: register,
          row: register.row(id, state, entry as never),
          at,
          position: event.position,
        });
    }
  }
  return changes;
}

/** A version of a register row: the row, and when the ledger knew it (and its rowid, as a rebuild finds it). */
interface Version {
  row: Record<string, unknown>;
  knownFrom: string;
  knownUntil: string | null;
  rowid?: number;
}

/** Where versions are kept: the read-model tables, or memory during a rebuild from scratch. */
export interface VersionStore {
  /** The open versions (known_until NULL) of the entries a correction concerns. */
  open(change: SyncChange): Version[];
  /** A new version, made by `change`. */
  insert(register: Register, version: Version, change: RegisterChange): void;
  close(register: Register, version: Version, at: string): void;
  remove(register: Register, version: Version): void;
}

/** Writes register changes in order: a new version for each new or changed row, the end of each version it replaces. */
export function applyRegisterChanges(store: VersionStore, changes: readonly RegisterChange[]): void {
  for (const change of changes) {
    if ('add' in change) {
      store.insert(change.add, { row: change.row, knownFrom: change.at, knownUntil: null }, change);
      continue;
    }
    const { sync: register, rows, at } = change;
    const current = new Map(rows.map((r) => [r.event_id as string, r]));
    for (const version of store.open(change)) {
      const now = current.get(version.row.event_id as string);
      if (now && sameRow(now, version.row)) {
        current.delete(version.row.event_id as string);
        continue;
      }
      // A version corrected at the instant it was recorded was never seen: it goes.
      if (version.knownFrom === at) store.remove(register, version);
      else store.close(register, version, at);
    }
    for (const row of current.values())
      store.insert(register, { row, knownFrom: at, knownUntil: null }, change);
  }
}

function sameRow(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(a).every((k) => a[k] === b[k]);
}

/** Each register's INSERT, with its columns in the order its rows list them (and the rowid, for a rebuild). */
const inserts = new Map<string, { sql: string; columns: string[] }>();

function insertSql(
  register: Register,
  version: Version,
  withRowid: boolean,
): { sql: string; columns: string[] } {
  const key = `${register.table}${withRowid ? ' rowid' : ''}`;
  let statement = inserts.get(key);
  if (!statement) {
    const columns = Object.keys(version.row);
    const all = [...(withRowid ? ['rowid'] : []), ...columns, 'known_from', 'known_until'];
    statement = {
      sql: `INSERT INTO ${register.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
      columns,
    };
    inserts.set(key, statement);
  }
  return statement;
}

function values(columns: readonly string[], version: Version, rowid?: number): unknown[] {
  const out: unknown[] = rowid === undefined ? [] : [rowid];
  for (const column of columns) out.push(version.row[column]);
  out.push(version.knownFrom, version.knownUntil);
  return out;
}

/** Versions in the read-model tables, found by their key (event id, known_from). */
export function tableVersions(db: Db): VersionStore {
  return {
    open: ({ sync: register, eventIds }) => {
      const select = db.prepare(`SELECT * FROM ${register.table} WHERE event_id = ? AND known_until IS NULL`);
      return eventIds.flatMap((eventId) =>
        (select.all(eventId) as Array<Record<string, unknown>>).map(
          ({ known_from, known_until, ...row }) => ({
            row,
            knownFrom: known_from as string,
            knownUntil: known_until as string | null,
          }),
        ),
      );
    },
    insert: (register, version) => {
      const { sql, columns } = insertSql(register, version, false);
      db.prepare(sql).run(values(columns, version));
    },
    close: (register, version, at) =>
      db
        .prepare(`UPDATE ${register.table} SET known_until = ? WHERE event_id = ? AND known_from = ?`)
        .run(at, version.row.event_id, version.knownFrom),
    remove: (register, version) =>
      db
        .prepare(`DELETE FROM ${register.table} WHERE event_id = ? AND known_from = ?`)
        .run(version.row.event_id, version.knownFrom),
  };
}

/** A register table's versions in a rebuild from scratch, by rowid - 1 (see RebuildVersions). */
interface RebuiltTable {
  /** The position of the event that made each version: ascending, as versions are made in log order. */
  positions: Float64Array;
  /** 1 for a version an event added (not a correction) and still open, else 0. */
  open: Uint8Array;
  count: number;
}

/**
 * Versions of a rebuild from scratch, whose tables start empty: written as they come, with the
 * rowids given here, while the tables' keys are down (they are built once, after). Nothing is
 * read back, so the writes may go to another thread. The open version of an entry is the row
 * it had in the state before a correction (a row changes only by its own event or a correction,
 * see registerChanges), found by its rowid and known_from. Those are kept in memory, in a few
 * bytes per version rather than by entry id: the version an entry's own event added is the one
 * at that event's position (an event adds at most one entry to a register), known from when the
 * event was recorded, both read from the stream's events when a correction needs them (the
 * projector gives them to the change); only the versions corrections made are kept by entry.
 */
export class RebuildVersions implements VersionStore {
  private readonly tables = new Map<string, RebuiltTable>();
  /** Open versions made by corrections, by table and entry id: few. */
  private readonly synced = new Map<string, { rowid: number; knownFrom: string }>();

  constructor(private readonly out: Writes) {}

  private of(register: Register): RebuiltTable {
    let table = this.tables.get(register.table);
    if (!table) {
      table = { positions: new Float64Array(1024), open: new Uint8Array(1024), count: 0 };
      this.tables.set(register.table, table);
    }
    return table;
  }

  /** The rowid of the open version an event added at `position`, if any. */
  private addedAt(table: RebuiltTable, position: number): number | undefined {
    let low = 0;
    let high = table.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (table.positions[middle] < position) low = middle + 1;
      else high = middle;
    }
    return low < table.count && table.positions[low] === position && table.open[low] === 1
      ? low + 1
      : undefined;
  }

  open({ sync: register, eventIds, before, events }: SyncChange): Version[] {
    if (eventIds.length === 0) return [];
    if (!events)
      throw new Error(`Register ${register.table}: a rebuild's correction comes with its stream's events`);
    const table = this.of(register);
    const rows = new Map(before.map((r) => [r.event_id as string, r]));
    return eventIds.flatMap((id) => {
      let open = this.synced.get(`${register.table} ${id}`);
      if (!open) {
        const added = events.get(id);
        const rowid = added && this.addedAt(table, added.position);
        if (added && rowid !== undefined) open = { rowid, knownFrom: added.recordedAt };
      }
      if (open === undefined) return [];
      const row = rows.get(id);
      if (!row)
        throw new Error(
          `Register ${register.table}: entry ${id} has an open version but is not in the state before the correction`,
        );
      return [{ row, knownFrom: open.knownFrom, knownUntil: null, rowid: open.rowid }];
    });
  }

  insert(register: Register, version: Version, change: RegisterChange): void {
    const table = this.of(register);
    if (table.count === table.positions.length) {
      const positions = new Float64Array(2 * table.count);
      positions.set(table.positions);
      const open = new Uint8Array(2 * table.count);
      open.set(table.open);
      Object.assign(table, { positions, open });
    }
    const rowid = table.count + 1;
    table.positions[table.count] = change.position;
    table.open[table.count] = 'add' in change ? 1 : 0;
    table.count += 1;
    if (!('add' in change))
      this.synced.set(`${register.table} ${version.row.event_id as string}`, {
        rowid,
        knownFrom: version.knownFrom,
      });
    const { sql, columns } = insertSql(register, version, true);
    this.out.run(sql, values(columns, version, rowid));
  }

  /** The version, no longer open. */
  private ended(register: Register, version: Version): number {
    const rowid = version.rowid!;
    this.of(register).open[rowid - 1] = 0;
    this.synced.delete(`${register.table} ${version.row.event_id as string}`);
    return rowid;
  }

  close(register: Register, version: Version, at: string): void {
    this.out.run(`UPDATE ${register.table} SET known_until = ? WHERE rowid = ?`, [
      at,
      this.ended(register, version),
    ]);
  }

  remove(register: Register, version: Version): void {
    this.out.run(`DELETE FROM ${register.table} WHERE rowid = ?`, [this.ended(register, version)]);
  }
}
