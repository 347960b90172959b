import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { loadConfig } from './index.js';

describe('loadConfig', () => {
  it('returns typed values with defaults, and names every bad variable', () => {
    const schema = z.object({ TABLE_NAME: z.string().min(1), RETRIES: z.coerce.number().int().default(3) });
    expect(loadConfig('fn', schema, { TABLE_NAME: 't' })).toEqual({ TABLE_NAME: 't', RETRIES: 3 });
    expect(() => loadConfig('fn', schema, { RETRIES: 'x' })).toThrow(/fn configuration is invalid: TABLE_NAME: .*; RETRIES: /);
  });
});
