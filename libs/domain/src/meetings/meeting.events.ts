import type { DomainEvent } from '../shared/decider';
import {
  DATE,
  listOf,
  oneOf,
  orNull,
  shape,
  TEXT,
  UNCERTAIN_DATE,
  type FieldValues,
} from '../shared/field-values';
import { DISPENSATION_VALUE, INTEREST_TYPE_VALUE, type InterestDeclaration } from '../shared/interests';

/** Whether someone listed for a meeting was there; absent and recused members do not count towards its quorum. */
export const ATTENDANCES = ['present', 'absent', 'recused'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

export interface Attendee {
  /** Absent when the record names only the office ("the chief constables"). */
  personId?: string;
  bodyId?: string;
  /** In what capacity: "Police and Crime Commissioner", "chief executive", "observer". */
  capacity: string;
  /** Present unless the minutes say otherwise (apologies, absent, withdrew). */
  attendance?: Attendance;
}

/**
 * The paragraphs of Schedule 12A to the Local Government Act 1972 that make information exempt
 * (1: an individual; 2: identifying one; 3: financial or business affairs; 4: labour relations;
 * 5: legal privilege; 6: notices and orders; 7: crime).
 */
export const SCHEDULE_12A_PARAGRAPHS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A meeting held by one body or jointly by several, with its agenda and minutes. */
export type MeetingEvent =
  | DomainEvent<
      'MeetingScheduled',
      {
        meetingId: string;
        title: string;
        bodyIds: string[];
        allianceId?: string;
        /**
         * When it is (or was) to be held, as precisely as the source gives it: a year, a month, a
         * day or a date-time (as `occurredAt`), kept as given: "2013" is never a fake 1 January.
         */
        scheduledFor: string;
        /** The date is a guess ("early 2013" given as 2013); absent or false when it is not. */
        scheduledForApproximate?: boolean;
        place?: string;
        /**
         * Whether it is open to the public; absent when the source does not say. Not stated is not
         * private (as a decision's `inPublic`): only `false` withholds the meeting from the public.
         */
        public?: boolean;
        /** Where it is (or will be) broadcast, and where its papers are published. */
        webcastUrl?: string;
        documentsUrl?: string;
      }
    >
  | DomainEvent<
      'MeetingPostponed',
      {
        meetingId: string;
        reason: string;
        /** The new date, as precisely as the source gives it (as `scheduledFor`), kept as given. */
        newDate?: string;
        /** The new date is a guess; absent or false when it is not. */
        newDateApproximate?: boolean;
      }
    >
  | DomainEvent<'MeetingCancelled', { meetingId: string; reason: string }>
  | DomainEvent<
      'AgendaItemAdded',
      {
        meetingId: string;
        itemId: string;
        title: string;
        proposalId?: string;
        exempt: boolean;
        exemptionReason?: string;
      }
    >
  | DomainEvent<
      'MeetingHeld',
      {
        meetingId: string;
        place?: string;
        chair?: Attendee;
        attendees: Attendee[];
        /** When it opened and closed, as the minutes record. */
        startedAt?: string;
        endedAt?: string;
        webcastUrl?: string;
        /**
         * The day it was held is the entry's `occurredAt` (a year, a month, a day or a date-time,
         * kept as given); this marks it as a guess ("early 2013" given as 2013), as
         * `scheduledForApproximate` does the scheduled date. Absent or false when it is not.
         */
        heldOnApproximate?: boolean;
      }
    >
  /** An informational entry (shared/late-entries.ts): it may be dated before the meeting's latest entry. */
  | DomainEvent<
      'MinutesApproved',
      { meetingId: string; minutesReference: string; approvedAtMeetingId?: string }
    >
  /**
   * The notice of the meeting (its agenda) was published: s.100A(6)/s.100B of the 1972 Act. An
   * informational entry, as the minutes are: often recorded after the meeting was held.
   */
  | DomainEvent<'MeetingNoticePublished', { meetingId: string; publishedOn: string; reference?: string }>
  /**
   * A resolution to exclude the public for exempt items (s.100A(4)): the paragraph of Schedule
   * 12A and why the public interest in keeping the information exempt outweighs disclosing it.
   * The resolution is public; the items it covers are not.
   */
  | DomainEvent<
      'PublicExcluded',
      { meetingId: string; itemIds: string[]; paragraph: number; publicInterestReason: string }
    >
  /**
   * A member declared an interest at the meeting, in the whole of it or in one item.
   * `onExemptItem` is the decider's: a declaration on an exempt item is withheld with it.
   */
  | DomainEvent<
      'MeetingInterestDeclared',
      InterestDeclaration & { meetingId: string; itemId?: string; onExemptItem: boolean }
    >;

const ATTENDEE_VALUE = shape(
  { personId: TEXT, bodyId: TEXT, capacity: TEXT, attendance: oneOf(ATTENDANCES) },
  ['capacity'],
);

/** What fields of a meeting's events may hold beyond their kind (checked on a correction: shared/field-values.ts). */
export const MEETING_FIELD_VALUES: FieldValues<MeetingEvent> = {
  // null takes an optional field out (a link, a chair or a time recorded by mistake).
  MeetingScheduled: {
    bodyIds: listOf(TEXT),
    scheduledFor: UNCERTAIN_DATE,
    webcastUrl: orNull(TEXT),
    documentsUrl: orNull(TEXT),
  },
  MeetingPostponed: { newDate: UNCERTAIN_DATE },
  MeetingHeld: {
    chair: orNull(ATTENDEE_VALUE),
    attendees: listOf(ATTENDEE_VALUE),
    startedAt: orNull(DATE),
    endedAt: orNull(DATE),
    webcastUrl: orNull(TEXT),
  },
  MeetingNoticePublished: { publishedOn: DATE },
  PublicExcluded: { itemIds: listOf(TEXT), paragraph: oneOf(SCHEDULE_12A_PARAGRAPHS) },
  MeetingInterestDeclared: { type: INTEREST_TYPE_VALUE, dispensation: DISPENSATION_VALUE },
};
