import { activeBody, officeHolder } from '../bodies/body.rules';
import type { Decider, DecideContext, DomainCommand, Recorded, References } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { omit } from '../shared/omit';
import { ensure } from '../shared/rules';
import { toInstant } from '../shared/time';
import type { Attendee, MeetingEvent } from './meeting.events';

export type MeetingStatus = 'scheduled' | 'postponed' | 'cancelled' | 'held';

export interface MeetingState {
  exists: boolean;
  meetingId: string;
  title: string;
  bodyIds: string[];
  allianceId?: string;
  scheduledFor: string;
  place?: string;
  public: boolean;
  status: MeetingStatus;
  heldOn?: string;
  chair?: Attendee;
  attendees: Attendee[];
  agenda: Array<{
    itemId: string;
    title: string;
    proposalId?: string;
    exempt: boolean;
    exemptionReason?: string;
  }>;
  minutes?: { minutesReference: string; approvedOn: string };
}

declare module '../shared/decider' {
  interface AggregateStates {
    meeting: MeetingState;
  }
}

export type MeetingCommand =
  | DomainCommand<'ScheduleMeeting', Extract<MeetingEvent, { type: 'MeetingScheduled' }>['data']>
  | DomainCommand<'PostponeMeeting', Extract<MeetingEvent, { type: 'MeetingPostponed' }>['data']>
  | DomainCommand<'CancelMeeting', Extract<MeetingEvent, { type: 'MeetingCancelled' }>['data']>
  | DomainCommand<'AddAgendaItem', Extract<MeetingEvent, { type: 'AgendaItemAdded' }>['data']>
  | DomainCommand<'RecordMeetingHeld', Extract<MeetingEvent, { type: 'MeetingHeld' }>['data']>
  | DomainCommand<'ApproveMinutes', Extract<MeetingEvent, { type: 'MinutesApproved' }>['data']>;

function evolve(state: MeetingState, event: Recorded<MeetingEvent>): MeetingState {
  switch (event.type) {
    case 'MeetingScheduled':
      return { ...state, ...event.data, exists: true, status: 'scheduled' };
    case 'MeetingPostponed':
      return { ...state, status: 'postponed', scheduledFor: event.data.newDate ?? state.scheduledFor };
    case 'MeetingCancelled':
      return { ...state, status: 'cancelled' };
    case 'AgendaItemAdded':
      return { ...state, agenda: [...state.agenda, omit(event.data, ['meetingId'])] };
    case 'MeetingHeld':
      return {
        ...state,
        status: 'held',
        heldOn: event.occurredAt,
        place: event.data.place ?? state.place,
        chair: event.data.chair,
        attendees: event.data.attendees,
      };
    case 'MinutesApproved':
      return {
        ...state,
        minutes: { minutesReference: event.data.minutesReference, approvedOn: event.occurredAt },
      };
    default:
      return assertNever(event, 'meeting event');
  }
}

/** The meeting was held on or before `date`: the precondition of any outcome recorded at it. */
export function heldMeeting(refs: References, meetingId: string, date: string): MeetingState {
  const meeting = refs.get('meeting', meetingId);
  ensure(meeting?.exists, 'not-found', `Meeting ${meetingId} is not recorded`, { meetingId });
  ensure(
    meeting.status === 'held' && meeting.heldOn !== undefined && toInstant(meeting.heldOn) <= toInstant(date),
    'meeting-not-held',
    `Meeting ${meetingId} (${meeting.title}) has not been held${meeting.status === 'held' ? ` by ${date}` : ''}`,
    { meetingId },
  );
  return meeting;
}

function decide(
  command: MeetingCommand,
  state: MeetingState,
  { occurredAt, refs }: DecideContext,
): MeetingEvent[] {
  if (command.type === 'ScheduleMeeting') {
    ensure(!state.exists, 'already-exists', `Meeting ${command.data.meetingId} is already recorded`);
    ensure(command.data.bodyIds.length > 0, 'invalid-value', 'A meeting is held by at least one body');
    for (const id of command.data.bodyIds) activeBody(refs, id, occurredAt);
    return [{ type: 'MeetingScheduled', data: command.data }];
  }
  ensure(state.exists, 'not-found', `Meeting ${command.data.meetingId} is not recorded`);
  ensure(state.status !== 'cancelled', 'meeting-cancelled', `${state.title} was cancelled`);
  switch (command.type) {
    case 'PostponeMeeting':
    case 'CancelMeeting':
      ensure(state.status !== 'held', 'meeting-already-held', `${state.title} was held on ${state.heldOn}`);
      return [
        {
          type: command.type === 'PostponeMeeting' ? 'MeetingPostponed' : 'MeetingCancelled',
          data: command.data,
        },
      ];
    case 'AddAgendaItem':
      ensure(
        !command.data.exempt || (command.data.exemptionReason ?? '').trim() !== '',
        'exemption-needs-reason',
        `Agenda item ${command.data.itemId} is exempt without a ground`,
      );
      ensure(
        !state.agenda.some((i) => i.itemId === command.data.itemId),
        'already-exists',
        `Agenda item ${command.data.itemId} exists`,
      );
      if (command.data.proposalId)
        ensure(
          refs.get('proposal', command.data.proposalId)?.exists,
          'not-found',
          `Proposal ${command.data.proposalId} is not recorded`,
        );
      return [{ type: 'AgendaItemAdded', data: command.data }];
    case 'RecordMeetingHeld': {
      ensure(state.status !== 'held', 'meeting-already-held', `${state.title} was held on ${state.heldOn}`);
      for (const id of state.bodyIds) activeBody(refs, id, occurredAt);
      const chair = command.data.chair;
      if (chair?.bodyId && chair.personId) {
        ensure(
          state.bodyIds.includes(chair.bodyId),
          'invalid-value',
          `The chair's body ${chair.bodyId} does not hold this meeting`,
        );
        officeHolder(activeBody(refs, chair.bodyId, occurredAt), chair.personId, occurredAt);
      }
      return [{ type: 'MeetingHeld', data: command.data }];
    }
    case 'ApproveMinutes':
      ensure(
        state.status === 'held',
        'meeting-not-held',
        `${state.title} has not been held, so it has no minutes`,
      );
      return [{ type: 'MinutesApproved', data: command.data }];
    default:
      return assertNever(command, 'meeting command');
  }
}

export const meetingDecider: Decider<MeetingState, MeetingCommand, MeetingEvent> = {
  category: 'meeting',
  initialState: () => ({
    exists: false,
    meetingId: '',
    title: '',
    bodyIds: [],
    scheduledFor: '',
    public: true,
    status: 'scheduled',
    attendees: [],
    agenda: [],
  }),
  decide,
  evolve,
  streamIdOf: (command) => command.data.meetingId,
  referencesOf(command) {
    switch (command.type) {
      case 'ScheduleMeeting':
        return command.data.bodyIds.map((id) => ({ kind: 'body' as const, id }));
      case 'AddAgendaItem':
        return [
          { kind: 'meeting', id: command.data.meetingId },
          ...(command.data.proposalId ? [{ kind: 'proposal' as const, id: command.data.proposalId }] : []),
        ];
      default:
        return [{ kind: 'meeting', id: command.data.meetingId }];
    }
  },
  retryOnConflict: (command) => command.type !== 'ScheduleMeeting',
};
