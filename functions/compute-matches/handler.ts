import { Logger } from '@aws-lambda-powertools/logger';
import { MatchStore, NetworkSettingsStore, createDocumentClient } from '@culturebridge/store';
import { createComputeMatchesHandler } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createComputeMatchesHandler({
  matches: new MatchStore(doc, config.TABLE_NAME),
  networkSettings: new NetworkSettingsStore(doc, config.TABLE_NAME),
  doc,
  tableName: config.TABLE_NAME,
  now: () => new Date().toISOString(),
  ...(config.MATCHING_CONFIG ? { config: config.MATCHING_CONFIG } : {}),
  logger: new Logger({ serviceName: 'compute-matches' }),
});
