import {
  insertSql,
  values,
  type Register,
  type RegisterChange,
  type SyncChange,
  type Version,
  type VersionStore,
} from './register-versions';
import type { Writes } from './writes';

/** A register table's versions in a rebuild from scratch, by rowid - 1 (see RebuildVersions). */
interface RebuiltTable {
  /** The position of the event that made each version: ascending, as versions are made in log order. */
  positions: Float64Array;
  /** 1 for a version an event added (not a correction) and still open, else 0. */
  open: Uint8Array;
  count: number;
}

/**
 * Versions of a rebuild from scratch, whose tables start empty: written as they come, with the
 * rowids given here, while the tables' keys are down (they are built once, after). Nothing is
 * read back, so the writes may go to another thread. The open version of an entry is the row
 * it had in the state before a correction (a row changes only by its own event or a correction,
 * see registerChanges), found by its rowid and known_from. Those are kept in memory, in a few
 * bytes per version rather than by entry id: the version an entry's own event added is the one
 * at that event's position (an event adds at most one entry to a register), known from when the
 * event was recorded, both read from the stream's events when a correction needs them (the
 * projector gives them to the change); only the versions corrections made are kept by entry.
 */
export class RebuildVersions implements VersionStore {
  private readonly tables = new Map<string, RebuiltTable>();
  /** Open versions made by corrections, by table and entry id: few. */
  private readonly synced = new Map<string, { rowid: number; knownFrom: string }>();

  constructor(private readonly out: Writes) {}

  private of(register: Register): RebuiltTable {
    let table = this.tables.get(register.table);
    if (!table) {
      table = { positions: new Float64Array(1024), open: new Uint8Array(1024), count: 0 };
      this.tables.set(register.table, table);
    }
    return table;
  }

  /** The rowid of the open version an event added at `position`, if any. */
  private addedAt(table: RebuiltTable, position: number): number | undefined {
    let low = 0;
    let high = table.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (table.positions[middle] < position) low = middle + 1;
      else high = middle;
    }
    return low < table.count && table.positions[low] === position && table.open[low] === 1
      ? low + 1
      : undefined;
  }

  open({ sync: register, eventIds, before, events }: SyncChange): Version[] {
    if (eventIds.length === 0) return [];
    if (!events)
      throw new Error(`Register ${register.table}: a rebuild's correction comes with its stream's events`);
    const table = this.of(register);
    const rows = new Map(before.map((r) => [r.event_id as string, r]));
    return eventIds.flatMap((id) => {
      let open = this.synced.get(`${register.table} ${id}`);
      if (!open) {
        const added = events.get(id);
        const rowid = added && this.addedAt(table, added.position);
        if (added && rowid !== undefined) open = { rowid, knownFrom: added.recordedAt };
      }
      if (open === undefined) return [];
      const row = rows.get(id);
      if (!row)
        throw new Error(
          `Register ${register.table}: entry ${id} has an open version but is not in the state before the correction`,
        );
      return [{ row, knownFrom: open.knownFrom, knownUntil: null, rowid: open.rowid }];
    });
  }

  insert(register: Register, version: Version, change: RegisterChange): void {
    const table = this.of(register);
    if (table.count === table.positions.length) {
      const positions = new Float64Array(2 * table.count);
      positions.set(table.positions);
      const open = new Uint8Array(2 * table.count);
      open.set(table.open);
      Object.assign(table, { positions, open });
    }
    const rowid = table.count + 1;
    table.positions[table.count] = change.position;
    table.open[table.count] = 'add' in change ? 1 : 0;
    table.count += 1;
    if (!('add' in change))
      this.synced.set(`${register.table} ${version.row.event_id as string}`, {
        rowid,
        knownFrom: version.knownFrom,
      });
    const { sql, columns } = insertSql(register, version, true);
    this.out.run(sql, values(columns, version, rowid));
  }

  /** The version, no longer open. */
  private ended(register: Register, version: Version): number {
    const rowid = version.rowid!;
    this.of(register).open[rowid - 1] = 0;
    this.synced.delete(`${register.table} ${version.row.event_id as string}`);
    return rowid;
  }

  close(register: Register, version: Version, at: string): void {
    this.out.run(`UPDATE ${register.table} SET known_until = ? WHERE rowid = ?`, [
      at,
      this.ended(register, version),
    ]);
  }

  remove(register: Register, version: Version): void {
    this.out.run(`DELETE FROM ${register.table} WHERE rowid = ?`, [this.ended(register, version)]);
  }
}
