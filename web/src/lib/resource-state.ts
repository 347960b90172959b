import type { ApiProblem } from '../api/client';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: T; error: ApiProblem };

/**
 * Whether a problem says the resource itself is gone: 404 (erased, moved to another owner, or never
 * the reader's) or 410 (kept only as cancelled). A refresh cannot bring it back.
 */
export function isGone(problem: ApiProblem | undefined): boolean {
  return problem !== undefined && (problem.status === 404 || problem.status === 410);
}

/**
 * The state after a load failed with `problem`. What was shown stays through a passing failure (the
 * network, a busy or failing server: the data is still true, only not refreshed), but not once the
 * resource is gone: the page would keep showing, and offering to change, something that no longer
 * exists (an erased profile, a meeting cancelled in another tab).
 */
export function afterFailure<T>(previous: Resource<T>, problem: ApiProblem): Resource<T> {
  return { status: 'error', data: isGone(problem) ? undefined : previous.data, error: problem };
}
