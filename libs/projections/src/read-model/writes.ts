import type { ReadModelDb } from './read-model.db';

/**
 * Where the projector's writes go. Every write is a statement and its parameters, so the same
 * code can write on the read-model connection itself (incremental updates, and rebuilds of an
 * in-memory file) or hand its writes to the rebuild's writer thread (rebuild/writer-thread.ts).
 */
export interface Writes {
  run(sql: string, params: readonly unknown[]): void;
  /** Statements without parameters, several at once: transactions, index builds. */
  exec(sql: string): void;
}

/** Writes applied at once on the read-model connection, with each statement prepared once. */
export const connectionWrites = (rm: ReadModelDb): Writes => ({
  run: (sql, params) => void rm.prepare(sql).run(params),
  exec: (sql) => void rm.db.exec(sql),
});

/** Sets a key of rm_meta: one statement, whichever connection runs it. */
export const SET_META = 'INSERT INTO rm_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';
