import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem, SessionLost } from '../api/client';
import { afterFailure, type Resource } from './resource-state';

export { isGone, type Resource } from './resource-state';

/**
 * Loads data and reloads it on demand, keeping what was shown while a reload runs (no flicker when
 * polling) and when it fails, unless the resource is gone (404, 410: see `afterFailure`). A change
 * of `key` starts over.
 */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> & { reload: () => Promise<void> } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  const generation = useRef(0);

  // Declared first, so the effects below always call the latest `load`.
  useEffect(() => {
    loadRef.current = load;
  });

  const reload = useCallback(async () => {
    const mine = generation.current;
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setState({ status: 'ready', data });
    } catch (error) {
      if (error instanceof SessionLost || mine !== generation.current) return;
      const problem = error instanceof ApiProblem ? error : new ApiProblem(0, 'about:blank', 'Something went wrong', String(error), []);
      setState((previous) => afterFailure(previous, problem));
    }
  }, []);

  useEffect(() => {
    generation.current++;
    setState({ status: 'loading' });
    void reload();
  }, [key, reload]);

  return { ...state, reload };
}

/** How often a page looks again while matching catches up with a change (a confirmation, a save, a membership). */
export const MATCHING_POLL_MS = 2_000;

/**
 * Calls `tick` every `intervalMs` while an interval is given (undefined stops it), for at most
 * `forMs`: a page left open does not poll forever; its Refresh button still works. A new `restart`
 * value (a count of saves) starts the `forMs` again.
 */
export function usePolling(tick: () => unknown, intervalMs: number | undefined, forMs = 120_000, restart?: unknown): void {
  const tickRef = useRef(tick);
  useEffect(() => {
    tickRef.current = tick;
  });
  useEffect(() => {
    if (!intervalMs) return;
    const timer = setInterval(() => void tickRef.current(), intervalMs);
    const stop = setTimeout(() => clearInterval(timer), forMs);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [intervalMs, forMs, restart]);
}
