import { DECIDERS } from '@ledger/domain';

/** Ids of bodies, people, proposals, meetings, votes, posts, …: a letter or digit, then letters, digits, _ . : - */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const ID_MESSAGE =
  '$property must be an id: a letter or digit, then up to 127 letters, digits or _ . : -';

/**
 * A date (2012-11-22, its first instant in UTC) or a date-time with its time zone
 * (2012-11-22T10:00:00Z, 2012-11-22T10:00:00+01:00). Other ISO 8601 forms (week dates, ordinal
 * dates, basic format, a date-time without a zone) are refused: JavaScript cannot parse some of
 * them and reads a zone-less date-time in the server's local time.
 */
export const LEDGER_DATE_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
export const LEDGER_DATE_MESSAGE =
  '$property must be a date (2012-11-22) or a date-time with its time zone (2012-11-22T10:00:00Z)';

/**
 * When an entry happened: a year (2013), a month (2013-01), a day (2013-01-31) or a date-time
 * with its zone. Reduced precision follows Popolo and Open Civic Data; it is stored as given.
 */
export const OCCURRED_AT_PATTERN =
  /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;
export const OCCURRED_AT_MESSAGE =
  '$property must be a year (2013), a month (2013-01), a day (2013-01-31) or a date-time with its time zone (2013-01-31T10:00:00Z)';

/** The stream a correction belongs to: `<aggregate>-<id>`, e.g. `proposal-g4s-back-office`. */
export const AGGREGATE_KINDS = Object.keys(DECIDERS) as Array<keyof typeof DECIDERS>;
export const STREAM_PATTERN = new RegExp(
  `^(?:${AGGREGATE_KINDS.join('|')})-[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$`,
);
export const STREAM_MESSAGE = `$property must be a stream name <aggregate>-<id>, the aggregate one of ${AGGREGATE_KINDS.join(', ')}`;

/** Names, titles, labels, roles, capacities, references. */
export const SHORT_TEXT_MAX = 500;
/** Descriptions, reasons, rationales, statements. */
export const LONG_TEXT_MAX = 10_000;
/** Lists of ids and of scope items. */
export const MAX_LIST_ITEMS = 64;
/** Attendees of one meeting: a full council can exceed 64. */
export const MAX_ATTENDEES = 256;
