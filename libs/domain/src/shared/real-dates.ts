/**
 * The one check that a date written in one of the ledger's forms (a year, a month, a day or a
 * date-time with its zone: see limits.ts) names a real period or instant. Date.parse is no judge
 * of it: it rolls 2013-02-30 and T24:00 over into the next day, and takes +14:30, an offset no
 * zone has. The DTOs hold every date field to it (LedgerDateRule, in @ledger/recording), so each
 * refusal is early, on the field as sent; the domain's isRealDate is it too, so a date that reaches
 * the domain another way (a correction's changes) is judged alike.
 */

const PARTS =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2})))?)?)?$/;

/** UTC offsets in use run from -12:00 to +14:00, in whole hours or at :30 (India) or :45 (Nepal). */
const OFFSET_MINUTES = new Set([0, 30, 45]);
const MAX_OFFSET_MINUTES = { '+': 14 * 60, '-': 12 * 60 } as const;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian, counted out rather than asked of Date.UTC, which reads years 0-99 as 1900-1999. */
function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/**
 * Why `value` names no real date or time, as a phrase to follow its field's name ("is not a real
 * date: 2013-02 has 28 days"), or undefined when it does, or when it is not in one of the
 * ledger's forms at all (that is its form rule's to say).
 */
export function unrealDateProblem(value: string): string | undefined {
  const parts = PARTS.exec(value);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = parts;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12))
    return `is not a real date: there is no month ${month}`;
  if (day !== undefined) {
    const days = daysIn(Number(year), Number(month));
    if (Number(day) < 1 || Number(day) > days) return `is not a real date: ${year}-${month} has ${days} days`;
  }
  if (hour !== undefined && Number(hour) > 23)
    return 'is not a real time: hours run from 00 to 23 (the midnight that ends a day is 00:00 of the next)';
  if (minute !== undefined && Number(minute) > 59) return 'is not a real time: minutes run from 00 to 59';
  if (second !== undefined && Number(second) > 59)
    return 'is not a real time: seconds run from 00 to 59 (a leap second cannot be held)';
  if (sign === '+' || sign === '-') {
    const minutes = Number(offsetHours) * 60 + Number(offsetMinutes);
    if (!OFFSET_MINUTES.has(Number(offsetMinutes)) || minutes > MAX_OFFSET_MINUTES[sign])
      return `has no real UTC offset (${sign}${offsetHours}:${offsetMinutes}): offsets run from -12:00 to +14:00, in whole hours or at :30 or :45`;
  }
  return undefined;
}
