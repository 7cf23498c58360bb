import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { ListMeetingsQuery, type Publicity } from '../queries/registers.query';
import { ExportOcdEventsQuery } from './ocd-events.query';
import { auditTrail, distinctLinks, exportDate } from './sources';

/** The namespace of the ledger's OCD event ids: a meeting's id is always the same `ocd-event/…`. */
const OCD_EVENT_NAMESPACE = '5d0c7a52-6a5e-4c1b-9a63-3f1f8e0b6c2d';
export const ocdEventId = (meetingId: string) => `ocd-event/${uuidv5(meetingId, OCD_EVENT_NAMESPACE)}`;

/** A meeting's status in OCD's words. */
const OCD_STATUS: Record<string, string> = {
  scheduled: 'confirmed',
  postponed: 'tentative',
  cancelled: 'cancelled',
  held: 'passed',
};

/** What an OCD event's description says of the meeting's publicity: nothing when public. */
const OCD_DESCRIPTION: Record<Publicity, string> = {
  public: '',
  private: 'A private meeting',
  'not-stated': 'Whether it is open to the public: not stated',
};

type Named = { id: string; name: string };
interface Meeting {
  meetingId: string;
  title: string;
  bodies: Named[];
  scheduledFor: string;
  scheduledForApproximate?: boolean;
  heldOn?: string;
  heldOnApproximate?: boolean;
  status: string;
  /** Absent when not stated; `publicity` says which. */
  public?: boolean;
  publicity: Publicity;
  place?: string;
  chair?: { personId?: string; bodyId?: string; capacity?: string; person?: Named };
  attendees?: Array<{ personId?: string; bodyId?: string; capacity: string }>;
  agenda?: Array<{ itemId: string; title: string; proposalId?: string }>;
  minutes?: { minutesReference: string; approvedOn: string };
}

/**
 * Each meeting of the meetings register (ListMeetingsQuery, every page: the same visibility rule
 * and cut) as an OCD Event, with its sources from its audit trail. The public's private meeting is
 * what the register shows of it: that it took place, its date and bodies.
 */
@QueryHandler(ExportOcdEventsQuery)
export class ExportOcdEventsHandler implements IQueryHandler<ExportOcdEventsQuery> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ filter, cut, viewer }: ExportOcdEventsQuery) {
    const meetings: Meeting[] = [];
    let after: string | undefined;
    do {
      const page = await this.queries.execute<ListMeetingsQuery, { items: Meeting[]; next?: string }>(
        new ListMeetingsQuery(filter, { after, limit: 100 }, cut, viewer),
      );
      meetings.push(...page.items);
      after = page.next;
    } while (after !== undefined);
    const events = [];
    for (const m of meetings) events.push(await this.event(m, cut, viewer));
    return events;
  }

  private async event(m: Meeting, cut: ExportOcdEventsQuery['cut'], viewer: ExportOcdEventsQuery['viewer']) {
    const start = exportDate(m.heldOn ?? m.scheduledFor);
    const entries = (await auditTrail(this.queries, 'meeting', m.meetingId, cut, viewer)).filter(
      (e) => e.stream === `meeting-${m.meetingId}`,
    );
    const bodyName = new Map(m.bodies.map((b) => [b.id, b.name]));
    const participants = [
      ...m.bodies.map((b) => ({ name: b.name, entity_type: 'organization', note: 'host' })),
      ...(m.chair?.person ? [{ name: m.chair.person.name, entity_type: 'person', note: 'chair' }] : []),
      ...(m.attendees ?? []).map((a) => ({
        name: a.personId ?? bodyName.get(a.bodyId ?? '') ?? a.bodyId ?? a.capacity,
        entity_type: a.personId ? 'person' : 'organization',
        note: `participant: ${a.capacity}`,
      })),
    ];
    return {
      _type: 'event',
      id: ocdEventId(m.meetingId),
      name: m.title,
      description: OCD_DESCRIPTION[m.publicity],
      classification: 'committee-meeting',
      start_date: start,
      end_date: '',
      all_day: !start.includes('T'),
      status: OCD_STATUS[m.status] ?? m.status,
      location: { name: m.place ?? '', note: '', coordinates: null },
      links: [],
      media: [],
      documents: m.minutes
        ? [
            {
              note: `Minutes: ${m.minutes.minutesReference}`,
              date: m.minutes.approvedOn.slice(0, 10),
              classification: 'minutes',
              links: [],
            },
          ]
        : [],
      participants,
      agenda: (m.agenda ?? []).map((item, i) => ({
        description: item.title,
        classification: [],
        order: String(i + 1),
        subjects: [],
        media: [],
        notes: [],
        related_entities: item.proposalId
          ? [{ name: item.proposalId, entity_type: 'bill', note: 'consideration' }]
          : [],
        extras: { ledger_item_id: item.itemId },
      })),
      sources: distinctLinks(entries),
      extras: {
        ledger_meeting_id: m.meetingId,
        bodies: m.bodies.map((b) => b.id),
        // public, private or not-stated (the source does not say; not private).
        ledger_publicity: m.publicity,
        ...((m.heldOn === undefined ? m.scheduledForApproximate : m.heldOnApproximate)
          ? { ledger_start_date_approximate: true }
          : {}),
      },
    };
  }
}
