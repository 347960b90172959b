import { describe, expect, it } from 'vitest';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { signSession } from '@culturebridge/auth';
import { createAuthorizer } from './app.js';

const key = new Uint8Array(32).fill(3);
const authorize = createAuthorizer(key);
const event = (authorization?: string) => ({ type: 'REQUEST', routeKey: 'GET /me', headers: authorization ? { authorization } : {} }) as unknown as APIGatewayRequestAuthorizerEventV2;

describe('the HTTP API authorizer', () => {
  it('lets a valid session through with its subject, and an anonymous caller of a public route', async () => {
    const { session } = await signSession(key, { sub: 'b'.repeat(64), profiles: [], networks: [] });
    expect(await authorize(event(`Bearer ${session}`))).toEqual({ isAuthorized: true, context: { sub: 'b'.repeat(64) } });
    expect(await authorize(event())).toEqual({ isAuthorized: true, context: { sub: 'anonymous' } });
  });

  it('refuses a session signed with another key, an expired one and garbage', async () => {
    const { session: foreign } = await signSession(new Uint8Array(32).fill(4), { sub: 'b'.repeat(64), profiles: [], networks: [] });
    const { session: old } = await signSession(key, { sub: 'b'.repeat(64), profiles: [], networks: [] }, new Date(Date.now() - 2 * 3600 * 1000));
    for (const header of [`Bearer ${foreign}`, `Bearer ${old}`, 'Bearer nonsense']) expect(await authorize(event(header))).toEqual({ isAuthorized: false });
  });
});

describe('the HTTP API authorizer and other schemes', () => {
  it('refuses an Authorization header that is not a bearer session instead of treating it as anonymous', async () => {
    expect(await authorize(event('Basic YTpi'))).toEqual({ isAuthorized: false });
  });
});
