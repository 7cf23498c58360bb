import { noHiddenScope, type EventScopes, type ScopeChange } from '../visibility';

/** A statement and its parameters, as the projector's writes take them (read-model/writes.ts). */
export type VisibilityWrite = readonly [sql: string, params: readonly unknown[]];

const HIDE =
  'INSERT INTO rm_hidden_scopes (scope, hidden_by) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET hidden_by = excluded.hidden_by';
const SHOW = 'DELETE FROM rm_hidden_scopes WHERE scope = ?';
/** A decision's second meeting is the one of the vote that carried it (visibility.ts, EventScopes). */
const MEETINGS = ['rm_event_visibility.meeting_id', 'rm_event_visibility.vote_meeting_id'];
/** Qualified: rm_decision_meetings, which the judging SQL reads, has columns of the same names. */
const JUDGED = `public = ${noHiddenScope(MEETINGS, 'rm_event_visibility.entry_id', 'rm_event_visibility.item_key', 'rm_event_visibility.decision_key')}`;
const REJUDGE_MEETING = `UPDATE rm_event_visibility SET ${JUDGED} WHERE meeting_id = ?`;
/** The decisions carried by a vote at the meeting: few, each column has its index. */
const REJUDGE_VOTE_MEETING = `UPDATE rm_event_visibility SET ${JUDGED} WHERE vote_meeting_id = ?`;
/** An entry's events are the event itself and its corrections: none comes before it. */
const REJUDGE_ENTRY = `UPDATE rm_event_visibility SET ${JUDGED} WHERE entry_id = ? AND position >= ?`;
/** The events that name an item or a decision (documents, interests, reviews): each column has its index. */
const REJUDGE_ITEM = `UPDATE rm_event_visibility SET ${JUDGED} WHERE item_key = ?`;
const REJUDGE_DECISION = `UPDATE rm_event_visibility SET ${JUDGED} WHERE decision_key = ?`;
/**
 * The events that name a decision taken at the meeting, or carried by a vote taken there: hidden
 * and shown with the decision itself, which its meeting scopes judge (noHiddenScope, visibility.ts).
 */
const REJUDGE_DECISIONS_AT_MEETING = `UPDATE rm_event_visibility SET ${JUDGED} WHERE decision_key IN (SELECT decision_key FROM rm_decision_meetings WHERE meeting_id = ?)`;
const DECISION_MEETING =
  'INSERT OR IGNORE INTO rm_decision_meetings (decision_key, meeting_id) VALUES (?, ?)';
/** Each value bound once, as a row judged by the same text as a stored one (JUDGED). */
const INSERT = `INSERT OR REPLACE INTO rm_event_visibility (position, meeting_id, vote_meeting_id, entry_id, item_key, decision_key, public)
  SELECT e.position, e.meeting_id, e.vote_meeting_id, e.entry_id, e.item_key, e.decision_key, ${noHiddenScope(['e.meeting_id', 'e.vote_meeting_id'], 'e.entry_id', 'e.item_key', 'e.decision_key')}
  FROM (SELECT ? AS position, ? AS meeting_id, ? AS vote_meeting_id, ? AS entry_id, ? AS item_key, ? AS decision_key) e`;

/**
 * The writes that record one event's visibility, in the order they must run: first the scope it
 * hides or shows, with every event of that scope judged again; then its own row, judged against
 * the hidden scopes as they now stand. They are plain statements, so the same writes run on the
 * read-model connection and on a rebuild's writer thread, where nothing is read back.
 *
 * An entry's events are judged again only after a correction (`entryFrom`: the position of the
 * entry's own event, the corrected one): an event that opens an entry hidden has no other event
 * in it yet, and its own row comes after. So a rebuild from scratch, which builds the index of
 * entries only at its end (read-model.schema.ts), finds an entry's events from `entryFrom` on.
 * The events that name an item or a decision are judged again with it only after a correction
 * too: an item or a decision is recorded before anything can name it.
 */
export function visibilityWrites(
  position: number,
  scopes: EventScopes,
  change: ScopeChange | undefined,
  correction = false,
  entryFrom = 0,
): VisibilityWrite[] {
  const writes: VisibilityWrite[] = [];
  // A scope shown by the event that opens it (a meeting scheduled in public, an item or a decision
  // recorded as public) was never hidden: nothing to show again, no event to judge again. Only a
  // correction can show a hidden scope; most events of a large ledger take this short way.
  if (change && (change.hidden || correction)) {
    for (const scope of change.alias ? [change.scope, change.alias] : [change.scope])
      writes.push(change.hidden ? [HIDE, [scope, position]] : [SHOW, [scope]]);
    if (change.meetingId !== undefined)
      writes.push(
        [REJUDGE_MEETING, [change.meetingId]],
        [REJUDGE_VOTE_MEETING, [change.meetingId]],
        [REJUDGE_DECISIONS_AT_MEETING, [change.meetingId]],
      );
    if (change.entryId !== undefined && correction) writes.push([REJUDGE_ENTRY, [change.entryId, entryFrom]]);
    if (change.item !== undefined && correction) writes.push([REJUDGE_ITEM, [change.item]]);
    if (change.decision !== undefined && correction) writes.push([REJUDGE_DECISION, [change.decision]]);
  }
  const judged = [
    scopes.meetingId,
    scopes.carryingVoteMeetingId,
    scopes.entryId,
    scopes.item,
    scopes.decision,
  ].map((v) => v ?? null);
  writes.push([INSERT, [position, ...judged]]);
  return writes;
}

/**
 * The writes that record a decision's meetings (`decisionMeetingsOf`, visibility.ts), so the
 * events that name it are judged by them too. A decision is recorded before anything can name
 * it, so nothing is judged again here; a meeting's later change judges them again (above).
 */
export function decisionMeetingWrites(
  decided: { key: string; meetings: readonly string[] } | undefined,
): VisibilityWrite[] {
  if (!decided) return [];
  return decided.meetings.map((meetingId) => [DECISION_MEETING, [decided.key, meetingId]] as const);
}
