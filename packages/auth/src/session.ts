import { SignJWT, jwtVerify } from 'jose';
// zod's mini build: the authorizer bundles this file, and classic zod alone is 85 KB of its budget of 60.
import * as z from 'zod/mini';

/** One definition of what a session is; the API, the authorizer and the tests all read it. */
export const SESSION = {
  issuer: 'culturebridge',
  audience: 'culturebridge-api',
  algorithm: 'HS256',
  /** Short-lived: a session that leaked is useless within the hour, and claims are refreshed at each sign-in. */
  ttlSeconds: 60 * 60,
} as const;

/**
 * What a session says about its holder. `sub` is the SHA-256 of the address, never the address
 * itself, so a token that ends up in a log or a bug report carries no personal data.
 */
export const SessionClaims = z.object({
  sub: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  profiles: z.array(z.string()),
  networks: z.array(z.string()),
  /**
   * The server-side session this token belongs to (`SESSION#<sid>`): while present, the token works
   * only as long as that session does, so signing out ends the token too. Sessions from
   * `POST /auth/verify` always carry it.
   */
  sid: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
});
export type SessionClaims = z.infer<typeof SessionClaims>;

export interface SignedSession {
  session: string;
  expiresAt: string;
}

export async function signSession(key: Uint8Array, claims: SessionClaims, now: Date = new Date()): Promise<SignedSession> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expires = issuedAt + SESSION.ttlSeconds;
  const session = await new SignJWT({ profiles: claims.profiles, networks: claims.networks, ...(claims.sid ? { sid: claims.sid } : {}) })
    .setProtectedHeader({ alg: SESSION.algorithm, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(SESSION.issuer)
    .setAudience(SESSION.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .setJti(crypto.randomUUID())
    .sign(key);
  return { session, expiresAt: new Date(expires * 1000).toISOString() };
}

/**
 * The claims of a session that verifies (signature, algorithm, issuer, audience, expiry), or
 * undefined. Never throws for a bad token: every way a token can be wrong means "not signed in".
 */
export async function verifySession(key: Uint8Array, token: string, now: Date = new Date()): Promise<SessionClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [SESSION.algorithm],
      issuer: SESSION.issuer,
      audience: SESSION.audience,
      currentDate: now,
      requiredClaims: ['exp', 'sub'],
    });
    const parsed = SessionClaims.safeParse(payload);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The bearer token of a request's headers (any case of the header name), if there is one. */
export function bearerToken(headers: Record<string, string | undefined> | undefined): string | undefined {
  const value = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1];
}
