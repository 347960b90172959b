import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/client';
import { afterFailure, isGone } from './resource-state';

const problem = (status: number, type = 'about:blank') => new ApiProblem(status, type, 'x', undefined, []);

describe('a resource whose reload fails', () => {
  it('forgets what it showed once the API says the resource is gone (404, 410): the page must not show it as if it still were', () => {
    for (const status of [404, 410]) {
      const next = afterFailure({ status: 'ready', data: { name: 'Poti' } }, problem(status));
      expect(next).toEqual({ status: 'error', data: undefined, error: problem(status) });
    }
  });

  it('keeps what it showed through any other failure (the network, a 500, a 503): the data is still true, only not refreshed', () => {
    for (const status of [0, 409, 500, 503]) {
      expect(afterFailure({ status: 'ready', data: { name: 'Poti' } }, problem(status))).toEqual({ status: 'error', data: { name: 'Poti' }, error: problem(status) });
    }
  });

  it('tells a gone resource from other problems', () => {
    expect(isGone(problem(404))).toBe(true);
    expect(isGone(problem(410, '/problems/meeting-cancelled'))).toBe(true);
    expect(isGone(problem(403, '/problems/forbidden'))).toBe(false);
    expect(isGone(undefined)).toBe(false);
  });
});
