import { createNotifyHandler } from './app.js';
import { mailDeps } from '@culturebridge/notifications/clients';
import { loadConfig } from '@culturebridge/notifications/config';

export const handler = createNotifyHandler(mailDeps(loadConfig(), 'notify'));
