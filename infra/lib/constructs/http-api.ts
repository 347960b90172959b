import { Duration } from 'aws-cdk-lib';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpRoute, HttpRouteKey, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** What the authorizer demands before the function runs (packages/api/src/api-routes.ts). */
export type RouteAccess = 'public' | 'session';

export interface ApiRoute {
  method: string;
  path: string;
  access: RouteAccess;
}

/** One authorizer per kind of access. */
export type RouteAuthorizers = Record<RouteAccess, IHttpRouteAuthorizer>;

export interface PublicHttpApiProps {
  allowedOrigins: string[];
  logRetention: RetentionDays;
  throttle: { rateLimit: number; burstLimit: number };
}

/**
 * One Lambda authorizer on the session-checking function for every route (simple responses, payload
 * 2.0, no result cache: a session ends exactly at its expiry or sign-out). It has no identity
 * source, so it is invoked for every request (API Gateway allows an empty identity source when
 * caching is off): a session may come as `Authorization: Bearer` or as the browser's session
 * cookie, and an identity source cannot say "this header or that cookie" (API Gateway demands all
 * of them). The function tells `session` routes from public ones by the route key: a session route
 * needs a live session, a public route lets anonymous callers through, and a credential that was
 * sent must be valid either way. CORS preflights never carry credentials (Fetch standard), so on
 * `$default` it lets them through too.
 */
export function sessionAuthorizers(fn: IFunction): RouteAuthorizers {
  const authorizer = new HttpLambdaAuthorizer('SessionAuthorizer', fn, {
    responseTypes: [HttpLambdaResponseType.SIMPLE],
    resultsCacheTtl: Duration.seconds(0),
    authorizerName: 'session',
    identitySource: [],
  });
  return { session: authorizer, public: authorizer };
}

/** The HTTP API with stage throttling and JSON access logs (no request bodies, so no personal data). */
export class PublicHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: PublicHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['content-type', 'authorization'],
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = {
      throttlingRateLimit: props.throttle.rateLimit,
      throttlingBurstLimit: props.throttle.burstLimit,
    };
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        requestTime: '$context.requestTime',
        method: '$context.httpMethod',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        // Why an authorizer failed (not whom it refused): the first thing to read when calls get 500.
        authorizerError: '$context.authorizer.error',
      }),
    };
  }

  /**
   * The declared routes go to `fn`, each behind the authorizer its `access` names; with `catchAll`,
   * so does every other request (behind that access's authorizer), so an unknown path gets the
   * handler's problem+json 404 rather than API Gateway's own plain message. No route is left
   * without an authorizer.
   */
  addLambdaRoutes(id: string, fn: IFunction, routes: readonly ApiRoute[], options: { authorizers: RouteAuthorizers; catchAll?: RouteAccess }): void {
    const integration = new HttpLambdaIntegration(`${id}Integration`, fn);
    for (const route of routes) {
      this.api.addRoutes({ path: route.path, methods: [route.method as HttpMethod], integration, authorizer: options.authorizers[route.access] });
    }
    if (options.catchAll) {
      new HttpRoute(this, `${id}Default`, { httpApi: this.api, routeKey: HttpRouteKey.DEFAULT, integration, authorizer: options.authorizers[options.catchAll] });
    }
  }
}
