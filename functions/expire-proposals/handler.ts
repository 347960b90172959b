import { mailDeps } from '../notify/clients.js';
import { loadConfig } from '../notify/config.js';
import { createExpireProposalsHandler } from './app.js';

export const handler = createExpireProposalsHandler(mailDeps(loadConfig('expire-proposals'), 'expire-proposals'));
