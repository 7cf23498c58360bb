import type { DomainEvent } from '../shared/decider';

/** What a figure is about. The reports quote several, and they disagree. */
export type ClaimSubject = 'contract-value' | 'savings' | 'funding-gap' | 'staff-affected' | 'other';
export type ClaimQualifier = 'exactly' | 'about' | 'up-to' | 'more-than';
export type RecommendationContent = 'proceed' | 'do-not-proceed' | 'defer' | 'amend';
export type DecisionOutcome = 'approve' | 'reject' | 'defer';

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
      { proposalId: string; memberBodyId: string; newProposalId: string; statement: string }
    >
  | DomainEvent<
      'ClaimRecorded',
      {
        proposalId: string;
        claimId: string;
        subject: ClaimSubject;
        amount: number;
        unit: 'GBP' | 'people' | 'percent';
        qualifier: ClaimQualifier;
        /** "a year", "over 10 years". */
        period?: string;
        /** Who made the claim: G4S, the BBC, the forces. The source document is in the metadata. */
        claimant: string;
        statement: string;
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
        inPublic: boolean;
        meetingId?: string;
        rationale: string;
      }
    >;

export type ProposalEventType = ProposalEvent['type'];
