import { activeBody, standingBodyOn } from '../bodies/body.rules';
import type { Decider, DecideContext, DomainCommand, DomainEvent } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { oneOf } from '../shared/field-values';
import { takenInPrivate } from '../shared/publicity';
import { ensure } from '../shared/rules';

export const RECOMMENDATION_RESPONSES = ['accept', 'reject', 'partly'] as const;
export type RecommendationResponse = (typeof RECOMMENDATION_RESPONSES)[number];

/**
 * A scrutiny body's review of a decision (a Police and Crime Panel reviewing a PCC's decision,
 * Police Reform and Social Responsibility Act 2011 s.28(6)), its recommendations, and the
 * decision-maker's formal response to each. Events after the first carry the review's meeting
 * (copied by the decider), so a review held in private is withheld whole.
 */
export type ReviewEvent =
  | DomainEvent<
      'DecisionReviewed',
      {
        reviewId: string;
        panelBodyId: string;
        proposalId: string;
        decisionId: string;
        meetingId?: string;
        findings: string;
      }
    >
  | DomainEvent<
      'ScrutinyRecommendationMade',
      { reviewId: string; recommendationId: string; text: string; meetingId?: string }
    >
  | DomainEvent<
      'RecommendationResponded',
      {
        reviewId: string;
        recommendationId: string;
        respondedBy: string;
        personId?: string;
        response: RecommendationResponse;
        reasons: string;
        meetingId?: string;
      }
    >;

type DataOf<T extends ReviewEvent['type']> = Extract<ReviewEvent, { type: T }>['data'];

export interface ScrutinyRecommendation {
  recommendationId: string;
  text: string;
  madeAt: string;
  response?: Omit<DataOf<'RecommendationResponded'>, 'reviewId' | 'recommendationId' | 'meetingId'> & {
    respondedAt: string;
  };
}

export interface ReviewState extends DataOf<'DecisionReviewed'> {
  exists: boolean;
  reviewedAt: string;
  recommendations: ScrutinyRecommendation[];
}

declare module '../shared/decider' {
  interface AggregateStates {
    review: ReviewState;
  }
}

export type ReviewCommand =
  | DomainCommand<'ReviewDecision', DataOf<'DecisionReviewed'>>
  | DomainCommand<'MakeScrutinyRecommendation', Omit<DataOf<'ScrutinyRecommendationMade'>, 'meetingId'>>
  | DomainCommand<'RespondToRecommendation', Omit<DataOf<'RecommendationResponded'>, 'meetingId'>>;

/** The review's meeting, for the events after its first (none when it was not at a meeting: JSON has no undefined). */
const meetingOf = (state: ReviewState) =>
  state.meetingId === undefined ? {} : { meetingId: state.meetingId };

function review(data: DataOf<'DecisionReviewed'>, { refs, occurredAt }: DecideContext): ReviewEvent[] {
  activeBody(refs, data.panelBodyId, occurredAt);
  const proposal = refs.get('proposal', data.proposalId);
  ensure(proposal?.exists, 'not-found', `Proposal ${data.proposalId} is not recorded`);
  const decision = proposal.decisions.find((d) => d.decisionId === data.decisionId);
  ensure(decision, 'not-found', `Proposal ${data.proposalId} has no decision ${data.decisionId}`);
  const meeting = data.meetingId === undefined ? undefined : refs.get('meeting', data.meetingId);
  if (data.meetingId !== undefined)
    ensure(meeting?.exists, 'not-found', `Meeting ${data.meetingId} is not recorded`);
  ensure(
    !takenInPrivate(decision, refs) || meeting?.public === false,
    'review-of-private-decision',
    `Decision ${data.decisionId} was taken in private; its review must be recorded at a private meeting`,
  );
  return [{ type: 'DecisionReviewed', data }];
}

function respond(
  state: ReviewState,
  data: Omit<DataOf<'RecommendationResponded'>, 'meetingId'>,
  { refs, occurredAt }: DecideContext,
): ReviewEvent[] {
  const recommendation = state.recommendations.find((r) => r.recommendationId === data.recommendationId);
  ensure(
    recommendation,
    'not-found',
    `Review ${state.reviewId} has no recommendation ${data.recommendationId}`,
  );
  ensure(
    !recommendation.response,
    'already-exists',
    `Recommendation ${data.recommendationId} was answered on ${recommendation.response?.respondedAt}`,
  );
  // The proposal is loaded with the review (registry: referencesOfState), its bodies with it.
  const decision = refs
    .get('proposal', state.proposalId)
    ?.decisions.find((d) => d.decisionId === state.decisionId);
  ensure(
    decision,
    'not-found',
    `Decision ${state.decisionId} of proposal ${state.proposalId} is not recorded`,
  );
  const maker = standingBodyOn(refs, decision.bodyId, occurredAt);
  ensure(
    data.respondedBy === maker,
    'not-decision-maker',
    `${data.respondedBy} did not take decision ${state.decisionId}; ${maker} responds`,
  );
  return [{ type: 'RecommendationResponded', data: { ...data, ...meetingOf(state) } }];
}

function decide(command: ReviewCommand, state: ReviewState, context: DecideContext): ReviewEvent[] {
  if (command.type === 'ReviewDecision') {
    ensure(!state.exists, 'already-exists', `Review ${command.data.reviewId} is already recorded`);
    return review(command.data, context);
  }
  ensure(state.exists, 'not-found', `Review ${command.data.reviewId} is not recorded`);
  switch (command.type) {
    case 'MakeScrutinyRecommendation':
      ensure(
        !state.recommendations.some((r) => r.recommendationId === command.data.recommendationId),
        'already-exists',
        `Recommendation ${command.data.recommendationId} exists`,
      );
      return [{ type: 'ScrutinyRecommendationMade', data: { ...command.data, ...meetingOf(state) } }];
    case 'RespondToRecommendation':
      return respond(state, command.data, context);
    default:
      return assertNever(command, 'review command');
  }
}

export const reviewDecider: Decider<ReviewState, ReviewCommand, ReviewEvent> = {
  category: 'review',
  // What fields may hold beyond their kind, so a correction leaves a valid entry.
  fieldValues: { RecommendationResponded: { response: oneOf(RECOMMENDATION_RESPONSES) } },
  recordedBy: {
    DecisionReviewed: 'ReviewDecision',
    ScrutinyRecommendationMade: 'MakeScrutinyRecommendation',
    RecommendationResponded: 'RespondToRecommendation',
  },
  initialState: () => ({
    exists: false,
    reviewId: '',
    panelBodyId: '',
    proposalId: '',
    decisionId: '',
    findings: '',
    reviewedAt: '',
    recommendations: [],
  }),
  decide,
  evolve(state, event) {
    switch (event.type) {
      case 'DecisionReviewed':
        return { ...state, ...event.data, exists: true, reviewedAt: event.occurredAt };
      case 'ScrutinyRecommendationMade':
        return {
          ...state,
          recommendations: [
            ...state.recommendations,
            {
              recommendationId: event.data.recommendationId,
              text: event.data.text,
              madeAt: event.occurredAt,
            },
          ],
        };
      case 'RecommendationResponded': {
        const { respondedBy, personId, response, reasons } = event.data;
        return {
          ...state,
          recommendations: state.recommendations.map((r) =>
            r.recommendationId === event.data.recommendationId
              ? {
                  ...r,
                  response: { respondedBy, personId, response, reasons, respondedAt: event.occurredAt },
                }
              : r,
          ),
        };
      }
      default:
        return assertNever(event, 'review event');
    }
  },
  streamIdOf: (command) => command.data.reviewId,
  referencesOf(command) {
    switch (command.type) {
      case 'ReviewDecision':
        return [
          { kind: 'body', id: command.data.panelBodyId },
          { kind: 'proposal', id: command.data.proposalId },
          ...(command.data.meetingId ? [{ kind: 'meeting' as const, id: command.data.meetingId }] : []),
        ];
      default:
        return [{ kind: 'review', id: command.data.reviewId }];
    }
  },
  retryOnConflict: (command) => command.type !== 'ReviewDecision',
};
