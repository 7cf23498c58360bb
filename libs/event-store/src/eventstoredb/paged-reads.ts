import type { EventStoreDBClient, Position, ReadPosition, ReadRevision } from '@eventstore/db-client';
import type { StoredEvent } from '../event-store.port';
import type { ReadCutsNormalised } from '../read-options';
import { readAllRaw, readStreamRaw } from './client-calls';
import { comparePositions, numberToPosition, toStoredEvent } from './mapping';
import { hasEventCuts, matchesCuts } from './read-filters';

/**
 * The adapter's reads, a page of the server at a time: a stream by revision, and `$all` by
 * position. `assertOpen` is checked before each page, so a read stops once the store closes.
 */

/**
 * Pages through `$all`, filtering client-side (the v6 client's `$all` read takes no filter).
 * Each page restarts at the exact position of the last event seen, and anything at or before
 * it is skipped, so the page boundary works whether the server treats a start as inclusive
 * (forwards) or exclusive (backwards).
 */
export async function* pagedAll(
  client: EventStoreDBClient,
  assertOpen: () => void,
  cuts: ReadCutsNormalised,
  from: number | undefined,
): AsyncGenerator<StoredEvent> {
  const forwards = cuts.direction === 'forwards';
  let remaining = cuts.limit;
  let cursor: ReadPosition;
  let boundary: Position | undefined;
  if (forwards) {
    cursor = from === undefined || from <= 0 ? 'start' : numberToPosition(from);
  } else if (from === undefined) {
    cursor = 'end';
  } else {
    if (from <= 0) return;
    // fromPosition is inclusive, but a backwards read of $all starts before its position: the
    // event at `from` itself is read forwards first.
    const start = numberToPosition(from);
    for await (const resolved of readAllRaw(client, start, 'forwards', 1)) {
      const position = resolved.event?.position;
      if (!position || comparePositions(position, start) !== 0) break;
      const event = toStoredEvent(resolved);
      if (event && matchesCuts(event, cuts)) {
        yield event;
        remaining -= 1;
      }
    }
    cursor = start;
    boundary = start;
  }
  while (remaining > 0) {
    assertOpen();
    const size = cuts.pageSize;
    let fresh = 0;
    let last: Position | undefined;
    for await (const resolved of readAllRaw(client, cursor, cuts.direction, boundary ? size + 1 : size)) {
      const position = resolved.event?.position;
      if (!position) continue;
      if (
        boundary &&
        (forwards ? comparePositions(position, boundary) <= 0 : comparePositions(position, boundary) >= 0)
      )
        continue;
      fresh += 1;
      last = position;
      const event = toStoredEvent(resolved);
      if (!event || !matchesCuts(event, cuts)) continue;
      yield event;
      if (--remaining === 0) return;
    }
    if (fresh < size || !last) return;
    cursor = last;
    boundary = last;
  }
}

export async function* pagedStream(
  client: EventStoreDBClient,
  assertOpen: () => void,
  stream: string,
  cuts: ReadCutsNormalised,
  from: number | undefined,
): AsyncGenerator<StoredEvent> {
  const forwards = cuts.direction === 'forwards';
  let cursor: ReadRevision;
  if (from === undefined) cursor = forwards ? 'start' : 'end';
  else if (from < 0) {
    if (!forwards) return;
    cursor = 'start';
  } else cursor = BigInt(from);
  // Without event cuts every event read is yielded, so the last page asks for no more than is left.
  const exact = !hasEventCuts(cuts);
  let remaining = cuts.limit;
  while (remaining > 0) {
    assertOpen();
    const size = exact ? Math.min(cuts.pageSize, remaining) : cuts.pageSize;
    let read = 0;
    let lastRevision = -1;
    for await (const resolved of readStreamRaw(client, stream, cursor, cuts.direction, size)) {
      read += 1;
      if (resolved.event) lastRevision = Number(resolved.event.revision);
      const event = toStoredEvent(resolved);
      if (!event || !matchesCuts(event, cuts)) continue;
      yield event;
      if (--remaining === 0) return;
    }
    if (read < size || lastRevision < 0) return;
    const next = forwards ? lastRevision + 1 : lastRevision - 1;
    if (next < 0) return;
    cursor = BigInt(next);
  }
}
