import { mailDeps } from '../notify/clients.js';
import { loadConfig } from '../notify/config.js';
import { createSendDigestsHandler } from './app.js';

export const handler = createSendDigestsHandler(mailDeps(loadConfig('send-digests'), 'send-digests'));
