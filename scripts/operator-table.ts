import { createDocumentClient } from '@culturebridge/store';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.js';
import { LOCAL_TABLE_NAME } from '../local/platform.js';

/**
 * The table the operator's commands write to: `npm start`'s DynamoDB Local (DYNAMODB_PORT or 8000)
 * by default; with TABLE_NAME set, that table in AWS with the usual credentials and region
 * (DYNAMODB_ENDPOINT overrides the endpoint either way).
 */
export function operatorDocumentClient() {
  const local = !process.env.TABLE_NAME;
  const tableName = process.env.TABLE_NAME ?? LOCAL_TABLE_NAME;
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? (local ? `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}` : undefined);
  const doc = createDocumentClient(endpoint ? { endpoint, ...(local ? { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS } : {}) } : {});
  return { doc, tableName };
}

/** Prints a zod error field by field, anything else as one line; returns the exit code 1. */
export function reportFailure(error: unknown, what: string): number {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  console.error(issues ? issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') : `could not store ${what}: ${(error as Error).message}`);
  return 1;
}
