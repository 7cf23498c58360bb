import type { StoredEvent, SubscriptionFilter } from '../event-store.port';
import type { ReadCutsNormalised } from '../read-options';

/**
 * The read cuts and subscription filters, as far as the server cannot apply them: what the
 * adapter checks on each event, and what it asks the server to filter on.
 */

export function matchesStreamPrefixes(stream: string, prefixes: readonly string[]): boolean {
  return prefixes.length === 0 || prefixes.some((prefix) => stream.startsWith(prefix));
}

/** The read cuts the server cannot apply, applied to one event (the SQLite WHERE clause). */
export function matchesCuts(
  event: StoredEvent,
  cuts: Pick<ReadCutsNormalised, 'types' | 'streamPrefixes' | 'occurredUntil' | 'recordedUntil'>,
): boolean {
  if (cuts.types.length > 0 && !cuts.types.includes(event.type)) return false;
  if (!matchesStreamPrefixes(event.stream, cuts.streamPrefixes)) return false;
  if (cuts.occurredUntil !== undefined && event.metadata.occurredAt > cuts.occurredUntil) return false;
  if (cuts.recordedUntil !== undefined && event.metadata.recordedAt > cuts.recordedUntil) return false;
  return true;
}

/** True when the cuts drop events the server returns, so a page may yield fewer than it read. */
export function hasEventCuts(
  cuts: Pick<ReadCutsNormalised, 'types' | 'occurredUntil' | 'recordedUntil'>,
): boolean {
  return cuts.types.length > 0 || cuts.occurredUntil !== undefined || cuts.recordedUntil !== undefined;
}

export function streamPrefixesOf(prefix: SubscriptionFilter['streamPrefix']): readonly string[] {
  return prefix === undefined ? [] : typeof prefix === 'string' ? [prefix] : prefix;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What the server filters a subscription on. EventStoreDB filters on the stream name or on the
 * event type, not both: stream prefixes win (they are the narrower cut in practice) and the types
 * are then checked here; with neither, system events are left out on the server.
 */
export type ServerFilterSpec =
  | { on: 'streamName'; prefixes: string[] }
  | { on: 'eventType'; regex: string }
  | { on: 'excludeSystemEvents' };

export function serverFilterSpec(filter: SubscriptionFilter = {}): ServerFilterSpec {
  const prefixes = streamPrefixesOf(filter.streamPrefix);
  if (prefixes.length > 0) return { on: 'streamName', prefixes: [...prefixes] };
  const types = filter.types ?? [];
  if (types.length > 0) return { on: 'eventType', regex: `^(?:${types.map(escapeRegex).join('|')})$` };
  return { on: 'excludeSystemEvents' };
}

export function matchesSubscriptionFilter(event: StoredEvent, filter: SubscriptionFilter = {}): boolean {
  const types = filter.types ?? [];
  if (types.length > 0 && !types.includes(event.type)) return false;
  return matchesStreamPrefixes(event.stream, streamPrefixesOf(filter.streamPrefix));
}
