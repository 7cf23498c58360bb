import type { Recorded } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { omit } from '../shared/omit';
import type { ProposalEvent, ProposalTerms } from './proposal.events';

export type Lifecycle = 'open' | 'withdrawn' | 'discontinued' | 'superseded';

type DataOf<T extends ProposalEvent['type']> = Omit<
  Extract<ProposalEvent, { type: T }>['data'],
  'proposalId'
>;

/** A decision as the proposal keeps it: the event's data, its id and when it happened. */
export type DecisionEntry = DataOf<'DecisionRecorded'> & { eventId: string; date: string };
export type RecommendationEntry = DataOf<'RecommendationIssued'> & { eventId: string; date: string };
export type ClaimEntry = DataOf<'ClaimRecorded'> & { eventId: string };

export interface ProposalState {
  exists: boolean;
  proposalId: string;
  terms: ProposalTerms;
  tabledBy: string;
  tabledAt: string;
  allianceId?: string;
  bodyId?: string;
  parentProposalId?: string;
  lifecycle: Lifecycle;
  closedAt?: string;
  closedReason?: string;
  supersededBy?: string;
  takenForward?: { memberBodyId: string; newProposalId: string; statement: string; date: string };
  /** Bodies it stands referred to, in order; successors are applied when status is derived. */
  referredTo: string[];
  deferrals: Array<{ byBodyId: string; reason: string; until?: string; date: string }>;
  recommendations: RecommendationEntry[];
  decisions: DecisionEntry[];
  discontinuedBy: string[];
  claims: ClaimEntry[];
}

export const initialProposalState = (): ProposalState => ({
  exists: false,
  proposalId: '',
  terms: { title: '', description: '', scope: [] },
  tabledBy: '',
  tabledAt: '',
  lifecycle: 'open',
  referredTo: [],
  deferrals: [],
  recommendations: [],
  decisions: [],
  discontinuedBy: [],
  claims: [],
});

const addAll = (list: string[], more: readonly string[]) => [
  ...list,
  ...more.filter((id) => !list.includes(id)),
];

export function evolveProposal(state: ProposalState, event: Recorded<ProposalEvent>): ProposalState {
  const date = event.occurredAt;
  switch (event.type) {
    case 'ProposalTabled': {
      const { proposalId, tabledBy, allianceId, bodyId, parentProposalId } = event.data;
      const terms = omit(event.data, ['proposalId', 'tabledBy', 'allianceId', 'bodyId', 'parentProposalId']);
      return {
        ...state,
        exists: true,
        proposalId,
        tabledBy,
        allianceId,
        bodyId,
        parentProposalId,
        terms,
        tabledAt: date,
      };
    }
    case 'ProposalAmended':
      return { ...state, terms: { ...state.terms, ...event.data.changes } };
    case 'ProposalReferred':
      return { ...state, referredTo: addAll(state.referredTo, event.data.toBodyIds) };
    case 'ProposalDeferred':
      return {
        ...state,
        deferrals: [
          ...state.deferrals,
          { byBodyId: event.data.byBodyId, reason: event.data.reason, until: event.data.until, date },
        ],
      };
    case 'ProposalWithdrawn':
      return { ...state, lifecycle: 'withdrawn', closedAt: date, closedReason: event.data.reason };
    case 'ProposalDiscontinued':
      return {
        ...state,
        lifecycle: 'discontinued',
        closedAt: date,
        closedReason: event.data.reason,
        discontinuedBy: event.data.decisionIds,
      };
    case 'ProposalSuperseded':
      return {
        ...state,
        lifecycle: 'superseded',
        closedAt: date,
        closedReason: event.data.reason,
        supersededBy: event.data.byProposalId,
      };
    case 'ProposalTakenForwardByMember': {
      const { memberBodyId, newProposalId, statement } = event.data;
      return { ...state, takenForward: { memberBodyId, newProposalId, statement, date } };
    }
    case 'ClaimRecorded':
      return { ...state, claims: [...state.claims, omit(event.data, ['proposalId'], { eventId: event.id })] };
    case 'RecommendationIssued':
      return {
        ...state,
        recommendations: [
          ...state.recommendations,
          omit(event.data, ['proposalId'], { eventId: event.id, date }),
        ],
        // A recommendation to bodies refers the proposal to them for decision.
        referredTo: addAll(state.referredTo, event.data.toBodyIds),
      };
    case 'DecisionRecorded':
      return {
        ...state,
        decisions: [...state.decisions, omit(event.data, ['proposalId'], { eventId: event.id, date })],
      };
    default:
      return assertNever(event, 'proposal event');
  }
}

/** Each body's latest decision (a deferral can be followed by a decision). */
export function latestDecisionBy(state: ProposalState, bodyId: string): DecisionEntry | undefined {
  return [...state.decisions].reverse().find((d) => d.bodyId === bodyId);
}
