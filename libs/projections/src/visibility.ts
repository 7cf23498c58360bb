import { REFERENCE_REGISTER, type DecisionSetting } from '@ledger/domain';

/**
 * Who may see what, in one place. Clerks and auditors see everything. The public sees what was
 * done in public: not exempt agenda items, not the details of private meetings, not decisions
 * taken in private, nor votes, recommendations or anything else done at private meetings, not
 * corrections or retractions of what it may not see, and never who recorded an entry.
 *
 * The rule is decided once per event, when the projector applies it, and stored: each event
 * belongs to at most one meeting and at most one entry that can be withheld (an agenda item or a
 * decision), to the agenda item and the decision it names (a document, an interest, a review),
 * and, for a decision, to the meeting of the vote that carried it: its *scopes*. A scope is hidden while the ledger's latest word on it says so (a
 * private meeting, an exempt item, a decision taken in private), and an event is public when
 * none of its scopes is hidden. A correction belongs to the scopes of the event it corrects, so
 * it inherits its visibility; a later event that hides a scope (a meeting found to have been
 * private after all, an item found exempt) hides every event in it, at every date; and an event
 * that names a decision is hidden while the decision's own meetings are (`noHiddenScope`). Every public
 * read filters on the stored column (`rm_event_visibility.public`) or, for registers and
 * documents, on the same hidden scopes; an event it may see shows it the ids of only the decisions
 * it may see (`dataFor`, judged by the same scopes when read: `decisionShownByKey`).
 */
export type Role = 'public' | 'clerk' | 'auditor';

export interface Viewer {
  role: Role;
}

export const PUBLIC: Viewer = { role: 'public' };
export const AUDITOR: Viewer = { role: 'auditor' };

export function seesEverything(viewer: Viewer): boolean {
  return viewer.role !== 'public';
}

/** The actor who recorded an entry is staff identity: shown to clerks and auditors only. */
export function actorFor(actor: string, viewer: Viewer): string | undefined {
  return seesEverything(viewer) ? actor : undefined;
}

/** The fields of an event the rule reads. */
export interface ScopedEvent {
  id: string;
  stream: string;
  type: string;
  data: unknown;
}

/**
 * What decides an event's visibility: the meeting it belongs to, the withholdable entry it is or
 * restates, and the agenda item (`meeting/item`) and decision (`proposal/decision`) it names. An
 * event that names an item or a decision says what it is about, so it is withheld with it, even
 * when a correction withholds it only later.
 */
export interface EventScopes {
  meetingId?: string;
  /**
   * A decision's second meeting: the one the vote that carried it was taken at. The domain's rule
   * (`takenInPrivate` / `privateSettingOf`, libs/domain/src/shared/publicity.ts) says a decision
   * carried by a vote at a private meeting was taken in private, whatever the decision states or
   * leaves unstated, so it is withheld while that meeting is private, as its own meeting's are.
   */
  carryingVoteMeetingId?: string;
  entryId?: string;
  item?: string;
  decision?: string;
}

const CORRECTIONS = new Set(['EventCorrected', 'EventRetracted']);

/** Whether a field's value hides a scope, by the type of the event that carries it. */
const HIDING_FIELDS: Record<string, { field: string; hides: (value: unknown) => boolean }> = {
  MeetingScheduled: { field: 'public', hides: (v) => v === false },
  AgendaItemAdded: { field: 'exempt', hides: (v) => v === true },
  DecisionRecorded: { field: 'inPublic', hides: (v) => v === false },
  MeetingInterestDeclared: { field: 'onExemptItem', hides: (v) => v === true },
  DocumentRecorded: { field: 'visibility', hides: (v) => v === 'exempt' },
};

/** Events that can be withheld on their own, whatever their meeting (exempt items, decisions taken in private): a meeting's scope is its own. */
const WITHHOLDABLE = new Set(Object.keys(HIDING_FIELDS).filter((type) => type !== 'MeetingScheduled'));

const field = (data: unknown, name: string): unknown =>
  data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[name] : undefined;

/**
 * The meeting an event belongs to: its own stream's, the one its data names, or, for a vote's
 * ballots (which do not name it), the vote's meeting.
 */
function meetingOf(event: ScopedEvent, voteMeetingId?: string): string | undefined {
  if (event.stream.startsWith('meeting-')) return event.stream.slice('meeting-'.length);
  const named = field(event.data, 'meetingId');
  if (typeof named === 'string') return named;
  if (event.stream.startsWith('vote-')) return voteMeetingId;
  return undefined;
}

/** An agenda item as a scope names it: its meeting and its id. */
export const itemKey = (meetingId: string, itemId: string) => `${meetingId}/${itemId}`;
/** A decision as a scope names it: its proposal and its id (decision ids are a proposal's own). */
export const decisionKey = (proposalId: string, decisionId: string) => `${proposalId}/${decisionId}`;

/** The events that are the item or the decision itself: their own entry is its scope already. */
const NAMES_ITSELF: Record<string, 'item' | 'decision'> = {
  AgendaItemAdded: 'item',
  DecisionRecorded: 'decision',
};

/**
 * The agenda item and the decision an event names in its data (a document, an interest on an
 * item, a review of a decision), or, for a review's later events (which do not name it), the
 * decision its stream reviews.
 */
function namedScopes(
  event: ScopedEvent,
  meetingId: string | undefined,
  reviewedDecision: string | undefined,
): Pick<EventScopes, 'item' | 'decision'> {
  const itemId = field(event.data, 'itemId');
  const proposalId = field(event.data, 'proposalId');
  const decisionId = field(event.data, 'decisionId');
  const named: Pick<EventScopes, 'item' | 'decision'> = {};
  if (NAMES_ITSELF[event.type] !== 'item' && meetingId !== undefined && typeof itemId === 'string')
    named.item = itemKey(meetingId, itemId);
  if (
    NAMES_ITSELF[event.type] !== 'decision' &&
    typeof proposalId === 'string' &&
    typeof decisionId === 'string'
  )
    named.decision = decisionKey(proposalId, decisionId);
  else if (event.stream.startsWith('review-') && reviewedDecision !== undefined)
    named.decision = reviewedDecision;
  return named;
}

/**
 * The vote that carried a decision (its `voteEventId`), named by the decision's own event or by
 * the decision a correction or retraction names: the projector finds the vote's meeting from it.
 */
export function carryingVoteOf(event: ScopedEvent, target?: ScopedEvent): string | undefined {
  const decision = CORRECTIONS.has(event.type) ? target : event;
  if (decision?.type !== 'DecisionRecorded') return undefined;
  const voteEventId = field(decision.data, 'voteEventId' satisfies keyof DecisionSetting);
  return typeof voteEventId === 'string' ? voteEventId : undefined;
}

/**
 * The scopes of an event. `voteMeetingId` is the meeting of the vote whose stream it is in,
 * `reviewedDecision` the decision (`decisionKey`) of the review whose stream it is in,
 * `carryingVoteMeetingId` the meeting of the vote that carried a decision (`carryingVoteOf`);
 * `target` is the event a correction or retraction names (in the same stream: ids that tie events
 * together cannot be corrected, so these scopes never change).
 */
export function scopesOf(
  event: ScopedEvent,
  context: {
    voteMeetingId?: string;
    reviewedDecision?: string;
    carryingVoteMeetingId?: string;
    target?: ScopedEvent;
  } = {},
): EventScopes {
  const { target, ...stream } = context;
  if (CORRECTIONS.has(event.type) && target) return scopesOf(target, stream);
  const meetingId = meetingOf(event, context.voteMeetingId);
  const carried = event.type === 'DecisionRecorded' ? context.carryingVoteMeetingId : undefined;
  return {
    meetingId,
    ...(carried !== undefined ? { carryingVoteMeetingId: carried } : {}),
    entryId: WITHHOLDABLE.has(event.type) ? event.id : undefined,
    ...namedScopes(event, meetingId, context.reviewedDecision),
  };
}

/**
 * Streams whose events never belong to a meeting or a withholdable entry (registering bodies,
 * people, posts, alliances): the public may see all of them, so a public read need not look for
 * withheld ones there (a body's entity index holds every event that names it: a long list).
 */
export const ALWAYS_PUBLIC_KINDS: ReadonlySet<string> = new Set(['body', 'person', 'alliance']);

/** A scope as stored in rm_hidden_scopes. */
export const meetingScope = (meetingId: string) => `meeting:${meetingId}`;
export const entryScope = (eventId: string) => `entry:${eventId}`;
export const itemScope = (meetingId: string, itemId: string) => `item:${itemKey(meetingId, itemId)}`;
export const decisionScope = (proposalId: string, decisionId: string) =>
  `decision:${decisionKey(proposalId, decisionId)}`;

/**
 * The registers of decision references (`decisionref-…`: which decision took which number, on
 * which proposal) are the command side's bookkeeping, and name decisions taken in private with
 * their reference: each of their entries is withheld from the public, as an entry of its own.
 */
export function registerEntry(event: ScopedEvent): { scopes: EventScopes; change: ScopeChange } | undefined {
  if (!event.stream.startsWith(`${REFERENCE_REGISTER}-`)) return undefined;
  return {
    scopes: { entryId: event.id },
    change: { scope: entryScope(event.id), hidden: true, entryId: event.id },
  };
}

export interface ScopeChange {
  scope: string;
  hidden: boolean;
  /**
   * The same scope by another name, hidden or shown with it: an agenda item by its meeting and
   * item id (as views and the events that name it hold it), a decision by its proposal and id.
   */
  alias?: string;
  /** The meeting or entry whose events are to be judged again. */
  meetingId?: string;
  entryId?: string;
  /** The item or decision (by its key) whose naming events are to be judged again with it. */
  item?: string;
  decision?: string;
}

/**
 * How an event changes which scopes are hidden: a meeting scheduled in private, an exempt item,
 * a decision taken in private, or a correction of one of those fields (the latest word counts).
 */
export function scopeChangeOf(event: ScopedEvent, target?: ScopedEvent): ScopeChange | undefined {
  const about = event.type === 'EventCorrected' ? target : event;
  const rule = about && HIDING_FIELDS[about.type];
  if (!about || !rule) return undefined;
  const data = event.type === 'EventCorrected' ? field(event.data, 'changes') : event.data;
  if (data === null || typeof data !== 'object' || !(rule.field in data)) return undefined;
  const hidden = rule.hides(field(data, rule.field));
  if (about.type === 'MeetingScheduled') {
    const meetingId = about.stream.slice('meeting-'.length);
    return { scope: meetingScope(meetingId), hidden, meetingId };
  }
  return { scope: entryScope(about.id), hidden, entryId: about.id, ...aliasOf(about) };
}

/** An agenda item's or a decision's other name, by which the events that name it find it. */
function aliasOf(about: ScopedEvent): Pick<ScopeChange, 'alias' | 'item' | 'decision'> {
  const itemId = field(about.data, 'itemId');
  if (about.type === 'AgendaItemAdded' && typeof itemId === 'string') {
    const meetingId = about.stream.slice('meeting-'.length);
    return { alias: itemScope(meetingId, itemId), item: itemKey(meetingId, itemId) };
  }
  const proposalId = field(about.data, 'proposalId');
  const decisionId = field(about.data, 'decisionId');
  if (about.type === 'DecisionRecorded' && typeof proposalId === 'string' && typeof decisionId === 'string')
    return { alias: decisionScope(proposalId, decisionId), decision: decisionKey(proposalId, decisionId) };
  return {};
}

/**
 * The SQL that judges a stored event, a register row or a row being inserted against the hidden
 * scopes: true when none of its scopes is hidden. Columns (or `?`, or SQL giving an `itemKey` or
 * a `decisionKey`) are passed by name, so the projector and the reads use this one text. A NULL
 * column names no scope. A decision has two meetings (`EventScopes.carryingVoteMeetingId`).
 *
 * A named decision (`decisionColumn`: a document, a review) is hidden by its own entry's word
 * (`decision:` scope) and, as the decision itself is, by its meetings: the one it was taken at
 * and the one of the vote that carried it (the domain's `takenInPrivate`), which
 * rm_decision_meetings holds by its key (`decisionMeetingWrites`). A meeting corrected to private
 * later hides the decision through its meeting scopes, so what names it must be hidden with it.
 * Columns are read inside subqueries of rm_hidden_scopes and rm_decision_meetings: a column whose
 * name is one of theirs (`scope`, `decision_key`, `meeting_id`) must be passed qualified.
 */
export const noHiddenScope = (
  meetingColumns: string | readonly string[],
  entryColumn: string,
  itemColumn?: string,
  decisionColumn?: string,
) => {
  const meetings = typeof meetingColumns === 'string' ? [meetingColumns] : meetingColumns;
  const scopes = [...meetings.map((column) => `'meeting:' || ${column}`), `'entry:' || ${entryColumn}`];
  if (itemColumn !== undefined) scopes.push(`'item:' || ${itemColumn}`);
  const own = `NOT EXISTS (SELECT 1 FROM rm_hidden_scopes WHERE scope IN (${scopes.join(', ')}))`;
  return decisionColumn === undefined ? own : `(${own} AND ${decisionShownByKey(decisionColumn)})`;
};

/**
 * The SQL that judges a decision named by its key (`decisionKey`, or SQL giving one), as the
 * decision itself is judged: by its own entry's word (`decision:` scope) and by its meetings
 * (rm_decision_meetings). What names a decision by its id is judged by this (`NamedDecisions`).
 */
export const decisionShownByKey = (decisionColumn: string) =>
  `(NOT EXISTS (SELECT 1 FROM rm_hidden_scopes WHERE scope = 'decision:' || ${decisionColumn}) AND NOT EXISTS (SELECT 1 FROM rm_decision_meetings dm JOIN rm_hidden_scopes h ON h.scope = 'meeting:' || dm.meeting_id WHERE dm.decision_key = ${decisionColumn}))`;

/**
 * Whether the public may see each decision of one proposal, by id, as the read models judge it
 * now (`decisionShownByKey`, through PublicEvents): a decision found private only later is
 * withheld from what names it at every date, and a rebuild judges it alike.
 */
export type NamedDecisions = (decisionId: string) => boolean;

/**
 * The meetings a decision was taken at, for the events that name it (`noHiddenScope`): those of
 * a DecisionRecorded's scopes (its own and its carrying vote's), by the decision's key. Neither
 * can be corrected (ids that tie events together), so they are written once, with the decision.
 */
export function decisionMeetingsOf(
  event: ScopedEvent,
  scopes: EventScopes,
): { key: string; meetings: string[] } | undefined {
  if (event.type !== 'DecisionRecorded') return undefined;
  const proposalId = field(event.data, 'proposalId');
  const decisionId = field(event.data, 'decisionId');
  if (typeof proposalId !== 'string' || typeof decisionId !== 'string') return undefined;
  const meetings = [scopes.meetingId, scopes.carryingVoteMeetingId].filter(
    (m): m is string => m !== undefined,
  );
  return meetings.length > 0 ? { key: decisionKey(proposalId, decisionId), meetings } : undefined;
}

/**
 * The SQL that judges a row of rm_decisions (as `alias`) for the public: hidden with its entry,
 * its meeting, and the meeting of the vote that carried it (`EventScopes.carryingVoteMeetingId`:
 * the domain's `takenInPrivate`), which rm_vote_events gives (a vote's meeting is never corrected).
 */
export const decisionRowShown = (alias: string) =>
  noHiddenScope(
    [
      `${alias}.meeting_id`,
      `(SELECT ve.meeting_id FROM rm_vote_events ve WHERE ve.vote_event_id = ${alias}.vote_event_id)`,
    ],
    `${alias}.event_id`,
  );

/**
 * Fields withheld from the public even on an event it may see: a decision record's exempt annex
 * (Schedule 12A), and which items a resolution excluding the public covers (the items are exempt:
 * their ids say which were withheld; the public is told how many, as the meeting's read says). A
 * correction's `changes` may restate one, so they are stripped there too.
 */
const EXEMPT_FIELDS: Record<string, readonly string[]> = {
  DecisionRecorded: ['exemptAnnex'],
  PublicExcluded: ['itemIds'],
};
const EXEMPT_FIELD_NAMES = new Set(Object.values(EXEMPT_FIELDS).flat());

const without = (data: Record<string, unknown>, names: ReadonlySet<string> | readonly string[]) =>
  Object.fromEntries(Object.entries(data).filter(([key]) => !new Set(names).has(key)));

/**
 * The ids of other decisions an event names (a discontinuation's rejections, the decision a
 * rescission or revocation undoes), or a correction restates: the public is shown those of the
 * decisions it may see, and how many of a list were withheld. Without a judge, none is shown.
 */
function withNamedDecisionsFor(record: Record<string, unknown>, shown: NamedDecisions = () => false) {
  if (!('decisionIds' in record) && !('undoesDecisionId' in record)) return record;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'decisionIds' && Array.isArray(value)) {
      const ids = value.filter((id) => typeof id === 'string' && shown(id));
      out.decisionIds = ids;
      if (ids.length < value.length) out.withheldDecisionCount = value.length - ids.length;
    } else if (key !== 'undoesDecisionId') out[key] = value;
    // A correction's null takes the field out: it names no decision, so nothing is withheld.
    else if (value === null || (typeof value === 'string' && shown(value))) out[key] = value;
  }
  return out;
}

/**
 * An event's data as the viewer may see it: for the public, without its exempt fields, nor the
 * ids of decisions it may not see (`named`: its proposal's, PublicEvents.decisionsNamedIn).
 */
export function dataFor(viewer: Viewer, type: string, data: unknown, named?: NamedDecisions): unknown {
  if (seesEverything(viewer) || data === null || typeof data !== 'object') return data;
  const record = withNamedDecisionsFor(data as Record<string, unknown>, named);
  if (CORRECTIONS.has(type) && record.changes !== null && typeof record.changes === 'object') {
    const changes = without(record.changes as Record<string, unknown>, EXEMPT_FIELD_NAMES);
    return { ...record, changes: withNamedDecisionsFor(changes, named) };
  }
  const exempt = EXEMPT_FIELDS[type];
  if (!exempt) return record;
  const shown = without(record, exempt);
  return type === 'PublicExcluded' && Array.isArray(record.itemIds)
    ? { ...shown, itemCount: record.itemIds.length }
    : shown;
}

/**
 * A decision as the viewer may see it: the exempt annex for clerks and auditors only, and the
 * decision it undoes named only when the viewer may see that one too (`named`, as for dataFor).
 */
export function decisionFor<D extends { exemptAnnex?: unknown; undoesDecisionId?: unknown }>(
  viewer: Viewer,
  decision: D,
  named?: NamedDecisions,
): D {
  if (seesEverything(viewer)) return decision;
  const { exemptAnnex: _withheld, ...shown } = withNamedDecisionsFor(decision, named);
  return shown as D;
}
