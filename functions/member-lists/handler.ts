import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { loadSessionKey } from '@culturebridge/auth';
import { sesMailer } from '@culturebridge/mail';
import { AddressBook, MatchStore, NetworkSettingsStore, ProfileStore, SessionStore, SignInStore, SuppressionStore, createDocumentClient } from '@culturebridge/store';
import { loadConfig } from '@culturebridge/api/config';
import { createMemberListsApi } from './app.js';
import { loadMemberListsConfig } from './config.js';

const config = loadConfig(process.env, 'member-lists');
const own = loadMemberListsConfig();
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});
const ses = new SESv2Client({ maxAttempts: 3, ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}) });

export const handler = createMemberListsApi({
  profiles: new ProfileStore(doc, config.TABLE_NAME),
  matches: new MatchStore(doc, config.TABLE_NAME),
  networkSettings: new NetworkSettingsStore(doc, config.TABLE_NAME),
  addresses: new AddressBook(doc, config.TABLE_NAME),
  signIns: new SignInStore(doc, config.TABLE_NAME),
  sessions: new SessionStore(doc, config.TABLE_NAME),
  suppressions: new SuppressionStore(doc, config.TABLE_NAME),
  mailer: sesMailer(ses, { sender: config.SENDER_EMAIL, configurationSet: config.CONFIGURATION_SET }),
  sessionKey: await loadSessionKey(config),
  appBaseUrl: config.APP_BASE_URL,
  newId: randomUUID,
  now: () => new Date().toISOString(),
  logger: new Logger({ serviceName: 'member-lists' }),
  allowedOrigins: config.ALLOWED_ORIGINS,
  importSliceMs: own.IMPORT_SLICE_MS,
});
