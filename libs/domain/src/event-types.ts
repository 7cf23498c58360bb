import type { DECIDERS, REGISTERS } from './deciders';
import type { CorrectionEvent } from './shared/corrections';

/** What a stream's fold takes: the events of its aggregate or register (`evolve`'s second argument). */
type EventsFoldedBy<F> = F extends { evolve(state: never, event: infer E): unknown } ? E : never;

/**
 * Every event the ledger stores: those of each aggregate and register (taken from the folds
 * themselves, so a new aggregate's events join without being listed here) and the corrections,
 * which any stream may hold and which are applied before a fold sees them.
 */
export type LedgerEvent =
  | EventsFoldedBy<(typeof DECIDERS)[keyof typeof DECIDERS]>
  | EventsFoldedBy<(typeof REGISTERS)[keyof typeof REGISTERS]>
  | CorrectionEvent;

export type LedgerEventType = LedgerEvent['type'];

/**
 * Every event type the ledger knows, as a record so that the type checker refuses the list when a
 * type of LedgerEvent is missing from it (or one is here that no event has). Beside COMMAND_TYPES
 * (registry.ts); what a user names an event type by (`ledger events export --types`) is checked
 * against it.
 */
const EVENT_TYPE_RECORD: Readonly<Record<LedgerEventType, true>> = {
  // bodies
  BodyRegistered: true,
  PostCreated: true,
  OfficeHolderAppointed: true,
  OfficeHolderLeft: true,
  QuorumSet: true,
  DecisionReferenceFormatSet: true,
  BodyAbolished: true,
  // people
  PersonRegistered: true,
  // alliances
  AllianceFormed: true,
  AllianceMemberJoined: true,
  AllianceMemberLeft: true,
  // proposals
  ProposalTabled: true,
  ProposalAmended: true,
  ProposalReferred: true,
  ProposalDeferred: true,
  ProposalWithdrawn: true,
  ProposalDiscontinued: true,
  ProposalSuperseded: true,
  ProposalTakenForwardByMember: true,
  ClaimRecorded: true,
  RecommendationIssued: true,
  DecisionRecorded: true,
  // the decision-reference register
  DecisionReferenceReserved: true,
  // meetings
  MeetingScheduled: true,
  MeetingPostponed: true,
  MeetingCancelled: true,
  AgendaItemAdded: true,
  MeetingHeld: true,
  MinutesApproved: true,
  MeetingNoticePublished: true,
  PublicExcluded: true,
  MeetingInterestDeclared: true,
  // votes
  VoteOpened: true,
  VoteCast: true,
  VoteClosed: true,
  // documents
  DocumentRecorded: true,
  // scrutiny
  PublicQuestionAsked: true,
  PublicQuestionAnswered: true,
  DecisionReviewed: true,
  ScrutinyRecommendationMade: true,
  RecommendationResponded: true,
  // corrections, in any stream
  EventCorrected: true,
  EventRetracted: true,
};

/** Every event type the ledger knows, in the order above. */
export const EVENT_TYPES: readonly LedgerEventType[] = Object.keys(EVENT_TYPE_RECORD) as LedgerEventType[];

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isLedgerEventType(type: string): type is LedgerEventType {
  return EVENT_TYPE_SET.has(type);
}
