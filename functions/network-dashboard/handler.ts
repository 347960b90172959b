import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from '@culturebridge/api/config';
import { loadSessionKey } from '@culturebridge/auth';
import { ActivityStore, AddressBook, CoordinatorStore, MatchStore, SessionStore, createDocumentClient } from '@culturebridge/store';
import { createNetworkDashboardApi } from './app.js';

// The API's configuration, as every API function reads it (it sends no mail, but is configured alike).
const config = loadConfig(process.env, 'network-dashboard');
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createNetworkDashboardApi({
  matches: new MatchStore(doc, config.TABLE_NAME),
  activity: new ActivityStore(doc, config.TABLE_NAME),
  coordinators: new CoordinatorStore(doc, config.TABLE_NAME),
  addresses: new AddressBook(doc, config.TABLE_NAME),
  sessions: new SessionStore(doc, config.TABLE_NAME),
  sessionKey: await loadSessionKey(config),
  appBaseUrl: config.APP_BASE_URL,
  now: () => new Date().toISOString(),
  logger: new Logger({ serviceName: 'network-dashboard' }),
  allowedOrigins: config.ALLOWED_ORIGINS,
});
