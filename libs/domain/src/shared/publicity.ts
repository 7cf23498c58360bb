import type { References } from './decider';

/**
 * Whether something was done in public, as the record states it: a meeting's `public`, a
 * decision's `inPublic`. Absent means the source does not say, and not stated is not private:
 * only a stated `false` withholds anything from the public (libs/projections visibility.ts).
 */
export const PUBLICITIES = ['public', 'private', 'not-stated'] as const;
export type Publicity = (typeof PUBLICITIES)[number];

export function publicityOf(inPublic: boolean | undefined | null): Publicity {
  if (inPublic === undefined || inPublic === null) return 'not-stated';
  return inPublic ? 'public' : 'private';
}

/** What of a decision says where it was taken: its publicity, its meeting, the vote that carried it. */
export interface DecisionSetting {
  inPublic?: boolean | null;
  meetingId?: string;
  voteEventId?: string;
}

/**
 * The private meeting a decision was taken at, or at which the vote that carried it was taken,
 * said as a refusal names it; undefined when neither was private. A vote at a private meeting is withheld
 * with it, so the decision it carried was taken in private too: a public decision citing it would
 * show the public the vote's id, and that it exists. A vote or meeting not loaded counts as none.
 */
export function privateSettingOf(decision: DecisionSetting, refs: References): string | undefined {
  const isPrivate = (meetingId: string | undefined) =>
    meetingId !== undefined && publicityOf(refs.get('meeting', meetingId)?.public) === 'private';
  if (isPrivate(decision.meetingId))
    return `it was taken at meeting ${decision.meetingId}, which was private`;
  const vote = decision.voteEventId === undefined ? undefined : refs.get('vote', decision.voteEventId);
  if (vote?.exists && isPrivate(vote.meetingId))
    return `vote ${decision.voteEventId} was taken at a private meeting, ${vote.meetingId}`;
  return undefined;
}

/**
 * Whether a decision was taken in private: the one place the domain says so. It was if its record
 * says so, or if it was taken at a meeting recorded as private, or carried by a vote taken at one,
 * whatever the decision itself states (or leaves unstated): everything done at a private meeting
 * is withheld with it (README, "What the public can and cannot see"), so a rule that keeps a
 * private decision private (its review, its documents) must count it too. The meeting is read as
 * the ledger holds it now, so a meeting later found to be private makes its decisions private
 * from then on.
 */
export function takenInPrivate(decision: DecisionSetting, refs: References): boolean {
  return publicityOf(decision.inPublic) === 'private' || privateSettingOf(decision, refs) !== undefined;
}
