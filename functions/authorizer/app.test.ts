import { describe, expect, it } from 'vitest';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { BROWSER_SESSION, browserSessionId, newBrowserSession, signSession, type SessionLookup } from '@culturebridge/auth';
import { createAuthorizer } from './app.js';

const key = new Uint8Array(32).fill(3);
const sub = 'b'.repeat(64);
const now = Math.floor(Date.now() / 1000);
const live = newBrowserSession();
const ended = newBrowserSession();
// The sessions table as the authorizer reads it: one live session; `ended` was signed out.
const sessions: SessionLookup = {
  get: async (id) => (id === live.id ? { id, addressHash: sub, idleExpiresAt: now + 3600, absoluteExpiresAt: now + 7200 } : undefined),
};
const authorize = createAuthorizer(key, sessions);
const event = (routeKey: string, headers: Record<string, string> = {}, cookies?: string[]) =>
  ({ type: 'REQUEST', routeKey, headers, ...(cookies ? { cookies } : {}) }) as unknown as APIGatewayRequestAuthorizerEventV2;
const cookie = (secret: string) => [`${BROWSER_SESSION.cookieName}=${secret}`];

describe('the HTTP API authorizer', () => {
  it('lets a valid bearer session through with its subject, and an anonymous caller of a public route only', async () => {
    const { session } = await signSession(key, { sub, profiles: [], networks: [] });
    expect(await authorize(event('GET /me', { authorization: `Bearer ${session}` }))).toEqual({ isAuthorized: true, context: { sub } });
    expect(await authorize(event('POST /auth/magic-link'))).toEqual({ isAuthorized: true, context: { sub: 'anonymous' } });
    expect(await authorize(event('$default'))).toEqual({ isAuthorized: true, context: { sub: 'anonymous' } });
    // No identity source can say "a header or a cookie", so the authorizer refuses credential-less session routes itself.
    expect(await authorize(event('GET /me'))).toEqual({ isAuthorized: false });
  });

  it('refuses a session signed with another key, an expired one and garbage', async () => {
    const { session: foreign } = await signSession(new Uint8Array(32).fill(4), { sub, profiles: [], networks: [] });
    const { session: old } = await signSession(key, { sub, profiles: [], networks: [] }, new Date(Date.now() - 2 * 3600 * 1000));
    for (const header of [`Bearer ${foreign}`, `Bearer ${old}`, 'Bearer nonsense']) expect(await authorize(event('GET /me', { authorization: header }))).toEqual({ isAuthorized: false });
  });

  it('accepts the session cookie of a live server-side session, and refuses one that was signed out', async () => {
    expect(await authorize(event('GET /me', {}, cookie(live.secret)))).toEqual({ isAuthorized: true, context: { sub } });
    expect(await authorize(event('GET /me', { cookie: `other=1; ${BROWSER_SESSION.cookieName}=${live.secret}` }))).toEqual({ isAuthorized: true, context: { sub } });
    expect(await authorize(event('GET /me', {}, cookie(ended.secret)))).toEqual({ isAuthorized: false });
    // On a public route a dead cookie is no credential: the caller is anonymous (the function clears it).
    expect(await authorize(event('POST /auth/magic-link', {}, cookie(ended.secret)))).toEqual({ isAuthorized: true, context: { sub: 'anonymous' } });
    expect(browserSessionId(live.secret)).toBe(live.id);
  });

  it('refuses a bearer token whose server-side session has ended', async () => {
    const { session: ofLive } = await signSession(key, { sub, profiles: [], networks: [], sid: live.id });
    const { session: ofEnded } = await signSession(key, { sub, profiles: [], networks: [], sid: ended.id });
    expect(await authorize(event('GET /me', { authorization: `Bearer ${ofLive}` }))).toEqual({ isAuthorized: true, context: { sub } });
    expect(await authorize(event('GET /me', { authorization: `Bearer ${ofEnded}` }))).toEqual({ isAuthorized: false });
  });
});

describe('the HTTP API authorizer and other schemes', () => {
  it('refuses an Authorization header that is not a bearer session instead of treating it as anonymous', async () => {
    expect(await authorize(event('POST /auth/magic-link', { authorization: 'Basic YTpi' }))).toEqual({ isAuthorized: false });
  });
});
