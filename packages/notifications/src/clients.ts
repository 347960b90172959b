import { Logger } from '@aws-lambda-powertools/logger';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CoordinatorStore, MatchStore, MeetingStore, NetworkSettingsStore, NotificationStore, ProfileStore, SuppressionStore, createDocumentClient } from '@culturebridge/store';
import type * as z from 'zod';
import { sesMailer } from '@culturebridge/mail';
import type { MailConfig } from './config.js';

/** The clients notify, send-digests and expire-proposals build at cold start from their configuration. */
export function mailDeps(config: z.output<typeof MailConfig>, serviceName: string) {
  const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});
  // Standard retry mode retries throttling with backoff; the mailer adds a few attempts of its own.
  const ses = new SESv2Client({ maxAttempts: 3, ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}) });
  return {
    coordinators: new CoordinatorStore(doc, config.TABLE_NAME),
    notifications: new NotificationStore(doc, config.TABLE_NAME),
    suppressions: new SuppressionStore(doc, config.TABLE_NAME),
    matches: new MatchStore(doc, config.TABLE_NAME),
    networkSettings: new NetworkSettingsStore(doc, config.TABLE_NAME),
    meetings: new MeetingStore(doc, config.TABLE_NAME),
    memberships: new ProfileStore(doc, config.TABLE_NAME),
    mailer: sesMailer(ses, { sender: config.SENDER_EMAIL, configurationSet: config.CONFIGURATION_SET }),
    baseUrl: config.APP_BASE_URL,
    now: () => new Date(),
    leaseMs: config.NOTIFICATION_LEASE_MS,
    logger: new Logger({ serviceName }),
  };
}
