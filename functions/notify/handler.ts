import { createNotifyHandler } from './app.js';
import { mailDeps } from './clients.js';
import { loadConfig } from './config.js';

export const handler = createNotifyHandler(mailDeps(loadConfig(), 'notify'));
