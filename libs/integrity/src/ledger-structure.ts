import type Database from 'better-sqlite3';
import type { Problem } from './verify-ledger.types';

/**
 * What a ledger file must hold besides its rows, and the way out when it does not. Shared by
 * `ledger verify`, the service's check at start and its background verifier, so that all three
 * name a problem the same way and give the same way out.
 */
export const EVENT_TRIGGERS = ['events_no_update', 'events_no_delete'] as const;

/** True when a component's migrations ran in this file (it is in schema_versions). */
export function hasComponent(db: Database.Database, component: string): boolean {
  const table =
    db
      .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'`)
      .pluck()
      .get() === 1;
  return (
    table &&
    db.prepare('SELECT count(*) FROM schema_versions WHERE component = ?').pluck().get(component) === 1
  );
}

/** Problems of the Merkle log or the triggers alone: the events are intact, and the log can be rebuilt from them. */
const REBUILDABLE = new Set<Problem['code']>([
  'append-only-trigger-missing',
  'merkle-log-missing',
  'leaf-missing',
  'leaf-without-event',
  'node-mismatch',
  'stored-root-mismatch',
  'stored-tree-damaged',
  'consistency-proof-invalid',
]);

export const REPAIR_COMMAND = 'npm run ledger -- repair';

/**
 * True when only what is derived from the events is damaged (the triggers, the Merkle log): the
 * events are the source of truth, and the log may be rebuilt from them. False as soon as an event
 * is at fault, including events changed after the log recorded them (`logged-event-changed`): a
 * rebuild over them would erase the only evidence left. Every repair asks this, and nothing else.
 */
export function eventsIntact(problems: readonly Problem[]): boolean {
  return problems.every((p) => REBUILDABLE.has(p.code));
}

/** How a SQLite ledger file's derived structures are rebuilt. */
export const SQLITE_REBUILD = `Stop the service and run \`${REPAIR_COMMAND}\`, which recreates the append-only triggers and rebuilds the Merkle log from the events`;

/**
 * How a PostgreSQL ledger's Merkle log is rebuilt: `ledger repair` works on a file. The store
 * makes every event without a leaf a leaf when it opens (under the append lock), so an emptied
 * log is rebuilt by the next start.
 */
export const POSTGRES_REBUILD =
  "With the service stopped, as the database owner: put back any append-only trigger found missing or disabled (`ALTER TABLE <table> ENABLE TRIGGER <name>`, or create it again as the store's schema does); if the Merkle log is damaged, empty merkle_nodes and merkle_heads in one transaction with their append-only triggers disabled, and enable them again (`ledger repair` works on a SQLite file only); the service makes every event a leaf again when it starts";

/** A store's ways out: how its derived structures are rebuilt, and how its events are restored. */
export interface StoreWayOut {
  /** How the Merkle log (and, on SQLite, the triggers) is rebuilt from events that verify. */
  rebuild: string;
  /** Where the events come back from, and who could have changed them behind the append-only triggers. */
  restore: string;
}

/** A ledger file: `ledger repair` and `ledger restore`; anyone who could write to the file could drop its triggers. */
export const SQLITE_WAY_OUT: StoreWayOut = {
  rebuild: SQLITE_REBUILD,
  restore:
    'Restore the ledger from a backup (`ledger restore`) or an export (`ledger events import` into a new file) taken before that position, and find out who could write to the file',
};

/**
 * A database: its own backups, and the roles that can get past the triggers, which refuse every
 * change to everyone, the table owner included, until an owner disables them or a superuser
 * switches them off for a session.
 */
export const POSTGRES_WAY_OUT: StoreWayOut = {
  rebuild: POSTGRES_REBUILD,
  restore:
    'Restore the ledger from a backup of the database (pg_dump or a base backup) or an export (`ledger events import` into a new, empty database) taken before that position, and find out who could write to the database past its append-only triggers (the owner of its tables and its superusers)',
};

/**
 * The way out of what was found: a rebuild when only the derived structures are damaged, a
 * restore when the events are, each said for the store at hand (`wayOut`).
 */
export function remedyFor(problems: readonly Problem[], wayOut: StoreWayOut = SQLITE_WAY_OUT): string | null {
  if (problems.length === 0) return null;
  // A leaf that disagrees with its event, with the event's own hash intact, is the log's fault.
  if (eventsIntact(problems)) {
    return `The events are intact (every hash and chain verifies): they are the source of truth. ${wayOut.rebuild}; then compare its root with your last signed checkpoint (\`ledger verify --checkpoint\`).`;
  }
  const first = problems.find((p) => p.event && !REBUILDABLE.has(p.code))?.event;
  return (
    `The events themselves do not verify${first ? ` from position ${first.position} (event ${first.id})` : ''}: they cannot be repaired in place. ` +
    `${wayOut.restore}.`
  );
}
