import type { ProjectedEvent } from '@ledger/event-store';
import type { Entry } from '../aggregate-cache';
import type { Writes } from '../read-model/writes';
import { SNAPSHOTS_STOPPED, takesSnapshot } from './snapshot-policy';

/**
 * The dated snapshots as the projector keeps them: which to take or drop as an event reaches its
 * stream (by the rule in snapshot-policy.ts), and how those changes are written with the page.
 */

export /** A change to the dated snapshots, applied in order with the page's transaction. */
type SnapshotChange =
  | { put: { stream: string; validFrom: string; revision: number; recordedThrough: string; state: string } }
  | { drop: { stream: string; fromRevision: number }; correction?: { revision: number; recordedAt: string } };

/** The dated snapshot to take (or drop) as `event` reaches its stream, by the rule in snapshots/snapshot-policy.ts. */
export function snapshotBefore(
  event: ProjectedEvent,
  entry: Entry,
  correction: boolean,
): SnapshotChange | undefined {
  if (event.metadata.occurredAt < entry.lastOccurredAt) {
    // Only a store written around the domain's time rules gets here: snapshots cannot hold.
    entry.snapshotRevision = SNAPSHOTS_STOPPED;
    return { drop: { stream: event.stream, fromRevision: 0 } };
  }
  if (correction || !takesSnapshot(entry, event.metadata.occurredAt)) return undefined;
  const state = JSON.stringify(entry.state);
  entry.snapshotRevision = entry.revision;
  entry.snapshotBytes = state.length;
  return {
    put: {
      stream: event.stream,
      validFrom: entry.lastOccurredAt,
      revision: entry.revision,
      recordedThrough: entry.recordedThrough,
      state,
    },
  };
}

/** Writes a page's snapshot changes, in order. */
export function writeSnapshotChanges(out: Writes, changes: readonly SnapshotChange[]): void {
  for (const change of changes) {
    if ('drop' in change) {
      out.run('DELETE FROM rm_snapshots WHERE stream = ? AND revision >= ?', [
        change.drop.stream,
        change.drop.fromRevision,
      ]);
      if (change.correction)
        out.run('INSERT OR IGNORE INTO rm_corrections (stream, revision, recorded_at) VALUES (?, ?, ?)', [
          change.drop.stream,
          change.correction.revision,
          change.correction.recordedAt,
        ]);
    } else {
      const { stream, validFrom, revision, recordedThrough, state } = change.put;
      out.run(
        'INSERT OR REPLACE INTO rm_snapshots (stream, valid_from, revision, recorded_through, state) VALUES (?, ?, ?, ?, ?)',
        [stream, validFrom, revision, recordedThrough, state],
      );
    }
  }
}
