import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Caller } from './access.js';

/** A route's handler: the request, and who sent it (already authenticated by app.ts). */
export type Route = (event: APIGatewayProxyEventV2, caller: Caller) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * A route whose reads depend only on the request (its path), started while the caller is being
 * authenticated (the session and address reads) rather than after them: one round trip less on
 * a read path. `prefetch` must only start reads and return their promises, never decide access
 * (it runs before the caller is known); `handle` decides access first and answers from them.
 * Started only when the request carries a credential, so an anonymous request costs no read.
 */
export interface PrefetchingRoute<T> {
  prefetch(event: APIGatewayProxyEventV2): T;
  handle(event: APIGatewayProxyEventV2, caller: Caller, prefetched: T): Promise<APIGatewayProxyStructuredResultV2>;
}

// Method syntax above keeps `handle` bivariant, so any PrefetchingRoute<T> is one of these.
export type RouteHandler = Route | PrefetchingRoute<unknown>;

/**
 * A read started early: a rejection is handled by whoever awaits it, and one that nobody awaits
 * (access refused first) is not an unhandled rejection.
 */
export function early<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}
