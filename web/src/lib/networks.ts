import { networkShortName } from '@culturebridge/domain';
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

/**
 * The network's short name ("EU4Culture" for "EU4Culture: cities of …"), as mails name it: for
 * running text (reasons, lists), where the record's full English description would stand out.
 */
export function networkShortLabel(id: string): string {
  return networkShortName(networkLabel(id));
}
