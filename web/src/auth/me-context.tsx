import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiProblem } from '../api/client';
import { fetchMe } from '../api/endpoints';
import type { Me } from '../api/types';
import { markSignedIn, useSessionState } from './session-store';

interface MeState {
  /** Who the session is; undefined while loading or when signed out. */
  me: Me | undefined;
  refreshMe: () => Promise<void>;
  /**
   * Why the app could not learn whether this browser is signed in (the API unreachable or failing),
   * while it still does not know: pages that need a session show it with a way to try again,
   * instead of "checking" for ever.
   */
  probeProblem?: ApiProblem;
}

const MeContext = createContext<MeState>({ me: undefined, refreshMe: async () => undefined });

/**
 * Asks `GET /me` once when the app starts (the cookie, shared by every tab, says whether this
 * browser is signed in) and again whenever the session state changes, so the navigation knows about
 * profiles and networks.
 */
export function MeProvider({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const [me, setMe] = useState<Me>();
  const [probeProblem, setProbeProblem] = useState<ApiProblem>();

  const refreshMe = useCallback(async () => {
    if (state === 'signed-out') {
      setMe(undefined);
      return;
    }
    try {
      setMe(await fetchMe({ probe: true }));
      setProbeProblem(undefined);
      markSignedIn();
    } catch (error) {
      // Not signed in (the probe marked it), or the API unreachable or failing: the navigation
      // stays as it was, and a page waiting to know says why.
      setProbeProblem(error instanceof ApiProblem ? error : undefined);
    }
  }, [state]);

  useEffect(() => {
    void refreshMe();
  }, [refreshMe]);

  return <MeContext.Provider value={{ me: state === 'signed-in' ? me : undefined, refreshMe, ...(state === 'checking' && probeProblem ? { probeProblem } : {}) }}>{children}</MeContext.Provider>;
}

export const useMe = () => useContext(MeContext);
