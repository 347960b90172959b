import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { Platform } from '../../local/platform.js';
import { ensureNetworks, platformDocumentClient, startTestPlatform } from '../support/platform.js';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';

// Every way into `npm start`'s HTTP adapter answers a client mistake with a 4xx problem, never a 5xx.

let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform('ingress');
});
afterAll(async () => platform?.stop());

const itemCount = async () => (await platformDocumentClient(platform).send(new ScanCommand({ TableName: platform.tableName, Select: 'COUNT', ConsistentRead: true }))).Count ?? 0;

async function send(path: string, init: RequestInit) {
  const response = await fetch(`${platform.apiUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('the local HTTP adapter', () => {
  it('answers a body over its 1 MiB limit with 413 problem+json on every prefix, storing nothing', async () => {
    const before = await itemCount();
    const huge = `{"name":"${'x'.repeat(1024 * 1024 + 10)}"}`;
    for (const path of ['/profiles', '/auth/magic-link', '/_local/run-digests', '/nowhere']) {
      const answer = await send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
      expect(answer.status, path).toBe(413);
      expect(answer.type, path).toBe('application/problem+json');
      expect(answer.body).toMatchObject({ status: 413, title: 'Request body too large' });
      // The limit it names (the handler's, or the adapter's where nothing or no handler limits) is one the body is over.
      expect(answer.body.maxBytes, path).toBeGreaterThan(0);
      expect(answer.body.maxBytes, path).toBeLessThan(huge.length);
    }
    expect(await itemCount()).toBe(before);
  });

  it('reads media types case-insensitively (RFC 9110 §8.3.1): APPLICATION/JSON is JSON', async () => {
    for (const type of ['APPLICATION/JSON', 'Application/Json; Charset=UTF-8', 'application/json;charset=utf-8']) {
      const answer = await send('/auth/magic-link', { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify({ email: 'case@ingress.example' }) });
      expect(answer.status, type).toBe(202);
    }
    const input = validProfileInput({ contact: { name: 'C', email: 'c@ingress.example' } });
    await ensureNetworks(platform, input.networks ?? []);
    const profile = await send('/profiles', { method: 'POST', headers: { 'content-type': 'Application/JSON' }, body: JSON.stringify(input) });
    expect(profile.status).toBe(201);
  });

  it('answers its own local routes\' mistakes with problem+json', async () => {
    const badTime = await send('/_local/run-digests?at=yesterday', { method: 'POST' });
    expect(badTime.status).toBe(400);
    expect(badTime.type).toBe('application/problem+json');
    const wrongMethod = await send('/_local/run-digests', { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.type).toBe('application/problem+json');
    const unknown = await send('/_local/nothing-here', { method: 'GET' });
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe('application/problem+json');
  });
});
