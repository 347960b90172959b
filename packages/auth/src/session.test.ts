import { describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { SESSION, bearerToken, signSession, verifySession } from './session.js';
import { hashToken, newMagicToken, TOKEN_PATTERN } from './magic-link.js';
import { retryAfterSeconds, windowAt } from './rate-limit.js';

const key = new Uint8Array(32).fill(1);
const claims = { sub: 'a'.repeat(64), profiles: ['p1'], networks: ['eu4culture'] };
const now = new Date('2026-11-24T10:00:00Z');

describe('sessions', () => {
  it('verifies what it signed, until it expires', async () => {
    const { session, expiresAt } = await signSession(key, claims, now);
    expect(expiresAt).toBe('2026-11-24T11:00:00.000Z');
    expect(await verifySession(key, session, now)).toEqual(claims);
    expect(await verifySession(key, session, new Date(now.getTime() + SESSION.ttlSeconds * 1000 + 1000))).toBeUndefined();
  });

  it('refuses another key, an altered payload, an unsigned token and a foreign audience', async () => {
    const { session } = await signSession(key, claims, now);
    expect(await verifySession(new Uint8Array(32).fill(2), session, now)).toBeUndefined();
    const [h, , s] = session.split('.');
    const altered = Buffer.from(JSON.stringify({ ...claims, profiles: ['p1', 'p2'], iss: SESSION.issuer, aud: SESSION.audience, exp: 2e9 })).toString('base64url');
    expect(await verifySession(key, `${h}.${altered}.${s}`, now)).toBeUndefined();
    const unsigned = new UnsecuredJWT({ ...claims }).setIssuer(SESSION.issuer).setAudience(SESSION.audience).setExpirationTime('1h').encode();
    expect(await verifySession(key, unsigned, now)).toBeUndefined();
    const otherAudience = await new SignJWT({ profiles: [], networks: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuer(SESSION.issuer).setAudience('someone-else').setExpirationTime('1h').sign(key);
    expect(await verifySession(key, otherAudience)).toBeUndefined();
    expect(await verifySession(key, 'not a jwt', now)).toBeUndefined();
  });

  it('reads the bearer token whatever the header case', () => {
    expect(bearerToken({ Authorization: 'Bearer abc.def.ghi' })).toBe('abc.def.ghi');
    expect(bearerToken({ authorization: 'bearer xyz' })).toBe('xyz');
    expect(bearerToken({ authorization: 'Basic Zm9v' })).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('magic-link tokens and rate windows', () => {
  it('makes 256-bit tokens of the expected shape, stored only as their hash', () => {
    const tokens = Array.from({ length: 50 }, () => newMagicToken());
    expect(new Set(tokens.map((t) => t.token)).size).toBe(50);
    for (const { token, hash } of tokens) {
      expect(token).toMatch(TOKEN_PATTERN);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hash).toBe(hashToken(token));
      expect(hash).not.toContain(token);
    }
  });

  it('puts requests of the same 15 minutes in one window and says how long to wait', () => {
    const at = Date.parse('2026-11-24T10:07:30Z');
    const window = windowAt('perAddress', at);
    expect(new Date(window.start * 1000).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(windowAt('perAddress', Date.parse('2026-11-24T10:14:59Z'))).toEqual(window);
    expect(retryAfterSeconds(window, at)).toBe(450);
    expect(retryAfterSeconds(window, window.end * 1000)).toBe(1);
  });
});
