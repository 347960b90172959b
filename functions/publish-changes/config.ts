import { z } from 'zod';
import { EVENT_BUS_NAME } from '@culturebridge/events';

const Config = z.object({
  EVENT_BUS_NAME: z.string().min(1).default(EVENT_BUS_NAME),
  EVENTBRIDGE_ENDPOINT: z.url().optional(),
  PUBLISH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
});
export type PublishChangesConfig = z.output<typeof Config>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PublishChangesConfig {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    throw new Error(`publish-changes configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
