import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { datePrecision, toInstant, type AggregateStates } from '@ledger/domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { CutStates } from '../time-travel/cut-states';
import type { TimeCut } from '../time-travel/time-cut';
import type Database from 'better-sqlite3';
import { ProjectionService } from '../projection.service';
import type { PublicEvents } from '../read-model/read-model.db';
import { publicColumn } from '../read-model/render';
import { decisionRowShown, noHiddenScope, seesEverything, type Viewer } from '../visibility';
import { meetingDocuments } from './documents.handler';
import { GetPersonQuery } from './entities.query';
import { meetingConduct } from './meeting-conduct.view';
import { heldOnOf, minutesOf } from './meeting-dates';
import { NotFoundError } from './not-found.error';
import {
  GetMeetingQuery,
  ListBodiesQuery,
  ListMeetingsQuery,
  ListRecommendationsQuery,
  ListVotesByPersonQuery,
  type Publicity,
} from './registers.query';
import { foundingDateOf } from './names';
import { registerCursor, SqlFilter } from './sql-filter';

type Row = Record<string, unknown>;
/** A JSON column as its value (unknown until the reader says what it holds). */
const parse = (v: unknown): unknown =>
  typeof v === 'string' ? (JSON.parse(v) as unknown) : (v ?? undefined);

export function names(db: Database.Database) {
  const body = db.prepare('SELECT name FROM rm_bodies WHERE body_id = ?');
  const person = db.prepare('SELECT name, honorific_prefix FROM rm_people WHERE person_id = ?');
  return {
    body: (id: unknown) =>
      id ? { id, name: (body.get(id) as { name: string } | undefined)?.name ?? id } : undefined,
    person: (id: unknown) => {
      if (!id) return undefined;
      const p = person.get(id) as { name: string; honorific_prefix: string | null } | undefined;
      return { id, name: p ? [p.honorific_prefix, p.name].filter(Boolean).join(' ') : id };
    },
  };
}

/**
 * A person's own register (their votes, the decisions they are named on) is 404 for a person not
 * registered, as /people/{id} is, at the same cut and to the same viewer: GetPersonQuery decides
 * it. An empty register would read as "never voted" for a mistyped id.
 */
export async function ensurePersonRegistered(
  queries: QueryBus,
  personId: string,
  cut: TimeCut,
  viewer: Viewer,
): Promise<void> {
  await queries.execute(new GetPersonQuery(personId, cut, viewer));
}

/**
 * A meeting as the viewer may see it: the public gets only the fact of a private meeting, and no
 * exempt item. Drawn at a cut, a meeting or an item may have been public then and be withheld
 * now: what is withheld now is withheld at every date (visibility.ts), so both are asked.
 */
export function presentMeeting(
  row: Row,
  viewer: Viewer,
  n: ReturnType<typeof names>,
  hiddenNow: PublicEvents,
) {
  const meetingId = String(row.meeting_id);
  // Clerks and auditors see the record as it stood; the public, what is withheld now. Publicity
  // not stated (NULL) is not private: only a stated 0 withholds the meeting.
  const isPrivate = row.public === 0 || (!seesEverything(viewer) && hiddenNow.isPrivateMeeting(meetingId));
  const publicity: Publicity = isPrivate ? 'private' : row.public === null ? 'not-stated' : 'public';
  const scheduledFor = String(row.scheduled_for);
  const agenda = (
    parse(row.agenda) as Array<{ itemId: string; exempt: boolean; exemptionReason?: string }>
  ).filter((i) => seesEverything(viewer) || (!i.exempt && !hiddenNow.isWithheldItem(meetingId, i.itemId)));
  const base = {
    meetingId: row.meeting_id,
    bodies: (parse(row.body_ids) as string[]).map(n.body),
    allianceId: row.alliance_id ?? undefined,
    // As given (a year, a month, a day or a date-time), never widened to a fake first day.
    scheduledFor,
    scheduledForPrecision: datePrecision(scheduledFor),
    scheduledForApproximate: row.scheduled_for_approximate === 1,
    status: row.status,
    // As given too, with its precision and flag: "July 2012" held is never a fake 1 July.
    ...heldOnOf(row),
    // Left out when not stated, as a decision's inPublic is; `publicity` says which.
    public: publicity === 'not-stated' ? undefined : !isPrivate,
    publicity,
  };
  if (isPrivate && !seesEverything(viewer)) return { ...base, title: 'Private meeting' };
  const chair = parse(row.chair) as { personId?: string; bodyId?: string } | undefined;
  return {
    ...base,
    title: row.title,
    place: row.place ?? undefined,
    chair: chair && { ...chair, person: n.person(chair.personId) },
    attendees: parse(row.attendees),
    agenda,
    minutes: minutesOf(row),
  };
}

/** A meeting's row as the read model holds it, from its state: for a meeting drawn at a cut. */
function meetingRowOf(id: string, s: AggregateStates['meeting'], recordedAt: string): Row {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  return {
    meeting_id: id,
    title: s.title,
    body_ids: JSON.stringify(s.bodyIds),
    alliance_id: s.allianceId ?? null,
    scheduled_for: s.scheduledFor,
    scheduled_for_approximate: s.scheduledForApproximate ? 1 : 0,
    scheduled_instant: toInstant(s.scheduledFor),
    status: s.status,
    public: publicColumn(s.public),
    held_on: s.heldOn ?? null,
    held_on_approximate: s.heldOnApproximate ? 1 : 0,
    place: s.place ?? null,
    chair: json(s.chair),
    attendees: JSON.stringify(s.attendees),
    agenda: JSON.stringify(s.agenda),
    minutes: json(s.minutes),
    recorded_at: recordedAt,
  };
}

@QueryHandler(ListMeetingsQuery)
export class ListMeetingsHandler implements IQueryHandler<ListMeetingsQuery> {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(query: ListMeetingsQuery) {
    const db = this.projections.readModels.db;
    const { filter, page, cut, viewer } = query;
    if (cut.asOf || cut.knownAt) return this.at(query);
    // A date filter compares the first instant of each meeting's date (the cut rule): "2013" is in from=2013-01-01.
    const f = new SqlFilter().add('m.meeting_id > ?', page.after ?? '').range(filter, 'm.scheduled_instant');
    f.when(
      filter.bodyId,
      'm.meeting_id IN (SELECT meeting_id FROM rm_meeting_bodies WHERE body_id = ?)',
      filter.bodyId,
    );
    const rows = db
      .prepare(`SELECT m.* FROM rm_meetings m WHERE ${f.sql} ORDER BY m.meeting_id LIMIT ?`)
      .all(...f.params, page.limit) as Row[];
    const n = names(db);
    const hiddenNow = this.projections.readModels.publicEvents();
    return {
      items: rows.map((r) => presentMeeting(r, viewer, n, hiddenNow)),
      next: rows.length === page.limit ? String(rows[rows.length - 1].meeting_id) : undefined,
    };
  }

  /**
   * At a cut, each meeting is drawn as it stood then (scheduled, postponed, held, its agenda and
   * minutes), from its snapshots: every meeting ever recorded is a candidate, in id order, until
   * the page is full, so one cancelled or retracted since is still listed as it was.
   */
  private async at({ filter, page, cut, viewer }: ListMeetingsQuery) {
    const rm = this.projections.readModels;
    const states = new CutStates(this.store, cut, rm);
    const iso = (d?: string) => (d === undefined ? undefined : new Date(d).toISOString());
    const [from, to, knownAt] = [iso(filter.from), iso(filter.to), iso(cut.knownAt)];
    const select = rm.prepare(
      `SELECT id, first_recorded_at FROM rm_aggregates WHERE kind = 'meeting' AND id > ? AND first_recorded_at <= ? ORDER BY id LIMIT ?`,
    );
    const n = names(rm.db);
    const items = [];
    let after = page.after ?? '';
    for (;;) {
      const candidates = select.all(after, knownAt ?? '\uffff', page.limit) as Array<{
        id: string;
        first_recorded_at: string;
      }>;
      for (const { id, first_recorded_at: recordedAt } of candidates) {
        after = id;
        const { state, events } = await states.state('meeting', id);
        if (events === 0 || !state.exists) continue;
        const when = toInstant(state.scheduledFor);
        // A meeting scheduled by the cut is listed, even for a date after it: it was announced.
        if (
          (from && when < from) ||
          (to && when > to) ||
          (filter.bodyId && !state.bodyIds.includes(filter.bodyId))
        )
          continue;
        items.push(presentMeeting(meetingRowOf(id, state, recordedAt), viewer, n, rm.publicEvents()));
        if (items.length === page.limit) return { items, next: id };
      }
      if (candidates.length < page.limit) return { items, next: undefined };
    }
  }
}

@QueryHandler(GetMeetingQuery)
export class GetMeetingHandler implements IQueryHandler<GetMeetingQuery> {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ meetingId, cut, viewer }: GetMeetingQuery) {
    const rm = this.projections.readModels;
    const row = rm.prepare('SELECT * FROM rm_meetings WHERE meeting_id = ?').get(meetingId) as
      Row | undefined;
    if (!row) throw new NotFoundError(`Meeting ${meetingId}`);
    // The meeting as it stood at the cut (scheduled, held, its agenda and minutes so far), or
    // 404 when it had not been scheduled (asOf) or recorded (knownAt) by then. With no cut, the
    // register's row; the state and its bodies give how it was run (meeting-conduct.view.ts).
    const states = new CutStates(this.store, cut, rm);
    const { state, events } = await states.state('meeting', meetingId);
    const atCut = Boolean(cut.asOf || cut.knownAt);
    if (atCut && (events === 0 || !state.exists))
      throw new NotFoundError(
        `Meeting ${meetingId}${cut.asOf ? ` as of ${cut.asOf}` : ''}${cut.knownAt ? ` as known at ${cut.knownAt}` : ''}`,
      );
    const hiddenNow = rm.publicEvents();
    const meeting = presentMeeting(
      atCut ? meetingRowOf(meetingId, state, String(row.recorded_at)) : row,
      viewer,
      names(rm.db),
      hiddenNow,
    );
    if (meeting.publicity === 'private' && !seesEverything(viewer)) return meeting;
    const refs = await states.refs([{ kind: 'meeting', id: meetingId }]);
    const documents = meetingDocuments(rm, meetingId, viewer, cut);
    return {
      ...meeting,
      ...meetingConduct(state, refs, viewer, hiddenNow),
      documents: documents.length ? documents : undefined,
    };
  }
}

@QueryHandler(ListRecommendationsQuery)
export class ListRecommendationsHandler implements IQueryHandler<ListRecommendationsQuery> {
  constructor(private readonly projections: ProjectionService) {}
  async execute({ filter, page, cut, viewer }: ListRecommendationsQuery) {
    const db = this.projections.readModels.db;
    // Dates are stored as given (`2013`): filtered by their first instant, as /meetings is.
    const f = new SqlFilter()
      .after('r', page.after)
      .datedRange(db, filter, 'r.date')
      .cut(cut, 'r.date')
      .known(cut, 'r');
    f.when(filter.proposalId, 'r.proposal_id = ?', filter.proposalId).when(
      filter.byBodyId,
      'r.by_body_id = ?',
      filter.byBodyId,
    );
    f.when(
      filter.toBodyId,
      'EXISTS (SELECT 1 FROM json_each(r.to_body_ids) WHERE value = ?)',
      filter.toBodyId,
    );
    if (!seesEverything(viewer)) f.add(noHiddenScope('r.meeting_id', 'r.event_id'));
    const rows = db
      .prepare(`SELECT r.* FROM rm_recommendations r WHERE ${f.sql} ORDER BY r.date, r.event_id LIMIT ?`)
      .all(...f.params, page.limit) as Row[];
    const n = names(db);
    const successor = db.prepare('SELECT successor_id FROM rm_bodies WHERE body_id = ?');
    const standingFor = (id: string): string[] => {
      const chain = [id];
      for (
        let next = successor.get(id) as { successor_id: string | null } | undefined;
        next?.successor_id && chain.length < 16;
        next = successor.get(next.successor_id) as never
      )
        chain.push(next.successor_id);
      return chain;
    };
    // What came of it: the decisions its recipients (or their successors) took after it, at the same cut.
    const d = new SqlFilter().cut(cut, 'd.date').known(cut, 'd');
    if (!seesEverything(viewer)) d.add(decisionRowShown('d'));
    const decisionsAfter = db.prepare(
      `SELECT * FROM rm_decisions d WHERE d.proposal_id = ? AND d.date >= ? AND ${d.sql} ORDER BY d.date, d.event_id`,
    );
    const items = rows.map((r) => {
      const recipients = parse(r.to_body_ids) as string[];
      const bodies = new Set(recipients.flatMap(standingFor));
      const outcome = (decisionsAfter.all(r.proposal_id, r.date, ...d.params) as Row[])
        .filter((x) => bodies.has(String(x.body_id)))
        .map((x) => ({
          decisionId: x.decision_id,
          body: n.body(x.body_id),
          outcome: x.outcome,
          date: x.date,
          dateApproximate: x.date_approximate === 1,
        }));
      return {
        recommendationId: r.recommendation_id,
        proposalId: r.proposal_id,
        byBody: n.body(r.by_body_id),
        toBodies: recipients.map(n.body),
        content: r.content,
        rationale: r.rationale,
        meetingId: r.meeting_id ?? undefined,
        date: r.date,
        dateApproximate: r.date_approximate === 1,
        eventId: r.event_id,
        whatCameOfIt: outcome,
      };
    });
    return { items, next: rows.length === page.limit ? registerCursor(rows[rows.length - 1]) : undefined };
  }
}

@QueryHandler(ListVotesByPersonQuery)
export class ListVotesByPersonHandler implements IQueryHandler<ListVotesByPersonQuery> {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
  ) {}
  async execute({ personId, page, cut, viewer }: ListVotesByPersonQuery) {
    await ensurePersonRegistered(this.queries, personId, cut, viewer);
    const db = this.projections.readModels.db;
    const f = new SqlFilter()
      .add('v.person_id = ?', personId)
      .after('v', page.after)
      .cut(cut, 'v.date')
      .known(cut, 'v');
    if (!seesEverything(viewer)) f.add(noHiddenScope('v.meeting_id', 'v.event_id'));
    const rows = db
      .prepare(
        `SELECT v.*, e.question, e.result FROM rm_votes v LEFT JOIN rm_vote_events e USING (vote_event_id) WHERE ${f.sql} ORDER BY v.date, v.event_id LIMIT ?`,
      )
      .all(...f.params, page.limit) as Row[];
    const n = names(db);
    // At a cut, each vote's question and result as they stood then (it may have closed since).
    if (cut.asOf || cut.knownAt) {
      const states = new CutStates(this.store, cut, this.projections.readModels);
      for (const r of rows) {
        const { state } = await states.state('vote', String(r.vote_event_id));
        r.question = state.question;
        r.result = state.closed?.result ?? null;
      }
    }
    const items = rows.map((r) => ({
      voteEventId: r.vote_event_id,
      question: r.question,
      result: r.result ?? undefined,
      person: n.person(r.person_id),
      body: n.body(r.body_id),
      postId: r.post_id,
      option: r.option,
      declaredInterest: r.declared_interest ?? undefined,
      proposalId: r.proposal_id,
      meetingId: r.meeting_id,
      date: r.date,
      eventId: r.event_id,
    }));
    return { items, next: rows.length === page.limit ? registerCursor(rows[rows.length - 1]) : undefined };
  }
}

@QueryHandler(ListBodiesQuery)
export class ListBodiesHandler implements IQueryHandler<ListBodiesQuery> {
  constructor(private readonly projections: ProjectionService) {}
  async execute({ filter, page, cut }: ListBodiesQuery) {
    const db = this.projections.readModels.db;
    const f = new SqlFilter()
      .add('body_id > ?', page.after ?? '')
      .when(filter.classification, 'classification = ?', filter.classification)
      .cut(cut, 'listed_from');
    f.when(cut.knownAt, 'recorded_at <= ?', cut.knownAt && new Date(cut.knownAt).toISOString());
    const rows = db
      .prepare(`SELECT * FROM rm_bodies WHERE ${f.sql} ORDER BY body_id LIMIT ?`)
      .all(...f.params, page.limit) as Row[];
    const items = rows.map((r) => ({
      bodyId: r.body_id,
      name: r.name,
      classification: r.classification,
      area: r.area ?? undefined,
      powers: r.powers,
      ...foundingDateOf(r.founding_date, r.founding_date_approximate === 1),
      dissolutionDate: r.dissolution_date ?? undefined,
      successorId: r.successor_id ?? undefined,
    }));
    return { items, next: rows.length === page.limit ? String(rows[rows.length - 1].body_id) : undefined };
  }
}
