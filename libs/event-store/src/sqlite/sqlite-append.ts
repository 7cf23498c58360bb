import type Database from 'better-sqlite3';
import { IdempotencyKeyReused, StorageFull, WrongExpectedRevision } from '../errors';
import type { AppendOptions, AppendResult, StoredEvent } from '../event-store.port';
import { idempotentReplay, type StoredIdRow } from '../event-rows';
import { chainBatch } from '../hashing';
import { categoryOf, revisionMatches, type NormalisedPart } from '../validation';
import { HEAD_SQL } from './stream-heads';

/**
 * What one append writes inside the group commit's transaction (sqlite-event-store.ts): its
 * checks (idempotency key, expected revision) and its rows. A check that fails throws, and the
 * caller rolls the append's savepoint back.
 */

/** The store's prepared statements, made once per SQL text. */
export type Statements = (sql: string) => Database.Statement;

/** Each SQL text prepared once: the append path runs the same few statements for every event. */
export function statementCache(db: Database.Database): Statements {
  const prepared = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}

/** An append waiting for the group commit: one part, or several (appendToStreams), written together. */
export interface PendingAppend {
  parts: NormalisedPart[];
  idempotency?: AppendOptions['idempotency'];
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

export type Written = { results: AppendResult[]; events: StoredEvent[] };
export type Outcome = ({ ok: true } & Written) | { ok: false; error: unknown };

/** A hook refused a group's events: the group is rolled back, to be committed hook by append. */
export class GroupHooksRefused extends Error {}

/** A lone append refused inside its transaction: rolled back, and rejected with its own error. */
export class RefusedAppend extends Error {
  constructor(override readonly cause: unknown) {
    super('append refused');
  }
}

/** SQLite's "database or disk is full" (SQLITE_FULL) as the port's StorageFull; any other error as it is. */
export function asStorageFull(error: unknown): unknown {
  const code = (error as { code?: string })?.code;
  return code === 'SQLITE_FULL' ? new StorageFull((error as Error).message) : error;
}

/** The one INSERT of an event, for appends and imports alike. */
export const INSERT_EVENT_SQL = `INSERT INTO events (id, stream, category, revision, type, schema_version, data, occurred_at, recorded_at,
   actor, correlation_id, causation_id, source, prev_hash, hash)
 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The last event's recorded_at, or undefined in an empty log. */
export function lastRecordedAt(statement: Statements): string | undefined {
  const last = statement('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1').get() as
    { recorded_at: string } | undefined;
  return last?.recorded_at;
}

/** One pending append, every part in turn; a part that fails throws, and its caller rolls all back. */
export function appendOne(statement: Statements, p: PendingAppend, recordedAt: string): Written {
  if (p.idempotency) {
    const first = statement('SELECT fingerprint FROM idempotency_keys WHERE key = ?')
      .pluck()
      .get(p.idempotency.key) as string | undefined;
    if (first !== undefined && first !== p.idempotency.fingerprint)
      throw new IdempotencyKeyReused(p.idempotency.key);
  }
  const written = p.parts.map((part) => appendPart(statement, part, recordedAt));
  const events = written.flatMap((w) => w.events);
  if (p.idempotency && events.length > 0) {
    const last = written[written.length - 1].result;
    statement('INSERT INTO idempotency_keys (key, fingerprint, stream, position) VALUES (?, ?, ?, ?)').run(
      p.idempotency.key,
      p.idempotency.fingerprint,
      last.stream,
      last.position,
    );
  }
  return { results: written.map((w) => w.result), events };
}

function appendPart(
  statement: Statements,
  p: NormalisedPart,
  recordedAt: string,
): { result: AppendResult; events: StoredEvent[] } {
  const replay = idempotentReplayOf(statement, p);
  if (replay) return { result: replay, events: [] };
  const head = statement(HEAD_SQL).get(p.stream) as { revision: number; hash: string } | undefined;
  const actual = head ? head.revision : -1;
  if (!revisionMatches(p.expected, actual)) throw new WrongExpectedRevision(p.stream, p.expected, actual);
  const insert = statement(INSERT_EVENT_SQL);
  const category = categoryOf(p.stream);
  const stored = chainBatch(p.stream, p.batch, head ?? null, recordedAt).map((event, i) => {
    const e = p.batch[i];
    const info = insert.run(
      e.id,
      p.stream,
      category,
      event.revision,
      e.type,
      e.schemaVersion,
      e.json,
      e.occurredAt,
      recordedAt,
      e.actor,
      e.correlationId,
      e.causationId,
      JSON.stringify(e.source),
      event.prevHash,
      event.hash,
    );
    event.position = Number(info.lastInsertRowid);
    return event;
  });
  const last = stored[stored.length - 1];
  return {
    result: {
      stream: p.stream,
      nextExpectedRevision: last.revision,
      position: last.position,
      events: stored.map(({ id, revision, position, hash }) => ({ id, revision, position, hash })),
      idempotentReplay: false,
    },
    events: stored,
  };
}

/** A batch whose ids are all stored already, with the same content, returns the original result. */
function idempotentReplayOf(statement: Statements, p: NormalisedPart): AppendResult | null {
  const byId = statement('SELECT position, id, stream, revision, type, data, hash FROM events WHERE id = ?');
  const found = p.batch.map((e) => byId.get(e.id) as StoredIdRow | undefined);
  const head = () =>
    (
      statement('SELECT max(revision) AS revision FROM events WHERE stream = ?').get(p.stream) as {
        revision: number;
      }
    ).revision;
  return idempotentReplay(p, found, head);
}
