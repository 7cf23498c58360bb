import type { AuditEntity } from './audit-entities';
import type { TimeCut } from '../time-travel/time-cut';
import type { Viewer } from '../visibility';

export interface Page {
  /** The cursor: the last key of the previous page. */
  after?: string;
  limit: number;
}

export interface DateRange {
  from?: string;
  to?: string;
}

export class ListMeetingsQuery {
  constructor(
    readonly filter: { bodyId?: string } & DateRange,
    readonly page: Page,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

export class GetMeetingQuery {
  constructor(
    readonly meetingId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

/**
 * Whether a decision was taken (or a meeting held) in public, as a register lists it. Not stated
 * (a news report of a PCC's decision rarely says) is not private: only `private` withholds it from
 * the public, so the public's register never lists one. The domain's one list (shared/publicity.ts).
 */
export { PUBLICITIES, type Publicity } from '@ledger/domain';

/** How a person is named on a decision: who decided, who signed, the officer who decided under delegation. */
export const PERSON_CAPACITIES = ['decision-maker', 'signatory', 'delegated-officer'] as const;
export type PersonCapacity = (typeof PERSON_CAPACITIES)[number];

/**
 * A body's decisions, like a PCC's list of numbered decision records; with `personId`, the
 * decisions that person is named on, under any of PERSON_CAPACITIES.
 */
export class ListDecisionsQuery {
  constructor(
    readonly filter: { bodyId?: string; proposalId?: string; personId?: string } & DateRange,
    readonly page: Page,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

/** Recommendations, with what came of each: the decisions their recipients (or successors) took after. */
export class ListRecommendationsQuery {
  constructor(
    readonly filter: { proposalId?: string; byBodyId?: string; toBodyId?: string } & DateRange,
    readonly page: Page,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

export class ListVotesByPersonQuery {
  constructor(
    readonly personId: string,
    readonly page: Page,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

export class ListBodiesQuery {
  constructor(
    readonly filter: { classification?: string },
    readonly page: Page,
    readonly cut: TimeCut,
  ) {}
}

// Every kind of record the ledger keeps, from the domain's registry (audit-entities.ts).
export { AUDIT_ENTITIES, isAuditEntity, type AuditEntity } from './audit-entities';

/** Every event that concerns an entity, with who recorded it, who decided, where, and on what source. */
export class GetAuditTrailQuery {
  constructor(
    readonly entity: AuditEntity,
    readonly id: string,
    readonly page: { after?: number; limit: number },
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}
