import type { Logger } from '@aws-lambda-powertools/logger';
import type { CoordinatorStore, MatchStore, NetworkStore } from '@culturebridge/store';
import { routesOf } from './api-routes.js';
import { authRoutes } from './auth-routes.js';
import { httpApp } from './http-app.js';
import { membershipRoutes } from './membership-routes.js';
import { networkRoutes } from './network-routes.js';
import { profileRoutes } from './routes.js';
import { signInService, type SignInDeps } from './sign-in.js';

export { MAX_BODY_BYTES } from './http-app.js';

export interface ProfilesApiOptions extends SignInDeps {
  matches: MatchStore;
  coordinators: CoordinatorStore;
  networks: NetworkStore;
  newId: () => string;
  now: () => string;
  logger: Logger;
  allowedOrigins: string[];
}

export function createProfilesApi(options: ProfilesApiOptions) {
  const signIn = signInService(options);
  return httpApp(
    routesOf('profiles-api'),
    {
      ...authRoutes({ signIn, profiles: options.profiles, now: options.now }),
      ...profileRoutes({ ...options, signIn }),
      ...networkRoutes(options),
      ...membershipRoutes(options),
    },
    options,
  );
}
