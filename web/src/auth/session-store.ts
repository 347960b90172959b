import { useSyncExternalStore } from 'react';
import { forgetUsedLink } from './used-links';

/**
 * Whether this browser is signed in. The session itself is an HttpOnly cookie the page cannot
 * read (so script injected into the page cannot steal it either); every tab of the browser shares
 * it, and it survives reloads and restarts. What the app keeps is only what `GET /me` last said:
 * `checking` until the first answer, then `signed-in` or `signed-out`. The API decides everything.
 */
export type SessionState = 'checking' | 'signed-in' | 'signed-out';

const listeners = new Set<() => void>();
let current: SessionState = 'checking';

function set(next: SessionState): void {
  if (current === next) return;
  current = next;
  for (const listener of listeners) listener();
}

export const sessionState = (): SessionState => current;

/** After a sign-in link was used, or when `GET /me` answered. */
export const markSignedIn = (): void => set('signed-in');

/** After signing out, or when the API said the session is gone. */
export const markSignedOut = (): void => {
  forgetUsedLink();
  set('signed-out');
};

export function useSessionState(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

// Every tab of the browser shares the session cookie but keeps its own sessionStorage: a sign-out
// tells the others, so that none keeps a signed-out member's typed work (contact address, text) on
// a shared computer until it is closed.
const SESSION_CHANNEL = 'culturebridge-session';
const SIGNED_OUT = 'signed-out';

/** Tells this browser's other tabs of the app that it signed out (no-op where BroadcastChannel is missing). */
export function announceSignOut(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage(SIGNED_OUT);
  channel.close();
}

/** Calls `then` whenever another tab of the app signs out; returns what stops listening. */
export function onSignOutElsewhere(then: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === SIGNED_OUT) then();
  };
  return () => channel.close();
}
