import {
  ErrorType,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { Direction } from '../event-store.port';
import { drain } from './async-iteration';

/** The client's errors as the adapter tells them apart, and its two raw reads. */

/** Errors worth a new subscription: the node went away or stopped being the leader. */
export const TRANSIENT: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.NOT_LEADER,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
]);

export function errorType(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string'
    ? (error as { type: string }).type
    : undefined;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || errorType(error) === ErrorType.STREAM_NOT_FOUND;
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError || errorType(error) === ErrorType.WRONG_EXPECTED_VERSION;
}

/** One server read of a stream; a stream that does not exist reads as empty. */
export async function* readStreamRaw(
  client: EventStoreDBClient,
  stream: string,
  fromRevision: ReadRevision,
  direction: Direction,
  maxCount: number,
  requiresLeader = false,
): AsyncGenerator<ResolvedEvent> {
  try {
    yield* drain(client.readStream(stream, { fromRevision, direction, maxCount, requiresLeader }));
  } catch (error) {
    if (isStreamNotFound(error)) return;
    throw error;
  }
}

/** One server read of `$all`. */
export function readAllRaw(
  client: EventStoreDBClient,
  fromPosition: ReadPosition,
  direction: Direction,
  maxCount: number,
): AsyncGenerator<AllStreamResolvedEvent> {
  return drain(client.readAll({ fromPosition, direction, maxCount }));
}
