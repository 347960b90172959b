import * as z from 'zod';
import { EVENT_SCHEMAS } from './schemas.js';
import { DETAIL_TYPES, type DetailType } from './names.js';

/** The whole EventBridge event as a partner's rule sees it, with our detail inside. */
export function eventSchema<T extends DetailType>(detailType: T) {
  return z.object({
    version: z.string(),
    id: z.string(),
    'detail-type': z.literal(detailType),
    source: z.literal(DETAIL_TYPES[detailType]),
    account: z.string(),
    time: z.iso.datetime(),
    region: z.string(),
    resources: z.array(z.string()),
    detail: EVENT_SCHEMAS[detailType],
  });
}

/**
 * JSON Schema draft 4: the EventBridge Schema Registry accepts `JSONSchemaDraft4` (and OpenAPI 3),
 * not newer drafts.
 */
export function eventJsonSchema(detailType: DetailType): Record<string, unknown> {
  const schema = z.toJSONSchema(eventSchema(detailType), { target: 'draft-4', io: 'output' }) as Record<string, unknown>;
  return { ...schema, title: detailType, description: `CultureBridge ${detailType} event, schema version 1` };
}
