import { dateAsGiven, type SpokenByRead } from '../pages/template-filters';
import type { TrailEntry } from './ledger-reader';
import type { NameBook } from './names';

export interface TimelineEntry extends TrailEntry {
  /** A line that says what happened, from the event's own fields. */
  summary: string;
  /** Links to the meeting, body or person the event names. */
  links: Array<{ href: string; text: string }>;
  /** Who said it and for whom, with their names, when the entry names a speaker. */
  spokenBy?: SpokenByRead;
}

const CORRECTIONS = new Set(['EventCorrected', 'EventRetracted']);
/**
 * The field that says what an entry was, in order of preference: the first an event gives is its
 * summary. The last three are a question put at a meeting (or a vote's), an answer to one, and an
 * interest declared: each an event's only words of its own.
 */
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
  'question',
  'answer',
  'description',
];

/** The address of a record's page in the register: `registerPath('meetings', id)`. */
export function registerPath(kind: 'proposals' | 'meetings' | 'bodies' | 'people', id: string): string {
  return `/register/${kind}/${encodeURIComponent(id)}`;
}

/**
 * An audit trail as a timeline: in order of when things happened, each correction or retraction
 * shown beside the entry it corrects (the entry keeps its own text: events are never edited).
 * `speakers` names who said an entry, by its event id, from the entity's own read (which has the names).
 * `names` names what the entries give by id alone (see idsOfTrail), for their links.
 * `own` is the page the timeline is drawn on (registerPath): no entry links back to it, since
 * the reader is there already; each links to the other records it names.
 */
export function timelineOf(
  items: TrailEntry[],
  speakers: ReadonlyMap<string, SpokenByRead> = new Map(),
  names?: NameBook,
  own?: string,
): TimelineEntry[] {
  const shown = new Set(items.map((i) => i.eventId));
  return items
    .filter((i) => !(CORRECTIONS.has(i.type) && shown.has(String(i.data?.eventId))))
    .map((i) => ({
      ...i,
      summary: summaryOf(i.data),
      links: linksOf(i.data, names).filter((l) => l.href !== own),
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

/** Links to what an entry names, by name where the page read it, else by kind and id. */
function linksOf(data: Record<string, unknown> | undefined, names?: NameBook): TimelineEntry['links'] {
  if (!data) return [];
  const links: TimelineEntry['links'] = [];
  const link = (
    value: unknown,
    path: Parameters<typeof registerPath>[0],
    named: string | undefined,
    unnamed: string,
  ) => {
    if (typeof value !== 'string') return;
    links.push({ href: registerPath(path, value), text: named ?? `${unnamed} ${value}` });
  };
  const name = (kind: keyof NameBook, id: unknown) =>
    typeof id === 'string' ? names?.[kind][id] : undefined;
  // A meeting's title reads like a body's name: the link says which it is.
  const meeting = name('meeting', data.meetingId);
  link(data.meetingId, 'meetings', meeting && `Meeting: ${meeting}`, 'Meeting');
  // The proposal an entry is about: on a meeting's timeline, what a decision or recommendation decides.
  const proposal = name('proposal', data.proposalId);
  link(data.proposalId, 'proposals', proposal && `Proposal: ${proposal}`, 'Proposal');
  link(data.bodyId, 'bodies', name('body', data.bodyId), 'Body');
  const byBody = name('body', data.byBodyId);
  link(data.byBodyId, 'bodies', byBody && `By ${byBody}`, 'By');
  link(data.personId, 'people', name('person', data.personId), 'Person');
  // A question from the public: whom it was put to, and who answered it.
  const putTo = (kind: 'body' | 'person', id: unknown) => name(kind, id) && `Put to ${name(kind, id)}`;
  link(data.toBodyId, 'bodies', putTo('body', data.toBodyId), 'Put to');
  link(data.toPersonId, 'people', putTo('person', data.toPersonId), 'Put to');
  const answeredBy = name('person', data.answeredBy);
  link(data.answeredBy, 'people', answeredBy && `Answered by ${answeredBy}`, 'Answered by');
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

/** The replay slider as a page draws it: its days, each labelled as given, and the step drawn. */
export interface Replay {
  dates: string[];
  /** As the server writes them, for the script to show while dragging: one wording. */
  labels: string[];
  index: number;
}

/** The slider through `items`' days, at the last day on or before `asOf` (the last day without one). */
export function replayAt(items: TrailEntry[], asOf: string | undefined): Replay {
  const steps = replaySteps(items);
  const dates = steps.map((s) => s.day);
  const asOfDay = asOf?.slice(0, 10);
  const index =
    asOfDay === undefined ? dates.length - 1 : Math.max(0, dates.filter((d) => d <= asOfDay).length - 1);
  return { dates, labels: steps.map((s) => s.label), index };
}

/** The days the slider steps through, in order (see replaySteps). */
export function replayDates(items: TrailEntry[]): string[] {
  return replaySteps(items).map((s) => s.day);
}
