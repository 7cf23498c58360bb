import { dateAsGiven, type SpokenByRead } from '../pages/template-filters';
import type { TrailEntry } from './ledger-reader';

export interface TimelineEntry extends TrailEntry {
  /** A line that says what happened, from the event's own fields. */
  summary: string;
  /** Links to the meeting, body or person the event names. */
  links: Array<{ href: string; text: string }>;
  /** Who said it and for whom, with their names, when the entry names a speaker. */
  spokenBy?: SpokenByRead;
}

const CORRECTIONS = new Set(['EventCorrected', 'EventRetracted']);
const SUMMARY_FIELDS = [
  'title',
  'statement',
  'rationale',
  'reason',
  'content',
  'outcome',
  'name',
  'label',
  'minutes',
  'text',
];

/**
 * An audit trail as a timeline: in order of when things happened, each correction or retraction
 * shown beside the entry it corrects (the entry keeps its own text: events are never edited).
 * `speakers` names who said an entry, by its event id, from the entity's own read (which has the names).
 */
export function timelineOf(
  items: TrailEntry[],
  speakers: ReadonlyMap<string, SpokenByRead> = new Map(),
): TimelineEntry[] {
  const shown = new Set(items.map((i) => i.eventId));
  return items
    .filter((i) => !(CORRECTIONS.has(i.type) && shown.has(String(i.data?.eventId))))
    .map((i) => ({
      ...i,
      summary: summaryOf(i.data),
      links: linksOf(i.data),
      spokenBy: speakers.get(i.eventId),
    }))
    .sort((a, b) =>
      a.occurredAt === b.occurredAt ? a.position - b.position : a.occurredAt < b.occurredAt ? -1 : 1,
    );
}

export function summaryOf(data: Record<string, unknown> | undefined): string {
  if (!data) return '';
  for (const field of SUMMARY_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return '';
}

function linksOf(data: Record<string, unknown> | undefined): TimelineEntry['links'] {
  if (!data) return [];
  const links: TimelineEntry['links'] = [];
  if (typeof data.meetingId === 'string')
    links.push({
      href: `/register/meetings/${encodeURIComponent(data.meetingId)}`,
      text: `Meeting ${data.meetingId}`,
    });
  if (typeof data.bodyId === 'string')
    links.push({ href: `/register/bodies/${encodeURIComponent(data.bodyId)}`, text: `Body ${data.bodyId}` });
  if (typeof data.byBodyId === 'string')
    links.push({
      href: `/register/bodies/${encodeURIComponent(data.byBodyId)}`,
      text: `By ${data.byBodyId}`,
    });
  if (typeof data.personId === 'string')
    links.push({
      href: `/register/people/${encodeURIComponent(data.personId)}`,
      text: `Person ${data.personId}`,
    });
  return links;
}

/** A step of the replay slider: the day its permalink opens the page as of, and the date as given. */
export interface ReplayStep {
  day: string;
  label: string;
}

/**
 * The steps of the slider: each day something happened, in order. A year or a month steps in on
 * its first day, where every as-of view starts counting it (the cut rule), but is labelled as
 * what it is ("2013 (approximate)"), never as that first day. A day given both exactly and as a
 * year or month is labelled by its most exact entry.
 */
export function replaySteps(items: TrailEntry[]): ReplayStep[] {
  const steps = new Map<string, { label: string; exactness: number }>();
  for (const i of items) {
    if (CORRECTIONS.has(i.type)) continue;
    const day = new Date(i.occurredAt).toISOString().slice(0, 10);
    // A year (4 characters), a month (7), a day (10) or a time: the longer, the more exact.
    const exactness = Math.min(i.occurredAt.length, 10) + (i.occurredAtApproximate ? 0 : 1);
    const known = steps.get(day);
    if (!known || exactness > known.exactness)
      // A time steps in on its day in UTC, as the permalink counts it; the slider steps by day.
      steps.set(day, {
        label: dateAsGiven(i.occurredAt.length > 10 ? day : i.occurredAt, i.occurredAtApproximate),
        exactness,
      });
  }
  return [...steps]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, { label }]) => ({ day, label }));
}

/** The days the slider steps through, in order (see replaySteps). */
export function replayDates(items: TrailEntry[]): string[] {
  return replaySteps(items).map((s) => s.day);
}
