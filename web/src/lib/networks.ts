import { useSyncExternalStore } from 'react';

/**
 * The platform's networks (GET /networks: id and display name), loaded once per page load. The form
 * offers exactly these; labels fall back to the id until the list has arrived.
 */
export interface NetworkSummary {
  id: string;
  name: string;
}

let networks: NetworkSummary[] = [];
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

function load(): void {
  loading ??= fetch('/networks', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ networks: NetworkSummary[] }>) : { networks: [] }))
    .then((body) => {
      networks = body.networks;
      for (const listener of listeners) listener();
    })
    .catch(() => {
      // Offline for a moment: the next component that asks tries again.
      loading = undefined;
    });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  load();
  return () => listeners.delete(listener);
}

/** The networks, re-rendering the caller once they have loaded. */
export function useNetworks(): NetworkSummary[] {
  return useSyncExternalStore(subscribe, () => networks);
}

export function networkLabel(id: string): string {
  return networks.find((n) => n.id === id)?.name ?? id;
}
