import { loadSessionKey } from '@culturebridge/auth';
import { createAuthorizer } from './app.js';
import { loadConfig } from './config.js';

export const handler = createAuthorizer(await loadSessionKey(loadConfig()));
