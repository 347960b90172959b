import { useSyncExternalStore } from 'react';

/**
 * The signed-in session, kept in sessionStorage: it lives as long as the tab, is not shared with other
 * tabs, and is gone when the tab closes. The token is a one-hour JWT; the app never reads its claims
 * for access decisions, only its expiry, the API decides everything else.
 */
export interface Session {
  token: string;
  expiresAt: string;
}

const KEY = 'culturebridge.session';
const listeners = new Set<() => void>();
let current: Session | undefined = load();

function load(): Session | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    if (typeof stored?.token === 'string' && typeof stored.expiresAt === 'string' && Date.parse(stored.expiresAt) > Date.now()) {
      return { token: stored.token, expiresAt: stored.expiresAt };
    }
  } catch {
    // A value another version of the app wrote: treat it as no session.
  }
  sessionStorage.removeItem(KEY);
  return undefined;
}

function changed(): void {
  for (const listener of listeners) listener();
}

/** The session to send, or undefined when there is none or it has run out. */
export function currentSession(): Session | undefined {
  if (current && Date.parse(current.expiresAt) <= Date.now()) clearSession();
  return current;
}

/** Stores a session from the API; without `expiresAt` (POST /profiles) the JWT's own expiry is used. */
export function saveSession(token: string, expiresAt?: string): void {
  current = { token, expiresAt: expiresAt ?? jwtExpiry(token) };
  sessionStorage.setItem(KEY, JSON.stringify(current));
  changed();
}

export function clearSession(): void {
  if (!current) return;
  current = undefined;
  sessionStorage.removeItem(KEY);
  changed();
}

export function useSession(): Session | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** The `exp` claim, read without verifying: only to know when to stop sending the token. */
function jwtExpiry(token: string): string {
  try {
    const payload = token.split('.')[1] ?? '';
    const { exp } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    if (typeof exp === 'number') return new Date(exp * 1000).toISOString();
  } catch {
    // Not a JWT we can read: fall through to the API's documented lifetime.
  }
  return new Date(Date.now() + 60 * 60 * 1000).toISOString();
}
