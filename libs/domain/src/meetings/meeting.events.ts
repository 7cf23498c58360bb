import type { DomainEvent } from '../shared/decider';

export interface Attendee {
  /** Absent when the record names only the office ("the chief constables"). */
  personId?: string;
  bodyId?: string;
  /** In what capacity: "Police and Crime Commissioner", "chief executive", "observer". */
  capacity: string;
}

/** A meeting held by one body or jointly by several, with its agenda and minutes. */
export type MeetingEvent =
  | DomainEvent<
      'MeetingScheduled',
      {
        meetingId: string;
        title: string;
        bodyIds: string[];
        allianceId?: string;
        scheduledFor: string;
        place?: string;
        public: boolean;
      }
    >
  | DomainEvent<'MeetingPostponed', { meetingId: string; reason: string; newDate?: string }>
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
  | DomainEvent<'MeetingHeld', { meetingId: string; place?: string; chair?: Attendee; attendees: Attendee[] }>
  | DomainEvent<
      'MinutesApproved',
      { meetingId: string; minutesReference: string; approvedAtMeetingId?: string }
    >;
