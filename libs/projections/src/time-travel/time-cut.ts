import { CORRECTION_EVENT_TYPES, toInstant } from '@ledger/domain';

/**
 * When to look from. Both cuts may be given together.
 * - asOf T: what had happened by T (occurredAt <= T), as the ledger knows it now: late minutes
 *   count, and so do corrections made since.
 * - knownAt K: only what had been recorded by K (recordedAt <= K): what the register said then.
 */
export interface TimeCut {
  asOf?: string;
  knownAt?: string;
}

/** The date a view is drawn for: successors and terms are judged on it. */
export function viewDate(cut: TimeCut, now: Date): string {
  const dates = [cut.asOf, cut.knownAt].filter((d): d is string => d !== undefined).map(toInstant);
  return dates.length === 0 ? now.toISOString() : dates.sort()[0];
}

/**
 * Whether an event recorded by the cut's knownAt (the store filters on that) counts as of its
 * asOf. A correction is kept whenever it happened: it restates an event that did happen by T.
 */
export function happenedBy(
  event: { type: string; metadata: { occurredAt: string } },
  asOf: string | undefined,
): boolean {
  return asOf === undefined || event.metadata.occurredAt <= asOf || CORRECTION_EVENT_TYPES.has(event.type);
}
