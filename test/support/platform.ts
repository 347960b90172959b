import { randomUUID } from 'node:crypto';
import { expect, inject } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProfileInput } from '@culturebridge/domain';
import { localDocumentClient } from '../../local/dynamodb-local.js';
import { startPlatform, type Platform, type PlatformOptions } from '../../local/platform.js';

/** Anything shaped like an e-mail address: events, logs and API answers are checked against it. */
export const EMAIL_PATTERN = /[^\s"@]+@[^\s"@]+\.[^\s"@]+/;

/** The whole local platform on free ports, on the shared DynamoDB Local, with a table of its own. */
export function startTestPlatform(prefix: string, options: Partial<PlatformOptions> = {}): Promise<Platform> {
  return startPlatform({ apiPort: 0, dynamodbEndpoint: inject('dynamodbEndpoint'), tableName: `${prefix}-${randomUUID().slice(0, 8)}`, quiet: true, ...options });
}

export function platformDocumentClient(platform: Platform): DynamoDBDocumentClient {
  return localDocumentClient(platform.dynamodbEndpoint);
}

/** Submits a profile through the HTTP API and returns its id. */
export async function submitProfile(platform: Platform, profile: ProfileInput): Promise<string> {
  const response = await fetch(`${platform.apiUrl}/profiles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
