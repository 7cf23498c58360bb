import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { SubscriptionDiverged } from '../errors';
import type { EventStore, StoredEvent, SubscribeOptions } from '../event-store.port';
import { waitForAppend } from '../event-rows';
import { checkpointEvent, expectEventAt } from '../subscription-check';
import { isConnectionError, retryWhileDisconnected } from './connection';

/** What a subscription waits on in its store, besides the port's reads. */
export interface LiveAppends {
  /** Emits 'appended' on a commit (this instance's, or one notified) and 'closed' on close. */
  appended: EventEmitter;
  isClosed: () => boolean;
  /** Starts listening for other instances' commits, once per store. */
  listen: () => void;
}

export interface SubscriptionSettings {
  pageSize: number;
  pollIntervalMs: number;
  reconnectTimeoutMs: number;
}

/**
 * Catch-up then live. Live means LISTEN/NOTIFY (every commit notifies), with a poll as a safety
 * net. A lost connection is not the end: the subscription waits for the server to come back
 * (a failover) and resumes after the last event it gave, so the consumer sees each event once.
 *
 * A failover can take back what a reader saw: when the primary dies, a commit still waiting for
 * its synchronous standby becomes visible to the primary's other sessions for a moment, and is
 * not on the standby that takes over. So each page starts at the last event handed over, which
 * must still be there with the same id (one more row, no more round trips); if it is not, the
 * subscription throws SubscriptionDiverged and the consumer starts again from scratch.
 */
export async function* subscribeThroughFailover(
  store: Pick<EventStore, 'readAll' | 'head'>,
  options: SubscribeOptions,
  live: LiveAppends,
  settings: SubscriptionSettings,
): AsyncGenerator<StoredEvent> {
  const { from, filter = {}, signal } = options;
  let after =
    from === 'start'
      ? 0
      : from === 'end'
        ? await retryWhileDisconnected(() => store.head(), settings.reconnectTimeoutMs, live.isClosed)
        : from.after;
  let last = checkpointEvent(from);
  const filtered = Boolean(filter.types?.length || filter.streamPrefix?.length);
  live.listen();
  let lostSince: number | undefined;
  while (!signal?.aborted && !live.isClosed()) {
    try {
      let caughtUp = true;
      const headBefore = await store.head();
      const check = last?.position === after ? last : undefined;
      if (last && !check) await expectEventAt(store, last); // a filtered subscription moved past it
      let first = true;
      // One page at a time: the consumer's pace sets the reader's (back-pressure).
      for await (const event of store.readAll({
        ...filter,
        fromPosition: check ? after : after + 1,
        limit: settings.pageSize + (check ? 1 : 0),
      })) {
        if (signal?.aborted) return;
        if (check && first) {
          first = false;
          if (event.position !== check.position || event.id !== check.id)
            throw new SubscriptionDiverged(
              check.position,
              check.id,
              event.position === check.position ? event.id : undefined,
            );
          continue;
        }
        yield event;
        after = event.position;
        last = { position: event.position, id: event.id };
        caughtUp = false;
      }
      if (check && first) throw new SubscriptionDiverged(check.position, check.id, undefined);
      lostSince = undefined;
      if (caughtUp) {
        // Appends are serialised, so every position up to the head read before the page is
        // committed and was in it: for a filtered subscription, the events it filtered out move
        // the checkpoint too. (Unfiltered, the page held every one of them.)
        if (filtered) after = Math.max(after, headBefore);
        await waitForAppend(live.appended, settings.pollIntervalMs, signal);
      }
    } catch (error) {
      if (!isConnectionError(error) || live.isClosed()) throw error;
      lostSince ??= Date.now();
      if (Date.now() - lostSince > settings.reconnectTimeoutMs) throw error;
      await sleep(100);
    }
  }
}
