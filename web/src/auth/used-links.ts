/**
 * The sign-in link this browser spent for its current session (localStorage, shared by its tabs),
 * so that the link opened again (in another tab, clicked again in the mail, reloaded before the page
 * left it) goes on as signed in, while anyone else's spent or expired link says it did nothing.
 * A spent token gives nothing away: it works once. Forgotten when the session ends, so a link of
 * whoever was signed in before never leads into the next person's session.
 */
const USED_LINK_KEY = 'culturebridge.usedLink';

export function usedLinkHere(token: string): boolean {
  try {
    return localStorage.getItem(USED_LINK_KEY) === token;
  } catch {
    return false;
  }
}

export function rememberUsedLink(token: string): void {
  try {
    localStorage.setItem(USED_LINK_KEY, token);
  } catch {
    // No storage (private mode): the link opened again says it no longer works.
  }
}

export function forgetUsedLink(): void {
  try {
    localStorage.removeItem(USED_LINK_KEY);
  } catch {
    // Nothing was kept.
  }
}
