import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CoordinatorStore } from '@culturebridge/store';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { Platform } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';
import { ensureNetworks, platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';

// The shape of a request (its query, its Content-Type, whether it has a body, its JSON) is checked as
// strictly as its fields, on the whole local platform: a client mistake is a 4xx problem naming the
// parameter, header or key, and nothing is stored.

let platform: Platform;
let owner: string;
let coordinator: string;
let profileId: string;
const NETWORK = 'eu4culture';

beforeAll(async () => {
  platform = await startTestPlatform('shape');
  await ensureNetworks(platform, [NETWORK]);
  const input = validProfileInput({ contact: { name: 'S', email: 's@shape.example' }, networks: [NETWORK] });
  profileId = await submitProfile(platform, input);
  owner = await localSession(platform.sessionKeyFile, 's@shape.example', { profiles: [profileId] });
  await new CoordinatorStore(platformDocumentClient(platform), platform.tableName).add({ networkId: NETWORK, name: 'C', email: 'c@shape.example' });
  coordinator = await localSession(platform.sessionKeyFile, 'c@shape.example', { networks: [NETWORK] });
});
afterAll(async () => platform?.stop());

/** The table once the stream, the bus and its targets are idle (a submission's mails are claimed after its answer). */
async function items() {
  expect((await fetch(`${platform.apiUrl}/_local/settle`, { method: 'POST' })).status).toBe(200);
  return (await platformDocumentClient(platform).send(new ScanCommand({ TableName: platform.tableName, ConsistentRead: true }))).Items ?? [];
}

interface Answer {
  status: number;
  type: string;
  body: { status?: number; title?: string; detail?: string; errors?: { field: string; code: string; params?: Record<string, unknown> }[] } & Record<string, unknown>;
}

async function send(method: string, path: string, init: { session?: string; contentType?: string; body?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.session) headers.authorization = `Bearer ${init.session}`;
  if (init.contentType !== undefined) headers['content-type'] = init.contentType;
  // A Buffer, not a string: fetch would add Content-Type text/plain to a string.
  const response = await fetch(`${platform.apiUrl}${path}`, { method, headers, body: init.body === undefined ? undefined : Buffer.from(init.body) });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, body: text && type.includes('json') ? (JSON.parse(text) as Answer['body']) : {} };
}

/** A 4xx problem+json whose `errors` name exactly `fields` with `code`. */
function expectNamed(answer: Answer, status: number, code: string, fields: string[], what: string) {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
  expect(answer.type, what).toBe('application/problem+json');
  expect(answer.body.status, what).toBe(status);
  expect((answer.body.errors ?? []).map((e) => [e.field, e.code]), what).toEqual(fields.map((f) => [f, code]));
}

const m = `/networks/${NETWORK}/meetings/00000000-0000-4000-8000-000000000000`;

/** Every route that reads a query parameter, each with a parameter it reads. */
const QUERY_ROUTES: [method: string, path: string, parameter: string, value: string, session: 'owner' | 'coordinator'][] = [
  ['GET', `/networks/${NETWORK}/members`, 'limit', '5', 'coordinator'],
  ['GET', `/networks/${NETWORK}/requests`, 'limit', '5', 'coordinator'],
  ['GET', `/networks/${NETWORK}/rejected`, 'limit', '5', 'coordinator'],
  ['GET', `/networks/${NETWORK}/matches`, 'names', 'omit', 'coordinator'],
  ['GET', `/networks/${NETWORK}/activity`, 'limit', '5', 'coordinator'],
  ['GET', `/networks/${NETWORK}/meetings`, 'limit', '5', 'coordinator'],
  ['GET', `/networks/${NETWORK}/export`, 'format', 'csv', 'coordinator'],
  ['GET', `/networks/${NETWORK}/export`, 'delimiter', ';', 'coordinator'],
  ['GET', m, 'locale', 'ka', 'coordinator'],
  ['GET', `${m}/calendar`, 'locale', 'ka', 'coordinator'],
  ['GET', '/profiles/{id}/meetings', 'locale', 'ka', 'owner'],
  ['GET', '/profiles/{id}/meetings/00000000-0000-4000-8000-000000000000/calendar', 'locale', 'ka', 'owner'],
];

describe('the query', () => {
  it('answers a repeated query parameter with 400 naming it, on every route that reads one', async () => {
    for (const [method, template, parameter, value, who] of QUERY_ROUTES) {
      const path = `${template.replace('{id}', profileId)}?${parameter}=${encodeURIComponent(value)}&${parameter}=${encodeURIComponent(value)}`;
      const answer = await send(method, path, { session: who === 'owner' ? owner : coordinator });
      expectNamed(answer, 400, 'duplicate', [parameter], `${method} ${path}`);
      expect(answer.body.errors?.[0]?.params, path).toEqual({ key: parameter });
    }
  });

  it('answers a repeated parameter on a route that writes with 400, storing nothing', async () => {
    const before = await items();
    const answer = await send('POST', `/networks/${NETWORK}/meetings?locale=ka&locale=en`, { session: coordinator, contentType: 'application/json', body: '{}' });
    expectNamed(answer, 400, 'duplicate', ['locale'], 'createMeeting');
    expect(await items()).toEqual(before);
  });

  it('refuses a parameter the route does not read, naming each, storing nothing', async () => {
    const before = await items();
    expectNamed(await send('GET', '/networks?x=1'), 400, 'unknown_field', ['x'], 'GET /networks?x=1');
    // A misspelt `limit` is not answered with the default page.
    expectNamed(await send('GET', `/networks/${NETWORK}/members?limt=5&cursr=x`, { session: coordinator }), 400, 'unknown_field', ['limt', 'cursr'], 'misspelt');
    const input = validProfileInput({ contact: { name: 'Q', email: 'q@shape.example' }, networks: [NETWORK] });
    const created = await send('POST', '/profiles?dryRun=true', { contentType: 'application/json', body: JSON.stringify(input) });
    expectNamed(created, 400, 'unknown_field', ['dryRun'], 'POST /profiles?dryRun=true');
    expect(created.body.errors?.[0]?.params).toEqual({ key: 'dryRun' });
    expect(await items()).toEqual(before);
  });

  it('refuses a repeated or unknown parameter on the local-only routes too', async () => {
    const twice = await send('POST', '/_local/run-expiry?at=2026-12-01T10:00:00Z&at=2030-01-01T00:00:00Z');
    expectNamed(twice, 400, 'duplicate', ['at'], 'run-expiry at twice');
    expectNamed(await send('POST', '/_local/run-digests?due=now&due=later'), 400, 'duplicate', ['due'], 'run-digests due twice');
    expectNamed(await send('GET', '/_local/events?source=a&source=b'), 400, 'duplicate', ['source'], 'events source twice');
    expectNamed(await send('GET', '/_local/events?sorce=a'), 400, 'unknown_field', ['sorce'], 'events misspelt');
    expectNamed(await send('GET', '/_local/dead-letters?x=1'), 400, 'unknown_field', ['x'], 'dead-letters');
    // What the routes read alone still works.
    expect((await send('GET', '/_local/events?source=culturebridge.profiles')).status).toBe(200);
  });
});

describe('the media type', () => {
  it('takes only application/json (any case, charset utf-8 or none) and answers 415 naming Content-Type to anything else, storing nothing', async () => {
    const before = await items();
    const stored = await send('GET', `/profiles/${profileId}`, { session: owner });
    const replacement = JSON.stringify({ name: 'Merged' });
    for (const type of ['application/merge-patch+json', 'application/vnd.x+json', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'text/json', 'application/json-patch+json', 'application/json; profile=x']) {
      const answer = await send('PUT', `/profiles/${profileId}`, { session: owner, contentType: type, body: replacement });
      expect(answer.status, type).toBe(415);
      expect(answer.type, type).toBe('application/problem+json');
      expect(answer.body.errors, type).toEqual([expect.objectContaining({ field: 'Content-Type', code: 'unknown_value', params: { value: type } })]);
    }
    const missing = await send('POST', '/auth/magic-link', { body: JSON.stringify({ email: 'm@shape.example' }) });
    expect(missing.status).toBe(415);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'Content-Type', code: 'required' })]);
    expect(await items()).toEqual(before);
    expect((await send('GET', `/profiles/${profileId}`, { session: owner })).body).toEqual(stored.body);
    for (const type of ['application/json', 'APPLICATION/JSON; CHARSET="UTF-8"', 'application/json;charset=utf-8']) {
      expect((await send('POST', '/auth/magic-link', { contentType: type, body: JSON.stringify({ email: 'm@shape.example' }) })).status, type).toBe(202);
    }
  });

  it('refuses a Content-Type sent twice, as API Gateway joins the two (RFC 9110 §5.3) and the parser then reads neither', async () => {
    const before = await items();
    const url = new URL('/auth/magic-link', platform.apiUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      // Two header lines of the same name; Node's server would keep only the first of them.
      req.setHeader('content-type', ['application/json', 'application/merge-patch+json']);
      req.on('error', reject);
      req.end(JSON.stringify({ email: 'twice@shape.example' }));
    });
    expect(status).toBe(415);
    expect(await items()).toEqual(before);
  });

  it('answers a body sent to a route that takes none with 415 naming the body, doing nothing', async () => {
    const before = await items();
    for (const [method, path] of [['DELETE', `/profiles/${profileId}`], ['POST', `/profiles/${profileId}/confirm`], ['POST', '/auth/sign-out']] as const) {
      const answer = await send(method, path, { session: owner, contentType: 'application/json', body: '{"reason":"moving"}' });
      expect(answer.status, `${method} ${path}`).toBe(415);
      expect(answer.body.errors, path).toEqual([expect.objectContaining({ field: '(body)' })]);
    }
    expect(await items()).toEqual(before);
    expect((await send('GET', `/profiles/${profileId}`, { session: owner })).status).toBe(200);
  });
});

describe('the JSON', () => {
  it('answers a body that does not parse as JSON with 400 (RFC 9110 §15.5.16: 415 is for the media type), storing nothing', async () => {
    const before = await items();
    for (const body of ['{"name": ', "{'email':'a@b.example'}", '', 'email=a@b.example']) {
      const answer = await send('POST', '/auth/magic-link', { contentType: 'application/json', body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.type).toBe('application/problem+json');
      expect(answer.body.errors, JSON.stringify(body)).toEqual([expect.objectContaining({ field: '(body)', code: body === '' ? 'required' : 'invalid' })]);
    }
    expect(await items()).toEqual(before);
  });

  it('refuses a key an object holds twice with 400 naming it, storing nothing', async () => {
    const before = await items();
    const answer = await send('PUT', `/networks/${NETWORK}/settings`, { session: coordinator, contentType: 'application/json', body: '{"locale":"ka","locale":"en","preference":{"mode":"digest","mode":"immediate"}}' });
    expectNamed(answer, 400, 'duplicate', ['locale', 'preference.mode'], 'duplicate keys');
    expect(answer.body.errors?.map((e) => e.params)).toEqual([{ key: 'locale' }, { key: 'mode' }]);
    expect(await items()).toEqual(before);
  });
});
