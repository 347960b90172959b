import { mailDeps } from '@culturebridge/notifications/clients';
import { loadConfig } from '@culturebridge/notifications/config';
import { createExpireProposalsHandler } from './app.js';

export const handler = createExpireProposalsHandler(mailDeps(loadConfig('expire-proposals'), 'expire-proposals'));
