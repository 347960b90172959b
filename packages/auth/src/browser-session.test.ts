import { describe, expect, it } from 'vitest';
import { BROWSER_SESSION, browserSessionId, clearedSessionCookie, maskAddress, newBrowserSession, renewal, sessionCookie, sessionCookieSecret } from './browser-session.js';

describe('browser sessions', () => {
  it('makes 256-bit secrets whose id is their SHA-256, never the secret itself', () => {
    const sessions = Array.from({ length: 20 }, () => newBrowserSession());
    expect(new Set(sessions.map((s) => s.secret)).size).toBe(20);
    for (const { secret, id } of sessions) {
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id).toBe(browserSessionId(secret));
    }
  });

  it('writes a __Host- cookie: HttpOnly, Secure, SameSite=Lax, Path=/, no Domain, persistent; and one that clears it', () => {
    const { secret } = newBrowserSession();
    expect(sessionCookie(secret, 3600)).toBe(`${BROWSER_SESSION.cookieName}=${secret}; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax`);
    expect(BROWSER_SESSION.cookieName.startsWith('__Host-')).toBe(true);
    expect(clearedSessionCookie()).toBe(`${BROWSER_SESSION.cookieName}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax`);
  });

  it('reads the secret from payload 2.0 cookies or a Cookie header, and ignores what we never issue', () => {
    const { secret } = newBrowserSession();
    expect(sessionCookieSecret([`a=1`, `${BROWSER_SESSION.cookieName}=${secret}`], {})).toBe(secret);
    expect(sessionCookieSecret(undefined, { Cookie: `x=y; ${BROWSER_SESSION.cookieName}=${secret}` })).toBe(secret);
    expect(sessionCookieSecret([`${BROWSER_SESSION.cookieName}=short`], {})).toBeUndefined();
    expect(sessionCookieSecret([`culturebridge-session=${secret}`], {})).toBeUndefined();
    expect(sessionCookieSecret(undefined, undefined)).toBeUndefined();
  });

  it('renews at most once an hour, for the idle lifetime, never past the absolute one', () => {
    const start = 1_000_000;
    const session = { idleExpiresAt: start + BROWSER_SESSION.idleSeconds, absoluteExpiresAt: start + BROWSER_SESSION.absoluteSeconds };
    expect(renewal(session, start + 59 * 60).due).toBe(false);
    expect(renewal(session, start + 60 * 60)).toEqual({ idleExpiresAt: start + 60 * 60 + BROWSER_SESSION.idleSeconds, due: true });
    const late = start + BROWSER_SESSION.absoluteSeconds - 3600;
    const nearEnd = { ...session, idleExpiresAt: late - 7200 + BROWSER_SESSION.idleSeconds };
    expect(renewal(nearEnd, late).idleExpiresAt).toBe(session.absoluteExpiresAt);
  });

  it('masks an address to its first character and its domain', () => {
    expect(maskAddress('culture@orhei.example')).toBe('c…@orhei.example');
    expect(maskAddress('ü@x.example')).toBe('ü…@x.example');
    expect(maskAddress('not-an-address')).toBe('…');
  });
});
