import { clearedSessionCookie, sessionCookie } from '@culturebridge/auth';
import { json, parseBody } from '@culturebridge/http';
import type { ProfileStore, SessionStore } from '@culturebridge/store';
import { crossSiteRefused, requestSite, type Caller } from '@culturebridge/api/access';
import { MagicLinkRequest, VerifyRequest } from './requests.js';
import type { Route } from '@culturebridge/api/route';
import type { SignInService } from './sign-in.js';

export interface AuthRouteDeps {
  signIn: SignInService;
  profiles: ProfileStore;
  sessions: SessionStore;
  trustedOrigins: readonly string[];
  now: () => string;
}

const SENT = {
  message: 'If this address can be used with CultureBridge, a sign-in link is on its way. It works once, for 15 minutes.',
};

export function authRoutes({ signIn, profiles, sessions, trustedOrigins, now }: AuthRouteDeps) {
  /** Always the same 202: the answer never says whether the address owns a profile or a network. */
  const magicLink: Route = async (event) => {
    const { email, locale } = parseBody(MagicLinkRequest, event.body);
    const at = new Date(now());
    await signIn.enforceLimits(email, event, at);
    await signIn.sendLink(email, 'sign-in', at, undefined, locale);
    return json(202, SENT);
  };

  /** What a link would do; spends nothing (the link's page shows this and waits for a click). */
  const describeLink: Route = async (event) => {
    const { token } = parseBody(VerifyRequest, event.body);
    return json(200, await signIn.describe(token, new Date(now())));
  };

  /**
   * Spends the token. From the web app (a same-origin browser request) the session goes into the
   * HttpOnly cookie and the answer carries no token; an API client (no Origin, no Fetch Metadata)
   * gets the bearer session in the body. A cross-site request is refused before the token is
   * spent: nobody can sign a browser in as someone else (login CSRF).
   */
  const verify: Route = async (event, caller) => {
    const { token } = parseBody(VerifyRequest, event.body);
    const site = requestSite(event, trustedOrigins);
    if (site === 'cross-site') throw crossSiteRefused();
    const { cookie, session, expiresAt, ...rest } = await signIn.verify(token, new Date(now()));
    if (site === 'same-origin') {
      // The new cookie replaces the browser's old one; its session ends too rather than linger unused.
      if (caller.kind === 'session' && caller.via === 'cookie' && caller.sessionId) await sessions.delete(caller.sessionId);
      return { ...json(200, { ...rest, expiresAt: cookie.expiresAt }), cookies: [sessionCookie(cookie.secret, cookie.maxAgeSeconds)] };
    }
    return json(200, { session, expiresAt, ...rest });
  };

  /** Ends the session on the server (its cookie and every bearer token of it stop working) and clears the cookie. */
  const signOut: Route = async (_event, caller: Caller) => {
    if (caller.kind === 'session' && caller.sessionId) await sessions.delete(caller.sessionId);
    return { statusCode: 204, headers: {}, body: '', cookies: [clearedSessionCookie()] };
  };

  const me: Route = async (_event, caller: Caller) => {
    if (caller.kind !== 'session') throw new Error('the me route is declared session-only');
    const owned = await Promise.all(caller.claims.profiles.map((id) => profiles.get(id)));
    return json(200, {
      profiles: owned.flatMap((p) => (p ? [{ id: p.id, name: p.name, status: p.status }] : [])),
      networks: caller.claims.networks,
    });
  };

  return { magicLink, describeLink, verify, signOut, me };
}
