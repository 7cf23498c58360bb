import { membersOn } from '../alliances/alliance.decider';
import { activeBody, officeHolder } from '../bodies/body.rules';
import { registeredPerson } from '../people/person.decider';
import type { Decider, DecideContext, DomainCommand, References } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { ensure } from '../shared/rules';
import { firstDayOf, isOnOrBefore, lastDayOf, toInstant } from '../shared/time';
import { quorumReport } from './meeting.conduct';
import { meetingNamedElsewhere } from './meeting.dependents';
import { MEETING_FIELD_VALUES, SCHEDULE_12A_PARAGRAPHS, type MeetingEvent } from './meeting.events';
import { evolveMeeting, initialMeetingState, type MeetingState } from './meeting.state';

export * from './meeting.state';

declare module '../shared/decider' {
  interface AggregateStates {
    meeting: MeetingState;
  }
}

type DataOf<T extends MeetingEvent['type']> = Extract<MeetingEvent, { type: T }>['data'];

export type MeetingCommand =
  | DomainCommand<'ScheduleMeeting', DataOf<'MeetingScheduled'>>
  | DomainCommand<'PostponeMeeting', DataOf<'MeetingPostponed'>>
  | DomainCommand<'CancelMeeting', DataOf<'MeetingCancelled'>>
  | DomainCommand<'AddAgendaItem', DataOf<'AgendaItemAdded'>>
  | DomainCommand<'RecordMeetingHeld', DataOf<'MeetingHeld'>>
  | DomainCommand<'ApproveMinutes', DataOf<'MinutesApproved'>>
  | DomainCommand<'PublishMeetingNotice', DataOf<'MeetingNoticePublished'>>
  | DomainCommand<'ExcludePublic', DataOf<'PublicExcluded'>>
  | DomainCommand<'DeclareMeetingInterest', Omit<DataOf<'MeetingInterestDeclared'>, 'onExemptItem'>>;

/**
 * The meeting was held on the day of `date`, and was quorate if its bodies set a quorum and its
 * attendance was recorded: the precondition of any outcome recorded at it. Standing orders (and
 * the Local Government Act 1972 Sch 12 para 6) say no business is transacted without a quorum,
 * so a decision, recommendation or vote at an inquorate meeting is refused, not merely reported.
 * Each date is compared at the precision it is given ("2013-02" takes in a meeting of
 * 2013-02-01), a meeting that ran past midnight to the day it ended, and as the calendar day it
 * is written on (time.ts, firstDayOf): business done at 00:30 BST on the 10th
 * (2012-06-10T00:30:00+01:00) was done on the 10th, as the clerk wrote it, though it was the 9th
 * in UTC. The meeting's day is read from its holding's date as stored: a day as given, a
 * date-time as the store writes it (in UTC). `by`, when the entry is done
 * by a body or an alliance, must be one the meeting is of (`meetingIsOf`).
 */
export function heldMeeting(
  refs: References,
  meetingId: string,
  date: string,
  by?: { bodyId?: string; allianceId?: string },
): MeetingState {
  const meeting = refs.get('meeting', meetingId);
  ensure(meeting?.exists, 'not-found', `Meeting ${meetingId} is not recorded`, { meetingId });
  ensure(
    meeting.status === 'held' &&
      meeting.heldOn !== undefined &&
      firstDayOf(meeting.heldOn) <= lastDayOf(date),
    'meeting-not-held',
    `Meeting ${meetingId} (${meeting.title}) has not been held${meeting.status === 'held' ? ` by ${date}` : ''}`,
    { meetingId },
  );
  ensure(
    firstDayOf(date) <= lastDayOf(meeting.endedAt ?? meeting.heldOn),
    'not-meeting-day',
    `The entry is dated ${date}, but meeting ${meetingId} (${meeting.title}) was held on ${meeting.heldOn}`,
    { meetingId, heldOn: meeting.heldOn, date },
  );
  if (by) meetingIsOf(meeting, by, refs, date);
  const quorum = quorumReport(meeting, refs);
  ensure(
    quorum.quorate !== false,
    'meeting-inquorate',
    `${meeting.title} was inquorate: ${quorum.bodies
      .filter((b) => !b.quorate)
      .map((b) => `${b.present} of the ${b.required} members of ${b.bodyId} needed were present`)
      .join('; ')}`,
    { meetingId },
  );
  return meeting;
}

/**
 * The `not-meeting-body` rule: a meeting is of the bodies it names (`bodyIds`) and, when it is an
 * alliance's meeting, of that alliance and the alliance's members on the day (an alliance's
 * meeting names the bodies that met, which may be its working group alone). An alliance's vote
 * may also be taken at a meeting of all its members.
 */
function meetingIsOf(
  meeting: MeetingState,
  by: { bodyId?: string; allianceId?: string },
  refs: References,
  date: string,
): void {
  const membersOf = (allianceId: string | undefined) => {
    const alliance = allianceId ? refs.get('alliance', allianceId) : undefined;
    return alliance?.exists ? membersOn(alliance, refs, date) : [];
  };
  const ofIt = by.bodyId
    ? meeting.bodyIds.includes(by.bodyId) || membersOf(meeting.allianceId).includes(by.bodyId)
    : // An alliance's vote: at its own meeting, or at one of every body it then had as a member.
      by.allianceId !== undefined &&
      (by.allianceId === meeting.allianceId ||
        membersOf(by.allianceId).every((id) => meeting.bodyIds.includes(id)));
  const who = by.bodyId ? (refs.get('body', by.bodyId)?.name ?? by.bodyId) : by.allianceId;
  ensure(
    ofIt,
    'not-meeting-body',
    `${who} is not a body of meeting ${meeting.meetingId} (${meeting.title}): it is of ${[
      ...meeting.bodyIds,
      ...(meeting.allianceId ? [`the alliance ${meeting.allianceId} and its members`] : []),
    ].join(', ')}`,
    { meetingId: meeting.meetingId, ...by },
  );
}

function addAgendaItem(state: MeetingState, data: DataOf<'AgendaItemAdded'>, refs: References) {
  ensure(
    !data.exempt || (data.exemptionReason ?? '').trim() !== '',
    'exemption-needs-reason',
    `Agenda item ${data.itemId} is exempt without a ground`,
  );
  ensure(
    !state.agenda.some((i) => i.itemId === data.itemId),
    'already-exists',
    `Agenda item ${data.itemId} exists`,
  );
  if (data.proposalId)
    ensure(
      refs.get('proposal', data.proposalId)?.exists,
      'not-found',
      `Proposal ${data.proposalId} is not recorded`,
    );
  return [{ type: 'AgendaItemAdded' as const, data }];
}

function recordHeld(state: MeetingState, data: DataOf<'MeetingHeld'>, refs: References, occurredAt: string) {
  ensure(state.status !== 'held', 'meeting-already-held', `${state.title} was held on ${state.heldOn}`);
  for (const id of state.bodyIds) activeBody(refs, id, occurredAt);
  const chair = data.chair;
  if (chair?.bodyId && chair.personId) {
    ensure(
      state.bodyIds.includes(chair.bodyId),
      'invalid-value',
      `The chair's body ${chair.bodyId} does not hold this meeting`,
    );
    officeHolder(activeBody(refs, chair.bodyId, occurredAt), chair.personId, occurredAt);
  }
  if (data.startedAt && data.endedAt)
    ensure(
      toInstant(data.startedAt) <= toInstant(data.endedAt),
      'invalid-value',
      `${state.title} cannot end (${data.endedAt}) before it started (${data.startedAt})`,
    );
  return [{ type: 'MeetingHeld' as const, data }];
}

function excludePublic(state: MeetingState, data: DataOf<'PublicExcluded'>) {
  ensure(
    (SCHEDULE_12A_PARAGRAPHS as readonly number[]).includes(data.paragraph),
    'schedule-12a-paragraph',
    `Paragraph ${data.paragraph} is not a paragraph of Schedule 12A (1 to 7)`,
  );
  ensure(data.itemIds.length > 0, 'exclusion-needs-exempt-item', 'The resolution names no agenda item');
  for (const itemId of data.itemIds) {
    const item = state.agenda.find((i) => i.itemId === itemId);
    ensure(item, 'not-found', `${state.title} has no agenda item ${itemId}`);
    ensure(item.exempt, 'exclusion-needs-exempt-item', `Agenda item ${itemId} is not recorded as exempt`);
  }
  return [{ type: 'PublicExcluded' as const, data }];
}

function declareInterest(
  state: MeetingState,
  data: Omit<DataOf<'MeetingInterestDeclared'>, 'onExemptItem'>,
  refs: References,
) {
  registeredPerson(refs, data.personId);
  const item = data.itemId === undefined ? undefined : state.agenda.find((i) => i.itemId === data.itemId);
  if (data.itemId !== undefined)
    ensure(item, 'not-found', `${state.title} has no agenda item ${data.itemId}`);
  // Withheld with its item: what a member declares about an exempt item may say what the item is.
  return [
    { type: 'MeetingInterestDeclared' as const, data: { ...data, onExemptItem: item?.exempt ?? false } },
  ];
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
      ensure(state.status !== 'held', 'meeting-already-held', `${state.title} was held on ${state.heldOn}`);
      return [{ type: 'MeetingPostponed', data: command.data }];
    case 'CancelMeeting':
      ensure(state.status !== 'held', 'meeting-already-held', `${state.title} was held on ${state.heldOn}`);
      return [{ type: 'MeetingCancelled', data: command.data }];
    case 'AddAgendaItem':
      return addAgendaItem(state, command.data, refs);
    case 'RecordMeetingHeld':
      return recordHeld(state, command.data, refs, occurredAt);
    case 'ApproveMinutes':
      // Minutes may be found and recorded late (an informational entry), but not dated before
      // the meeting they minute: no as-of view shows minutes of a meeting not yet held.
      ensure(
        state.status === 'held' && state.heldOn !== undefined && isOnOrBefore(state.heldOn, occurredAt),
        'meeting-not-held',
        `${state.title} has not been held${state.status === 'held' ? ` by ${occurredAt}` : ''}, so it has no minutes`,
        { meetingId: state.meetingId },
      );
      return [{ type: 'MinutesApproved', data: command.data }];
    case 'PublishMeetingNotice':
      // Late notice is reported on the meeting (noticeReport), never refused: the ledger records what was done.
      return [{ type: 'MeetingNoticePublished', data: command.data }];
    case 'ExcludePublic':
      return excludePublic(state, command.data);
    case 'DeclareMeetingInterest':
      return declareInterest(state, command.data, refs);
    default:
      return assertNever(command, 'meeting command');
  }
}

export const meetingDecider: Decider<MeetingState, MeetingCommand, MeetingEvent> = {
  category: 'meeting',
  fieldValues: MEETING_FIELD_VALUES,
  recordedBy: {
    MeetingScheduled: 'ScheduleMeeting',
    MeetingPostponed: 'PostponeMeeting',
    MeetingCancelled: 'CancelMeeting',
    AgendaItemAdded: 'AddAgendaItem',
    MeetingHeld: 'RecordMeetingHeld',
    MinutesApproved: 'ApproveMinutes',
    MeetingNoticePublished: 'PublishMeetingNotice',
    PublicExcluded: 'ExcludePublic',
    MeetingInterestDeclared: 'DeclareMeetingInterest',
  },
  // What other records took at the meeting rests on its holding (meeting.dependents.ts).
  namedElsewhere: meetingNamedElsewhere,
  initialState: initialMeetingState,
  decide,
  evolve: evolveMeeting,
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
      case 'DeclareMeetingInterest':
        return [
          { kind: 'meeting', id: command.data.meetingId },
          { kind: 'person', id: command.data.personId },
        ];
      default:
        return [{ kind: 'meeting', id: command.data.meetingId }];
    }
  },
  retryOnConflict: (command) => command.type !== 'ScheduleMeeting',
};
