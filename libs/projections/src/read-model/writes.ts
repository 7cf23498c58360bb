import type { ProjectedEvent } from '@ledger/event-store';
import { deferredEntityIndex, entitiesOf, INSERT_ENTITY_POSITIONS } from './entities';
import type { ReadModelDb } from './read-model.db';

/**
 * Where the projector's writes go. Every write is a statement and its parameters, so the same
 * code can write on the read-model connection itself (incremental updates, and rebuilds of an
 * in-memory file) or hand its writes to the rebuild's writer thread (rebuild/writer-thread.ts).
 */
export interface Writes {
  run(sql: string, params: readonly unknown[]): void;
  /** Statements without parameters, several at once: transactions. */
  exec(sql: string): void;
  /** A rebuild's entity index: each event's entities are gathered (entities.ts) and written at the end. */
  indexLater(event: ProjectedEvent): void;
  /** Writes the entity index gathered so far, entity by entity in key order. */
  writeEntityIndex(): void;
}

/** Writes applied at once on the read-model connection, with each statement prepared once. */
export function connectionWrites(rm: ReadModelDb): Writes {
  const index = deferredEntityIndex();
  const run = (sql: string, params: readonly unknown[]) => void rm.prepare(sql).run(params);
  return {
    run,
    exec: (sql) => void rm.db.exec(sql),
    indexLater: (event) => index.add(event.position, entitiesOf(event)),
    writeEntityIndex: () =>
      index.drain((entity, positions) => run(INSERT_ENTITY_POSITIONS, [entity, positions])),
  };
}
