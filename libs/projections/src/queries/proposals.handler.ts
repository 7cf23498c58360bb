import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ProposalState, References } from '@ledger/domain';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@ledger/event-store';
import { ProjectionService } from '../projection.service';
import type { ReadModelDb } from '../read-model/read-model.db';
import { CutStates } from '../time-travel/cut-states';
import { ProposalNotFound, proposalAt, proposalDiff, type ProposalAtCut } from '../time-travel/proposal-timeline';
import { actorFor, seesEverything, type Viewer } from '../visibility';
import { withSources } from './claim-sources';
import { bodyRef, meetingRef, personRef, postRef } from './names';
import { NotFoundError } from './not-found.error';
import { GetProposalDiffQuery, GetProposalQuery, ListProposalsQuery, WhoDecidedQuery } from './proposals.query';

const privateMeeting = (refs: References, meetingId?: string) => meetingId !== undefined && refs.get('meeting', meetingId)?.public === false;

/** A proposal as the viewer may see it: the public does not see private decisions or what was said at private meetings. */
export function presentProposal(drawn: ProposalAtCut, viewer: Viewer) {
  const { state, refs, view } = drawn;
  const visibleDecision = (d: ProposalState['decisions'][number]) => seesEverything(viewer) || (d.inPublic && !privateMeeting(refs, d.meetingId));
  const visibleRecommendation = (r: ProposalState['recommendations'][number]) => seesEverything(viewer) || !privateMeeting(refs, r.meetingId);
  const hiddenDecisions = new Set(state.decisions.filter((d) => !visibleDecision(d)).map((d) => d.decisionId));
  const hiddenRecommendations = new Set(state.recommendations.filter((r) => !visibleRecommendation(r)).map((r) => r.recommendationId));
  return {
    proposalId: state.proposalId,
    ...state.terms,
    allianceId: state.allianceId,
    bodyId: state.bodyId,
    tabledBy: bodyRef(refs, state.tabledBy),
    tabledAt: state.tabledAt,
    parentProposalId: state.parentProposalId,
    status: view.status,
    lifecycle: state.lifecycle,
    closedAt: state.closedAt,
    closedReason: state.closedReason,
    unanimous: view.unanimous,
    supersededBy: state.supersededBy,
    takenForward: state.takenForward && { ...state.takenForward, memberBody: bodyRef(refs, state.takenForward.memberBodyId) },
    waitingFor: view.waitingFor.map((id) => bodyRef(refs, id)),
    positions: view.positions.map((p) => ({
      body: bodyRef(refs, p.bodyId),
      standsFor: p.standsFor.map((id) => bodyRef(refs, id)),
      position: p.decision && hiddenDecisions.has(p.decision.decisionId) ? 'none' : p.position,
      decision: p.decision && !hiddenDecisions.has(p.decision.decisionId) ? { ...p.decision, person: personRef(refs, p.decision.personId) } : undefined,
      recommendation: p.recommendation && !hiddenRecommendations.has(p.recommendation.recommendationId) ? p.recommendation : undefined,
    })),
    claims: state.claims.map(({ eventId, ...c }) => ({ ...c, eventId })),
    recommendations: state.recommendations.filter(visibleRecommendation).map((r) => ({ ...r, byBody: bodyRef(refs, r.byBodyId), toBodies: r.toBodyIds.map((id) => bodyRef(refs, id)) })),
    decisions: state.decisions.filter(visibleDecision).map((d) => ({
      ...d,
      body: bodyRef(refs, d.bodyId),
      person: personRef(refs, d.personId),
      post: postRef(refs.get('body', d.bodyId), d.postId),
    })),
    asOf: drawn.date,
  };
}

async function proposalAtOrNotFound(store: EventStore, projections: ProjectionService, id: string, cut: GetProposalQuery['cut']): Promise<ProposalAtCut> {
  try {
    return await proposalAt(store, id, cut, { snapshots: projections.readModels });
  } catch (error) {
    if (error instanceof ProposalNotFound) throw new NotFoundError(`Proposal ${id}`);
    throw error;
  }
}

@QueryHandler(GetProposalQuery)
export class GetProposalHandler implements IQueryHandler<GetProposalQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  async execute({ proposalId, cut, viewer }: GetProposalQuery) {
    const presented = presentProposal(await proposalAtOrNotFound(this.store, this.projections, proposalId, cut), viewer);
    return { ...presented, claims: await withSources(this.store, proposalId, presented.claims, cut.knownAt) };
  }
}

/**
 * A page of proposals. Now: straight from the read model. At a cut: the proposals tabled (or
 * recorded) by then, each drawn at the cut from its nearest dated snapshot, with the bodies and
 * alliances they share read once for the whole page. A status filter at a cut applies after
 * drawing each proposal, so it reads on until the page is full.
 */
export async function listProposals(store: EventStore, rm: ReadModelDb, { filter, page, cut, viewer }: Pick<ListProposalsQuery, 'filter' | 'page' | 'cut' | 'viewer'>) {
  const where: string[] = ['proposal_id > ?'];
  const params: unknown[] = [page.after ?? ''];
  const timeTravel = cut.asOf !== undefined || cut.knownAt !== undefined;
  if (filter.status && !timeTravel) (where.push('status = ?'), params.push(filter.status));
  if (filter.allianceId) (where.push('alliance_id = ?'), params.push(filter.allianceId));
  if (filter.bodyId) (where.push('(body_id = ? OR tabled_by = ?)'), params.push(filter.bodyId, filter.bodyId));
  if (filter.tabledFrom) (where.push('tabled_at >= ?'), params.push(new Date(filter.tabledFrom).toISOString()));
  if (filter.tabledTo) (where.push('tabled_at <= ?'), params.push(new Date(filter.tabledTo).toISOString()));
  if (cut.asOf) (where.push('tabled_at <= ?'), params.push(new Date(cut.asOf).toISOString()));
  if (cut.knownAt) (where.push('tabled_recorded_at <= ?'), params.push(new Date(cut.knownAt).toISOString()));
  const select = rm.prepare(`SELECT proposal_id FROM rm_proposals WHERE ${where.join(' AND ')} ORDER BY proposal_id LIMIT ?`);
  const items = [];
  let after = page.after ?? '';
  const states = new CutStates(store, cut, rm);
  for (;;) {
    const ids = (select.all(...params.map((p, i) => (i === 0 ? after : p)), page.limit) as { proposal_id: string }[]).map((r) => r.proposal_id);
    for (const id of ids) {
      after = id;
      const drawn = await proposalAt(store, id, cut, { states }).catch((e) => (e instanceof ProposalNotFound ? undefined : Promise.reject(e)));
      if (!drawn || (filter.status && drawn.view.status !== filter.status)) continue;
      const p = presentProposal(drawn, viewer);
      items.push({ proposalId: p.proposalId, title: p.title, status: p.status, allianceId: p.allianceId, bodyId: p.bodyId, tabledAt: p.tabledAt, waitingFor: p.waitingFor });
      if (items.length === page.limit) return { items, next: id };
    }
    if (ids.length < page.limit) return { items, next: undefined };
  }
}

@QueryHandler(ListProposalsQuery)
export class ListProposalsHandler implements IQueryHandler<ListProposalsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  execute(query: ListProposalsQuery) {
    return listProposals(this.store, this.projections.readModels, query);
  }
}

@QueryHandler(GetProposalDiffQuery)
export class GetProposalDiffHandler implements IQueryHandler<GetProposalDiffQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  async execute({ proposalId, from, to, knownAt, viewer }: GetProposalDiffQuery) {
    await proposalAtOrNotFound(this.store, this.projections, proposalId, { asOf: to, knownAt });
    const diff = await proposalDiff(this.store, proposalId, from, to, knownAt, this.projections.readModels);
    const hidden = (c: (typeof diff.changes)[number]) => {
      const d = c.data as { inPublic?: boolean };
      return !seesEverything(viewer) && c.type === 'DecisionRecorded' && d.inPublic === false;
    };
    return { proposalId, from, to, before: diff.before?.status ?? null, after: diff.after.status, changes: diff.changes.filter((c) => !hidden(c)) };
  }
}

@QueryHandler(WhoDecidedQuery)
export class WhoDecidedHandler implements IQueryHandler<WhoDecidedQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  async execute({ proposalId, cut, viewer }: WhoDecidedQuery) {
    const drawn = await proposalAtOrNotFound(this.store, this.projections, proposalId, cut);
    const { state, refs } = drawn;
    const events = new Map<string, StoredEvent>();
    for await (const e of this.store.readStream(`proposal-${proposalId}`, { recordedUntil: cut.knownAt })) events.set(e.id, e);
    const closing = state.discontinuedBy.length > 0 ? state.decisions.filter((d) => state.discontinuedBy.includes(d.decisionId)) : state.decisions;
    const presented = presentProposal(drawn, viewer);
    const visible = new Set(presented.decisions.map((d) => d.decisionId));
    const closedBy = [...events.values()].find((e) => e.type === 'ProposalDiscontinued');
    return {
      proposalId,
      title: state.terms.title,
      status: drawn.view.status,
      unanimous: drawn.view.unanimous,
      outcome: closedBy && { type: closedBy.type, occurredAt: closedBy.metadata.occurredAt, reason: state.closedReason, source: closedBy.metadata.source, meeting: meetingRef(refs, (closedBy.data as { meetingId?: string }).meetingId) },
      decisions: closing
        .filter((d) => visible.has(d.decisionId))
        .map((d) => {
          const event = events.get(d.eventId);
          return {
            decisionId: d.decisionId,
            outcome: d.outcome,
            date: d.date,
            reference: d.reference,
            inPublic: d.inPublic,
            rationale: d.rationale,
            body: bodyRef(refs, d.bodyId),
            post: postRef(refs.get('body', d.bodyId), d.postId),
            person: personRef(refs, d.personId),
            meeting: meetingRef(refs, d.meetingId),
            source: event?.metadata.source,
            recordedBy: event && actorFor(event.metadata.actor, viewer),
            recordedAt: event?.metadata.recordedAt,
            eventId: d.eventId,
            hash: event?.hash,
          };
        }),
    };
  }
}
