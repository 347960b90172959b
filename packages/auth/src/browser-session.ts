import { createHash, randomBytes } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * One session per browser: a cookie holding a random secret, and a server-side record keyed by its
 * SHA-256 (`SESSION#<id>` in the table). Lifetimes in seconds.
 */
export const BROWSER_SESSION = {
  /**
   * `__Host-`: the browser takes it only with Secure, Path=/ and no Domain, so no other host (not even
   * a subdomain) can set or overwrite it. Browsers treat http://localhost as a secure context and
   * accept Secure cookies there, so `npm start` uses the very same cookie.
   */
  cookieName: '__Host-culturebridge-session',
  secretBytes: 32,
  /** Unused for this long, the session ends: a week covers a member who answers mails once a week. */
  idleSeconds: 7 * 24 * 60 * 60,
  /** However much it is used, the session ends after 30 days and the member signs in again. */
  absoluteSeconds: 30 * 24 * 60 * 60,
  /**
   * The idle deadline is pushed forward (one write, and a fresh cookie) at most this often: every
   * request would cost a write per click for no gain.
   */
  renewAfterSeconds: 60 * 60,
} as const;

/** The secret that goes into the cookie, and the id (its SHA-256) the table and the JWT's `sid` use. */
export function newBrowserSession(): { secret: string; id: string } {
  const secret = randomBytes(BROWSER_SESSION.secretBytes).toString('base64url');
  return { secret, id: browserSessionId(secret) };
}

export function browserSessionId(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The `Set-Cookie` value that stores the session for `maxAgeSeconds` (persistent, so it survives a browser restart). */
export function sessionCookie(secret: string, maxAgeSeconds: number): string {
  return stringifySetCookie({
    name: BROWSER_SESSION.cookieName,
    value: secret,
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(): string {
  return stringifySetCookie({ name: BROWSER_SESSION.cookieName, value: '', httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 0 });
}

/**
 * The session cookie's secret from a request: API Gateway's payload 2.0 moves Cookie headers into
 * `cookies` (one entry per cookie); a plain `cookie` header is read too. Undefined when absent or
 * not of the shape we issue (no database read for garbage).
 */
export function sessionCookieSecret(cookies: readonly string[] | undefined, headers: Record<string, string | undefined> | undefined): string | undefined {
  const header = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'cookie')?.[1];
  const all = [...(cookies ?? []), ...(header ? [header] : [])].join('; ');
  if (!all) return undefined;
  const value = parseCookie(all)[BROWSER_SESSION.cookieName];
  return value && SECRET_PATTERN.test(value) ? value : undefined;
}

/**
 * When a session used at `nowEpoch` ends if it is not used again, and whether that is worth a write:
 * only once `renewAfterSeconds` have passed since the deadline was last set.
 */
export function renewal(session: { idleExpiresAt: number; absoluteExpiresAt: number }, nowEpoch: number): { idleExpiresAt: number; due: boolean } {
  const idleExpiresAt = Math.min(nowEpoch + BROWSER_SESSION.idleSeconds, session.absoluteExpiresAt);
  const lastSet = session.idleExpiresAt - BROWSER_SESSION.idleSeconds;
  return { idleExpiresAt, due: nowEpoch - lastSet >= BROWSER_SESSION.renewAfterSeconds && idleExpiresAt > session.idleExpiresAt };
}

/**
 * An address as a sign-in page may show it to whoever holds the link: the first character of the
 * local part, an ellipsis, and the domain ("c…@orhei.example"). Enough for its owner to recognise,
 * too little to learn an unknown address from a forwarded link.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '…';
  return `${[...address.slice(0, at)][0] ?? ''}…${address.slice(at)}`;
}
