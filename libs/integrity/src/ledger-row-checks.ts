import { eventHash, rowToEvent, type EventRow } from '@ledger/event-store';
import type { EventRef, Problem } from './verify-ledger.types';

/**
 * The checks of one events row against what came before it, as pure functions
 * `(row, previous) → problems`: no database, no state of their own. The verifier
 * (verify-ledger.ts) reads the rows and keeps `previous`; these say what is wrong.
 */

/** What the rows before this one left: the last position and recordedAt, and each stream's head. */
export interface PreviousRows {
  lastPosition: number;
  lastRecordedAt: string;
  heads: ReadonlyMap<string, { revision: number; hash: string }>;
}

export function refOf(row: EventRow): EventRef {
  return { position: row.position, id: row.id, stream: row.stream, revision: row.revision };
}

/**
 * The event's hash recomputed from the row (the RFC 8785 encoding of hashing.ts), or the stored
 * one when the row cannot be read as an event; with the problem found, if any.
 */
export function recomputeHash(row: EventRow, leafIndex: number): { hash: string; problems: Problem[] } {
  const event = ref(row, leafIndex);
  try {
    const hash = eventHash(rowToEvent(row));
    if (hash === row.hash) return { hash, problems: [] };
    return {
      hash,
      problems: [
        event(
          'hash-mismatch',
          `The stored hash is ${row.hash} but the event's content hashes to ${hash}: the event was changed after it was recorded`,
        ),
      ],
    };
  } catch (error) {
    return {
      hash: row.hash,
      problems: [
        event('unreadable-event', `The row cannot be read as an event: ${(error as Error).message}`),
      ],
    };
  }
}

/** Positions are dense from 1. */
export function checkPosition(row: EventRow, previous: PreviousRows, leafIndex: number): Problem[] {
  if (row.position === previous.lastPosition + 1) return [];
  return [
    ref(row, leafIndex)(
      'position-gap',
      `Position ${row.position} follows ${previous.lastPosition}: positions must be dense (an event was removed or the order rewritten)`,
    ),
  ];
}

/** Each stream's chain: revision 0 has prevHash null, then revisions are contiguous and each prevHash is the previous event's hash. */
export function checkChain(row: EventRow, previous: PreviousRows, leafIndex: number): Problem[] {
  const event = ref(row, leafIndex);
  const head = previous.heads.get(row.stream);
  const problems: Problem[] = [];
  if (row.revision !== (head ? head.revision + 1 : 0)) {
    problems.push(
      event(
        'revision-gap',
        head
          ? `Revision ${row.revision} of ${row.stream} follows revision ${head.revision}: revisions must be contiguous`
          : `The first event of ${row.stream} has revision ${row.revision}, not 0`,
      ),
    );
  }
  if (row.prev_hash !== (head ? head.hash : null)) {
    problems.push(
      event(
        'prev-hash-mismatch',
        head
          ? `prevHash ${row.prev_hash} is not the hash of the stream's previous event (revision ${head.revision}: ${head.hash}): the chain is broken`
          : `The first event of ${row.stream} has prevHash ${row.prev_hash}, not null`,
      ),
    );
  }
  return problems;
}

/** recordedAt never goes backwards. */
export function checkRecordedAt(row: EventRow, previous: PreviousRows, leafIndex: number): Problem[] {
  if (row.recorded_at >= previous.lastRecordedAt) return [];
  return [
    ref(row, leafIndex)(
      'recorded-at-decreased',
      `recordedAt ${row.recorded_at} is earlier than the previous event's ${previous.lastRecordedAt}: the order was rewritten`,
    ),
  ];
}

/**
 * Every check of a row against the rows before it, in the order each verifier runs them (its
 * hash, position, chain and recordedAt), with the hash recomputed, which the tree is built from.
 */
export function checkEventRow(
  row: EventRow,
  previous: PreviousRows,
  leafIndex: number,
): { hash: string; problems: Problem[] } {
  const { hash, problems } = recomputeHash(row, leafIndex);
  return {
    hash,
    problems: [
      ...problems,
      ...checkPosition(row, previous, leafIndex),
      ...checkChain(row, previous, leafIndex),
      ...checkRecordedAt(row, previous, leafIndex),
    ],
  };
}

/** The row's event is missing from the log that was created to hold every event. */
export function leafMissing(row: EventRow, leafIndex: number): Problem {
  return ref(row, leafIndex)(
    'leaf-missing',
    `Event ${row.id} at position ${row.position} has no leaf in the Merkle log (leaf ${leafIndex}): the log's leaves were removed (the log is written in each append's own transaction)`,
  );
}

/** A problem about this row's event. */
function ref(row: EventRow, leafIndex: number) {
  return (code: Problem['code'], message: string): Problem => ({
    code,
    event: refOf(row),
    leafIndex,
    message,
  });
}
