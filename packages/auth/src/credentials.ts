import { browserSessionId, sessionCookieSecret } from './browser-session.js';
import { bearerToken, verifySession, type SessionClaims } from './session.js';

/** What a credential reader needs of the server-side sessions (the store's SessionStore fits). */
export interface SessionLookup {
  get(id: string, nowEpoch: number): Promise<{ id: string; addressHash: string; idleExpiresAt: number; absoluteExpiresAt: number } | undefined>;
}

export interface RequestCredentials {
  headers?: Record<string, string | undefined>;
  /** Payload 2.0 puts the request's cookies here. */
  cookies?: string[];
}

export type ServerSession = NonNullable<Awaited<ReturnType<SessionLookup['get']>>>;

/**
 * What a request proves about its sender:
 * - `none`: nothing (no Authorization header, no session cookie; `staleCookie` when a cookie was
 *   sent whose session has ended: it is cleared, and the caller is anonymous);
 * - `invalid`: an Authorization header that is not a valid bearer session (another scheme, a bad
 *   signature, expired, or its server-side session ended): refused, never read as anonymous;
 * - `bearer`: a verified JWT (`Authorization: Bearer`), checked against its server-side session
 *   when it names one (`sid`);
 * - `cookie`: the browser's session cookie, whose server-side session is live.
 * A bearer token wins over a cookie. Throws only when the session table cannot be read.
 */
export type Credential =
  | { kind: 'none'; staleCookie: boolean }
  | { kind: 'invalid' }
  | { kind: 'bearer'; claims: SessionClaims; session?: ServerSession }
  | { kind: 'cookie'; sub: string; session: ServerSession; secret: string };

export async function readCredential(request: RequestCredentials, key: Uint8Array, sessions: SessionLookup, now: Date): Promise<Credential> {
  const nowEpoch = Math.floor(now.getTime() / 1000);
  const sentAuthorization = Object.keys(request.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
  if (sentAuthorization) {
    const token = bearerToken(request.headers);
    const claims = token ? await verifySession(key, token, now) : undefined;
    if (!claims) return { kind: 'invalid' };
    if (!claims.sid) return { kind: 'bearer', claims };
    const session = await sessions.get(claims.sid, nowEpoch);
    return session && session.addressHash === claims.sub ? { kind: 'bearer', claims, session } : { kind: 'invalid' };
  }
  const secret = sessionCookieSecret(request.cookies, request.headers);
  if (!secret) return { kind: 'none', staleCookie: false };
  const session = await sessions.get(browserSessionId(secret), nowEpoch);
  return session ? { kind: 'cookie', sub: session.addressHash, session, secret } : { kind: 'none', staleCookie: true };
}
