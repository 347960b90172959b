import * as z from 'zod';
import { loadConfig as load } from '@culturebridge/runtime';

export const DeliverWebhooksConfig = z.object({
  TABLE_NAME: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** The delivery queue (fed by the partner-webhooks rule and by this function's own retries). */
  QUEUE_URL: z.url(),
  /** Where an event goes after its last attempt; an alarm watches it. */
  DEAD_LETTER_QUEUE_URL: z.url(),
  SES_ENDPOINT: z.url().optional(),
  SENDER_EMAIL: z.email(),
  CONFIGURATION_SET: z.string().min(1),
  OPERATOR_EMAIL: z.email(),
  /**
   * `true` only on one machine (`npm start`, tests): plain http and private or loopback addresses are
   * then allowed, so a developer's receiver on localhost gets webhooks. Never set in the stack.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).default('false'),
});
export type DeliverWebhooksConfig = z.output<typeof DeliverWebhooksConfig>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => load('deliver-webhooks', DeliverWebhooksConfig, env);
