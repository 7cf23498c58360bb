import type { DependentEntry, NamingRecord, References, Recorded } from '../shared/decider';
import { dataOf, dependentsIn, namersOf } from '../shared/named-elsewhere';
import { heldMeeting } from '../meetings/meeting.decider';
import { quoted } from '../shared/field-values';
import { ensure } from '../shared/rules';
import type { VotingEvent } from './vote.events';
import { ballotPost, closingOf, ensureInterestStated, ensureVotingBody } from './vote.rules';
import type { VoteEventState } from './vote.state';

/**
 * What a vote's corrections and retractions are held to beyond deciding its closing again
 * (shared/corrected-entries.ts). An opening and a ballot are not decided again: casting and
 * opening ask whether the proposal is still undecided, which it is not once the vote carried its
 * decision. A ballot is held to its own rules instead, as casting it runs them. An opening is held
 * to what was cast and closed under it: its rule and voting bodies may be corrected only while
 * every ballot is still for a voting body and the ballots still give the closing recorded. That
 * is chosen over refusing every correction of them once a ballot is cast: a mistyped quorum that
 * gives the same result is mended in place, and one that does not is refused, naming the closing
 * to retract first (then the vote is closed again, by the rule as corrected).
 */

type Closing = Extract<VotingEvent, { type: 'VoteClosed' }>['data'];
const WORKED_OUT = ['counts', 'result', 'unanimous', 'castingVote'] as const;
type WorkedOut = (typeof WORKED_OUT)[number];

/** Equal values, objects field by field: stored counts may hold their options in any order. */
const same = (x: unknown, y: unknown): boolean =>
  x !== null && typeof x === 'object' && y !== null && typeof y === 'object'
    ? Object.keys({ ...x, ...y }).every((k) =>
        same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]),
      )
    : x === y;

/** The worked-out fields on which two closings differ. */
function differing(a: Omit<Closing, 'voteEventId'>, b: Omit<Closing, 'voteEventId'>): Set<WorkedOut> {
  return new Set(WORKED_OUT.filter((field) => !same(a[field], b[field])));
}

/** An opening as corrected, against the ballots cast and the closing recorded under it. */
function checkCorrectedOpening(
  opening: Extract<VotingEvent, { type: 'VoteOpened' }>['data'],
  state: VoteEventState,
): void {
  const { rule, votingBodyIds } = opening;
  // Only a ballot that was for a voting body is refused for not being one (what it breaks).
  for (const v of state.votes)
    if (state.votingBodyIds.includes(v.bodyId))
      ensureVotingBody(v.bodyId, votingBodyIds, `ballot ${v.eventId} of ${v.personId}`);
  const { closed } = state;
  if (!closed) return;
  const was = closingOf(state, closed.castingVote);
  const is = closingOf({ ...state, rule, votingBodyIds }, closed.castingVote);
  // A field the closing disagreed on already (a ballot corrected since) is left to its own correction.
  const already = differing(closed, was);
  const wrong = [...differing(closed, is)].filter((field) => !already.has(field));
  ensure(
    wrong.length === 0,
    'correction-invalid-value',
    `${wrong
      .map((f) => `the closing records ${f} ${quoted(closed[f])}, the ballots give ${quoted(is[f])}`)
      .join('; ')} by the opening as corrected; retract the closing first, then close the vote again`,
    { fields: wrong.map((field) => ({ field, allowed: quoted(is[field]) })) },
  );
}

/** Rules a corrected ballot or opening keeps (Decider.checkCorrected). */
export function checkCorrectedVote(
  corrected: Recorded<VotingEvent>,
  state: VoteEventState,
  refs: References,
): void {
  // Opened and cast at the vote's meeting, on a day it was held (not-meeting-day), as when they
  // were recorded: asked again when either is corrected, and when the meeting is (its end moved
  // before a ballot cast past midnight: shared/corrected-across-records.ts).
  if (corrected.type === 'VoteOpened') {
    const { meetingId, bodyId, allianceId } = corrected.data;
    heldMeeting(refs, meetingId, corrected.occurredAt, { bodyId, allianceId });
    return checkCorrectedOpening(corrected.data, state);
  }
  if (corrected.type !== 'VoteCast') return;
  heldMeeting(refs, state.meetingId, corrected.occurredAt);
  const ballot = corrected.data;
  const held = ballotPost(ballot, state, { occurredAt: corrected.occurredAt, refs });
  ensure(
    held === ballot.postId,
    'not-office-holder',
    `${ballot.personId} held ${held}, not ${ballot.postId}, on ${corrected.occurredAt}`,
  );
  ensureInterestStated(ballot);
}

/**
 * The decisions that name this vote as the one that carried it: a vote they name is opened and
 * closed, so neither entry is retracted while they stand (Decider.namedElsewhere). They are in
 * the proposals that name the vote.
 */
export function votesNamedElsewhere(
  entry: Recorded<VotingEvent>,
  state: VoteEventState,
  namers: readonly NamingRecord[],
): DependentEntry[] {
  if (entry.type !== 'VoteOpened' && entry.type !== 'VoteClosed') return [];
  const { voteEventId } = state;
  return namersOf(namers, 'proposal').flatMap((proposal) =>
    dependentsIn(
      proposal,
      (e) => e.type === 'DecisionRecorded' && dataOf(e).voteEventId === voteEventId,
      `names vote ${voteEventId} as the vote that carried it (voteEventId)`,
    ),
  );
}
