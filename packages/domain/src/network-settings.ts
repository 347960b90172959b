import * as z from 'zod';
import { oneLineText } from './text.js';

/**
 * Per-network settings that shape a proposal's life in time (DESIGN §5, "Proposal lifecycle in
 * time") and how the network is named in mails. They belong on the network record (issue 19 makes
 * networks real records); until that exists they are kept in one small settings item per network,
 * and every field has a default, so a network nobody configured behaves as documented.
 */
export const DEFAULT_NETWORK_SETTINGS = Object.freeze({
  /** Days after a proposal before the members who have not answered are reminded. */
  reminderAfterDays: 7,
  /** Days after a proposal before an unanswered one expires and frees its exposure slot. */
  expireAfterDays: 21,
  /** Days an expired pair is kept from being proposed again. */
  reproposeAfterDays: 90,
});

const days = (field: string, min: number, max: number, fallback: number) =>
  z
    .number({ error: `${field} must be a number of days` })
    .int({ error: `${field} must be a whole number of days` })
    .min(min, { error: `${field} must be at least ${min}` })
    .max(max, { error: `${field} must be at most ${max}` })
    .default(fallback);

export const NetworkSettings = z
  .strictObject({
    reminderAfterDays: days('reminderAfterDays', 1, 180, DEFAULT_NETWORK_SETTINGS.reminderAfterDays),
    expireAfterDays: days('expireAfterDays', 2, 365, DEFAULT_NETWORK_SETTINGS.expireAfterDays),
    reproposeAfterDays: days('reproposeAfterDays', 0, 3650, DEFAULT_NETWORK_SETTINGS.reproposeAfterDays),
    /** How mails name the network, e.g. "EU4Culture"; the network id when absent. */
    displayName: oneLineText('displayName', 120).optional(),
  })
  // A reminder after the expiry would never be sent.
  .refine((s) => s.expireAfterDays > s.reminderAfterDays, { error: 'expireAfterDays must be more than reminderAfterDays', path: ['expireAfterDays'] });
export type NetworkSettingsInput = z.input<typeof NetworkSettings>;
export type NetworkSettings = z.output<typeof NetworkSettings>;

/**
 * The names of the networks this platform was built for, used when a network's settings give no
 * display name. One list for the web app and the mails.
 */
export const KNOWN_NETWORKS = [
  { id: 'eu4culture', displayName: 'EU4Culture', description: 'EU4Culture: cities of Armenia, Azerbaijan, Georgia, Moldova and Ukraine' },
  { id: 'eunic-caucasus-central-asia', displayName: 'EUNIC Caucasus and Central Asia', description: 'EUNIC clusters of the Caucasus and Central Asia' },
] as const;

/** The name mails and pages use for a network: its settings' display name, a known name, or its id. */
export function networkDisplayName(networkId: string, settings?: Pick<NetworkSettings, 'displayName'>): string {
  return settings?.displayName ?? KNOWN_NETWORKS.find((n) => n.id === networkId)?.displayName ?? networkId;
}

/**
 * The settings that govern a pair sharing several networks: the most patient of each (the longest
 * reminder, expiry and re-proposal delays), so no network's members are hurried by another's rules.
 */
export function settingsForPair(perNetwork: readonly NetworkSettings[]): NetworkSettings {
  if (perNetwork.length === 0) return NetworkSettings.parse({});
  return {
    reminderAfterDays: Math.max(...perNetwork.map((s) => s.reminderAfterDays)),
    expireAfterDays: Math.max(...perNetwork.map((s) => s.expireAfterDays)),
    reproposeAfterDays: Math.max(...perNetwork.map((s) => s.reproposeAfterDays)),
  };
}
