/** Day 3 of a month: each region's meeting is scheduled, with last month's proposals and the deferred ones on its agenda. */
import type { SourceRef } from '@ledger/event-store';
import type { Step } from './world';
import { month, type Draws, type Meeting, type Region } from './workload';

/** Schedules `region`'s meeting of month `m` for day 15 and adds its agenda items; returns the meeting. */
export function* scheduleMeeting(m: number, region: Region, { chance }: Draws): Generator<Step, Meeting> {
  const actor = `clerk:region-${region.r}`;
  const meetingId = `m-${region.r}-${m}`;
  const isPublic = chance(0.9);
  const agenda = region.due.filter((p) => !p.proposalId.startsWith(`p-${region.r}-${m}-`));
  region.due = region.due.filter((p) => p.proposalId.startsWith(`p-${region.r}-${m}-`));
  const carried = region.carried;
  region.carried = [];
  const meeting: Meeting = { meetingId, public: isPublic, agenda, carried };
  const source: SourceRef = {
    kind: 'agenda',
    reference: `Agenda of meeting ${meetingId}`,
    url: `https://example.org/region-${region.r}/meetings/${m}`,
  };
  yield {
    actor,
    occurredAt: month(m, 3, '08:00'),
    source,
    command: {
      type: 'ScheduleMeeting',
      data: {
        meetingId,
        title: `Strategic alliance board, month ${m}`,
        bodyIds: [...region.bodies, region.jwg],
        allianceId: region.alliance,
        scheduledFor: month(m, 15, '10:00'),
        place: `Headquarters ${region.r}`,
        public: isPublic,
      },
    },
  };
  for (const [n, item] of [
    ...agenda.map((p) => p.proposalId),
    ...carried.map((p) => p.proposalId),
  ].entries()) {
    yield {
      actor,
      occurredAt: month(m, 3, '09:00'),
      source,
      command: {
        type: 'AddAgendaItem',
        data: {
          meetingId,
          itemId: `item-${n}`,
          title: `Business case ${item}`,
          proposalId: item,
          exempt: !isPublic,
          ...(isPublic
            ? {}
            : { exemptionReason: 'Commercially confidential: contract negotiations in progress' }),
        },
      },
    };
  }
  return meeting;
}
