import * as z from 'zod';
import { EventId, EventTime } from '@culturebridge/domain';

/**
 * Every event's detail is `{ metadata, data }`. `schemaVersion` changes only for a breaking change,
 * which is then published side by side with the old version; additive changes keep it.
 */
export const Metadata = z.strictObject({
  eventId: EventId.describe('Unique per event; the same change always yields the same id, so a re-published event can be recognised'),
  schemaVersion: z.literal(1).describe('Version of this event\'s data schema'),
  occurredAt: EventTime.describe('When the change happened (ISO 8601, UTC)'),
  correlationId: z.string().min(1).max(200).describe('Ties together events caused by one request or one upstream event'),
  idempotencyKey: z.string().min(1).max(300).describe('Item key plus version: consumers use it to apply each change once'),
});
export type Metadata = z.infer<typeof Metadata>;

export function envelope<D extends z.ZodType>(data: D) {
  return z.strictObject({ metadata: Metadata, data });
}
