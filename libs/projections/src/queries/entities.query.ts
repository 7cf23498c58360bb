import type { TimeCut } from '../time-travel/time-cut';
import type { Viewer } from '../visibility';

/**
 * One thing as it stood at a cut: what one recorded, read back. Each answers 404 when the thing
 * did not exist at the cut, or when the viewer may not see it.
 */
export class GetBodyQuery {
  constructor(
    readonly bodyId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

export class GetPersonQuery {
  constructor(
    readonly personId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

export class GetAllianceQuery {
  constructor(
    readonly allianceId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

/** A vote (Popolo VoteEvent): the public does not see one taken at a private meeting. */
export class GetVoteQuery {
  constructor(
    readonly voteEventId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

/** What was recorded on a proposal, one item at a time: a decision, a recommendation, a claim (as the proposal shows it at the cut). */
export type ProposalPart = 'decision' | 'recommendation' | 'claim';

export class GetProposalPartQuery {
  constructor(
    readonly proposalId: string,
    readonly part: ProposalPart,
    readonly partId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}
