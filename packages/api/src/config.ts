import * as z from 'zod';
import { loadConfig as load } from '@culturebridge/runtime';

/** Read once at cold start: a missing or malformed variable stops the function before it serves anything. */
const Config = z
  .object({
    TABLE_NAME: z.string().min(1),
    ALLOWED_ORIGINS: z
      // Required on purpose: a forgotten setting must not silently open CORS to every origin.
      .string()
      .min(1)
      .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean)),
    DYNAMODB_ENDPOINT: z.url().optional(),
    /** AWS: the Secrets Manager secret holding the session key. */
    SESSION_KEY_SECRET_ARN: z.string().min(1).optional(),
    /** `npm start` and tests: a file holding the session key. */
    SESSION_KEY_FILE: z.string().min(1).optional(),
    /** AWS: the secret CloudFront sends to the API (see ORIGIN_VERIFY_HEADER). */
    ORIGIN_VERIFY_SECRET_ARN: z.string().min(1).optional(),
    /** aws-ses-v2-local when running locally; absent in Lambda. */
    SES_ENDPOINT: z.url().optional(),
    SENDER_EMAIL: z.email(),
    CONFIGURATION_SET: z.string().min(1),
    /** Sign-in links are built from this, never from a request's Host header. */
    APP_BASE_URL: z.url({ protocol: /^https?$/, error: 'APP_BASE_URL: expected an http(s) URL such as https://app.example.org' }),
  })
  .refine((c) => Boolean(c.SESSION_KEY_SECRET_ARN ?? c.SESSION_KEY_FILE), { message: 'set SESSION_KEY_SECRET_ARN or SESSION_KEY_FILE', path: ['SESSION_KEY_SECRET_ARN'] });
export type ProfilesApiConfig = z.output<typeof Config>;

/** Read by every API function (api-routes.ts: `function`), which serve the same API with the same settings. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env, functionName = 'profiles-api') => load(functionName, Config, env);
