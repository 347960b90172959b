import type { Logger } from '@aws-lambda-powertools/logger';
import type { MatchStore, MeetingStore, NetworkStore } from '@culturebridge/store';
import type { AuthenticationDeps } from '@culturebridge/api/access';
import { routesOf } from '@culturebridge/api/api-routes';
import { authRoutes } from './auth-routes.js';
import { httpApp, trustedOrigins } from '@culturebridge/api/http-app';
import { membershipRoutes } from './membership-routes.js';
import { networkRoutes } from './network-routes.js';
import { profileRoutes } from './routes.js';
import { signInService, type SignInDeps } from './sign-in.js';

export { MAX_BODY_BYTES, trustedOrigins } from '@culturebridge/api/http-app';

export interface ProfilesApiOptions extends SignInDeps {
  matches: MatchStore;
  /** Erasure takes the member out of its meetings. */
  meetings: Pick<MeetingStore, 'ofNetwork' | 'get' | 'replace'>;
  networks: NetworkStore;
  newId: () => string;
  now: () => string;
  logger: Logger;
  allowedOrigins: string[];
}

export function createProfilesApi(options: ProfilesApiOptions) {
  const signIn = signInService(options);
  const origins = trustedOrigins(options);
  const auth: AuthenticationDeps = { sessionKey: options.sessionKey, addresses: options.addresses, sessions: options.sessions, trustedOrigins: origins };
  return httpApp(
    routesOf('profiles-api'),
    {
      ...authRoutes({ signIn, profiles: options.profiles, sessions: options.sessions, trustedOrigins: origins, now: options.now }),
      ...profileRoutes({ ...options, signIn }),
      ...networkRoutes(options),
      ...membershipRoutes(options),
    },
    { auth, now: options.now, logger: options.logger, allowedOrigins: options.allowedOrigins },
  );
}
