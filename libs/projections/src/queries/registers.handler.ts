import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { TimeCut } from '../time-travel/time-cut';
import { CutStates } from '../time-travel/cut-states';
import type { ReadModelDb } from '../read-model/read-model.db';
import type Database from 'better-sqlite3';
import { ProjectionService } from '../projection.service';
import { seesEverything, type Viewer } from '../visibility';
import { NotFoundError } from './not-found.error';
import { GetMeetingQuery, ListBodiesQuery, ListDecisionsQuery, ListMeetingsQuery, ListRecommendationsQuery, ListVotesByPersonQuery } from './registers.query';
import { SqlFilter } from './sql-filter';

type Row = Record<string, unknown>;
const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? undefined);

function names(db: Database.Database) {
  const body = db.prepare('SELECT name FROM rm_bodies WHERE body_id = ?');
  const person = db.prepare('SELECT name, honorific_prefix FROM rm_people WHERE person_id = ?');
  return {
    body: (id: unknown) => (id ? { id, name: (body.get(id) as { name: string } | undefined)?.name ?? id } : undefined),
    person: (id: unknown) => {
      if (!id) return undefined;
      const p = person.get(id) as { name: string; honorific_prefix: string | null } | undefined;
      return { id, name: p ? [p.honorific_prefix, p.name].filter(Boolean).join(' ') : id };
    },
  };
}

/** A meeting as the viewer may see it: the public gets only the fact of a private meeting, and no exempt item. */
export function presentMeeting(row: Row, viewer: Viewer, n: ReturnType<typeof names>) {
  const isPrivate = row.public === 0;
  const agenda = (parse(row.agenda) as Array<{ exempt: boolean; exemptionReason?: string }>).filter((i) => seesEverything(viewer) || !i.exempt);
  const base = { meetingId: row.meeting_id, bodies: (parse(row.body_ids) as string[]).map(n.body), allianceId: row.alliance_id ?? undefined, scheduledFor: row.scheduled_for, status: row.status, heldOn: row.held_on ?? undefined, public: !isPrivate };
  if (isPrivate && !seesEverything(viewer)) return { ...base, title: 'Private meeting' };
  const chair = parse(row.chair) as { personId?: string; bodyId?: string } | undefined;
  return { ...base, title: row.title, place: row.place ?? undefined, chair: chair && { ...chair, person: n.person(chair.personId) }, attendees: parse(row.attendees), agenda, minutes: parse(row.minutes) };
}

const privateMeetingClause = (column: string) => `(${column} IS NULL OR ${column} NOT IN (SELECT meeting_id FROM rm_meetings WHERE public = 0))`;

@QueryHandler(ListMeetingsQuery)
export class ListMeetingsHandler implements IQueryHandler<ListMeetingsQuery> {
  constructor(private readonly projections: ProjectionService) {}
  async execute({ filter, page, cut, viewer }: ListMeetingsQuery) {
    const db = this.projections.readModels.db;
    const f = new SqlFilter().add('m.meeting_id > ?', page.after ?? '').range(filter, 'm.scheduled_for').cut(cut, 'm.scheduled_for');
    f.when(cut.knownAt, 'm.recorded_at <= ?', cut.knownAt && new Date(cut.knownAt).toISOString());
    f.when(filter.bodyId, 'm.meeting_id IN (SELECT meeting_id FROM rm_meeting_bodies WHERE body_id = ?)', filter.bodyId);
    const rows = db.prepare(`SELECT m.* FROM rm_meetings m WHERE ${f.sql} ORDER BY m.meeting_id LIMIT ?`).all(...f.params, page.limit) as Row[];
    const n = names(db);
    return { items: rows.map((r) => presentMeeting(r, viewer, n)), next: rows.length === page.limit ? String(rows[rows.length - 1].meeting_id) : undefined };
  }
}

@QueryHandler(GetMeetingQuery)
export class GetMeetingHandler implements IQueryHandler<GetMeetingQuery> {
  constructor(private readonly projections: ProjectionService) {}
  async execute({ meetingId, viewer }: GetMeetingQuery) {
    const db = this.projections.readModels.db;
    const row = db.prepare('SELECT * FROM rm_meetings WHERE meeting_id = ?').get(meetingId) as Row | undefined;
    if (!row) throw new NotFoundError(`Meeting ${meetingId}`);
    return presentMeeting(row, viewer, names(db));
  }
}

/**
 * A register as it stood at a `knownAt` cut, exactly: each proposal recorded by then is drawn
 * at the cut from its nearest dated snapshot, so a correction recorded later is not in it. Rows
 * have the read model's shape; the caller filters them as it filters the table.
 */
async function registerRowsAt(store: EventStore, rm: ReadModelDb, cut: TimeCut, proposalId?: string): Promise<{ decisions: Row[]; recommendations: Row[] }> {
  const f = new SqlFilter().when(cut.knownAt, 'tabled_recorded_at <= ?', cut.knownAt && new Date(cut.knownAt).toISOString()).when(proposalId, 'proposal_id = ?', proposalId);
  const ids = (rm.db.prepare(`SELECT proposal_id FROM rm_proposals WHERE ${f.sql} ORDER BY proposal_id`).all(...f.params) as Row[]).map((r) => String(r.proposal_id));
  const decisions: Row[] = [];
  const recommendations: Row[] = [];
  const states = new CutStates(store, cut, rm);
  for (const id of ids) {
    const { state, events } = await states.state('proposal', id);
    if (events === 0) continue;
    const title = state.terms.title;
    for (const d of state.decisions) {
      decisions.push({ proposal_id: id, title, decision_id: d.decisionId, body_id: d.bodyId, post_id: d.postId ?? null, person_id: d.personId ?? null, outcome: d.outcome, reference: d.reference ?? null, date: d.date, in_public: d.inPublic ? 1 : 0, meeting_id: d.meetingId ?? null, rationale: d.rationale, event_id: d.eventId });
    }
    for (const r of state.recommendations) {
      recommendations.push({ proposal_id: id, recommendation_id: r.recommendationId, by_body_id: r.byBodyId, to_body_ids: JSON.stringify(r.toBodyIds), content: r.content, rationale: r.rationale, meeting_id: r.meetingId ?? null, date: r.date, event_id: r.eventId });
    }
  }
  const byDate = (a: Row, b: Row) => `${a.date}${a.event_id}`.localeCompare(`${b.date}${b.event_id}`);
  return { decisions: decisions.sort(byDate), recommendations: recommendations.sort(byDate) };
}

/** The same filter in memory, for rows drawn at a cut. */
function keep(row: Row, page: { after?: string }, range: { from?: string; to?: string }, asOf: string | undefined, fields: Record<string, string | undefined>): boolean {
  const iso = (d?: string) => (d === undefined ? undefined : new Date(d).toISOString());
  const date = String(row.date);
  if (page.after && `${date}${row.event_id}` <= page.after) return false;
  if (range.from && date < (iso(range.from) as string)) return false;
  if (range.to && date > (iso(range.to) as string)) return false;
  if (asOf && date > (iso(asOf) as string)) return false;
  return Object.entries(fields).every(([column, value]) => value === undefined || row[column] === value);
}

@QueryHandler(ListDecisionsQuery)
export class ListDecisionsHandler implements IQueryHandler<ListDecisionsQuery> {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}
  async execute({ filter, page, cut, viewer }: ListDecisionsQuery) {
    const db = this.projections.readModels.db;
    let rows: Row[];
    if (cut.knownAt) {
      const privacy = this.projections.readModels.meetingPrivacy();
      const privateMeeting = (id: unknown) => id !== null && privacy.isPrivate(String(id));
      rows = (await registerRowsAt(this.store, this.projections.readModels, cut, filter.proposalId)).decisions
        .filter((r) => keep(r, page, filter, cut.asOf, { body_id: filter.bodyId }))
        .filter((r) => seesEverything(viewer) || (r.in_public === 1 && !privateMeeting(r.meeting_id)))
        .slice(0, page.limit);
    } else {
      const f = new SqlFilter().add('(d.date || d.event_id) > ?', page.after ?? '').range(filter, 'd.date').cut(cut, 'd.date', 'd.event_id');
      f.when(filter.bodyId, 'd.body_id = ?', filter.bodyId).when(filter.proposalId, 'd.proposal_id = ?', filter.proposalId);
      if (!seesEverything(viewer)) f.add('d.in_public = 1').add(privateMeetingClause('d.meeting_id'));
      rows = db.prepare(`SELECT d.*, p.title FROM rm_decisions d LEFT JOIN rm_proposals p USING (proposal_id) WHERE ${f.sql} ORDER BY d.date, d.event_id LIMIT ?`).all(...f.params, page.limit) as Row[];
    }
    const n = names(db);
    const items = rows.map((r) => ({
      decisionId: r.decision_id,
      proposal: { id: r.proposal_id, title: r.title },
      body: n.body(r.body_id),
      person: n.person(r.person_id),
      postId: r.post_id ?? undefined,
      outcome: r.outcome,
      reference: r.reference ?? undefined,
      date: r.date,
      inPublic: r.in_public === 1,
      meetingId: r.meeting_id ?? undefined,
      rationale: r.rationale,
      eventId: r.event_id,
    }));
    const last = rows[rows.length - 1];
    return { items, next: rows.length === page.limit ? `${last.date}${last.event_id}` : undefined };
  }
}

@QueryHandler(ListRecommendationsQuery)
export class ListRecommendationsHandler implements IQueryHandler<ListRecommendationsQuery> {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}
  async execute({ filter, page, cut, viewer }: ListRecommendationsQuery) {
    const db = this.projections.readModels.db;
    let rows: Row[];
    let decisionsAt: Row[] | undefined;
    if (cut.knownAt) {
      const privacy = this.projections.readModels.meetingPrivacy();
      const privateMeeting = (id: unknown) => id !== null && privacy.isPrivate(String(id));
      const at = await registerRowsAt(this.store, this.projections.readModels, cut, filter.proposalId);
      decisionsAt = at.decisions.filter((d) => seesEverything(viewer) || (d.in_public === 1 && !privateMeeting(d.meeting_id)));
      rows = at.recommendations
        .filter((r) => keep(r, page, filter, cut.asOf, { by_body_id: filter.byBodyId }))
        .filter((r) => !filter.toBodyId || (JSON.parse(String(r.to_body_ids)) as string[]).includes(filter.toBodyId))
        .filter((r) => seesEverything(viewer) || !privateMeeting(r.meeting_id))
        .slice(0, page.limit);
    } else {
      const f = new SqlFilter().add('(r.date || r.event_id) > ?', page.after ?? '').range(filter, 'r.date').cut(cut, 'r.date', 'r.event_id');
      f.when(filter.proposalId, 'r.proposal_id = ?', filter.proposalId).when(filter.byBodyId, 'r.by_body_id = ?', filter.byBodyId);
      f.when(filter.toBodyId, 'EXISTS (SELECT 1 FROM json_each(r.to_body_ids) WHERE value = ?)', filter.toBodyId);
      if (!seesEverything(viewer)) f.add(privateMeetingClause('r.meeting_id'));
      rows = db.prepare(`SELECT r.* FROM rm_recommendations r WHERE ${f.sql} ORDER BY r.date, r.event_id LIMIT ?`).all(...f.params, page.limit) as Row[];
    }
    const n = names(db);
    const successor = db.prepare('SELECT successor_id FROM rm_bodies WHERE body_id = ?');
    const standingFor = (id: string): string[] => {
      const chain = [id];
      for (let next = successor.get(id) as { successor_id: string | null } | undefined; next?.successor_id && chain.length < 16; next = successor.get(next.successor_id) as never) chain.push(next.successor_id);
      return chain;
    };
    const decisionsAfter = db.prepare(`SELECT * FROM rm_decisions d WHERE proposal_id = ? AND date >= ? ${seesEverything(viewer) ? '' : `AND d.in_public = 1 AND ${privateMeetingClause('d.meeting_id')}`} ORDER BY date`);
    const items = rows.map((r) => {
      const recipients = parse(r.to_body_ids) as string[];
      const bodies = new Set(recipients.flatMap(standingFor));
      const candidates = decisionsAt ? decisionsAt.filter((d) => d.proposal_id === r.proposal_id && String(d.date) >= String(r.date)) : (decisionsAfter.all(r.proposal_id, r.date) as Row[]);
      const outcome = candidates
        .filter((d) => bodies.has(String(d.body_id)))
        .map((d) => ({ decisionId: d.decision_id, body: n.body(d.body_id), outcome: d.outcome, date: d.date }));
      return { recommendationId: r.recommendation_id, proposalId: r.proposal_id, byBody: n.body(r.by_body_id), toBodies: recipients.map(n.body), content: r.content, rationale: r.rationale, meetingId: r.meeting_id ?? undefined, date: r.date, eventId: r.event_id, whatCameOfIt: outcome };
    });
    const last = rows[rows.length - 1];
    return { items, next: rows.length === page.limit ? `${last.date}${last.event_id}` : undefined };
  }
}

@QueryHandler(ListVotesByPersonQuery)
export class ListVotesByPersonHandler implements IQueryHandler<ListVotesByPersonQuery> {
  constructor(private readonly projections: ProjectionService) {}
  async execute({ personId, page, cut, viewer }: ListVotesByPersonQuery) {
    const db = this.projections.readModels.db;
    const f = new SqlFilter().add('v.person_id = ?', personId).add('(v.date || v.event_id) > ?', page.after ?? '').cut(cut, 'v.date', 'v.event_id');
    if (!seesEverything(viewer)) f.add(privateMeetingClause('v.meeting_id'));
    const rows = db.prepare(`SELECT v.*, e.question, e.result FROM rm_votes v LEFT JOIN rm_vote_events e USING (vote_event_id) WHERE ${f.sql} ORDER BY v.date, v.event_id LIMIT ?`).all(...f.params, page.limit) as Row[];
    const n = names(db);
    const items = rows.map((r) => ({ voteEventId: r.vote_event_id, question: r.question, result: r.result ?? undefined, person: n.person(r.person_id), body: n.body(r.body_id), postId: r.post_id, option: r.option, declaredInterest: r.declared_interest ?? undefined, proposalId: r.proposal_id, meetingId: r.meeting_id, date: r.date, eventId: r.event_id }));
    const last = rows[rows.length - 1];
    return { items, next: rows.length === page.limit ? `${last.date}${last.event_id}` : undefined };
  }
}

@QueryHandler(ListBodiesQuery)
export class ListBodiesHandler implements IQueryHandler<ListBodiesQuery> {
  constructor(private readonly projections: ProjectionService) {}
  async execute({ filter, page, cut }: ListBodiesQuery) {
    const db = this.projections.readModels.db;
    const f = new SqlFilter().add('body_id > ?', page.after ?? '').when(filter.classification, 'classification = ?', filter.classification).cut(cut, 'founding_date');
    f.when(cut.knownAt, 'recorded_at <= ?', cut.knownAt && new Date(cut.knownAt).toISOString());
    const rows = db.prepare(`SELECT * FROM rm_bodies WHERE ${f.sql} ORDER BY body_id LIMIT ?`).all(...f.params, page.limit) as Row[];
    const items = rows.map((r) => ({ bodyId: r.body_id, name: r.name, classification: r.classification, area: r.area ?? undefined, powers: r.powers, foundingDate: r.founding_date, dissolutionDate: r.dissolution_date ?? undefined, successorId: r.successor_id ?? undefined }));
    return { items, next: rows.length === page.limit ? String(rows[rows.length - 1].body_id) : undefined };
  }
}
