import type { TimeCut } from '../time-travel/time-cut';
import type { Viewer } from '../visibility';

export class GetProposalQuery {
  constructor(
    readonly proposalId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

export interface ProposalFilter {
  status?: string;
  allianceId?: string;
  bodyId?: string;
  /** Tabled on or after / before these dates. */
  tabledFrom?: string;
  tabledTo?: string;
}

export class ListProposalsQuery {
  constructor(
    readonly filter: ProposalFilter,
    readonly page: { after?: string; limit: number },
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

export class GetProposalDiffQuery {
  constructor(
    readonly proposalId: string,
    readonly from: string,
    readonly to: string,
    readonly knownAt: string | undefined,
    readonly viewer: Viewer,
  ) {}
}

/** "Who decided what, on what evidence": the decisions behind a proposal's outcome, with people, posts, meeting, chair and sources. */
export class WhoDecidedQuery {
  constructor(
    readonly proposalId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}
