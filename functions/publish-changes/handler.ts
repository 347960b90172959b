import { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createPublishChangesHandler } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();

export const handler = createPublishChangesHandler({
  eventBridge: new EventBridgeClient(config.EVENTBRIDGE_ENDPOINT ? { endpoint: config.EVENTBRIDGE_ENDPOINT } : {}),
  logger: new Logger({ serviceName: 'publish-changes' }),
  publish: { busName: config.EVENT_BUS_NAME, maxAttempts: config.PUBLISH_MAX_ATTEMPTS, baseDelayMs: 100 },
});
