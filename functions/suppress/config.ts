import * as z from 'zod';
import { loadConfig as load } from '@culturebridge/runtime';

export const SuppressConfig = z.object({
  TABLE_NAME: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => load('suppress', SuppressConfig, env);
