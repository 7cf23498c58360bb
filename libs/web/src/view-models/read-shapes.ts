import type { SpokenByRead } from '../pages/template-filters';
/**
 * The parts of the queries' answers that the pages read themselves. The rest is handed to the
 * templates as it is; the JSON API's response schemas (OpenAPI) describe every field, and the
 * contract tests check the answers against them.
 */
export type Named = { id: string; name: string };

/** GET /bodies/{id} */
export interface BodyRead {
  bodyId: string;
  name: string;
  officeHolders?: Array<{ person: Named; post: { label: string }; startDate?: string; endDate?: string }>;
}

/** GET /meetings/{id} */
export interface MeetingRead {
  title: string;
  scheduledFor: string;
  /** The day it was held, once it was. */
  heldOn?: string;
  /** Absent when not stated; `publicity` says which (not stated is not private). */
  public?: boolean;
  publicity: 'public' | 'private' | 'not-stated';
  bodies: Array<{ id: string }>;
  /** Each by id alone: the pages name them (PageNames). */
  attendees?: Array<{ personId?: string; bodyId?: string; capacity?: string }>;
  quorum?: { bodies: Array<{ bodyId: string }> };
  /** Who declared each interest, by id alone: the page names them (PageNames). */
  interests?: Array<{ personId: string }>;
  documents?: Array<{ documentId: string; sha256: string }>;
}

/** GET /votes/{id} */
export interface VoteRead {
  voteEventId: string;
  question?: string;
  votingBodies: Array<{ id: string }>;
  votes: Array<{ person: Named; body: { id: string }; option: string }>;
}

/** GET /people/{id} */
export interface PersonRead {
  displayName: string;
}

/** GET /proposals/{id} */
export interface ProposalRead {
  proposalId: string;
  title: string;
  /** The alliance that decides it, by id alone: the page names it (PageNames). */
  allianceId?: string;
  /** Each date with the read's own flag of whether it is approximate, as the page draws it. */
  positions?: Array<{
    decision?: { decisionId: string; date: string; dateApproximate: boolean; meetingId?: string };
    recommendation?: { recommendationId: string; date: string; dateApproximate: boolean };
  }>;
  tabledAtApproximate?: boolean;
  closedAtApproximate?: boolean;
  recommendations?: Array<{ recommendationId: string; date: string; dateApproximate: boolean }>;
  decisions?: Array<{ decisionId: string; date: string; dateApproximate: boolean }>;
  claims?: Claim[];
  takenForward?: { spokenBy?: SpokenByRead };
}

/** A claim of a proposal, as GET /proposals/{id} lists it. */
export interface Claim {
  claimId: string;
  subject: string;
  amount: number;
  unit: string;
  qualifier?: string;
  period?: string;
  claimant?: string;
  statement?: string;
  spokenBy?: SpokenByRead;
  eventId: string;
}
