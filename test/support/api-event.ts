import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from '../../local/api-gateway.js';

export interface ApiRequest {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiResult {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** The raw body, for answers that are not JSON (iCalendar, CSV). */
  text: string;
  /** The body's bytes (decoded from base64 where the function sent it so), for files. */
  raw: Buffer;
  /** The answer's Set-Cookie values (payload 2.0 `cookies`, and a `Set-Cookie` header if any). */
  cookies: string[];
}

type AnyHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/** Calls a handler with the event API Gateway would send, and decodes its response, so tests read like HTTP. */
export async function call(handler: AnyHandler, { method, path, body, rawBody, headers = {} }: ApiRequest): Promise<ApiResult> {
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const [pathOnly = path, query] = path.split('?');
  const event = apiGatewayEvent({
    method,
    path: pathOnly,
    ...(query !== undefined ? { query } : {}),
    body: text,
    headers: { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
  });
  const response = (await handler(event, lambdaContext('test'))) as { statusCode: number; headers?: Record<string, string>; body?: string; cookies?: string[]; isBase64Encoded?: boolean };
  // HTTP header names are case-insensitive; middlewares write them in mixed case.
  const responseHeaders = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const raw = Buffer.from(response.body ?? '', response.isBase64Encoded ? 'base64' : 'utf8');
  return {
    status: response.statusCode,
    headers: responseHeaders,
    body: response.body && /json/.test(responseHeaders['content-type'] ?? 'json') ? (JSON.parse(response.body) as Record<string, unknown>) : {},
    text: response.body ?? '',
    raw,
    cookies: [...(response.cookies ?? []), ...(responseHeaders['set-cookie'] ? [responseHeaders['set-cookie']] : [])],
  };
}
