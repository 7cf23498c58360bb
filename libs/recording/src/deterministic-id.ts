import { createHash } from 'node:crypto';

/**
 * Event ids derived from an idempotency key: a retried request, on any instance, produces the
 * same ids, so the store's own idempotency by event id catches it. An RFC 9562 version-8 UUID
 * built from SHA-256(key, index).
 */
export function deterministicEventId(idempotencyKey: string, index: number): string {
  const hex = createHash('sha256').update(`ledger-event:${idempotencyKey}:${index}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
