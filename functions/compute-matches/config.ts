import { z } from 'zod';

const Config = z.object({
  TABLE_NAME: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    throw new Error(`compute-matches configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
