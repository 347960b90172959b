import * as z from 'zod';
import { MatchingConfig } from '@culturebridge/domain';
import { loadConfig as load } from '@culturebridge/runtime';

const Config = z.object({
  TABLE_NAME: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
  /**
   * Matching settings as JSON (`{"topK": 10, "exposureCap": 20}`), validated by the domain's
   * MatchingConfig; the defaults when absent. A deployment knob, and how tests reach a cap quickly.
   */
  MATCHING_CONFIG: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return undefined;
      try {
        return MatchingConfig.parse(JSON.parse(raw));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `expected MatchingConfig JSON: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
});

export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => load('compute-matches', Config, env);
