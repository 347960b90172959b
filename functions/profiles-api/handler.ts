import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { loadSessionKey, secretString } from '@culturebridge/auth';
import { sesMailer } from '@culturebridge/mail';
import { AddressBook, MatchStore, MeetingStore, NetworkStore, ProfileStore, SessionStore, SignInStore, SuppressionStore, createDocumentClient } from '@culturebridge/store';
import { createProfilesApi } from './app.js';
import { loadConfig } from '@culturebridge/api/config';

const config = loadConfig();
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});
const ses = new SESv2Client({ maxAttempts: 3, ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}) });

export const handler = createProfilesApi({
  profiles: new ProfileStore(doc, config.TABLE_NAME),
  matches: new MatchStore(doc, config.TABLE_NAME),
  networks: new NetworkStore(doc, config.TABLE_NAME),
  meetings: new MeetingStore(doc, config.TABLE_NAME),
  addresses: new AddressBook(doc, config.TABLE_NAME),
  signIns: new SignInStore(doc, config.TABLE_NAME),
  sessions: new SessionStore(doc, config.TABLE_NAME),
  suppressions: new SuppressionStore(doc, config.TABLE_NAME),
  mailer: sesMailer(ses, { sender: config.SENDER_EMAIL, configurationSet: config.CONFIGURATION_SET }),
  sessionKey: await loadSessionKey(config),
  originSecret: config.ORIGIN_VERIFY_SECRET_ARN ? await secretString(config.ORIGIN_VERIFY_SECRET_ARN) : undefined,
  appBaseUrl: config.APP_BASE_URL,
  newId: randomUUID,
  now: () => new Date().toISOString(),
  logger: new Logger({ serviceName: 'profiles-api' }),
  allowedOrigins: config.ALLOWED_ORIGINS,
});
