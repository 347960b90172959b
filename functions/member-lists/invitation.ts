import { formatList, networkDisplayName, type Locale } from '@culturebridge/domain';
import type { NetworkSettingsStore } from '@culturebridge/store';

/**
 * `MagicLinkDeps.invitationNetworks` from the network settings: the display names of the networks
 * (their settings' name, else the known name, else the id) as one list in `locale`, e.g.
 * "EU4Culture and EUNIC Caucasus". Here, with the senders of invitations, so that profiles-api,
 * which sends none, bundles neither the store nor the list formatting.
 */
export function invitationNetworks(settings: Pick<NetworkSettingsStore, 'getMany'>) {
  return async (networkIds: readonly string[], locale: Locale): Promise<string> => {
    const found = await settings.getMany(networkIds, { withName: true });
    return formatList(networkIds.map((id) => networkDisplayName(id, found.get(id))), locale);
  };
}
