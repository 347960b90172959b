import { SQSClient } from '@aws-sdk/client-sqs';
import { createDeliverWebhooksHandler } from './app.js';
import { sqsQueue, storeDeps } from './clients.js';
import { loadConfig } from './config.js';

const config = loadConfig();

export const handler = createDeliverWebhooksHandler({ ...storeDeps(config), queue: sqsQueue(new SQSClient({}), config.QUEUE_URL, config.DEAD_LETTER_QUEUE_URL) });
