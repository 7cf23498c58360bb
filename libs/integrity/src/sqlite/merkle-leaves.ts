import type Database from 'better-sqlite3';
import type { StoredEvent } from '@ledger/event-store';
import { hasTable } from './merkle-schema';
import { PreparedStatements } from './prepared-statements';

/** What the log needs of an event: which one it is, where, and its hash. */
export type LeafSource = Pick<StoredEvent, 'id' | 'position' | 'hash'>;

export interface LeafRecord {
  leafIndex: number;
  position: number;
  eventId: string;
  eventHash: string;
}

export class MerkleLogOutOfStep extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MerkleLogOutOfStep';
  }
}

/**
 * Where a log's leaves are: the events table of a ledger file, or the leaf records of a copy.
 * A leaf is only a leaf below the tree's size, which the log (not this) knows and checks.
 */
export interface Leaves {
  /** How many there are: the tree holds at most these. */
  count(): number;
  /** The event hash (hex) that leaf `leafIndex` hashes, if there is such a row. */
  eventHash(leafIndex: number): string | undefined;
  at(leafIndex: number): LeafRecord | undefined;
  byEventId(eventId: string): LeafRecord | undefined;
  /**
   * The event hashes that become leaves `size`, `size + 1`, ... of these events, in order: an
   * event already a leaf (the same id and hash at its place) is skipped; one that disagrees with
   * the leaf at its place throws MerkleLogOutOfStep. Writes what the leaves need besides nodes.
   */
  admit(size: number, events: readonly LeafSource[]): { hashes: string[]; skipped: number };
}

type Row = [position: number, id: string, hash: string];
const toRecord = (row: Row | undefined): LeafRecord | undefined =>
  row && { leafIndex: row[0] - 1, position: row[0], eventId: row[1], eventHash: row[2] };

/** The leaves of a file that holds the events: leaf i is the event at position i + 1. */
export class EventsTableLeaves implements Leaves {
  private readonly sql: PreparedStatements;
  private readonly byPosition: Database.Statement;

  constructor(db: Database.Database) {
    this.sql = new PreparedStatements(db);
    this.byPosition = db.prepare('SELECT position, id, hash FROM events WHERE position = ?').raw();
  }

  /** Positions are dense from 1: the last is the count. */
  count(): number {
    return (this.sql.get('SELECT max(position) FROM events').pluck().get() as number | null) ?? 0;
  }

  eventHash(leafIndex: number): string | undefined {
    return (this.byPosition.get(leafIndex + 1) as Row | undefined)?.[2];
  }

  at(leafIndex: number): LeafRecord | undefined {
    return toRecord(this.byPosition.get(leafIndex + 1) as Row | undefined);
  }

  byEventId(eventId: string): LeafRecord | undefined {
    return toRecord(
      this.sql.get('SELECT position, id, hash FROM events WHERE id = ?').raw().get(eventId) as
        Row | undefined,
    );
  }

  /**
   * The events given are rows of this file's events table (the append hook's, or read from it),
   * so only their place is checked. Events before the first that are not leaves yet (appended
   * while the hook was off) are read from the table and come first.
   */
  admit(size: number, events: readonly LeafSource[]): { hashes: string[]; skipped: number } {
    const hashes: string[] = [];
    let skipped = 0;
    let next = size + 1; // the position of the next leaf
    for (const event of events) {
      if (event.position < next) {
        const leaf = this.at(event.position - 1);
        if (!leaf || leaf.eventId !== event.id || leaf.eventHash !== event.hash)
          throw new MerkleLogOutOfStep(
            `Event ${event.id} at position ${event.position} is not the event the Merkle log holds there`,
          );
        skipped += 1;
        continue;
      }
      if (event.position > next) {
        const missing = this.sql
          .get('SELECT hash FROM events WHERE position >= ? AND position < ? ORDER BY position')
          .pluck()
          .all(next, event.position) as string[];
        if (missing.length !== event.position - next)
          throw new MerkleLogOutOfStep(
            `Positions ${next}..${event.position - 1} are not all in the events table: they must be dense`,
          );
        hashes.push(...missing);
      }
      hashes.push(event.hash);
      next = event.position + 1;
    }
    return { hashes, skipped };
  }
}

/**
 * The leaves of a copy of a log whose events live elsewhere (EventStoreDB's $all, in commit
 * order, with positions that are not dense): each leaf is a record of its event's place, id
 * and hash.
 */
export class CopiedLeaves implements Leaves {
  private readonly sql: PreparedStatements;

  constructor(db: Database.Database) {
    this.sql = new PreparedStatements(db);
  }

  private record(where: string, value: number | string): LeafRecord | undefined {
    const row = this.sql
      .get(`SELECT leaf_index, position, event_id, event_hash FROM merkle_leaves WHERE ${where} = ?`)
      .raw()
      .get(value) as [number, number, string, string] | undefined;
    return row && { leafIndex: row[0], position: row[1], eventId: row[2], eventHash: row[3] };
  }

  count(): number {
    const last = this.sql.get('SELECT max(leaf_index) FROM merkle_leaves').pluck().get() as number | null;
    return last === null ? 0 : last + 1;
  }

  eventHash(leafIndex: number): string | undefined {
    return this.at(leafIndex)?.eventHash;
  }

  at(leafIndex: number): LeafRecord | undefined {
    return this.record('leaf_index', leafIndex);
  }

  byEventId(eventId: string): LeafRecord | undefined {
    return this.record('event_id', eventId);
  }

  /** Positions only grow: an event at or before the last leaf's position must be its leaf. */
  admit(size: number, events: readonly LeafSource[]): { hashes: string[]; skipped: number } {
    const insert = this.sql.get(
      'INSERT INTO merkle_leaves (leaf_index, position, event_id, event_hash) VALUES (?, ?, ?, ?)',
    );
    let lastPosition = size > 0 ? (this.at(size - 1)?.position ?? Infinity) : -Infinity;
    const hashes: string[] = [];
    let skipped = 0;
    for (const event of events) {
      if (event.position <= lastPosition) {
        const leaf = this.record('position', event.position);
        if (!leaf || leaf.eventId !== event.id || leaf.eventHash !== event.hash)
          throw new MerkleLogOutOfStep(
            `Event ${event.id} at position ${event.position} is not the leaf the Merkle log holds there (its last position is ${lastPosition})`,
          );
        skipped += 1;
        continue;
      }
      insert.run(size + hashes.length, event.position, event.id, event.hash);
      hashes.push(event.hash);
      lastPosition = event.position;
    }
    return { hashes, skipped };
  }
}

/** A ledger file's leaves are its events; a file without events holds a copy's leaf records. */
export function leavesOf(db: Database.Database): Leaves {
  return hasTable(db, 'events') ? new EventsTableLeaves(db) : new CopiedLeaves(db);
}
