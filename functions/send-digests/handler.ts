import { mailDeps } from '@culturebridge/notifications/clients';
import { loadConfig } from '@culturebridge/notifications/config';
import { createSendDigestsHandler } from './app.js';

export const handler = createSendDigestsHandler(mailDeps(loadConfig('send-digests'), 'send-digests'));
