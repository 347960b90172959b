import { z } from 'zod';
import { loadConfig as load } from '@culturebridge/runtime';

/** Read once at cold start: a missing or malformed variable stops the function before it serves anything. */
const Config = z.object({
  TABLE_NAME: z.string().min(1),
  ALLOWED_ORIGINS: z
    // Required on purpose: a forgotten setting must not silently open CORS to every origin.
    .string()
    .min(1)
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean)),
  DYNAMODB_ENDPOINT: z.url().optional(),
});
export type ProfilesApiConfig = z.output<typeof Config>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => load('profiles-api', Config, env);
