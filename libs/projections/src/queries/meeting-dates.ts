import { datePrecision } from '@ledger/domain';

/**
 * A meeting's dates as its reads show them: as given (a year, a month, a day or a date-time),
 * with their precision, never widened to a fake first day (issue 16).
 */

type Row = Record<string, unknown>;

/** When a meeting was held, as given: absent (with its precision and flag) until it is held. */
export function heldOnOf(row: Row) {
  const heldOn = row.held_on;
  if (typeof heldOn !== 'string') return {};
  return {
    heldOn,
    heldOnPrecision: datePrecision(heldOn),
    heldOnApproximate: row.held_on_approximate === 1,
  };
}

/** A meeting's minutes, dated as given, with the precision of that date. */
export function minutesOf(row: Row) {
  const minutes = (typeof row.minutes === 'string' ? JSON.parse(row.minutes) : undefined) as
    { minutesReference: string; approvedOn: string } | undefined;
  return minutes && { ...minutes, approvedOnPrecision: datePrecision(minutes.approvedOn) };
}
