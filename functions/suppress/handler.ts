import { Logger } from '@aws-lambda-powertools/logger';
import { SuppressionStore, createDocumentClient } from '@culturebridge/store';
import { createSuppressHandler } from './app.js';
import { loadConfig } from '@culturebridge/runtime';
import { TableConfig } from '@culturebridge/runtime/table-config';

const config = loadConfig('suppress', TableConfig);
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createSuppressHandler({
  suppressions: new SuppressionStore(doc, config.TABLE_NAME),
  now: () => new Date(),
  logger: new Logger({ serviceName: 'suppress' }),
});
