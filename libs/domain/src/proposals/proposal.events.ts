import { SCHEDULE_12A_PARAGRAPHS } from '../meetings/meeting.events';
import type { DomainEvent } from '../shared/decider';
import {
  AMOUNT,
  DATE,
  listOf,
  oneOf,
  orNull,
  shape,
  TEXT,
  UNCERTAIN_DATE,
  type FieldValues,
} from '../shared/field-values';
import { INTEREST_DECLARATION_VALUE, type InterestDeclaration } from '../shared/interests';

/** What a figure is about. The reports quote several, and they disagree. */
export const CLAIM_SUBJECTS = [
  'contract-value',
  'savings',
  'funding-gap',
  'staff-affected',
  'other',
] as const;
export type ClaimSubject = (typeof CLAIM_SUBJECTS)[number];
export const CLAIM_QUALIFIERS = ['exactly', 'about', 'up-to', 'more-than'] as const;
export type ClaimQualifier = (typeof CLAIM_QUALIFIERS)[number];
export const CLAIM_UNITS = ['GBP', 'people', 'percent'] as const;
export type ClaimUnit = (typeof CLAIM_UNITS)[number];
export const RECOMMENDATION_CONTENTS = ['proceed', 'do-not-proceed', 'defer', 'amend'] as const;
export type RecommendationContent = (typeof RECOMMENDATION_CONTENTS)[number];
/**
 * What was decided. A contract's award and its signature are outcomes of their own (the Met's
 * ten-year contract was signed, not tabled); `rescind` and `revoke` undo an earlier decision
 * (rescinding treats it as never made, revoking ends it from then on) and name it.
 */
export const DECISION_OUTCOMES = [
  'approve',
  'reject',
  'defer',
  'award-contract',
  'sign-contract',
  'rescind',
  'revoke',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
/** An approval in principle (subject to a final decision) or the final decision itself. */
export const DECISION_STAGES = ['in-principle', 'final'] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];
/** The decision-maker's declarations on a decision: the same shape as declarations at a meeting. */
export type DeclaredInterest = InterestDeclaration;

/**
 * The part of a decision record withheld from the public, with the paragraph of Schedule 12A to
 * the Local Government Act 1972 that exempts it (1 to 7). Only auditors ever read it.
 */
export interface ExemptAnnex {
  paragraph: number;
  title: string;
  content: string;
}

/** An officer deciding under a scheme of delegation on behalf of the post holder the decision names. */
export interface Delegation {
  personId: string;
  /** The officer's role: Chief Executive, Chief Finance Officer. */
  role: string;
  /** The scheme and paragraph the power comes from. */
  scheme: string;
}

/**
 * Who actually said it, and on whose behalf: Andrew White, chief executive, speaking for the
 * Police and Crime Commissioner for Hertfordshire (David Lloyd, the corporation sole's post
 * holder); Kim Challis, G4S's chief executive. The name and role are as the source gives them; the
 * ids, when given, name people and bodies the ledger holds.
 */
export interface SpokenBy {
  name: string;
  /** As the source gives it: "chief executive". */
  role?: string;
  /** The speaker, when the ledger holds them. */
  personId?: string;
  /** The body spoken for: a PCC as corporation sole, a council. */
  forBodyId?: string;
  /** The person spoken for, who held an office in that body (or the entry's member) on the entry's date. */
  forPersonId?: string;
}

/**
 * What a PCC publishes in a decision record (Elected Local Policing Bodies (Specified Information)
 * Order 2011). All optional: decisions recorded before these fields existed stay as they were.
 */
export interface DecisionRecordFields {
  title?: string;
  summary?: string;
  /** Whose report it acted on: "Report of the Chief Executive". */
  reportOf?: string;
  /** The recommendation it acts on, as the record quotes it… */
  recommendation?: string;
  /** …and, when recorded, the recommendation itself. */
  recommendationId?: string;
  stage?: DecisionStage;
  /** The decision a rescission or revocation undoes. */
  undoesDecisionId?: string;
  delegation?: Delegation;
  signed?: { personId: string; on: string };
  publishedOn?: string;
  keyDecision?: boolean;
  significantPublicInterest?: boolean;
  financialImplications?: string;
  legalImplications?: string;
  interests?: DeclaredInterest[];
  exemptAnnex?: ExemptAnnex;
  /** The vote that carried it. */
  voteEventId?: string;
}

export interface ProposalTerms {
  title: string;
  description: string;
  /** The services in scope: HR, finance, ICT, procurement, … */
  scope: string[];
  contractor?: string;
  /** The route to market: the Lincolnshire Police framework contract with G4S. */
  framework?: string;
}

/** A proposal (Popolo Motion), alliance-wide or for one body. */
export type ProposalEvent =
  | DomainEvent<
      'ProposalTabled',
      ProposalTerms & {
        proposalId: string;
        /** The body that tabled it. */
        tabledBy: string;
        allianceId?: string;
        /** The body it is for, when it is not alliance-wide. */
        bodyId?: string;
        /** The proposal this one takes forward (Hertfordshire's own after the alliance's ended). */
        parentProposalId?: string;
      }
    >
  | DomainEvent<
      'ProposalAmended',
      { proposalId: string; changes: Partial<ProposalTerms>; reason: string; meetingId?: string }
    >
  | DomainEvent<
      'ProposalReferred',
      { proposalId: string; byBodyId: string; toBodyIds: string[]; reason: string; meetingId?: string }
    >
  | DomainEvent<
      'ProposalDeferred',
      { proposalId: string; byBodyId: string; reason: string; until?: string; meetingId?: string }
    >
  | DomainEvent<'ProposalWithdrawn', { proposalId: string; byBodyId: string; reason: string }>
  | DomainEvent<
      'ProposalDiscontinued',
      { proposalId: string; decisionIds: string[]; reason: string; meetingId?: string }
    >
  | DomainEvent<'ProposalSuperseded', { proposalId: string; byProposalId: string; reason: string }>
  | DomainEvent<
      'ProposalTakenForwardByMember',
      {
        proposalId: string;
        memberBodyId: string;
        newProposalId: string;
        statement: string;
        /** Who said it for the member: its chief executive, say. Absent: the member itself. */
        spokenBy?: SpokenBy;
      }
    >
  | DomainEvent<
      'ClaimRecorded',
      {
        proposalId: string;
        claimId: string;
        subject: ClaimSubject;
        amount: number;
        unit: ClaimUnit;
        qualifier: ClaimQualifier;
        /** "a year", "over 10 years". */
        period?: string;
        /** Who made the claim: G4S, the BBC, the forces. The source document is in the metadata. */
        claimant: string;
        statement: string;
        /** The person who made the statement for the claimant, when the source names them. */
        spokenBy?: SpokenBy;
      }
    >
  | DomainEvent<
      'RecommendationIssued',
      {
        proposalId: string;
        recommendationId: string;
        byBodyId: string;
        toBodyIds: string[];
        content: RecommendationContent;
        rationale: string;
        meetingId?: string;
      }
    >
  | DomainEvent<
      'DecisionRecorded',
      {
        proposalId: string;
        decisionId: string;
        bodyId: string;
        /** The post and person who decided: a PCC decides alone, as a corporation sole. */
        postId?: string;
        personId?: string;
        outcome: DecisionOutcome;
        /** The decision record's number, e.g. PCC/D/001. */
        reference?: string;
        /**
         * Whether it was taken in public; absent when the source does not say (a news report of
         * a PCC's decision rarely does). Not stated is not private: only `false` withholds it.
         */
        inPublic?: boolean;
        meetingId?: string;
        rationale: string;
      } & DecisionRecordFields
    >;

export type ProposalEventType = ProposalEvent['type'];

const SPOKEN_BY_VALUE = shape(
  { name: TEXT, role: TEXT, personId: TEXT, forBodyId: TEXT, forPersonId: TEXT },
  ['name'],
);

/** What fields of a proposal's events may hold beyond their kind (checked on a correction: shared/field-values.ts). */
export const PROPOSAL_FIELD_VALUES: FieldValues<ProposalEvent> = {
  ProposalTabled: { scope: listOf(TEXT) },
  ProposalAmended: {
    changes: shape({
      title: TEXT,
      description: TEXT,
      scope: listOf(TEXT),
      contractor: TEXT,
      framework: TEXT,
    }),
  },
  ProposalReferred: { toBodyIds: listOf(TEXT) },
  // null takes an optional field out: an until, an annex or a signature recorded by mistake.
  ProposalDeferred: { until: orNull(DATE) },
  ProposalDiscontinued: { decisionIds: listOf(TEXT) },
  ProposalTakenForwardByMember: { spokenBy: SPOKEN_BY_VALUE },
  ClaimRecorded: {
    subject: oneOf(CLAIM_SUBJECTS),
    amount: AMOUNT,
    unit: oneOf(CLAIM_UNITS),
    qualifier: oneOf(CLAIM_QUALIFIERS),
    spokenBy: SPOKEN_BY_VALUE,
  },
  RecommendationIssued: { content: oneOf(RECOMMENDATION_CONTENTS), toBodyIds: listOf(TEXT) },
  DecisionRecorded: {
    outcome: oneOf(DECISION_OUTCOMES),
    stage: oneOf(DECISION_STAGES),
    publishedOn: orNull(DATE),
    recommendationId: orNull(TEXT),
    interests: listOf(INTEREST_DECLARATION_VALUE),
    exemptAnnex: orNull(
      shape({ paragraph: oneOf(SCHEDULE_12A_PARAGRAPHS), title: TEXT, content: TEXT }, [
        'paragraph',
        'title',
        'content',
      ]),
    ),
    signed: orNull(shape({ personId: TEXT, on: UNCERTAIN_DATE }, ['personId', 'on'])),
    delegation: shape({ personId: TEXT, role: TEXT, scheme: TEXT }, ['personId', 'role', 'scheme']),
  },
};
