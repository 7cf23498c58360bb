import type { Environment } from 'nunjucks';
import { idOf } from '../console/command-forms';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A value from a template or an event's data as text: strings as they are, numbers and booleans
 * as written, nothing as empty, anything else as JSON (never "[object Object]").
 */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${value}`;
  return JSON.stringify(value) ?? '';
}

/** "2013-01-31T00:00:00.000Z" → "31 January 2013"; with a time of day when it has one. */
export function longDate(value: unknown): string {
  // A year or a month alone is shown as such: never as a fake first day.
  if (typeof value === 'string' && /^\d{4}$/.test(value)) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value))
    return `${MONTHS[Number(value.slice(5, 7)) - 1]} ${value.slice(0, 4)}`;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return text(value);
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const time = value.length > 10 ? value.slice(11, 16) : '00:00';
  return `${d} ${MONTHS[m - 1]} ${y}${time !== '00:00' ? `, ${time} UTC` : ''}`;
}

/**
 * A date as given, saying when it is approximate: "2013 (approximate)", "March 2014
 * (approximate)", "31 January 2013". The one way every page writes a date that may be approximate
 * (a meeting's, a decision's, a slider's step), so each says it in the same words.
 */
export function dateAsGiven(value: unknown, approximate?: unknown): string {
  const shown = longDate(value);
  return shown && approximate === true ? `${shown} (approximate)` : shown;
}

/** The same with its preposition: "on 31 January 2013" for a day, "in 2013 (approximate)" for a year or month. */
export function onDateAsGiven(value: unknown, approximate?: unknown): string {
  const shown = dateAsGiven(value, approximate);
  if (!shown) return '';
  return `${typeof value === 'string' && /^\d{4}(-\d{2})?$/.test(value) ? 'in' : 'on'} ${shown}`;
}

/**
 * "do-not-proceed" → "do not proceed": a label as words inside a sentence ("recommended “do not
 * proceed”", "went from recommended to rejected"), where a capital would read as a new sentence.
 */
export function phrase(value: unknown): string {
  return text(value).replace(/-/g, ' ');
}

/** "under-consideration" → "Under consideration": a label standing on its own (a tag, a cell). */
export function label(value: unknown): string {
  const words = phrase(value);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "ProposalTabled" → "Proposal tabled". */
export function eventLabel(type: unknown): string {
  const words = text(type)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A query string from the given pairs, leaving out the empty ones. */
export function queryString(params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') query.set(key, text(value));
  const encoded = query.toString();
  return encoded ? `?${encoded}` : '';
}

/**
 * A link to another record of the register (a body, a person, a meeting, a decision, a proposal)
 * at the dates the page is drawn at (`cut`: its `asOf` and `knownAt`): a reader replaying a date
 * who follows it lands on that page at the same date, not on today's. Drawn now, the link is as
 * given. The one way the templates keep the date; a link that leaves the replay on purpose ("Show
 * it now", the slider's own controls, the audit pages, checking an entry, the console) does not
 * take it.
 */
export function atCut(href: unknown, cut: unknown): string {
  const path = text(href);
  const { asOf, knownAt } = (typeof cut === 'object' && cut !== null ? cut : {}) as Record<string, unknown>;
  const query = queryString({ asOf, knownAt });
  if (!query) return path;
  const hash = path.indexOf('#');
  const [address, fragment] = hash < 0 ? [path, ''] : [path.slice(0, hash), path.slice(hash)];
  return `${address}${address.includes('?') ? `&${query.slice(1)}` : query}${fragment}`;
}

/** A size as a reader takes it in: "52,428,800 bytes (50 MiB)"; small sizes in bytes alone. */
export function byteSize(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return text(value);
  const exact = `${n.toLocaleString('en-GB')} bytes`;
  if (n < 1024 * 1024) return exact;
  return `${exact} (${(n / 2 ** 20).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MiB)`;
}

/** Who spoke for whom, as a read gives it (`spokenBy` with its names). */
export interface SpokenByRead {
  name: string;
  role?: string;
  forBody?: { id: string; name: string };
  forPerson?: { id: string; name: string };
}

/**
 * "Andrew White, chief executive, for the Police and Crime Commissioner for Hertfordshire (David
 * Lloyd)": the speaker, their role, and whom they spoke for, body and person as far as named.
 */
export function speakerLine(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const s = value as SpokenByRead;
  const forWhom = s.forBody
    ? `for the ${s.forBody.name}${s.forPerson ? ` (${s.forPerson.name})` : ''}`
    : s.forPerson
      ? `for ${s.forPerson.name}`
      : undefined;
  return [s.name, s.role, forWhom].filter(Boolean).join(', ');
}

export function configureTemplates(env: Environment): void {
  env.addFilter('speaker', speakerLine);
  env.addFilter('longDate', longDate);
  env.addFilter('dateAsGiven', dateAsGiven);
  env.addFilter('onDateAsGiven', onDateAsGiven);
  env.addFilter('bytes', byteSize);
  env.addFilter('label', label);
  env.addFilter('phrase', phrase);
  env.addFilter('fieldId', idOf);
  env.addFilter('eventLabel', eventLabel);
  env.addFilter('qs', queryString);
  env.addFilter('atCut', atCut);
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
  env.addFilter('money', (amount: unknown, unit: unknown) =>
    unit === 'GBP' && typeof amount === 'number'
      ? `£${amount.toLocaleString('en-GB')}`
      : `${Number(amount).toLocaleString('en-GB')} ${text(unit)}`.trim(),
  );
}
