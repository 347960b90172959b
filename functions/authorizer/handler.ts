import { loadSessionKey } from '@culturebridge/auth';
// Subpaths, not the package index: the index would bring the domain's schemas into this bundle.
import { createDocumentClient } from '@culturebridge/store/client';
import { SessionStore } from '@culturebridge/store/session-store';
import { createAuthorizer } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

export const handler = createAuthorizer(await loadSessionKey(config), new SessionStore(doc, config.TABLE_NAME));
