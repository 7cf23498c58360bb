import { DECIDERS, type AggregateKind } from './deciders';
import { commandOf } from './shared/corrected-entries';
import type { Recorded, Reference } from './shared/decider';
import { referencesOfState } from './state-references';

/*
 * What names what, across records. A retraction must not leave an entry of another record resting
 * on what it takes out (shared/corrected-entries.ts), so the command side reads, for the record
 * a retraction is in, the records that name it: what each names is what its state leads to (the
 * records a decision on it loads: state-references.ts) and what the command of each of its
 * entries names (Decider.referencesOf), so one definition serves both directions. The inverse,
 * the records naming a record, is kept where the streams are (the store's index in
 * libs/recording, the in-memory ledger's scan in testing/) and read as the derived stream
 * `namedby-<stream>`, one entry per naming record. A loader that keeps no index (the store's
 * streams alone) answers it empty, and then no other record is looked in.
 */

export const NAMED_BY = 'namedby';

/** The derived stream listing the records that name the record of `stream`. */
export const namedByStream = (stream: string): string => `${NAMED_BY}-${stream}`;

/** The entries of `namedby-<record>`: one per stream that names it. Derived, never stored. */
export function namedByEntries(record: string, namers: Iterable<string>): Recorded[] {
  return [...namers].map((stream) => ({
    type: 'RecordNamedBy',
    data: { stream },
    id: `${namedByStream(record)}:${stream}`,
    // Read by no rule of time: the date before any the ledger records.
    occurredAt: '0000',
  }));
}

/** The streams a `namedby-<record>` stream lists. */
export function namersListed(events: readonly Recorded[]): string[] {
  return events.flatMap((e) => (e.type === 'RecordNamedBy' ? [(e.data as { stream: string }).stream] : []));
}

const streamOf = (ref: Reference) => `${ref.kind}-${ref.id}`;

/** What the command that recorded `entry` names, when its decider says which command that is. */
function namedByCommand(kind: AggregateKind, entry: Recorded): Reference[] {
  const decider = DECIDERS[kind] as unknown as Parameters<typeof commandOf>[0];
  const command = commandOf(decider, entry);
  return command ? decider.referencesOf(command) : [];
}

/**
 * The streams of the records that a record names, itself left out: what its state leads to and
 * what its entries' commands name. `entries` are its entries as they stand (effectiveEvents).
 */
export function recordsNamedIn(
  kind: AggregateKind,
  stream: string,
  state: unknown,
  entries: readonly Recorded[],
): string[] {
  const named = [
    ...referencesOfState(kind, state as never),
    ...entries.flatMap((entry) => namedByCommand(kind, entry)),
  ]
    .filter((ref) => ref.kind in DECIDERS)
    .map(streamOf);
  return [...new Set(named)].filter((s) => s !== stream);
}

/**
 * The entries of a record (of `kind`, with `state` and its standing `entries`) that name the
 * record of `named` (a stream): those whose command names it, or, for a record that names it
 * through its state alone (a vote names its meeting from its opening, which is decided by no
 * command of its own), the entry from which its state does. None once nothing names it.
 */
export function namingEntries(
  kind: AggregateKind,
  state: unknown,
  entries: readonly Recorded[],
  named: string,
): Recorded[] {
  const names = (refs: readonly Reference[]) => refs.some((ref) => streamOf(ref) === named);
  const byCommand = entries.filter((entry) => names(namedByCommand(kind, entry)));
  if (byCommand.length > 0 || !names(referencesOfState(kind, state as never))) return byCommand;
  const decider = DECIDERS[kind] as unknown as {
    initialState(): unknown;
    evolve(s: unknown, e: Recorded): unknown;
  };
  let prefix = decider.initialState();
  for (const entry of entries) {
    prefix = decider.evolve(prefix, entry);
    if (names(referencesOfState(kind, prefix as never))) return [entry];
  }
  return [];
}
