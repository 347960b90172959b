import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { MatchStore, ProfileStore, createDocumentClient } from '@culturebridge/store';
import { createProfilesApi } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createProfilesApi({
  profiles: new ProfileStore(doc, config.TABLE_NAME),
  matches: new MatchStore(doc, config.TABLE_NAME),
  newId: randomUUID,
  now: () => new Date().toISOString(),
  logger: new Logger({ serviceName: 'profiles-api' }),
  allowedOrigins: config.ALLOWED_ORIGINS,
});
