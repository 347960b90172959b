import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ApiRoute {
  method: string;
  path: string;
}

export interface PublicHttpApiProps {
  allowedOrigins: string[];
  logRetention: RetentionDays;
  throttle: { rateLimit: number; burstLimit: number };
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
      }),
    };
  }

  /**
   * The declared routes go to `fn`; with `catchAll`, so does every other request, so an unknown path
   * gets the handler's problem+json 404 rather than API Gateway's own plain message.
   */
  addLambdaRoutes(id: string, fn: IFunction, routes: readonly ApiRoute[], { catchAll = false } = {}): void {
    const integration = new HttpLambdaIntegration(`${id}Integration`, fn);
    for (const route of routes) {
      this.api.addRoutes({ path: route.path, methods: [route.method as HttpMethod], integration });
    }
    if (catchAll) new HttpRoute(this, `${id}Default`, { httpApi: this.api, routeKey: HttpRouteKey.DEFAULT, integration });
  }
}
