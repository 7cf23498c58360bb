import type { StoredSource } from './event-store.port';

/**
 * A new event once validation has checked and normalised it (validation.ts), ready to be chained
 * and hashed (hashing.ts). In its own file so that those two need not import each other.
 */
export interface NormalisedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  /** The data as it will be stored: JSON text. */
  json: string;
  data: unknown;
  occurredAt: string;
  actor: string;
  correlationId: string;
  causationId: string | null;
  source: StoredSource;
}
