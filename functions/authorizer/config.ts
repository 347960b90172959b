import * as z from 'zod';
import { loadConfig as load } from '@culturebridge/runtime';

const Config = z
  .object({
    SESSION_KEY_SECRET_ARN: z.string().min(1).optional(),
    SESSION_KEY_FILE: z.string().min(1).optional(),
  })
  .refine((c) => Boolean(c.SESSION_KEY_SECRET_ARN ?? c.SESSION_KEY_FILE), { message: 'set SESSION_KEY_SECRET_ARN or SESSION_KEY_FILE' });

export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => load('authorizer', Config, env);
