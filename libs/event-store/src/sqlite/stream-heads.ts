import type Database from 'better-sqlite3';
import type { StoredEvent } from '../event-store.port';

/** A stream's last revision and hash; null: the stream does not exist. */
export type StreamHead = { revision: number; hash: string } | null;

/** A stream's head, as read from the file (also inside an append's transaction, where it must be exact). */
export const HEAD_SQL = 'SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1';

/**
 * The log's head and the heads of the streams this connection has looked at, so that the many
 * head reads of a command (its own stream and every stream it refers to, one `streamInfo` each)
 * and of a read (the store's head in every answer's stamp) need no query while the file is
 * unchanged.
 *
 * Why it stays right: events are only ever appended. This connection's own appends update the
 * heads when their transaction commits (`committed`). A write by any other connection (another
 * process, the CLI, a second store on the same file) changes SQLite's `PRAGMA data_version`,
 * and then every head is read again. data_version is read at most once per turn of the event
 * loop: a head read later in the same turn may miss a write another process made during that
 * turn, which is the race a head read a moment earlier has anyway; the append's own
 * expected-revision check, inside the write transaction, still refuses a decision made on it.
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>();
  /** The log's last position (0: empty); undefined until read. */
  private last: number | undefined;
  private readonly headOf: Database.Statement;
  private readonly lastPosition: Database.Statement;
  private readonly dataVersion: Database.Statement;
  private version: number | undefined;
  private checkedThisTurn = false;

  constructor(
    db: Database.Database,
    /** Heads kept at most; past it they are all let go (a bound, not a cache policy). */
    private readonly limit = 100_000,
  ) {
    this.headOf = db.prepare(HEAD_SQL);
    this.lastPosition = db.prepare('SELECT max(position) FROM events').pluck();
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  get(stream: string): StreamHead {
    this.forgetIfChangedElsewhere();
    let head = this.heads.get(stream);
    if (head === undefined) {
      const row = this.headOf.get(stream) as { revision: number; hash: string } | undefined;
      head = row ? { revision: row.revision, hash: row.hash } : null;
      this.remember(stream, head);
    }
    return head;
  }

  /** The log's last position: 0 while it is empty. */
  position(): number {
    this.forgetIfChangedElsewhere();
    this.last ??= (this.lastPosition.get() as number | null) ?? 0;
    return this.last;
  }

  /** Events this connection has just committed: each stream's head moves to its last one. */
  committed(events: readonly StoredEvent[]): void {
    for (const e of events) {
      this.remember(e.stream, { revision: e.revision, hash: e.hash });
      if (this.last !== undefined && e.position > this.last) this.last = e.position;
    }
  }

  private remember(stream: string, head: StreamHead): void {
    if (this.heads.size >= this.limit) this.heads.clear();
    this.heads.set(stream, head);
  }

  private forgetIfChangedElsewhere(): void {
    if (this.checkedThisTurn) return;
    this.checkedThisTurn = true;
    setImmediate(() => (this.checkedThisTurn = false));
    const version = this.dataVersion.get() as number;
    if (version !== this.version) {
      this.heads.clear();
      this.last = undefined;
    }
    this.version = version;
  }
}
