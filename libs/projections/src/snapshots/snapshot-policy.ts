/**
 * Dated snapshots: the one place that says when one is taken.
 *
 * A snapshot is an aggregate's folded state just before its stream crosses into a new period of
 * `occurredAt` time (a calendar month, UTC). Within a stream `occurredAt` never goes backwards,
 * so that state is exactly the stream "as of" any date from its last event (`validFrom`) until
 * its next one. A read at date T starts from the stream's nearest snapshot on or before T and
 * folds only the events after it; the cost is bounded by a period's events, not by the history.
 *
 * Snapshots are read models: rebuilt from events with the rest, never the source of truth. A
 * correction or retraction can change any earlier event, so it drops the stream's snapshots
 * (the next period boundary takes a fresh one, folded with the correction).
 */

/** Fewer events than this since the last snapshot are cheaper to fold than a snapshot is to read and parse. */
export const SNAPSHOT_MIN_EVENTS = 16;

/**
 * A state that grows with its stream (claims, decisions, agenda items) would make snapshots grow
 * with the square of the stream. So a snapshot is also spaced by the size of the last one: at
 * least one event for each of these bytes of it. Snapshots then take at most about this much
 * per event, and a read folds no more events than its state holds such lumps.
 */
export const SNAPSHOT_BYTES_PER_EVENT = 256;

/** The period a date falls in: its calendar month (dates are ISO 8601 instants in UTC). */
export function periodOf(instant: string): string {
  return instant.slice(0, 7);
}

export interface SnapshotCursor {
  /** The stream's last revision folded, -1 before its first event. */
  revision: number;
  /** `occurredAt` of the stream's last event. */
  lastOccurredAt: string;
  /** The revision of the stream's last snapshot, -1 when it has none. */
  snapshotRevision: number;
  /** The size of the stream's last snapshot, in bytes of JSON (0 before the first). */
  snapshotBytes: number;
}

/**
 * The snapshot revision of a stream whose `occurredAt` went backwards (a store written around the
 * domain's time rules, an import of such a ledger): it takes no more snapshots, and is read from
 * its start.
 */
export const SNAPSHOTS_STOPPED = Number.MAX_SAFE_INTEGER;

/** Whether the state before an event at `occurredAt` is to be kept as a snapshot. */
export function takesSnapshot(cursor: SnapshotCursor, occurredAt: string): boolean {
  if (cursor.revision < 0 || periodOf(occurredAt) === periodOf(cursor.lastOccurredAt)) return false;
  const since = cursor.revision - cursor.snapshotRevision;
  return since >= SNAPSHOT_MIN_EVENTS && since * SNAPSHOT_BYTES_PER_EVENT >= cursor.snapshotBytes;
}
