import * as z from 'zod';
import { loadConfig as load } from '@culturebridge/runtime';

/**
 * member-lists' own settings, beside the API's (`loadConfig` of @culturebridge/api/config, read too): kept out of
 * the shared schema so that profiles-api does not bundle what only imports read.
 */
const Config = z.object({
  /** ms one import call takes new rows; IMPORT_SLICE_MS of member-import.ts when unset (tests set 0: one row a call). */
  IMPORT_SLICE_MS: z.coerce.number().int().min(0).max(25_000).optional(),
});

export const loadMemberListsConfig = (env: NodeJS.ProcessEnv = process.env) => load('member-lists', Config, env);
