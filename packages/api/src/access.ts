import { coordinatorMaySee, type Profile } from '@culturebridge/domain';
import { clearedSessionCookie, readCredential, renewal, sessionCookie, type SessionClaims } from '@culturebridge/auth';
import { HttpProblem, PROBLEM_TYPES, forbidden, notFound, signInRequired } from '@culturebridge/http';
import type { AddressBook, SessionStore } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteAccess } from './api-routes.js';

/**
 * Who is calling: nobody in particular, or the holder of a verified session, sent as a bearer token
 * or as the browser's session cookie. `sessionId` names the server-side session, if there is one.
 */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'session'; via: 'bearer' | 'cookie'; sessionId?: string; claims: SessionClaims };

export interface AuthenticationDeps {
  sessionKey: Uint8Array;
  addresses: AddressBook;
  sessions: SessionStore;
  /** The web app's origins: cookie-authenticated writes must come from one of them. */
  trustedOrigins: readonly string[];
}

export interface Authenticated {
  caller: Caller;
  /** `Set-Cookie` values to send with the answer: a renewed session cookie, or one that clears a dead session. */
  setCookies: string[];
}

const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const header = (event: APIGatewayProxyEventV2, name: string) => event.headers[name] ?? event.headers[name.toLowerCase()];

/**
 * Whether a browser sent this request from the web app itself: its `Origin` is one of the app's,
 * or, without an Origin, Fetch Metadata says `Sec-Fetch-Site: same-origin`. Returns `unknown` when
 * the request carries neither (curl, server-side API clients: no browser, so no CSRF).
 */
export function requestSite(event: APIGatewayProxyEventV2, trustedOrigins: readonly string[]): 'same-origin' | 'cross-site' | 'unknown' {
  const origin = header(event, 'origin');
  if (origin !== undefined) return trustedOrigins.includes(origin) ? 'same-origin' : 'cross-site';
  const site = header(event, 'sec-fetch-site');
  if (site === undefined) return 'unknown';
  return site === 'same-origin' ? 'same-origin' : 'cross-site';
}

export const crossSiteRefused = () =>
  new HttpProblem(403, 'Refused: not sent from CultureBridge', 'A change signed in with the browser\'s session must come from the CultureBridge app itself (Origin check against cross-site request forgery).', PROBLEM_TYPES.forbidden);

/**
 * Verifies the credential, if any. The authorizer in front of the API has already refused bad ones;
 * this checks again because the function must not depend on how it is deployed (and tests call it
 * directly). A credential that was sent must be valid even on a public route; a cookie whose
 * session has ended is cleared and the caller is anonymous (public routes) or must sign in.
 *
 * Cookie-authenticated writes (POST, PUT, DELETE) must come from the app's own origin: SameSite=Lax
 * already keeps the cookie off cross-site POSTs, and the Origin check also covers same-site hosts
 * and older browsers. Bearer tokens are never sent by a browser on its own, so they need no check.
 *
 * The session proves the address; what the address owns is read afresh from the address book (one
 * Query), not taken from the claims, which are as old as the session: a profile whose contact moved
 * elsewhere, or a coordinator the operator removed, loses access at once.
 */
export async function authenticate(event: APIGatewayProxyEventV2, deps: AuthenticationDeps, access: RouteAccess, now: Date): Promise<Authenticated> {
  const credential = await readCredential({ headers: event.headers, cookies: event.cookies }, deps.sessionKey, deps.sessions, now);
  if (credential.kind === 'invalid') throw signInRequired();
  if (credential.kind === 'none') {
    const setCookies = credential.staleCookie ? [clearedSessionCookie()] : [];
    if (access === 'session') {
      const problem = signInRequired();
      throw setCookies.length ? new HttpProblem(problem.status, problem.title, problem.detail, problem.type, problem.extensions, { ...problem.headers, 'Set-Cookie': clearedSessionCookie() }) : problem;
    }
    return { caller: { kind: 'anonymous' }, setCookies };
  }
  if (credential.kind === 'cookie' && UNSAFE_METHODS.has(event.requestContext.http.method) && requestSite(event, deps.trustedOrigins) !== 'same-origin') {
    throw crossSiteRefused();
  }
  const sub = credential.kind === 'cookie' ? credential.sub : credential.claims.sub;
  const session = credential.session;
  const setCookies: string[] = [];
  if (credential.kind === 'cookie') {
    const nowEpoch = Math.floor(now.getTime() / 1000);
    const next = renewal(credential.session, nowEpoch);
    if (next.due) {
      const renewed = await deps.sessions.renew(credential.session.id, next.idleExpiresAt);
      if (renewed !== undefined) setCookies.push(sessionCookie(credential.secret, renewed - nowEpoch));
    }
  }
  const owned = await deps.addresses.ownedBy(sub);
  return {
    caller: {
      kind: 'session',
      via: credential.kind,
      ...(session ? { sessionId: session.id } : {}),
      claims: { sub, profiles: owned.profiles, networks: [...new Set(owned.coordinators.map((c) => c.networkId))], ...(session ? { sid: session.id } : {}) },
    },
    setCookies,
  };
}

export function ownsProfile(caller: Caller, profileId: string): boolean {
  return caller.kind === 'session' && caller.claims.profiles.includes(profileId);
}

export function coordinates(caller: Caller, networkId: string): boolean {
  return caller.kind === 'session' && caller.claims.networks.includes(networkId);
}

/** Coordinators see the profiles and matches of their networks' members (see coordinatorMaySee). */
export function mayRead(caller: Caller, profile: Pick<Profile, 'id' | 'status' | 'networks' | 'memberships'>): boolean {
  return ownsProfile(caller, profile.id) || profile.networks.some((n) => coordinates(caller, n) && coordinatorMaySee(profile, n));
}

/**
 * Refusing a caller who is not the owner: 403 if they may see the profile anyway (a coordinator),
 * otherwise the same 404 as for an id that does not exist, so a foreign id reveals nothing.
 */
export function refusal(caller: Caller, profile: Pick<Profile, 'id' | 'status' | 'networks' | 'memberships'> | undefined, what: string): HttpProblem {
  return profile && mayRead(caller, profile) ? forbidden(`Only the profile's owner may ${what}.`) : notFound('profile');
}
