import * as z from 'zod';
import { loadConfig as load } from '@culturebridge/runtime';
import { EVENT_BUS_NAME } from '@culturebridge/events';

const Config = z.object({
  EVENT_BUS_NAME: z.string().min(1).default(EVENT_BUS_NAME),
  EVENTBRIDGE_ENDPOINT: z.url().optional(),
  PUBLISH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
});
export type PublishChangesConfig = z.output<typeof Config>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => load('publish-changes', Config, env);
