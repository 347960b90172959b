import { createHash } from 'node:crypto';

/**
 * A SHA-256 of a request as parsed (who sent it and what): equal requests give equal digests, as
 * zod's output has its keys in schema order. What makes a retried create find its own earlier one.
 */
export function requestFingerprint(request: unknown): Buffer {
  return createHash('sha256').update(JSON.stringify(request)).digest();
}
