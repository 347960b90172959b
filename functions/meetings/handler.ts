import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from '@culturebridge/api/config';
import { loadSessionKey } from '@culturebridge/auth';
import { AddressBook, MatchStore, MeetingLists, MeetingStore, NetworkSettingsStore, ProfileStore, SessionStore, createDocumentClient } from '@culturebridge/store';
import { createMeetingsApi } from './app.js';

// The API's configuration, as every API function reads it; SENDER_EMAIL is the calendars' organizer.
const config = loadConfig(process.env, 'meetings');
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createMeetingsApi({
  meetings: new MeetingStore(doc, config.TABLE_NAME),
  meetingLists: new MeetingLists(doc, config.TABLE_NAME),
  matches: new MatchStore(doc, config.TABLE_NAME),
  profiles: new ProfileStore(doc, config.TABLE_NAME),
  networkSettings: new NetworkSettingsStore(doc, config.TABLE_NAME),
  addresses: new AddressBook(doc, config.TABLE_NAME),
  sessions: new SessionStore(doc, config.TABLE_NAME),
  sessionKey: await loadSessionKey(config),
  appBaseUrl: config.APP_BASE_URL,
  now: () => new Date().toISOString(),
  logger: new Logger({ serviceName: 'meetings' }),
  allowedOrigins: config.ALLOWED_ORIGINS,
  organizerEmail: config.SENDER_EMAIL,
});
