import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler, { type Route } from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { bodyLimit, problemDetails } from '@culturebridge/http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PROFILES_API_ROUTES, ROUTES_WITH_BODY } from './api-routes.js';
import { profileRoutes, type ProfilesApiDeps } from './routes.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface ProfilesApiOptions extends ProfilesApiDeps {
  logger: Logger;
  allowedOrigins: string[];
}

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** Routes that carry a body get the size limit and the JSON parser; the others never parse one. */
function withJsonBody(handler: Handler) {
  return middy(handler).use(bodyLimit(MAX_BODY_BYTES)).use(httpJsonBodyParser());
}

export function createProfilesApi(options: ProfilesApiOptions) {
  const handlers = profileRoutes(options);
  const routes: Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[] = PROFILES_API_ROUTES.map(
    ({ name, method, path }) => ({
      method,
      path,
      handler: ROUTES_WITH_BODY.has(name) ? withJsonBody(handlers[name]) : middy(handlers[name]),
    }),
  );
  // onError runs in reverse order of use(): the problem renderer first, then headers are added to it.
  return middy(httpRouterHandler(routes))
    .use(injectLambdaContext(options.logger, { resetKeys: true }))
    .use(httpCors({ origins: options.allowedOrigins, methods: 'GET,POST,PUT,DELETE', headers: 'content-type,authorization' }))
    .use(httpSecurityHeaders())
    .use(problemDetails(options.logger));
}
