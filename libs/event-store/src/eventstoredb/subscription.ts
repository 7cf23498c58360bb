import { setTimeout as pause } from 'node:timers/promises';
import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type EventStoreDBClient,
  type Filter,
  type Position,
} from '@eventstore/db-client';
import type { StoredEvent, SubscriptionFilter } from '../event-store.port';
import { noop, untilAborted } from './async-iteration';
import { errorType, readAllRaw, TRANSIENT } from './client-calls';
import { comparePositions, toStoredEvent } from './mapping';
import { matchesSubscriptionFilter, serverFilterSpec } from './read-filters';

/**
 * The adapter's subscription: one `subscribeToAll`, filtered on the server, pulled by its
 * consumer, and made again after the last event handed out when the node goes away or loses
 * leadership (a bounded number of consecutive times, with a growing pause).
 */

export function serverFilter(filter: SubscriptionFilter | undefined): Filter {
  const spec = serverFilterSpec(filter);
  switch (spec.on) {
    case 'streamName':
      return streamNameFilter({ prefixes: spec.prefixes });
    case 'eventType':
      return eventTypeFilter({ regex: spec.regex });
    default:
      return excludeSystemEvents();
  }
}

/** The position of the last record in `$all` (system events included), or undefined if empty. */
export async function lastPositionOfAll(client: EventStoreDBClient): Promise<Position | undefined> {
  for await (const resolved of readAllRaw(client, 'end', 'backwards', 1)) return resolved.event?.position;
  return undefined;
}

/**
 * The ledger's events after `after` (exclusive; undefined: from the start), catch-up then live,
 * until `stop` aborts. Each event is handed out once, across reconnects.
 */
export async function* subscribeAfter(
  client: EventStoreDBClient,
  after: Position | undefined,
  filter: SubscriptionFilter | undefined,
  stop: AbortSignal,
  maxRetries: number,
): AsyncGenerator<StoredEvent> {
  const server = serverFilter(filter);
  let failures = 0;
  while (!stop.aborted) {
    const subscription = client.subscribeToAll({
      fromPosition: after ?? 'start',
      filter: server,
    });
    subscription.on('error', noop);
    try {
      for await (const resolved of untilAborted(subscription, stop)) {
        failures = 0;
        const position = resolved.event?.position;
        if (!position) continue;
        if (after && comparePositions(position, after) <= 0) continue;
        after = position;
        const event = toStoredEvent(resolved);
        if (!event || !matchesSubscriptionFilter(event, filter)) continue;
        yield event;
      }
      if (stop.aborted) return;
      // The server ended the subscription (e.g. the node shut down): subscribe again.
    } catch (error) {
      if (stop.aborted) return;
      failures += 1;
      if (!TRANSIENT.has(errorType(error) ?? '') || failures > maxRetries) throw error;
    } finally {
      await subscription.unsubscribe().catch(noop);
      subscription.destroy();
    }
    await pause(Math.min(200 * 2 ** failures, 5000), undefined, { signal: stop }).catch(() => undefined); // an abort ends the wait
  }
}
