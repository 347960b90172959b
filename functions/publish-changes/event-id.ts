import { createHash } from 'node:crypto';

/**
 * A UUID derived from the idempotency key (name-based, like UUID v5 but with SHA-256), so a change
 * that is published twice carries the same eventId both times.
 */
export function eventIdFor(idempotencyKey: string): string {
  const hex = createHash('sha256').update(idempotencyKey).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
