import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpRouterHandler, { type Route } from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { jsonBody, noBody, problemDetails, queryShape } from '@culturebridge/http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { bearerToken, sessionCookieSecret } from '@culturebridge/auth';
import { authenticate, type AuthenticationDeps } from './access.js';
import { LARGE_BODY_ROUTES, MAX_LARGE_BODY_BYTES, ROUTE_QUERIES, ROUTES_WITH_BODY, type ProfilesApiRoute } from './api-routes.js';
import type { RouteHandler } from './route.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** What every API function's router needs: who the caller is, and how to answer. */
export interface HttpAppOptions {
  auth: AuthenticationDeps;
  now: () => string;
  logger: Logger;
  allowedOrigins: string[];
}

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;


/**
 * Every route authenticates its caller first, as its declared access demands; a renewed (or
 * cleared) session cookie goes out with the answer. A prefetching route's reads run meanwhile
 * when the request carries a credential (see `PrefetchingRoute`).
 */
function authenticated(route: ProfilesApiRoute, handler: RouteHandler, deps: AuthenticationDeps, now: () => string): Handler {
  return async (event) => {
    const started = typeof handler !== 'function' && carriesCredential(event) ? handler.prefetch(event) : undefined;
    const { caller, setCookies } = await authenticate(event, deps, route.access, new Date(now()));
    const result = typeof handler === 'function' ? await handler(event, caller) : await handler.handle(event, caller, started ?? handler.prefetch(event));
    return setCookies.length ? { ...result, cookies: [...(result.cookies ?? []), ...setCookies] } : result;
  };
}

/**
 * Whether the request carries a bearer token or a well-formed session cookie (authenticate decides
 * what they are worth): a request without one is refused without any early read, and one with a
 * forged credential costs the reads its session lookup costs anyway, plus the route's.
 */
function carriesCredential(event: APIGatewayProxyEventV2): boolean {
  return bearerToken(event.headers) !== undefined || sessionCookieSecret(event.cookies, event.headers) !== undefined;
}

/** The web app's origins: the one mail links open, and those CORS allows (e.g. Vite's dev server). */
export function trustedOrigins(options: { appBaseUrl: string; allowedOrigins: readonly string[] }): string[] {
  return [...new Set([new URL(options.appBaseUrl).origin, ...options.allowedOrigins])];
}

/**
 * One API function: a router over its declared routes, each authenticated first, with CORS, security
 * headers and RFC 9457 problems. Shared by every API function (api-routes.ts: `function`).
 */
export function httpApp<R extends ProfilesApiRoute>(routes: readonly R[], handlers: Record<R['name'], RouteHandler>, options: HttpAppOptions) {
  const routed: Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[] = routes.map((route) => {
    const handler = authenticated(route, handlers[route.name as R['name']], options.auth, options.now);
    // The query, then the body (its size, media type and JSON; or that there is none), before the route reads either.
    const body = ROUTES_WITH_BODY.has(route.name) ? jsonBody(LARGE_BODY_ROUTES.has(route.name) ? MAX_LARGE_BODY_BYTES : MAX_BODY_BYTES) : [noBody()];
    return { method: route.method, path: route.path, handler: middy(handler).use(queryShape(ROUTE_QUERIES[route.name])).use(body) };
  });
  // onError runs in reverse order of use(): the problem renderer first, then headers are added to it.
  return middy(httpRouterHandler(routed))
    .use(injectLambdaContext(options.logger, { resetKeys: true }))
    .use(httpCors({ origins: options.allowedOrigins, methods: 'GET,POST,PUT,DELETE', headers: 'content-type,authorization' }))
    .use(httpSecurityHeaders())
    .use(problemDetails(options.logger));
}

/** What every API function is built with besides its routes' own stores: who may call, and how to answer. */
export interface ApiFunctionOptions extends Omit<AuthenticationDeps, 'trustedOrigins'> {
  /** The web app's origin (APP_BASE_URL): cookie-authenticated writes must come from it (or `allowedOrigins`). */
  appBaseUrl: string;
  allowedOrigins: string[];
  now: () => string;
  logger: Logger;
}

/** The router options (`httpApp`) of an API function: its callers authenticated against the web app's origins. */
export function httpAppOptions(options: ApiFunctionOptions): HttpAppOptions {
  return {
    auth: { sessionKey: options.sessionKey, addresses: options.addresses, sessions: options.sessions, trustedOrigins: trustedOrigins(options) },
    now: options.now,
    logger: options.logger,
    allowedOrigins: options.allowedOrigins,
  };
}
