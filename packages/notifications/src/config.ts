import * as z from 'zod';
import { loadConfig as load } from '@culturebridge/runtime';

/** Shared by notify and send-digests: where mail comes from and where its links point. */
export const MailConfig = z.object({
  TABLE_NAME: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** aws-ses-v2-local when running locally; absent in Lambda (the regional SES endpoint). */
  SES_ENDPOINT: z.url().optional(),
  SENDER_EMAIL: z.email(),
  CONFIGURATION_SET: z.string().min(1),
  /** Links in mails are built from this, never from a request's Host header. */
  /** How long a notification claim keeps other deliveries away (ms); 5 minutes when absent. */
  NOTIFICATION_LEASE_MS: z.coerce.number().int().min(1_000).optional(),
  APP_BASE_URL: z.url({ protocol: /^https?$/, error: 'APP_BASE_URL: expected an http(s) URL such as https://app.example.org' }),
});

export const loadConfig = (functionName = 'notify', env: NodeJS.ProcessEnv = process.env) => load(functionName, MailConfig, env);
