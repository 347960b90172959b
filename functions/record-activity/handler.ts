import { Logger } from '@aws-lambda-powertools/logger';
import { ActivityStore, createDocumentClient } from '@culturebridge/store';
import { loadConfig } from '@culturebridge/runtime';
import { TableConfig } from '@culturebridge/runtime/table-config';
import { createRecordActivityHandler } from './app.js';

const config = loadConfig('record-activity', TableConfig);
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createRecordActivityHandler({
  activity: new ActivityStore(doc, config.TABLE_NAME),
  logger: new Logger({ serviceName: 'record-activity' }),
});
