import { bodyMembersOn, quorumOn } from '../bodies/body.state';
import type { References } from '../shared/decider';
import { barsParticipation } from '../shared/interests';
import { datePrecision } from '../shared/time';
import type { MeetingState } from './meeting.state';

/**
 * How a meeting was run, as its standing orders measure it: whether enough members were present
 * (the quorum), and whether its notice gave five clear days. Both are read from what was
 * recorded; neither changes it.
 */

export interface BodyQuorum {
  bodyId: string;
  /** Members needed, by the body's standing orders on the day. */
  required: number;
  /** Its members recorded as present (neither absent nor recused). */
  present: number;
  quorate: boolean;
}

export interface QuorumReport {
  /** Undefined when no body of the meeting sets a quorum, or no attendance was recorded. */
  quorate?: boolean;
  bodies: BodyQuorum[];
  /** Items at which members with a pecuniary interest (without dispensation) withdrew, leaving too few. */
  inquorateItems: string[];
}

/** Members of `bodyId` counted present at `meeting`, less those barred from the item (if one is named). */
function presentMembers(meeting: MeetingState, refs: References, bodyId: string, itemId?: string): number {
  const body = refs.get('body', bodyId);
  if (!body?.exists || meeting.heldOn === undefined) return 0;
  const members = new Set(bodyMembersOn(body, meeting.heldOn));
  const barred = new Set(
    meeting.interests
      .filter((i) => barsParticipation(i) && (i.itemId === undefined || i.itemId === itemId))
      .map((i) => i.personId),
  );
  const present = new Set(
    meeting.attendees
      .filter((a) => (a.attendance ?? 'present') === 'present' && a.bodyId === bodyId)
      .map((a) => a.personId)
      .filter((id): id is string => id !== undefined && members.has(id) && !barred.has(id)),
  );
  return present.size;
}

export function quorumReport(meeting: MeetingState, refs: References): QuorumReport {
  const heldOn = meeting.heldOn;
  if (meeting.status !== 'held' || heldOn === undefined || meeting.attendees.length === 0)
    return { bodies: [], inquorateItems: [] };
  const rules = meeting.bodyIds.flatMap((bodyId) => {
    const body = refs.get('body', bodyId);
    const required = body?.exists ? quorumOn(body, heldOn) : undefined;
    return required === undefined ? [] : [{ bodyId, required }];
  });
  if (rules.length === 0) return { bodies: [], inquorateItems: [] };
  const bodies = rules.map(({ bodyId, required }) => {
    const present = presentMembers(meeting, refs, bodyId);
    return { bodyId, required, present, quorate: present >= required };
  });
  const itemsWithWithdrawals = [
    ...new Set(
      meeting.interests.filter((i) => barsParticipation(i) && i.itemId !== undefined).map((i) => i.itemId),
    ),
  ].filter((id): id is string => id !== undefined);
  const inquorateItems = itemsWithWithdrawals.filter((itemId) =>
    rules.some(({ bodyId, required }) => presentMembers(meeting, refs, bodyId, itemId) < required),
  );
  return { quorate: bodies.every((b) => b.quorate), bodies, inquorateItems };
}

export interface NoticeReport {
  publishedOn: string;
  reference?: string;
  /**
   * Whole calendar days between the day of publication and the day of the meeting, neither
   * counted. Absent, with the two below, when the meeting's day is not known (scheduled for a
   * year or a month): the days cannot be counted, and are not guessed.
   */
  clearDays?: number;
  /** The same, less Saturdays and Sundays. */
  clearWorkingDays?: number;
  /** Five clear working days or more: reported, never enforced. */
  met?: boolean;
}

/** The minimum notice of a meeting: s.100A(6)(a) and s.100B(3) of the Local Government Act 1972. */
export const NOTICE_CLEAR_DAYS = 5;

const DAY = 86_400_000;
const dayOf = (date: string) => Math.floor(Date.parse(date) / DAY);

/**
 * The notice's clear days before the meeting. "Clear days" leave out the day of publication and
 * the day of the meeting (R v Swansea City Council, ex p Elitestone, 1993). Many councils also
 * leave out weekends and bank holidays; the ledger keeps no bank-holiday calendar, so it leaves
 * out Saturdays and Sundays only, and judges "met" on those working days (a bank holiday in the
 * window can make it say met when a stricter count would not). Days are UTC calendar days.
 */
export function noticeReport(
  notice: { publishedOn: string; reference?: string },
  meetingDate: string,
): NoticeReport {
  const precision = datePrecision(meetingDate);
  if (precision === 'year' || precision === 'month') return { ...notice };
  const from = dayOf(notice.publishedOn);
  const to = dayOf(meetingDate);
  let clearWorkingDays = 0;
  for (let day = from + 1; day < to; day++) {
    const weekday = new Date(day * DAY).getUTCDay();
    if (weekday !== 0 && weekday !== 6) clearWorkingDays++;
  }
  return {
    ...notice,
    clearDays: Math.max(0, to - from - 1),
    clearWorkingDays,
    met: clearWorkingDays >= NOTICE_CLEAR_DAYS,
  };
}
