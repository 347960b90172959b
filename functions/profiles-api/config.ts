import { z } from 'zod';

/** Read once at cold start: a missing or malformed variable stops the function before it serves anything. */
const Config = z.object({
  TABLE_NAME: z.string().min(1),
  ALLOWED_ORIGINS: z
    .string()
    .default('*')
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean)),
  DYNAMODB_ENDPOINT: z.url().optional(),
});
export type ProfilesApiConfig = z.output<typeof Config>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProfilesApiConfig {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    throw new Error(`profiles-api configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
