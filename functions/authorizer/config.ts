// zod's mini build keeps the authorizer within its 60 KB bundle budget (classic zod is 85 KB).
import * as z from 'zod/mini';
import { loadConfig as load } from '@culturebridge/runtime';

const text = () => z.string().check(z.minLength(1));
const Config = z
  .object({
    /** The table holding the server-side sessions the cookie (and a bearer token's `sid`) name. */
    TABLE_NAME: text(),
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    SESSION_KEY_SECRET_ARN: z.optional(text()),
    SESSION_KEY_FILE: z.optional(text()),
  })
  .check(z.refine((c) => Boolean(c.SESSION_KEY_SECRET_ARN ?? c.SESSION_KEY_FILE), { message: 'set SESSION_KEY_SECRET_ARN or SESSION_KEY_FILE' }));

export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => load('authorizer', Config, env);
