import { Logger } from '@aws-lambda-powertools/logger';
import { SuppressionStore, createDocumentClient } from '@culturebridge/store';
import { createSuppressHandler } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createSuppressHandler({
  suppressions: new SuppressionStore(doc, config.TABLE_NAME),
  now: () => new Date(),
  logger: new Logger({ serviceName: 'suppress' }),
});
