import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface HttpRequestLike {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  sourceIp?: string;
}

/**
 * Builds the event API Gateway's HTTP API (payload format 2.0) hands a Lambda for a request. As
 * API Gateway does, the Cookie header leaves `headers` and arrives split in `cookies`.
 */
export function apiGatewayEvent(request: HttpRequestLike): APIGatewayProxyEventV2 {
  const { cookie, ...headers } = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const cookies = cookie ? cookie.split(/;\s*/).filter(Boolean) : undefined;
  return {
    ...(cookies ? { cookies } : {}),
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: request.query ?? '',
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: request.body,
    isBase64Encoded: false,
  };
}

/** The Lambda context a handler sees when the local runtime invokes it in-process. */
export function lambdaContext(functionName: string): Context {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface DeclaredRoute {
  method: string;
  path: string;
  access: 'public' | 'session';
}

/**
 * The declared route a request falls under, as API Gateway matches it: `{param}` is one path
 * segment. Undefined means the catch-all `$default` route.
 */
export function matchRoute<R extends DeclaredRoute>(routes: readonly R[], method: string, path: string): R | undefined {
  return routes.find((r) => r.method === method && new RegExp(`^${r.path.replace(/\{[^/{}]+\}/g, '[^/]+')}$`).test(path));
}
