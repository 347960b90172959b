import { json, parseBody } from '@culturebridge/http';
import type { ProfileStore } from '@culturebridge/store';
import type { Caller } from './access.js';
import { MagicLinkRequest, VerifyRequest } from './requests.js';
import type { Route } from './route.js';
import type { SignInService } from './sign-in.js';

export interface AuthRouteDeps {
  signIn: SignInService;
  profiles: ProfileStore;
  now: () => string;
}

const SENT = {
  message: 'If this address can be used with CultureBridge, a sign-in link is on its way. It works once, for 15 minutes.',
};

export function authRoutes({ signIn, profiles, now }: AuthRouteDeps) {
  /** Always the same 202: the answer never says whether the address owns a profile or a network. */
  const magicLink: Route = async (event) => {
    const { email, locale } = parseBody(MagicLinkRequest, event.body);
    const at = new Date(now());
    await signIn.enforceLimits(email, event, at);
    await signIn.sendLink(email, 'sign-in', at, undefined, locale);
    return json(202, SENT);
  };

  const verify: Route = async (event) => {
    const { token } = parseBody(VerifyRequest, event.body);
    return json(200, await signIn.verify(token, new Date(now())));
  };

  const me: Route = async (_event, caller: Caller) => {
    if (caller.kind !== 'session') throw new Error('the me route is declared session-only');
    const owned = await Promise.all(caller.claims.profiles.map((id) => profiles.get(id)));
    return json(200, {
      profiles: owned.flatMap((p) => (p ? [{ id: p.id, name: p.name, status: p.status }] : [])),
      networks: caller.claims.networks,
    });
  };

  return { magicLink, verify, me };
}
