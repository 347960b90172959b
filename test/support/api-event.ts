import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface ApiRequest {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** An API Gateway HTTP API (payload 2.0) event, as the real integration sends it. */
export function apiEvent({ method, path, body, rawBody, headers = {} }: ApiRequest): APIGatewayProxyEventV2 {
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    body: text,
    isBase64Encoded: false,
  };
}

export const lambdaContext = {
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:test',
  memoryLimitInMB: '256',
  awsRequestId: 'aws-req-1',
  logGroupName: '/aws/lambda/test',
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

export interface ApiResult {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

type AnyHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/** Calls a handler and decodes its response, so tests read like HTTP. */
export async function call(handler: AnyHandler, request: ApiRequest): Promise<ApiResult> {
  const response = (await handler(apiEvent(request), lambdaContext)) as {
    statusCode: number;
    headers?: Record<string, string>;
    body?: string;
  };
  return {
    status: response.statusCode,
    // HTTP header names are case-insensitive; middlewares write them in mixed case.
    headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {},
  };
}
