import type { DependentEntry, NamingRecord, Recorded } from '../shared/decider';
import { dataOf, dependentsIn } from '../shared/named-elsewhere';
import type { MeetingEvent } from './meeting.events';
import type { MeetingState } from './meeting.state';

/**
 * The entries that record an outcome at a meeting: a vote taken at it, and a decision,
 * recommendation, deferral or discontinuation recorded as taken at it. Each was refused unless
 * the meeting had been held by then (heldMeeting), so each rests on its holding.
 */
const OUTCOMES = new Set([
  'VoteOpened',
  'DecisionRecorded',
  'RecommendationIssued',
  'ProposalDeferred',
  'ProposalDiscontinued',
]);

/**
 * What rests on a meeting's holding (its record of attendance) in other records: every outcome
 * recorded at it, in the votes and proposals that name it (Decider.namedElsewhere). What only
 * names the meeting (a document, a question) rests on its scheduling, which the ledger checks
 * for any record (shared/corrected-entries.ts).
 */
export function meetingNamedElsewhere(
  entry: Recorded<MeetingEvent>,
  state: MeetingState,
  namers: readonly NamingRecord[],
): DependentEntry[] {
  if (entry.type !== 'MeetingHeld') return [];
  const { meetingId } = state;
  return namers.flatMap((namer) =>
    dependentsIn(
      namer,
      (e) => OUTCOMES.has(e.type) && dataOf(e).meetingId === meetingId,
      `was taken at meeting ${meetingId} (meetingId)`,
    ),
  );
}
