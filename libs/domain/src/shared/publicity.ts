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

/**
 * Whether a decision was taken in private: the one place the domain says so. It was if its record
 * says so, or if it was taken at a meeting recorded as private, whatever the decision itself
 * states (or leaves unstated): everything done at a private meeting is withheld with it (README,
 * "What the public can and cannot see"), so a rule that keeps a private decision private (its
 * review, its documents) must count it too. The meeting is read as the ledger holds it now, so
 * a meeting later found to be private makes its decisions private from then on.
 */
export function takenInPrivate(
  decision: { inPublic?: boolean | null; meetingId?: string },
  refs: References,
): boolean {
  if (publicityOf(decision.inPublic) === 'private') return true;
  if (decision.meetingId === undefined) return false;
  return publicityOf(refs.get('meeting', decision.meetingId)?.public) === 'private';
}
