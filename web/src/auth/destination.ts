/**
 * Where to go after signing in. The magic link usually opens in another tab, so the wish is kept in
 * localStorage, and only as long as a link is valid (15 minutes). It holds a route of this app,
 * never a token.
 */
const KEY = 'culturebridge.after-sign-in';
const LIFETIME_MS = 15 * 60 * 1000;

export function rememberDestination(route: string): void {
  // The sign-in page itself is never a destination (it may render for a moment while a session is dropped).
  if (route.startsWith('/sign-in')) return;
  localStorage.setItem(KEY, JSON.stringify({ route, until: Date.now() + LIFETIME_MS }));
}

export function takeDestination(): string | undefined {
  const raw = localStorage.getItem(KEY);
  localStorage.removeItem(KEY);
  try {
    const { route, until } = JSON.parse(raw ?? 'null') as { route?: unknown; until?: unknown } ?? {};
    // Only routes of this app: a stored value can never send anyone off-site.
    if (typeof route === 'string' && route.startsWith('/') && !route.startsWith('//') && typeof until === 'number' && until > Date.now()) return route;
  } catch {
    // Unreadable: go to the default page.
  }
  return undefined;
}
