import type { AppendResult, ExpectedRevision } from './event-store.port';

/**
 * Every error the store raises on bad input or a conflict. `code` is stable, so the HTTP layer
 * maps it to a problem type without matching on messages.
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The optimistic-concurrency check failed; nothing was written. */
export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'wrong-expected-revision';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(
      `Stream ${stream}: expected revision ${String(expected)}, but the stream is at ${
        actual < 0 ? 'no_stream' : actual
      }`,
    );
  }
}

/**
 * A store that cannot append to several streams atomically (EventStoreDB) wrote the first parts
 * of an appendToStreams and then failed on one: `written` are the parts it wrote (their results,
 * in order), `cause` the failing part's own error (WrongExpectedRevision, InvalidInput, …). The
 * caller must undo or complete the written parts; nothing after the failing part was tried.
 */
export class PartlyAppended extends EventStoreError {
  readonly code = 'partly-appended';
  constructor(
    readonly written: readonly AppendResult[],
    override readonly cause: unknown,
  ) {
    super(
      `Only ${written.map((w) => w.stream).join(', ')} of the append ${written.length === 1 ? 'was' : 'were'} written: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
  }
}

/** The input breaks the port's contract. `field` names what is wrong. */
export class InvalidInput extends EventStoreError {
  constructor(
    readonly code:
      | 'invalid-expected-revision'
      | 'invalid-event-id'
      | 'empty-batch'
      | 'event-too-large'
      | 'data-not-json'
      | 'invalid-stream-name'
      | 'invalid-event-type'
      | 'invalid-metadata'
      | 'duplicate-event-id'
      | 'invalid-read-option'
      | 'invalid-parts'
      | 'hash-mismatch'
      | 'chain-break'
      | 'recorded-out-of-order',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The database was written by a newer version of the ledger than this one. */
export class SchemaTooNew extends EventStoreError {
  readonly code = 'schema-too-new';
  constructor(
    readonly found: number,
    readonly known: number,
    where: string,
  ) {
    super(
      `${where} has schema version ${found}, but this ledger knows versions up to ${known}. ` +
        `Upgrade the ledger before opening it; nothing was changed.`,
    );
  }
}

export class StoreClosed extends EventStoreError {
  readonly code = 'store-closed';
  constructor() {
    super('The event store is closed');
  }
}

/**
 * An Idempotency-Key already recorded with another request (its fingerprint differs): nothing
 * was written, and the first request's events are not answered as this one's.
 */
export class IdempotencyKeyReused extends EventStoreError {
  readonly code = 'idempotency-key-reused';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was first used with another request`);
  }
}

/** The disk (or the database's page limit) is full: the append was rolled back, nothing was written. */
export class StorageFull extends EventStoreError {
  readonly code = 'storage-full';
  constructor(detail: string) {
    super(
      `The ledger's storage is full (${detail}): nothing was written. Free some space; writes resume without a restart`,
    );
  }
}

/**
 * A subscription found that events it had handed over are no longer in the store: a PostgreSQL
 * failover lost commits that the dying primary had already shown to readers (a commit waiting
 * for its synchronous standby becomes visible when its backend is killed). Everything the
 * consumer derived from the subscription since `position` may hold events that never were: it
 * must start again from scratch. Nothing acknowledged is concerned: those commits were never
 * acknowledged to their writers.
 */
export class SubscriptionDiverged extends EventStoreError {
  readonly code = 'subscription-diverged';
  constructor(
    readonly position: number,
    readonly expectedEventId: string,
    found: string | undefined,
  ) {
    super(
      `The subscription handed over event ${expectedEventId} at position ${position}, but the store now holds ${
        found ? `event ${found}` : 'no event'
      } there (a failover lost commits a reader had seen): start again from scratch`,
    );
  }
}
