import type { z } from 'zod';

/**
 * Reads a function's configuration from the environment once, at cold start. A missing or malformed
 * variable stops the function before it serves anything, naming every bad variable.
 */
export function loadConfig<S extends z.ZodType>(functionName: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${functionName} configuration is invalid: ${problems}`);
  }
  return parsed.data;
}
