import type { AggregateStates, DependentEntry, NamingRecord, Recorded } from './decider';

/*
 * Helpers for Decider.namedElsewhere: the entries of other records that rest on an entry a
 * retraction would take out, looked for in the records that name its record (`namers`, loaded
 * by the command side for a retraction: registry.ts, decideCommand).
 */

/** The naming records of one kind, with their states typed. */
export function namersOf<K extends keyof AggregateStates>(
  namers: readonly NamingRecord[],
  kind: K,
): Array<Extract<NamingRecord, { kind: K }>> {
  return namers.filter((n): n is Extract<NamingRecord, { kind: K }> => n.kind === kind);
}

/** The data of an entry, read field by field: entries of any type are looked at. */
export const dataOf = (entry: Recorded): Record<string, unknown> => entry.data as Record<string, unknown>;

/**
 * The standing entries of `namer` that `rests` says rest on the entry retracted, latest first (as
 * the clerk undoes them), each saying what it says of it.
 */
export function dependentsIn(
  namer: NamingRecord,
  rests: (entry: Recorded) => boolean,
  says: string,
): DependentEntry[] {
  return namer.entries
    .filter(rests)
    .reverse()
    .map((entry) => ({ stream: namer.stream, entry, says }));
}
