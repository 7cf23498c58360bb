import { SubscriptionDiverged } from './errors';
import type { EventStore } from './event-store.port';

/**
 * SubscriptionDiverged unless the event at `expected.position` is still `expected.id`. Every
 * adapter runs it when a subscription starts from a checkpoint that names its event, so a read
 * model or a Merkle log kept beside a ledger finds out that the ledger is not the one it was built
 * from (another file restored in its place, or commits a failover took back).
 */
export async function expectEventAt(
  store: Pick<EventStore, 'readAll'>,
  expected: { position: number; id: string },
): Promise<void> {
  let found: { position: number; id: string } | undefined;
  for await (const event of store.readAll({ fromPosition: expected.position, limit: 1 })) found = event;
  if (found?.position !== expected.position || found.id !== expected.id)
    throw new SubscriptionDiverged(
      expected.position,
      expected.id,
      found?.position === expected.position ? found.id : undefined,
    );
}

/** The checkpoint's event, when the caller named it. */
export function checkpointEvent(from: unknown): { position: number; id: string } | undefined {
  if (typeof from !== 'object' || from === null) return undefined;
  const { after, eventId } = from as { after?: unknown; eventId?: unknown };
  return typeof eventId === 'string' && typeof after === 'number' && after > 0
    ? { position: after, id: eventId }
    : undefined;
}
