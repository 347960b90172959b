import { bearerToken, verifySession } from '@culturebridge/auth';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';

export type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<{ sub: string }> | { isAuthorized: false };

/**
 * The HTTP API's authorizer (simple responses). API Gateway itself answers 401 when a `session`
 * route is called without an Authorization header (that authorizer's identity source), so this only
 * decides whether a presented session verifies; a public route without one is let through. The
 * function checks the session again and decides which profiles and networks it may touch: this is
 * the edge's first line, not the only one.
 */
export function createAuthorizer(key: Uint8Array, now: () => Date = () => new Date()) {
  return async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => {
    const token = bearerToken(event.headers);
    // Another scheme (Basic, a bare token) is refused, not read as "anonymous".
    const sent = Object.keys(event.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
    if (!token) return sent ? { isAuthorized: false } : { isAuthorized: true, context: { sub: 'anonymous' } };
    const claims = await verifySession(key, token, now());
    return claims ? { isAuthorized: true, context: { sub: claims.sub } } : { isAuthorized: false };
  };
}
