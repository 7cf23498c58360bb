/**
 * Informational entries: facts about a record (a claim, a meeting's minutes and its notice, and,
 * as they are added, sources, documents, notes) that do not change its state. A fact is often
 * found late (a claim found in 2014 about 2012, minutes found years after the meeting, a notice
 * recorded after the meeting was held), so these may be dated before the record's latest entry
 * and take their place in every as-of view; the rule is in ./aggregate.ts (decideOn). Entries
 * that change a record's state keep their order and are fixed with corrections.
 *
 * A meeting's attendance is not one of them, though it is a fact found in the minutes: quorum is
 * checked on attendance (meeting.conduct.ts), and every outcome recorded at the meeting was
 * accepted because it was quorate then. Attendance dated back among those outcomes would change
 * whether they were quorate after the fact, so it stays in order (`date-goes-backwards`), and a
 * wrong attendance list is fixed with a correction of the MeetingHeld entry.
 *
 * Command type -> the one event type it records. Add new informational entries here.
 */
export const INFORMATIONAL_ENTRIES: Readonly<Record<string, string>> = {
  RecordClaim: 'ClaimRecorded',
  ApproveMinutes: 'MinutesApproved',
  PublishMeetingNotice: 'MeetingNoticePublished',
};

const INFORMATIONAL_COMMANDS = new Set(Object.keys(INFORMATIONAL_ENTRIES));
const INFORMATIONAL_EVENTS = new Set(Object.values(INFORMATIONAL_ENTRIES));

export function isInformationalCommand(type: string): boolean {
  return INFORMATIONAL_COMMANDS.has(type);
}

export function isInformationalEvent(type: string): boolean {
  return INFORMATIONAL_EVENTS.has(type);
}
