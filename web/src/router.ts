import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/…`): the same static files answer every route, locally and on S3 + CloudFront,
 * with no rewrite rules, and a sign-in token in the fragment never reaches a server log.
 */
export type Route =
  | { page: 'form' }
  | { page: 'sign-in'; token?: string; reason?: string }
  | { page: 'my-profile'; profileId?: string; confirmed: boolean }
  | { page: 'match'; profileId: string; partnerId: string; answer?: 'accept' | 'decline' }
  | { page: 'dashboard'; networkId?: string }
  | { page: 'member'; networkId: string; profileId: string }
  | { page: 'meetings'; networkId?: string; meetingId?: string }
  | { page: 'my-meetings'; profileId: string }
  | { page: 'member-import'; networkId: string }
  | { page: 'profile-preferences'; profileId: string }
  | { page: 'coordinator-preferences'; coordinatorId: string }
  | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const parts = decodedSegments(path);
  if (!parts) return { page: 'not-found' };
  const [first, second, third, fourth] = parts;
  switch (first) {
    case undefined:
      return { page: 'form' };
    case 'sign-in':
      return { page: 'sign-in', token: params.get('token') ?? undefined, reason: params.get('reason') ?? undefined };
    case 'profiles':
      if (second && third === 'meetings' && parts.length === 3) return { page: 'my-meetings', profileId: second };
      return parts.length <= 2 ? { page: 'my-profile', profileId: second, confirmed: params.has('confirmed') } : { page: 'not-found' };
    case 'meetings':
      return parts.length <= 3 ? { page: 'meetings', networkId: second, meetingId: third } : { page: 'not-found' };
    case 'matches':
      if (second && third && parts.length === 3) return { page: 'match', profileId: second, partnerId: third };
      if (second && third && (fourth === 'accept' || fourth === 'decline') && parts.length === 4) return { page: 'match', profileId: second, partnerId: third, answer: fourth };
      return { page: 'not-found' };
    case 'dashboard':
      if (second && third === 'members' && fourth && parts.length === 4) return { page: 'member', networkId: second, profileId: fourth };
      if (second && third === 'import' && parts.length === 3) return { page: 'member-import', networkId: second };
      return parts.length <= 2 ? { page: 'dashboard', networkId: second } : { page: 'not-found' };
    case 'preferences':
      if (second === 'profiles' && third && parts.length === 3) return { page: 'profile-preferences', profileId: third };
      if (second === 'coordinators' && third && parts.length === 3) return { page: 'coordinator-preferences', coordinatorId: third };
      return { page: 'not-found' };
    default:
      return { page: 'not-found' };
  }
}

/**
 * The path's segments, percent-decoded; undefined when one is not a valid escape ("%", "%ZZ", a
 * UTF-8 sequence cut short): decodeURIComponent throws a URIError, which inside a render would
 * blank the whole app.
 */
function decodedSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current location's hash; components re-render when it changes. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

/** `to` is a route such as "/profiles/<id>"; it becomes the fragment. */
export function navigate(to: string): void {
  window.location.hash = to;
}

/** The current route as `navigate` takes it, to come back after signing in. */
export function currentRoute(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

/** Drops a sign-in token from the address bar and history once it has been used. */
export function replaceRoute(to: string): void {
  window.history.replaceState(null, '', `#${to}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export const href = (to: string) => `#${to}`;

/** A member's page on a network's dashboard. */
export const memberPath = (networkId: string, profileId: string) => `/dashboard/${encodeURIComponent(networkId)}/members/${encodeURIComponent(profileId)}`;
