import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { streamName } from '@ledger/domain';
import {
  EVENT_STORE,
  InvalidInput,
  isApproximate,
  type EventStore,
  type StoredEvent,
} from '@ledger/event-store';
import { dateApproximateOf, proposalDateFlags } from '../entry-dates';
import { ProjectionService } from '../projection.service';
import type { ReadModelDb } from '../read-model/read-model.db';
import { CutStates } from '../time-travel/cut-states';
import {
  assertDiffWindow,
  ProposalNotFound,
  proposalAt,
  proposalDiff,
  type ProposalAtCut,
} from '../time-travel/proposal-timeline';
import {
  actorFor,
  dataFor,
  decisionFor,
  seesEverything,
  type NamedDecisions,
  type Viewer,
} from '../visibility';
import { happenedBy } from '../time-travel/time-cut';
import { withSources } from './claim-sources';
import { bodyRef, meetingRef, personRef, postRef, spokenByRead } from './names';
import { NotFoundError } from './not-found.error';
import {
  GetProposalDiffQuery,
  GetProposalQuery,
  ListProposalsQuery,
  WhoDecidedQuery,
} from './proposals.query';
import { provenanceOf } from './provenance';
import { SqlFilter } from './sql-filter';

/** A proposal's id, as its stream names it: what a page of proposals is resumed after. */
const PROPOSAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,190}$/;

/**
 * A proposal as drawn for the viewer. For the public it was drawn from the events the public may
 * see (visibility.ts, through CutStates): a decision taken in private, or anything done at a
 * private meeting, is not in it, and neither is its effect on the status or `waitingFor`; nor is
 * its id where a decision it may see names it (`named`: the proposal's decisions, judged).
 */
export function presentProposal(drawn: ProposalAtCut, viewer: Viewer, named: NamedDecisions) {
  const { state, refs, view } = drawn;
  const decisionOf = (id: string) => state.decisions.find((d) => d.decisionId === id);
  const recommendationOf = (id: string) => state.recommendations.find((r) => r.recommendationId === id);
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
    // Whether each date is a guess, as the entry that set it was dated (absent with closedAt).
    ...proposalDateFlags(state),
    unanimous: view.unanimous,
    supersededBy: state.supersededBy,
    takenForward: state.takenForward && {
      ...state.takenForward,
      dateApproximate: state.takenForwardAtApproximate === true,
      spokenBy: spokenByRead(refs, state.takenForward.spokenBy),
      memberBody: bodyRef(refs, state.takenForward.memberBodyId),
    },
    waitingFor: view.waitingFor.map((id) => bodyRef(refs, id)),
    positions: view.positions.map((p) => ({
      body: bodyRef(refs, p.bodyId),
      standsFor: p.standsFor.map((id) => bodyRef(refs, id)),
      position: p.position,
      // The decision and recommendation behind it are the proposal's own: their dates' flags are theirs.
      decision: p.decision && {
        ...p.decision,
        dateApproximate: dateApproximateOf(decisionOf(p.decision.decisionId)),
        person: personRef(refs, p.decision.personId),
      },
      recommendation: p.recommendation && {
        ...p.recommendation,
        dateApproximate: dateApproximateOf(recommendationOf(p.recommendation.recommendationId)),
      },
    })),
    claims: state.claims.map(({ eventId, ...c }) => ({
      ...c,
      spokenBy: spokenByRead(refs, c.spokenBy),
      eventId,
    })),
    recommendations: state.recommendations.map((r) => ({
      ...r,
      dateApproximate: dateApproximateOf(r),
      byBody: bodyRef(refs, r.byBodyId),
      toBodies: r.toBodyIds.map((id) => bodyRef(refs, id)),
    })),
    decisions: state.decisions.map((d) => ({
      ...decisionFor(viewer, d, named),
      dateApproximate: dateApproximateOf(d),
      body: bodyRef(refs, d.bodyId),
      person: personRef(refs, d.personId),
      post: postRef(refs.get('body', d.bodyId), d.postId),
    })),
    asOf: drawn.date,
  };
}

/** What the viewer may be shown: everything, or the events the public may see. */
export const drawnFor = (projections: ProjectionService, viewer: Viewer) =>
  seesEverything(viewer) ? {} : { publicOnly: projections.readModels.publicEvents() };

/** The decisions of a proposal, judged for the public where its events and decisions name them by id. */
const decisionsOf = (rm: ReadModelDb, proposalId: string) =>
  rm.publicEvents().decisionsNamedIn(streamName('proposal', proposalId));

async function proposalAtOrNotFound(
  store: EventStore,
  projections: ProjectionService,
  id: string,
  cut: GetProposalQuery['cut'],
  viewer: Viewer,
): Promise<ProposalAtCut> {
  try {
    return await proposalAt(store, id, cut, {
      snapshots: projections.readModels,
      ...drawnFor(projections, viewer),
    });
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
    const presented = presentProposal(
      await proposalAtOrNotFound(this.store, this.projections, proposalId, cut, viewer),
      viewer,
      decisionsOf(this.projections.readModels, proposalId),
    );
    return { ...presented, ...(await withSources(this.store, proposalId, presented, cut.knownAt)) };
  }
}

/**
 * A page of proposals. Now: straight from the read model. At a cut: the proposals tabled (or
 * recorded) by then, each drawn at the cut from its nearest dated snapshot, with the bodies and
 * alliances they share read once for the whole page. A status filter at a cut applies after
 * drawing each proposal, so it reads on until the page is full.
 */
export async function listProposals(
  store: EventStore,
  rm: ReadModelDb,
  { filter, page, cut, viewer }: Pick<ListProposalsQuery, 'filter' | 'page' | 'cut' | 'viewer'>,
) {
  // The cursor is the last proposal id of the page before: anything else would silently start
  // from the top (or the end) of the register, so it is refused, naming the parameter.
  if (page.after !== undefined && !PROPOSAL_ID.test(page.after))
    throw new InvalidInput(
      'invalid-read-option',
      'after',
      'after is not a cursor of this register: pass the `next` of the page before, as it was given',
    );
  const where: string[] = ['proposal_id > ?'];
  const params: unknown[] = [page.after ?? ''];
  const timeTravel = cut.asOf !== undefined || cut.knownAt !== undefined;
  const publicOnly = seesEverything(viewer) ? undefined : rm.publicEvents();
  // The stored status counts every event: for the public, a proposal with a withheld event is
  // drawn again (below) and its status checked then.
  const withheld = `EXISTS (SELECT 1 FROM rm_entity_events e JOIN rm_event_visibility v USING (position) WHERE e.entity = 'proposal:' || proposal_id AND v.public = 0)`;
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filter.status && !timeTravel)
    add(publicOnly ? `(status = ? OR ${withheld})` : 'status = ?', filter.status);
  if (filter.allianceId) add('alliance_id = ?', filter.allianceId);
  if (filter.bodyId) add('(body_id = ? OR tabled_by = ?)', filter.bodyId, filter.bodyId);
  // tabled_at is stored as given (`2012`): compared by its first instant (the cut rule).
  const tabled = new SqlFilter().datedRange(
    rm.db,
    { from: filter.tabledFrom, to: filter.tabledTo },
    'tabled_at',
  );
  if (tabled.clauses.length > 0) add(tabled.sql, ...tabled.params);
  if (cut.asOf) add('tabled_at <= ?', new Date(cut.asOf).toISOString());
  if (cut.knownAt) add('tabled_recorded_at <= ?', new Date(cut.knownAt).toISOString());
  const select = rm.prepare(
    `SELECT proposal_id FROM rm_proposals WHERE ${where.join(' AND ')} ORDER BY proposal_id LIMIT ?`,
  );
  const items = [];
  let after = page.after ?? '';
  const states = new CutStates(store, cut, rm, publicOnly);
  for (;;) {
    const ids = (
      select.all(...params.map((p, i) => (i === 0 ? after : p)), page.limit) as { proposal_id: string }[]
    ).map((r) => r.proposal_id);
    for (const id of ids) {
      after = id;
      const drawn = await proposalAt(store, id, cut, { states }).catch((e: unknown) => {
        if (e instanceof ProposalNotFound) return undefined;
        throw e;
      });
      if (!drawn || (filter.status && drawn.view.status !== filter.status)) continue;
      const p = presentProposal(drawn, viewer, decisionsOf(rm, id));
      items.push({
        proposalId: p.proposalId,
        title: p.title,
        status: p.status,
        allianceId: p.allianceId,
        bodyId: p.bodyId,
        tabledAt: p.tabledAt,
        tabledAtApproximate: p.tabledAtApproximate,
        waitingFor: p.waitingFor,
      });
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
    // Before drawing `to`: a window given backwards is the caller's mistake, not a 404.
    assertDiffWindow(from, to);
    await proposalAtOrNotFound(this.store, this.projections, proposalId, { asOf: to, knownAt }, viewer);
    const diff = await proposalDiff(
      this.store,
      proposalId,
      { from, to, knownAt },
      { snapshots: this.projections.readModels, ...drawnFor(this.projections, viewer) },
    );
    const named = decisionsOf(this.projections.readModels, proposalId);
    return {
      proposalId,
      from,
      to,
      before: diff.before?.status ?? null,
      after: diff.after.status,
      changes: diff.changes.map((c) => ({ ...c, data: dataFor(viewer, c.type, c.data, named) })),
    };
  }
}

@QueryHandler(WhoDecidedQuery)
export class WhoDecidedHandler implements IQueryHandler<WhoDecidedQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  async execute({ proposalId, cut, viewer }: WhoDecidedQuery) {
    const drawn = await proposalAtOrNotFound(this.store, this.projections, proposalId, cut, viewer);
    const { state, refs } = drawn;
    // The events behind the drawn state: within the same cut, and those the viewer may see.
    const publicOnly = drawnFor(this.projections, viewer).publicOnly;
    const asOf = cut.asOf && new Date(cut.asOf).toISOString();
    const events = new Map<string, StoredEvent>();
    for await (const e of this.store.readStream(`proposal-${proposalId}`, { recordedUntil: cut.knownAt })) {
      if (happenedBy(e, asOf) && (!publicOnly || publicOnly.isPublic(e.position))) events.set(e.id, e);
    }
    const closing =
      state.discontinuedBy.length > 0
        ? state.decisions.filter((d) => state.discontinuedBy.includes(d.decisionId))
        : state.decisions;
    const closedBy =
      state.lifecycle === 'discontinued'
        ? [...events.values()].find((e) => e.type === 'ProposalDiscontinued')
        : undefined;
    return {
      proposalId,
      title: state.terms.title,
      status: drawn.view.status,
      unanimous: drawn.view.unanimous,
      outcome: closedBy && {
        type: closedBy.type,
        occurredAt: closedBy.metadata.occurredAt,
        occurredAtApproximate: isApproximate(closedBy.metadata),
        reason: state.closedReason,
        ...provenanceOf(closedBy.metadata),
        meeting: meetingRef(refs, (closedBy.data as { meetingId?: string }).meetingId),
      },
      decisions: closing.map((d) => {
        const event = events.get(d.eventId);
        return {
          decisionId: d.decisionId,
          outcome: d.outcome,
          date: d.date,
          dateApproximate: dateApproximateOf(d),
          reference: d.reference,
          inPublic: d.inPublic,
          rationale: d.rationale,
          body: bodyRef(refs, d.bodyId),
          post: postRef(refs.get('body', d.bodyId), d.postId),
          person: personRef(refs, d.personId),
          meeting: meetingRef(refs, d.meetingId),
          ...(event ? provenanceOf(event.metadata) : {}),
          recordedBy: event && actorFor(event.metadata.actor, viewer),
          recordedAt: event?.metadata.recordedAt,
          eventId: d.eventId,
          hash: event?.hash,
        };
      }),
    };
  }
}
