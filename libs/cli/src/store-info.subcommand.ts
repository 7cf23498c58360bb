import type { EventStore, StoreInfo } from '@ledger/event-store';
import type { CliIo } from './cli-io';

/** `ledger store info`: the store's own description (kind, head, counts, schema version, details) as JSON on stdout. */
export async function storeInfo(store: EventStore, io: CliIo): Promise<StoreInfo> {
  const info = await store.info();
  io.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
  return info;
}
