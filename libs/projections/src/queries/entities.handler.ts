import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { displayName, referenceFormatsOf, type AggregateKind } from '@ledger/domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ProjectionService } from '../projection.service';
import { CutStates } from '../time-travel/cut-states';
import { viewDate, type TimeCut } from '../time-travel/time-cut';
import { seesEverything, type Viewer } from '../visibility';
import { bodyRef, foundingDateOf, meetingRef, type Named } from './names';
import { NotFoundError } from './not-found.error';
import {
  GetAllianceQuery,
  GetBodyQuery,
  GetPersonQuery,
  GetProposalPartQuery,
  GetVoteQuery,
} from './entities.query';
import type { GetProposalHandler } from './proposals.handler';
import { GetProposalQuery } from './proposals.query';

const LABELS: Record<AggregateKind, string> = {
  body: 'Body',
  person: 'Person',
  alliance: 'Alliance',
  vote: 'Vote',
  meeting: 'Meeting',
  proposal: 'Proposal',
  document: 'Document',
  question: 'Question',
  review: 'Review',
};

/**
 * Each single-thing read folds the thing's own stream at the cut (from its nearest dated
 * snapshot), so "as of" and "as known at" answer the same way as a proposal's: a thing with no
 * event within the cut did not exist then, and answers 404.
 */
export abstract class EntityAtCut {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    protected readonly projections: ProjectionService,
  ) {}

  /** For the public, drawn from the events it may see (visibility.ts): a thing it may see nothing of answers 404. */
  protected async drawn<K extends AggregateKind>(kind: K, id: string, cut: TimeCut, viewer: Viewer) {
    const states = new CutStates(
      this.store,
      cut,
      this.projections.readModels,
      seesEverything(viewer) ? undefined : this.projections.readModels.publicEvents(),
    );
    const own = await states.state(kind, id);
    if (own.events === 0 || !(own.state as { exists: boolean }).exists)
      throw new NotFoundError(`${LABELS[kind]} ${id}`);
    const person = async (personId: string): Promise<Named> => {
      const { state } = await states.state('person', personId);
      return { id: personId, name: state.exists ? displayName(state) : personId };
    };
    return { state: own.state, states, person, asOf: viewDate(cut, new Date()) };
  }
}

@QueryHandler(GetBodyQuery)
export class GetBodyHandler extends EntityAtCut implements IQueryHandler<GetBodyQuery> {
  async execute({ bodyId, cut, viewer }: GetBodyQuery) {
    const { state, states, person, asOf } = await this.drawn('body', bodyId, cut, viewer);
    const refs = await states.refs([{ kind: 'body', id: bodyId }]);
    return {
      bodyId,
      name: state.name,
      classification: state.classification,
      area: state.area,
      powers: state.powers,
      ...foundingDateOf(state.foundingDate, state.foundingDateApproximate),
      dissolutionDate: state.dissolutionDate,
      decisionReferenceFormat: state.decisionReferenceFormat,
      decisionReferenceFormats: referenceFormatsOf(state),
      successor: state.successorId ? bodyRef(refs, state.successorId) : undefined,
      posts: Object.entries(state.posts).map(([postId, post]) => ({
        postId,
        label: post.label,
        role: post.role,
      })),
      officeHolders: await Promise.all(
        state.memberships.map(async (m) => ({
          membershipId: m.membershipId,
          post: { id: m.postId, label: state.posts[m.postId]?.label ?? m.postId },
          person: await person(m.personId),
          startDate: m.startDate,
          endDate: m.endDate,
        })),
      ),
      quorum: state.quorum,
      asOf,
    };
  }
}

@QueryHandler(GetPersonQuery)
export class GetPersonHandler extends EntityAtCut implements IQueryHandler<GetPersonQuery> {
  async execute({ personId, cut, viewer }: GetPersonQuery) {
    const { state, asOf } = await this.drawn('person', personId, cut, viewer);
    return {
      personId,
      name: state.name,
      honorificPrefix: state.honorificPrefix,
      displayName: displayName(state),
      asOf,
    };
  }
}

@QueryHandler(GetAllianceQuery)
export class GetAllianceHandler extends EntityAtCut implements IQueryHandler<GetAllianceQuery> {
  async execute({ allianceId, cut, viewer }: GetAllianceQuery) {
    const { state, states, asOf } = await this.drawn('alliance', allianceId, cut, viewer);
    const refs = await states.refs([{ kind: 'alliance', id: allianceId }]);
    return {
      allianceId,
      name: state.name,
      decisionRule: state.decisionRule,
      ...foundingDateOf(state.foundingDate, state.foundingDateApproximate),
      members: state.members.map((m) => ({
        body: bodyRef(refs, m.bodyId),
        startDate: m.startDate,
        endDate: m.endDate,
      })),
      asOf,
    };
  }
}

@QueryHandler(GetVoteQuery)
export class GetVoteHandler extends EntityAtCut implements IQueryHandler<GetVoteQuery> {
  async execute({ voteEventId, cut, viewer }: GetVoteQuery) {
    const { state, states, person, asOf } = await this.drawn('vote', voteEventId, cut, viewer);
    const refs = await states.refs([{ kind: 'vote', id: voteEventId }]);
    const proposal = refs.get('proposal', state.proposalId);
    return {
      voteEventId,
      question: state.question,
      proposal: { id: state.proposalId, title: proposal?.exists ? proposal.terms.title : state.proposalId },
      meeting: meetingRef(refs, state.meetingId),
      rule: state.rule,
      votingBodies: state.votingBodyIds.map((id) => bodyRef(refs, id)),
      votes: await Promise.all(
        state.votes.map(async (v) => ({
          person: await person(v.personId),
          body: bodyRef(refs, v.bodyId),
          postId: v.postId,
          option: v.option,
          declaredInterest: v.declaredInterest,
          date: v.date,
          eventId: v.eventId,
        })),
      ),
      closed: state.closed !== undefined,
      result: state.closed?.result,
      counts: state.closed?.counts,
      unanimous: state.closed?.unanimous,
      castingVote: state.closed?.castingVote && {
        ...state.closed.castingVote,
        person: await person(state.closed.castingVote.personId),
      },
      asOf,
    };
  }
}

/**
 * A decision, recommendation or claim of a proposal, read from the proposal as the viewer sees it
 * at the cut: the same visibility and time travel as the proposal itself (a decision taken in
 * private is 404 to the public, as it is absent from the proposal they see).
 */
@QueryHandler(GetProposalPartQuery)
export class GetProposalPartHandler implements IQueryHandler<GetProposalPartQuery> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ proposalId, part, partId, cut, viewer }: GetProposalPartQuery) {
    const proposal: Awaited<ReturnType<GetProposalHandler['execute']>> = await this.queries.execute(
      new GetProposalQuery(proposalId, cut, viewer),
    );
    const found =
      part === 'decision'
        ? proposal.decisions.find((d) => d.decisionId === partId)
        : part === 'recommendation'
          ? proposal.recommendations.find((r) => r.recommendationId === partId)
          : proposal.claims.find((c) => c.claimId === partId);
    if (!found)
      throw new NotFoundError(`${part[0].toUpperCase()}${part.slice(1)} ${partId} of proposal ${proposalId}`);
    return { proposalId, ...found, asOf: proposal.asOf };
  }
}
