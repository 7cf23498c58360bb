import { WrongExpectedRevision } from '../errors';
import type { AppendResult, ExpectedRevision, StoredEvent } from '../event-store.port';
import { idempotentReplay, type StoredIdRow } from '../event-rows';
import { chainBatch } from '../hashing';
import { revisionMatches, type NormalisedEvent } from '../validation';

/**
 * What one group commit writes, decided in memory from what the database held when the group
 * took the append lock. Under that lock no other writer runs, so checking expected revisions and
 * ids here is as good as checking them in SQL, and the whole group needs one read and one insert.
 * Appends are planned in order, each on top of the ones before it in the group: a later append
 * to the same stream sees the earlier one's events, and a retried batch inside the same group is
 * a replay, exactly as if they had been committed one by one.
 */
export interface PlannedPart {
  stream: string;
  batch: readonly NormalisedEvent[];
  expected: ExpectedRevision;
}

/** One append of the group: one part, or several (appendToStreams), planned all or nothing. */
export interface PlannedAppend {
  parts: readonly PlannedPart[];
}

/** An event already stored, as the idempotency check needs it. */
export type ExistingEvent = StoredIdRow;

export interface GroupSnapshot {
  /** The last position and its recordedAt; 0 and undefined on an empty store. */
  lastPosition: number;
  lastRecordedAt: string | undefined;
  /** Stored events with one of the group's ids. */
  existing: ReadonlyMap<string, ExistingEvent>;
  /** The head of each stream the group touches. */
  heads: ReadonlyMap<string, { revision: number; hash: string }>;
}

export type PlanOutcome = { ok: true; results: AppendResult[] } | { ok: false; error: unknown };

export interface GroupPlan {
  outcomes: PlanOutcome[];
  /** The events to insert, in position order. */
  rows: StoredEvent[];
  recordedAt: string;
}

export function planGroup(
  appends: readonly PlannedAppend[],
  snapshot: GroupSnapshot,
  now: string,
): GroupPlan {
  // recordedAt never goes backwards along position, so "as known at K" is a prefix of the log.
  const recordedAt =
    snapshot.lastRecordedAt !== undefined && snapshot.lastRecordedAt > now ? snapshot.lastRecordedAt : now;
  const existing = new Map(snapshot.existing);
  const heads = new Map(snapshot.heads);
  const rows: StoredEvent[] = [];
  let position = snapshot.lastPosition;
  const outcomes = appends.map((append): PlanOutcome => {
    // An append's parts are planned on overlays, kept only if every part passes: all or nothing.
    const newIds = new Map<string, ExistingEvent>();
    const newHeads = new Map<string, { revision: number; hash: string }>();
    const seen = {
      get: (id: string) => newIds.get(id) ?? existing.get(id),
      head: (stream: string) => newHeads.get(stream) ?? heads.get(stream),
    };
    const planned: StoredEvent[] = [];
    let at = position;
    try {
      const results = append.parts.map((p): AppendResult => {
        const replay = replayIfStored(p, seen);
        if (replay) return replay;
        const head = seen.head(p.stream);
        const actual = head ? head.revision : -1;
        if (!revisionMatches(p.expected, actual))
          throw new WrongExpectedRevision(p.stream, p.expected, actual);
        const stored = chainBatch(p.stream, p.batch, head ?? null, recordedAt);
        stored.forEach((event, i) => {
          at += 1;
          event.position = at;
          const e = p.batch[i];
          newIds.set(e.id, {
            id: e.id,
            stream: p.stream,
            revision: event.revision,
            position: at,
            type: e.type,
            data: e.json,
            hash: event.hash,
          });
        });
        planned.push(...stored);
        const last = stored[stored.length - 1];
        newHeads.set(p.stream, { revision: last.revision, hash: last.hash });
        return {
          stream: p.stream,
          nextExpectedRevision: last.revision,
          position: last.position,
          events: stored.map(({ id, revision, position, hash }) => ({ id, revision, position, hash })),
          idempotentReplay: false,
        };
      });
      for (const [id, row] of newIds) existing.set(id, row);
      for (const [stream, head] of newHeads) heads.set(stream, head);
      rows.push(...planned);
      position = at;
      return { ok: true, results };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { outcomes, rows, recordedAt };
}

/** A batch whose ids are all stored already, with the same content, returns the original result. */
function replayIfStored(
  p: PlannedPart,
  seen: {
    get(id: string): ExistingEvent | undefined;
    head(stream: string): { revision: number } | undefined;
  },
): AppendResult | null {
  const found = p.batch.map((e) => seen.get(e.id));
  return idempotentReplay(
    p,
    found,
    (stored) => seen.head(p.stream)?.revision ?? stored[stored.length - 1].revision,
  );
}
