import { bearerToken, verifySession, type SessionClaims } from '@culturebridge/auth';
import { HttpProblem, forbidden, notFound, signInRequired } from '@culturebridge/http';
import type { AddressBook } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteAccess } from './api-routes.js';

/** Who is calling: nobody in particular, or the holder of a verified session. */
export type Caller = { kind: 'anonymous' } | { kind: 'session'; claims: SessionClaims };

/**
 * Verifies the session, if any. The authorizer in front of the API has already refused bad sessions;
 * this checks again because the function must not depend on how it is deployed (and tests call it
 * directly). A session that was sent must verify even on a public route.
 *
 * The session proves the address; what the address owns is read afresh from the address book (one
 * Query), not taken from the claims, which are as old as the session: a profile whose contact moved
 * elsewhere, or a coordinator the operator removed, loses access at once, not an hour later.
 */
export async function authenticate(event: APIGatewayProxyEventV2, key: Uint8Array, access: RouteAccess, now: Date, addresses: AddressBook): Promise<Caller> {
  const token = bearerToken(event.headers);
  if (!token) {
    if (access === 'session' || event.headers.authorization) throw signInRequired();
    return { kind: 'anonymous' };
  }
  const claims = await verifySession(key, token, now);
  if (!claims) throw signInRequired();
  const owned = await addresses.ownedBy(claims.sub);
  return {
    kind: 'session',
    claims: { sub: claims.sub, profiles: owned.profiles, networks: [...new Set(owned.coordinators.map((c) => c.networkId))] },
  };
}

export function ownsProfile(caller: Caller, profileId: string): boolean {
  return caller.kind === 'session' && caller.claims.profiles.includes(profileId);
}

export function coordinates(caller: Caller, networkId: string): boolean {
  return caller.kind === 'session' && caller.claims.networks.includes(networkId);
}

/** Coordinators see the profiles and matches of their networks' members. */
export function mayRead(caller: Caller, profile: { id: string; networks: readonly string[] }): boolean {
  return ownsProfile(caller, profile.id) || profile.networks.some((n) => coordinates(caller, n));
}

/**
 * Refusing a caller who is not the owner: 403 if they may see the profile anyway (a coordinator),
 * otherwise the same 404 as for an id that does not exist, so a foreign id reveals nothing.
 */
export function refusal(caller: Caller, profile: { id: string; networks: readonly string[] } | undefined, what: string): HttpProblem {
  return profile && mayRead(caller, profile) ? forbidden(`Only the profile's owner may ${what}.`) : notFound('profile');
}
