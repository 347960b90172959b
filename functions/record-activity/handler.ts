import { Logger } from '@aws-lambda-powertools/logger';
import { ActivityStore, createDocumentClient } from '@culturebridge/store';
import { SuppressConfig } from '../suppress/config.js';
import { loadConfig } from '@culturebridge/runtime';
import { createRecordActivityHandler } from './app.js';

// The same two settings as suppress: the table and, locally, its endpoint.
const config = loadConfig('record-activity', SuppressConfig);
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createRecordActivityHandler({
  activity: new ActivityStore(doc, config.TABLE_NAME),
  logger: new Logger({ serviceName: 'record-activity' }),
});
