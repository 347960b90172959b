import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { bodyTooLarge, HttpProblem } from '@culturebridge/http';
import { apiGatewayEvent, lambdaContext } from './api-gateway.js';

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | unknown>;

/**
 * What API Gateway decides before the function runs: undefined lets the request through, a result
 * answers it (the authorizer's 401/403).
 */
export type Gate = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

export interface Mount {
  /** Path prefix this handler serves, e.g. "/profiles". */
  prefix: string;
  functionName: string;
  handler: ApiHandler;
  gate?: Gate;
  /** The adapter's body limit for this prefix, bytes. Default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Plays CloudFront + S3 for the built web app: a file of the build, `/` is index.html. */
async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<boolean> {
  const relative = normalize(pathname === '/' ? '/index.html' : pathname);
  if (relative.includes('..')) return false;
  try {
    const body = await readFile(join(root, relative));
    // Hashed asset names never change content; index.html must be fetched fresh to find new ones.
    const cache = relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(relative)] ?? 'application/octet-stream', 'cache-control': cache });
    res.end(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * The adapter's body limit, bytes, where a mount sets none (and for paths nothing serves): 1 MiB.
 * The API's mounts set API_MAX_BODY_BYTES.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The API mounts' limit, bytes: above the API's largest (a member list as base64, 5.6 MB), so the
 * handler answers its own 413 as in AWS; above it the adapter answers 413 itself, as API Gateway
 * does above its 10 MB payload limit.
 */
export const API_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** An RFC 9457 problem answered by the adapter itself. */
export function problemResult(status: number, title: string, detail?: string, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return problemAnswer(new HttpProblem(status, title, detail), headers);
}

/** An HttpProblem (e.g. invalidFields) as the adapter answers it. */
export function problemAnswer(problem: HttpProblem, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode: problem.status, headers: { 'content-type': 'application/problem+json', ...headers }, body: JSON.stringify(problem.toBody()) };
}

/** The whole body as UTF-8, or 'too-large' once it passes maxBytes (the rest is read and dropped, so the answer reaches the client). */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) return 'too-large';
  return chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  // Middlewares unset a header (e.g. Server) by leaving it undefined; API Gateway drops those.
  const headers: Record<string, string | string[]> = Object.fromEntries(Object.entries(result.headers ?? {}).filter(([, v]) => v !== undefined && v !== null)) as Record<string, string>;
  // API Gateway turns the payload's `cookies` into one Set-Cookie header each.
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''));
}

/**
 * Plays API Gateway for the local runtime: turns each HTTP request into a payload-2.0 event for
 * the handler that owns the path prefix. Routing inside a function stays the function's own.
 */
export function startHttpServer(port: number, mounts: Mount[], onError: (e: unknown) => void = console.error, webRoot?: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      // Read before the body: once a request is consumed its socket may be gone.
      const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
      const url = new URL(req.url ?? '/', 'http://localhost');
      const mount = mounts.find((m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`));
      if (!mount && webRoot && (req.method === 'GET' || req.method === 'HEAD') && (await serveStatic(webRoot, url.pathname, res))) return;
      const maxBodyBytes = mount?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const body = await readBody(req, maxBodyBytes);
      if (body === 'too-large') {
        send(res, problemAnswer(bodyTooLarge(maxBodyBytes)));
        return;
      }
      if (!mount) {
        send(res, problemResult(404, 'Not found', `Nothing is served at ${url.pathname}.`));
        return;
      }
      const event = apiGatewayEvent({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search.slice(1),
        // As API Gateway (payload 2.0) does: a header sent twice arrives as its values joined with
        // commas. req.headers would keep only the first of some (Content-Type, Authorization).
        headers: Object.fromEntries(Object.entries(req.headersDistinct).map(([k, v]) => [k, (v ?? []).join(k === 'cookie' ? '; ' : ',')])),
        body,
        sourceIp,
      });
      const refused = await mount.gate?.(event);
      send(res, refused ?? ((await mount.handler(event, lambdaContext(mount.functionName))) as APIGatewayProxyStructuredResultV2));
    } catch (error) {
      onError(error);
      if (res.headersSent) res.destroy();
      else send(res, problemResult(502, 'Bad gateway'));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use; stop what uses it or start with PORT=<another port>`) : error),
    );
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
