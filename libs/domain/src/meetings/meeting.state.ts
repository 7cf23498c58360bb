import type { Recorded } from '../shared/decider';
import { assertNever } from '../shared/decider';
import type { InterestDeclaration } from '../shared/interests';
import { omit } from '../shared/omit';
import { compareDates } from '../shared/time';
import type { Attendee, MeetingEvent } from './meeting.events';

export type MeetingStatus = 'scheduled' | 'postponed' | 'cancelled' | 'held';

export interface AgendaItem {
  itemId: string;
  title: string;
  proposalId?: string;
  exempt: boolean;
  exemptionReason?: string;
}

export interface ExclusionResolution {
  itemIds: string[];
  paragraph: number;
  publicInterestReason: string;
  eventId: string;
}

export interface MeetingInterest extends InterestDeclaration {
  itemId?: string;
  onExemptItem: boolean;
  eventId: string;
}

export interface MeetingState {
  exists: boolean;
  meetingId: string;
  title: string;
  bodyIds: string[];
  allianceId?: string;
  scheduledFor: string;
  scheduledForApproximate?: boolean;
  place?: string;
  /** Absent: the source does not say (not stated is not private). */
  public?: boolean;
  webcastUrl?: string;
  documentsUrl?: string;
  status: MeetingStatus;
  /** The MeetingHeld entry's `occurredAt`, as given: a year, a month, a day or a date-time. */
  heldOn?: string;
  heldOnApproximate?: boolean;
  startedAt?: string;
  endedAt?: string;
  chair?: Attendee;
  attendees: Attendee[];
  agenda: AgendaItem[];
  /** The minutes approved latest by date (not by when they were recorded: they may be found late). */
  minutes?: { minutesReference: string; approvedOn: string };
  /** The notice published latest by date, however late it was recorded. */
  notice?: { publishedOn: string; reference?: string };
  exclusions: ExclusionResolution[];
  interests: MeetingInterest[];
}

export const initialMeetingState = (): MeetingState => ({
  exists: false,
  meetingId: '',
  title: '',
  bodyIds: [],
  scheduledFor: '',
  status: 'scheduled',
  attendees: [],
  agenda: [],
  exclusions: [],
  interests: [],
});

export function evolveMeeting(state: MeetingState, event: Recorded<MeetingEvent>): MeetingState {
  switch (event.type) {
    case 'MeetingScheduled':
      return { ...state, ...event.data, exists: true, status: 'scheduled' };
    case 'MeetingPostponed':
      // A new date replaces the old one and its guess: it is approximate only if it says so.
      return event.data.newDate === undefined
        ? { ...state, status: 'postponed' }
        : {
            ...state,
            status: 'postponed',
            scheduledFor: event.data.newDate,
            scheduledForApproximate: event.data.newDateApproximate,
          };
    case 'MeetingCancelled':
      return { ...state, status: 'cancelled' };
    case 'AgendaItemAdded':
      return { ...state, agenda: [...state.agenda, omit(event.data, ['meetingId'])] };
    case 'MeetingHeld':
      return held(state, event);
    // Informational entries may be recorded in any order of their dates (shared/late-entries.ts):
    // the one dated latest stands, so a state is the same whatever order they were found in.
    case 'MinutesApproved':
      return state.minutes && compareDates(event.occurredAt, state.minutes.approvedOn) < 0
        ? state
        : {
            ...state,
            minutes: { minutesReference: event.data.minutesReference, approvedOn: event.occurredAt },
          };
    case 'MeetingNoticePublished':
      return state.notice && compareDates(event.data.publishedOn, state.notice.publishedOn) < 0
        ? state
        : { ...state, notice: omit(event.data, ['meetingId']) };
    case 'PublicExcluded':
      return {
        ...state,
        exclusions: [...state.exclusions, { ...omit(event.data, ['meetingId']), eventId: event.id }],
      };
    case 'MeetingInterestDeclared':
      return {
        ...state,
        interests: [...state.interests, { ...omit(event.data, ['meetingId']), eventId: event.id }],
      };
    default:
      return assertNever(event, 'meeting event');
  }
}

function held(state: MeetingState, event: Recorded<Extract<MeetingEvent, { type: 'MeetingHeld' }>>) {
  const { place, chair, attendees, startedAt, endedAt, webcastUrl, heldOnApproximate } = event.data;
  return {
    ...state,
    status: 'held' as const,
    heldOn: event.occurredAt,
    heldOnApproximate,
    place: place ?? state.place,
    chair,
    attendees,
    startedAt,
    endedAt,
    webcastUrl: webcastUrl ?? state.webcastUrl,
  };
}
