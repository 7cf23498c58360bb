import fc from 'fast-check';

/**
 * Ledgers with things the public may not see, for the leak and time-travel properties: private
 * meetings (with an agenda, attendance, a recommendation, a vote and a decision at each), exempt
 * agenda items, decisions taken in private, decisions taken in private named by id by public
 * events, a meeting found to have been private after it was recorded as public, and corrections
 * and retractions of each. Every hidden field (and every hidden decision's id, where a public
 * event names it) carries its own canary string, so a test can look for it in every answer the
 * public gets.
 */
export type EpisodeKind =
  | 'private-meeting'
  | 'exempt-item'
  | 'private-decision'
  | 'named-private-decisions'
  | 'exempt-annex'
  | 'made-private-later'
  | 'public-only'
  | 'late-found-claim'
  | 'late-minutes'
  | 'not-stated';

export interface Episode {
  kind: EpisodeKind;
  /** Correct the hidden entry (with a canary in the new text and in the reason), or retract it. */
  followUp: 'none' | 'correct' | 'retract';
}

export const episodeArb: fc.Arbitrary<Episode> = fc.record({
  kind: fc.constantFrom<EpisodeKind>(
    'private-meeting',
    'exempt-item',
    'private-decision',
    'named-private-decisions',
    'exempt-annex',
    'made-private-later',
    'public-only',
    'late-found-claim',
    'late-minutes',
    'not-stated',
  ),
  followUp: fc.constantFrom<Episode['followUp']>('none', 'correct', 'retract'),
});

export const episodesArb = fc.array(episodeArb, { minLength: 1, maxLength: 4 });

/**
 * Where an episode is recorded: its place in the ledger (`i`), the proposal tabled for it and the
 * meeting it may hold, both named from `i` by recordHiddenLedger, and its follow-up.
 */
export interface EpisodeAt {
  i: number;
  proposalId: string;
  meetingId: string;
  followUp: Episode['followUp'];
}
