import { readCredential, type SessionLookup } from '@culturebridge/auth';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { PROFILES_API_ROUTES } from '@culturebridge/api/api-routes';

export type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<{ sub: string }> | { isAuthorized: false };

const SESSION_ROUTES: ReadonlySet<string> = new Set(PROFILES_API_ROUTES.filter((r) => r.access === 'session').map((r) => `${r.method} ${r.path}`));

/**
 * The HTTP API's authorizer (simple responses, no identity source, so it runs for every request).
 * A caller proves a session with `Authorization: Bearer <jwt>` or with the browser's session cookie;
 * API Gateway cannot say "this header or that cookie" as an identity source (it demands all of
 * them), so this decides: a `session` route (by its route key) needs a live session, a public one
 * lets anonymous callers through, and a credential that was sent must be valid either way. The
 * function checks again and decides which profiles and networks the caller may touch: this is the
 * edge's first line, not the only one.
 */
export function createAuthorizer(key: Uint8Array, sessions: SessionLookup, now: () => Date = () => new Date()) {
  return async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => {
    const credential = await readCredential({ headers: event.headers, cookies: event.cookies }, key, sessions, now());
    switch (credential.kind) {
      case 'invalid':
        return { isAuthorized: false };
      case 'none':
        return SESSION_ROUTES.has(event.routeKey) ? { isAuthorized: false } : { isAuthorized: true, context: { sub: 'anonymous' } };
      case 'bearer':
        return { isAuthorized: true, context: { sub: credential.claims.sub } };
      case 'cookie':
        return { isAuthorized: true, context: { sub: credential.sub } };
    }
  };
}
