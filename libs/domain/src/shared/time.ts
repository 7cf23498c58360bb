import { ensure } from './rules';

/** Instants already worked out: the same few dates (terms, founding dates) are compared again and again. */
const instants = new Map<string, string>();

/** Dates are ISO 8601; a date alone means its first instant (UTC). */
export function toInstant(value: string): string {
  let instant = instants.get(value);
  if (instant === undefined) {
    instant = new Date(value).toISOString();
    if (instants.size >= 10_000) instants.clear();
    instants.set(value, instant);
  }
  return instant;
}

export function isOnOrBefore(a: string, b: string): boolean {
  return toInstant(a) <= toInstant(b);
}

/** The time rules every command obeys, whatever its aggregate. */
export function assertTimely(
  occurredAt: string,
  now: string,
  lastOccurredAt: string | undefined,
  stream: string,
): void {
  ensure(isOnOrBefore(occurredAt, now), 'date-in-future', `occurredAt ${occurredAt} is after now (${now})`, {
    occurredAt,
    now,
  });
  ensure(
    lastOccurredAt === undefined || isOnOrBefore(lastOccurredAt, occurredAt),
    'date-goes-backwards',
    `${stream} already has an event that happened at ${lastOccurredAt}, after ${occurredAt}; record a correction of the earlier entry instead`,
    { occurredAt, lastOccurredAt },
  );
}

/** Whether `date` falls within [start, end): a term, a body's life, a membership. */
export function within(date: string, start: string | undefined, end: string | undefined): boolean {
  const d = toInstant(date);
  return (start === undefined || toInstant(start) <= d) && (end === undefined || d < toInstant(end));
}
