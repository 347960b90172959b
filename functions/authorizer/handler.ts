import { loadSessionKey } from '@culturebridge/auth';
import { SessionStore, createDocumentClient } from '@culturebridge/store';
import { createAuthorizer } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createAuthorizer(await loadSessionKey(config), new SessionStore(doc, config.TABLE_NAME));
