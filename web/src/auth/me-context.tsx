import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { fetchMe } from '../api/endpoints';
import type { Me } from '../api/types';
import { useSession } from './session-store';

interface MeState {
  /** Who the session is; undefined while loading or when signed out. */
  me: Me | undefined;
  refreshMe: () => Promise<void>;
}

const MeContext = createContext<MeState>({ me: undefined, refreshMe: async () => undefined });

/** Loads `GET /me` whenever the session changes, so the navigation knows about profiles and networks. */
export function MeProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [me, setMe] = useState<Me>();

  const refreshMe = useCallback(async () => {
    if (!session) {
      setMe(undefined);
      return;
    }
    try {
      setMe(await fetchMe());
    } catch {
      // A lost session is handled by the client; anything else leaves the navigation as it was.
    }
  }, [session]);

  useEffect(() => {
    void refreshMe();
  }, [refreshMe]);

  return <MeContext.Provider value={{ me: session ? me : undefined, refreshMe }}>{children}</MeContext.Provider>;
}

export const useMe = () => useContext(MeContext);
