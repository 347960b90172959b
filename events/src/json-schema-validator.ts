import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { DetailType } from './names.js';

const SCHEMA_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/**
 * Validates events against the checked-in JSON Schema files, as a partner system would: the
 * generated files, not the zod schemas they came from. For tests and tooling, not for Lambdas.
 */
export function checkedInSchemaValidator() {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  return (detailType: DetailType, event: unknown): string[] => {
    let validate = cache.get(detailType);
    if (!validate) {
      validate = ajv.compile(JSON.parse(readFileSync(`${SCHEMA_DIR}${detailType}.v1.json`, 'utf8')) as object);
      cache.set(detailType, validate);
    }
    return validate(event) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
