import { randomUUID } from 'node:crypto';
import { expect, inject } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProfileInput } from '@culturebridge/domain';
import { NetworkStore, ProfileStore } from '@culturebridge/store';
import { localDocumentClient } from '../../local/dynamodb-local.js';
import { startPlatform, type Platform, type PlatformOptions } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';

/** Anything shaped like an e-mail address: events, logs and API answers are checked against it. */
export const EMAIL_PATTERN = /[^\s"@]+@[^\s"@]+\.[^\s"@]+/;

/** The whole local platform on free ports, on the shared DynamoDB Local, with a table of its own. */
export function startTestPlatform(prefix: string, options: Partial<PlatformOptions> = {}): Promise<Platform> {
  return startPlatform({ apiPort: 0, dynamodbEndpoint: inject('dynamodbEndpoint'), tableName: `${prefix}-${randomUUID().slice(0, 8)}`, quiet: true, ...options });
}

export function platformDocumentClient(platform: Platform): DynamoDBDocumentClient {
  return localDocumentClient(platform.dynamodbEndpoint);
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One API call with a session for `email` carrying `claims` (the profiles it owns, the networks it
 * coordinates), as a signed-in member or coordinator makes it. An empty body (204) reads as {}.
 */
export async function callAs(
  platform: Platform,
  email: string,
  claims: { profiles?: string[]; networks?: string[] },
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer & { contentType: string | null; text: string }> {
  const session = await localSession(platform.sessionKeyFile, email, claims);
  const response = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${session}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  // JSON answers (problems included) are parsed; a file (CSV, iCalendar) is read from `text`.
  const json = text !== '' && (contentType ?? '').includes('json');
  return { status: response.status, contentType, text, body: (json ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/**
 * The API as its members use it: each profile is submitted signed in as its contact address (so it
 * is active at once, as after opening the confirmation link), and each later call on a profile or
 * its matches carries a session of that profile's owner. Tests of the sign-in itself do not use
 * this; they go through the magic link (test/integration/sign-in.test.ts).
 *
 * Around each submission it plays the operator and the coordinators: the networks the profile names
 * exist beforehand, and its join requests are approved afterwards (through the store, as the
 * approve route does), so that matching sees it. Approval itself is tested in memberships.test.ts.
 */
export function memberApi(platform: Platform) {
  const owners = new Map<string, string>();
  const doc = platformDocumentClient(platform);
  const networks = new NetworkStore(doc, platform.tableName);
  const profiles = new ProfileStore(doc, platform.tableName);
  const owned = (email: string) => [...owners].filter(([, e]) => e === email).map(([id]) => id);

  async function call(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const submitted = method === 'POST' && path === '/profiles' ? (body as ProfileInput).contact.email : undefined;
    const named = submitted ? ((body as ProfileInput).networks ?? []) : [];
    await ensureNetworks(platform, named, networks);
    const email = submitted ?? owners.get(path.split('/')[2] ?? '');
    const session = email && (await localSession(platform.sessionKeyFile, email, { profiles: owned(email) }));
    const response = await fetch(`${platform.apiUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(session ? { authorization: `Bearer ${session}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
    if (submitted && answer.status === 201) {
      owners.set(String(answer.body.id), submitted);
      await approveMemberships(platform, String(answer.body.id), named, profiles);
    }
    return answer;
  }

  return { call, ownerOf: (id: string) => owners.get(id) };
}

/** Creates the networks that do not exist yet, as the operator does with `npm run network -- add`. */
export async function ensureNetworks(platform: Platform, ids: readonly string[], networks = new NetworkStore(platformDocumentClient(platform), platform.tableName)): Promise<void> {
  for (const n of ids) if (!(await networks.get(n))) await networks.put({ id: n, name: `Network ${n}` }, new Date().toISOString());
}

/** Approves a profile's memberships as the networks' coordinators would (the approve route calls the same store method). */
export async function approveMemberships(platform: Platform, id: string, networks: readonly string[], profiles = new ProfileStore(platformDocumentClient(platform), platform.tableName)): Promise<void> {
  for (const n of networks) expect(await profiles.setMembership(id, n, 'approved', new Date().toISOString())).not.toBe('not-member');
}

const apis = new WeakMap<Platform, ReturnType<typeof memberApi>>();

/** Submits a profile as its signed-in contact and returns its id; later calls through `memberApi(platform)` act as its owner. */
export async function submitProfile(platform: Platform, profile: ProfileInput): Promise<string> {
  const api = sharedMemberApi(platform);
  const response = await api.call('POST', '/profiles', profile);
  expect(response.status).toBe(201);
  expect(response.body.status).toBe('active');
  return String(response.body.id);
}

/** One member API per platform, so profiles submitted by `submitProfile` can be acted on later. */
export function sharedMemberApi(platform: Platform): ReturnType<typeof memberApi> {
  const existing = apis.get(platform);
  if (existing) return existing;
  const api = memberApi(platform);
  apis.set(platform, api);
  return api;
}

/**
 * Platforms that keep their runtime state in `dataDir`, started and stopped again within one test
 * file (handlers read their table name once per process, so a file uses one table throughout).
 * `stopAll` is for afterEach.
 */
export function restartablePlatforms() {
  const running: Platform[] = [];
  return {
    start: async (dataDir: string, tableName: string) => {
      const platform = await startTestPlatform('journal', { dataDir, tableName });
      running.push(platform);
      return platform;
    },
    stop: async (platform: Platform) => {
      running.splice(running.indexOf(platform), 1);
      await platform.stop();
    },
    stopAll: async () => {
      for (const platform of running.splice(0)) await platform.stop();
    },
  };
}
