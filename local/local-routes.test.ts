import { describe, expect, it } from 'vitest';
import { matchRoute } from './api-gateway.js';
import { localRoutes, type LocalRoutesDeps } from './local-routes.js';

const unused = () => {
  throw new Error('not reached');
};
const deps = { eventBridge: {}, streamDeadLetters: unused, runDigests: unused, runExpirySweep: unused, settle: unused } as unknown as LocalRoutesDeps;

describe('the local gateway reads long paths in linear time', () => {
  // `npm start` serves on a port anyone on the machine can reach: a trailing-slash pattern (`/+$`)
  // tried from each `/` of a long run backtracked (quadratic, seconds for 100 000).
  it('answers 404 for a long run of slashes', async () => {
    const rawPath = `${'/'.repeat(100_000)}x/`;
    const result = await localRoutes(deps)({ rawPath, rawQueryString: '', requestContext: { http: { method: 'GET' } } } as never, {} as never);
    expect(result).toMatchObject({ statusCode: 404 });
  });

  it('still treats /_local/events/ as /_local/events', async () => {
    const result = await localRoutes({ ...deps, eventBridge: { events: [] } } as unknown as LocalRoutesDeps)({ rawPath: '/_local/events//', rawQueryString: '', requestContext: { http: { method: 'GET' } } } as never, {} as never);
    expect(result).toMatchObject({ statusCode: 200 });
  });

  it('still matches a declared route by its {param} segments', () => {
    const route = { method: 'GET', path: '/networks/{id}/settings', access: 'session' as const };
    expect(matchRoute([route], 'GET', '/networks/n1/settings')).toBe(route);
    expect(matchRoute([route], 'GET', '/networks/n1/x/settings')).toBeUndefined();
  });
});
