import type { Recorded } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { omit } from '../shared/omit';
import type { ProposalEvent, ProposalTerms, SpokenBy } from './proposal.events';

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
  /** Other aggregates share the flag, and generic readers (exports, snapshots, entity reads) ask it. */
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
  takenForward?: {
    memberBodyId: string;
    newProposalId: string;
    statement: string;
    date: string;
    spokenBy?: SpokenBy;
  };
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

type EventOf<T extends ProposalEvent['type']> = Recorded<Extract<ProposalEvent, { type: T }>>;

/**
 * The tabling sets the proposal's own fields and keeps what its stream already holds: after a
 * retracted tabling, entries recorded before the proposal is tabled again still count.
 */
function tabled(state: ProposalState, event: EventOf<'ProposalTabled'>): ProposalState {
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
    tabledAt: event.occurredAt,
  };
}

function closed(
  state: ProposalState,
  lifecycle: Exclude<Lifecycle, 'open'>,
  event: Recorded<ProposalEvent> & { data: { reason: string } },
): ProposalState {
  return { ...state, lifecycle, closedAt: event.occurredAt, closedReason: event.data.reason };
}

/** What each event adds to the proposal. */
export function evolveProposal(state: ProposalState, event: Recorded<ProposalEvent>): ProposalState {
  const date = event.occurredAt;
  switch (event.type) {
    case 'ProposalTabled':
      return tabled(state, event);
    case 'ProposalAmended':
      return { ...state, terms: { ...state.terms, ...event.data.changes } };
    case 'ProposalReferred':
      return { ...state, referredTo: addAll(state.referredTo, event.data.toBodyIds) };
    case 'ProposalDeferred': {
      const { byBodyId, reason, until } = event.data;
      return { ...state, deferrals: [...state.deferrals, { byBodyId, reason, until, date }] };
    }
    case 'ProposalWithdrawn':
      return closed(state, 'withdrawn', event);
    case 'ProposalDiscontinued':
      return { ...closed(state, 'discontinued', event), discontinuedBy: event.data.decisionIds };
    case 'ProposalSuperseded':
      return { ...closed(state, 'superseded', event), supersededBy: event.data.byProposalId };
    case 'ProposalTakenForwardByMember': {
      const { memberBodyId, newProposalId, statement, spokenBy } = event.data;
      return {
        ...state,
        takenForward: { memberBodyId, newProposalId, statement, date, ...(spokenBy ? { spokenBy } : {}) },
      };
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
