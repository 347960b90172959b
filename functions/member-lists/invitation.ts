import { formatList, networkDisplayName, type Locale } from '@culturebridge/domain';
import type { NetworkSettingsStore } from '@culturebridge/store';

/** How long a network list's display names are reused, ms: a renamed network reaches invitations within it. */
const MEMO_MS = 60_000;
/** Distinct network lists × languages kept; the memo is cleared when full (a few networks, eight languages). */
const MEMO_ENTRIES = 200;

/**
 * `MagicLinkDeps.invitationNetworks` from the network settings: the display names of the networks
 * (their settings' name, else the known name, else the id) as one list in `locale`, e.g.
 * "EU4Culture and EUNIC Caucasus". Here, with the senders of invitations, so that profiles-api,
 * which sends none, bundles neither the store nor the list formatting.
 *
 * An import invites up to thousands of members of one network in a few seconds, so one read serves
 * every invitation for the same networks and language for `MEMO_MS` (60 s); concurrent invitations
 * share the read in flight, and a failed read is not kept. `clock` (ms) is for tests.
 */
export function invitationNetworks(settings: Pick<NetworkSettingsStore, 'getMany'>, options: { clock?: () => number } = {}) {
  const clock = options.clock ?? Date.now;
  const memo = new Map<string, { at: number; names: Promise<string> }>();
  return (networkIds: readonly string[], locale: Locale): Promise<string> => {
    const key = `${locale} ${networkIds.join(' ')}`;
    const now = clock();
    const kept = memo.get(key);
    if (kept && now - kept.at < MEMO_MS) return kept.names;
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    const names = settings.getMany(networkIds, { withName: true }).then((found) => formatList(networkIds.map((id) => networkDisplayName(id, found.get(id))), locale));
    const entry = { at: now, names };
    memo.set(key, entry);
    names.catch(() => {
      if (memo.get(key) === entry) memo.delete(key);
    });
    return names;
  };
}
