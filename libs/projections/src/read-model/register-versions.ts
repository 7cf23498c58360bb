import type { AggregateKind, AggregateStates } from '@ledger/domain';
import type { ProjectedEvent } from '@ledger/event-store';
import { dateApproximateOf, type DatedForReads } from '../entry-dates';

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
  row: (id, _s, d: DatedForReads<AggregateStates['proposal']['decisions'][number]>) => ({
    event_id: d.eventId,
    proposal_id: id,
    decision_id: text(d.decisionId),
    body_id: text(d.bodyId),
    post_id: text(d.postId),
    person_id: text(d.personId),
    outcome: text(d.outcome),
    reference: text(d.reference),
    date: d.date,
    date_approximate: dateApproximateOf(d) ? 1 : 0,
    in_public: d.inPublic ? 1 : 0,
    in_public_stated: d.inPublic === undefined || d.inPublic === null ? 0 : 1,
    meeting_id: text(d.meetingId),
    // Its vote's meeting withholds it too, when private (visibility.ts, decisionRowShown).
    vote_event_id: text(d.voteEventId),
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
  row: (id, _s, r: DatedForReads<AggregateStates['proposal']['recommendations'][number]>) => ({
    event_id: r.eventId,
    proposal_id: id,
    recommendation_id: text(r.recommendationId),
    by_body_id: text(r.byBodyId),
    to_body_ids: JSON.stringify(r.toBodyIds),
    content: text(r.content),
    rationale: text(r.rationale),
    meeting_id: text(r.meetingId),
    date: r.date,
    // Whether its date is a guess, as its entry was dated (entry-dates.ts): never corrected.
    date_approximate: dateApproximateOf(r) ? 1 : 0,
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
export interface Version {
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

export function insertSql(
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

export function values(columns: readonly string[], version: Version, rowid?: number): unknown[] {
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
