import * as z from 'zod';
import { TimeZone } from './notification.js';
import { NetworkId } from './profile.js';
import { oneLineText } from './text.js';

/**
 * Networks are records the operator creates (`npm run network -- add`); a profile may name only
 * these. The record's `name` is how mails name the network unless its settings item gives a
 * display name. The proposal lifecycle settings (reminder, expiry, re-proposal days) live in the
 * network's settings item (network-settings.ts, `NETWORK#<id> / SETTINGS`), not on this record.
 */
export const NETWORK_NAME_LENGTH = 120;

// Named apart from network-settings.ts's NetworkSettings (issue 20: reminder, expiry and
// re-proposal days, display name), which live in their own item.
export const NetworkRecordSettings = z.object({}).catchall(z.unknown());
export type NetworkRecordSettings = z.output<typeof NetworkRecordSettings>;

export const NetworkInput = z.strictObject({
  id: NetworkId,
  name: oneLineText('network name', NETWORK_NAME_LENGTH),
  timeZone: TimeZone.default('UTC'),
  settings: NetworkRecordSettings.default({}),
});
export type NetworkInput = z.input<typeof NetworkInput>;

/** A stored network. `createdAt`/`updatedAt`: ISO 8601 date-times. */
export interface Network extends z.output<typeof NetworkInput> {
  createdAt: string;
  updatedAt: string;
}

/** What anyone may read about a network: the form lists these. */
export type NetworkSummary = Pick<Network, 'id' | 'name'>;

/**
 * How a profile belongs to a network. `requested`: the member named it and waits for a coordinator;
 * `approved`: a coordinator approved it, or imported or invited the member; `rejected`: refused
 * (kept, so the same request is not asked again by accident; naming the network again re-requests).
 */
export const MEMBERSHIP_STATUSES = ['requested', 'approved', 'rejected'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Per named network, its membership status. */
export type Memberships = Record<string, MembershipStatus>;

/**
 * A profile's membership in `networkId`. Profiles stored before memberships were approved carry no
 * `memberships` map: every network they name counts as approved (docs/decisions.md, migration).
 */
export function membershipStatus(profile: { networks: readonly string[]; memberships?: Memberships }, networkId: string): MembershipStatus | undefined {
  if (!profile.networks.includes(networkId)) return undefined;
  return profile.memberships?.[networkId] ?? 'approved';
}

/**
 * Whether the coordinators of `networkId` may see the profile at all (its contact included): not
 * while it is a submission its contact has not confirmed and the network has not taken in (pending,
 * its membership only requested). Anyone may submit any address; until its contact confirms, nothing
 * of it is shown, listed or answered. A pending profile a coordinator imported (approved) is theirs
 * to see, and stays so once they take it out (rejected: only a coordinator who saw it can), so
 * that the removal can be undone.
 */
export function coordinatorMaySee(profile: { status: string; networks: readonly string[]; memberships?: Memberships }, networkId: string): boolean {
  const membership = membershipStatus(profile, networkId);
  return membership !== undefined && (profile.status !== 'pending' || membership !== 'requested');
}

/** The networks a profile is an approved member of: the only ones matching uses. */
export function approvedNetworks(profile: { networks: readonly string[]; memberships?: Memberships }): string[] {
  return profile.networks.filter((n) => membershipStatus(profile, n) === 'approved');
}

/**
 * The memberships after a member names `networks`: networks kept keep their status, except that
 * naming a rejected network again asks again; new ones are `requested` (or `initial`, for members
 * a coordinator imported or invited); networks no longer named are dropped. A rejected network
 * that is still named stays rejected: saving the profile again must not ask the coordinator again.
 */
export function nextMemberships(previous: { networks: readonly string[]; memberships?: Memberships } | undefined, networks: readonly string[], initial: MembershipStatus = 'requested'): Memberships {
  const out: Memberships = {};
  for (const n of networks) {
    const before = previous ? membershipStatus(previous, n) : undefined;
    out[n] = before ?? initial;
  }
  return out;
}

/**
 * A network's short name for sentences and mail subjects: its name up to the first colon, since a
 * name may say "short name: description" ("EU4Culture: cities of Armenia, …" → "EU4Culture").
 */
export function networkShortName(name: string): string {
  return name.split(':')[0]?.trim() || name;
}
