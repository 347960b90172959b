import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler, { type Route } from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { bodyLimit, caseInsensitiveMediaType, problemDetails } from '@culturebridge/http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ActivityStore, CoordinatorStore, MatchStore, MeetingStore } from '@culturebridge/store';
import { authenticate, type AuthenticationDeps } from './access.js';
import { PROFILES_API_ROUTES, ROUTES_WITH_BODY, type ProfilesApiRoute } from './api-routes.js';
import { authRoutes } from './auth-routes.js';
import { meetingRoutes } from './meeting-routes.js';
import { networkRoutes } from './network-routes.js';
import type { Route as RouteHandler } from './route.js';
import { profileRoutes } from './routes.js';
import { signInService, type SignInDeps } from './sign-in.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface ProfilesApiOptions extends SignInDeps {
  matches: MatchStore;
  coordinators: CoordinatorStore;
  activity: Pick<ActivityStore, 'since'>;
  meetings: MeetingStore;
  newId: () => string;
  now: () => string;
  logger: Logger;
  allowedOrigins: string[];
}

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** Routes that carry a body get the size limit and the JSON parser; the others never parse one. */
function withJsonBody(handler: Handler) {
  return middy(handler).use(bodyLimit(MAX_BODY_BYTES)).use(caseInsensitiveMediaType()).use(httpJsonBodyParser());
}

/**
 * Every route authenticates its caller first, as its declared access demands; a renewed (or
 * cleared) session cookie goes out with the answer.
 */
function authenticated(route: ProfilesApiRoute, handler: RouteHandler, deps: AuthenticationDeps, now: () => string): Handler {
  return async (event) => {
    const { caller, setCookies } = await authenticate(event, deps, route.access, new Date(now()));
    const result = await handler(event, caller);
    return setCookies.length ? { ...result, cookies: [...(result.cookies ?? []), ...setCookies] } : result;
  };
}

/** The web app's origins: the one mail links open, and those CORS allows (e.g. Vite's dev server). */
export function trustedOrigins(options: Pick<ProfilesApiOptions, 'appBaseUrl' | 'allowedOrigins'>): string[] {
  return [...new Set([new URL(options.appBaseUrl).origin, ...options.allowedOrigins])];
}

export function createProfilesApi(options: ProfilesApiOptions) {
  const signIn = signInService(options);
  const origins = trustedOrigins(options);
  const authDeps: AuthenticationDeps = { sessionKey: options.sessionKey, addresses: options.addresses, sessions: options.sessions, trustedOrigins: origins };
  const handlers: Record<ProfilesApiRoute['name'], RouteHandler> = {
    ...authRoutes({ signIn, profiles: options.profiles, sessions: options.sessions, trustedOrigins: origins, now: options.now }),
    ...profileRoutes({ ...options, signIn }),
    ...networkRoutes(options),
    ...meetingRoutes(options),
  };
  const routes: Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[] = PROFILES_API_ROUTES.map((route) => {
    const handler = authenticated(route, handlers[route.name], authDeps, options.now);
    return { method: route.method, path: route.path, handler: ROUTES_WITH_BODY.has(route.name) ? withJsonBody(handler) : middy(handler) };
  });
  // onError runs in reverse order of use(): the problem renderer first, then headers are added to it.
  return middy(httpRouterHandler(routes))
    .use(injectLambdaContext(options.logger, { resetKeys: true }))
    .use(httpCors({ origins: options.allowedOrigins, methods: 'GET,POST,PUT,DELETE', headers: 'content-type,authorization' }))
    .use(httpSecurityHeaders())
    .use(problemDetails(options.logger));
}
