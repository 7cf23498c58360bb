import { isISO8601 } from 'class-validator';
import { InvalidInput } from './errors';
import type { Direction, ReadAllOptions, ReadStreamOptions } from './event-store.port';

export interface ReadCutsNormalised {
  direction: Direction;
  types: readonly string[];
  streamPrefixes: readonly string[];
  occurredUntil?: string;
  recordedUntil?: string;
  limit: number;
  pageSize: number;
}

function isoOrUndefined(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isISO8601(value, { strict: true })) {
    throw new InvalidInput('invalid-read-option', field, `${field} must be an ISO 8601 date or timestamp`);
  }
  return new Date(value).toISOString();
}

function positiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInput('invalid-read-option', field, `${field} must be an integer >= 1`);
  }
  return value;
}

/** Read options as every adapter applies them: timestamps in the stored (toISOString) form. */
export function normaliseReadCuts(
  options: ReadStreamOptions & ReadAllOptions,
  defaultPageSize: number,
): ReadCutsNormalised {
  const direction = options.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidInput('invalid-read-option', 'direction', `direction must be 'forwards' or 'backwards'`);
  }
  const prefix = options.streamPrefix;
  return {
    direction,
    types: options.types ?? [],
    streamPrefixes: prefix === undefined ? [] : typeof prefix === 'string' ? [prefix] : prefix,
    occurredUntil: isoOrUndefined(options.occurredUntil, 'occurredUntil'),
    recordedUntil: isoOrUndefined(options.recordedUntil, 'recordedUntil'),
    limit: positiveInt(options.limit, 'limit', Number.MAX_SAFE_INTEGER),
    pageSize: positiveInt(options.pageSize, 'pageSize', defaultPageSize),
  };
}
