import { MATCHING_ATTRIBUTES, approvedNetworks, membershipStatus, type MembershipAsItStands, type MembershipStanding, type MembershipStatus, type Memberships, type Profile, type ProfileData } from '@culturebridge/domain';
import { ownerKey } from './address-book.js';
import { decodeMembershipView, encodeMembershipView } from './membership-codec.js';
import { ENTITY, OPEN_SCOPE, keys } from './table.js';

/**
 * What membership items carry: what matching reads, plus the version (so a reader can tell a stale
 * index entry), and nothing personal.
 */
export const MEMBERSHIP_ATTRIBUTES = [...MATCHING_ATTRIBUTES, 'version'] as const;

export type MembershipView = Pick<Profile, (typeof MEMBERSHIP_ATTRIBUTES)[number]> & { owner?: string };

export function profileItem(profile: Profile) {
  return { ...keys.profile(profile.id), entity: ENTITY.profile, ...profile };
}

type Membered = Pick<ProfileData, 'networks' | 'openToOutsideNetwork'> & { memberships?: Memberships };

/**
 * The scopes a profile is matched in: each network it is an approved member of, and the open scope
 * when it opted in and is an approved member somewhere (naming a network is not yet belonging).
 */
export function membershipScopes(profile: Membered): string[] {
  const approved = approvedNetworks(profile);
  return profile.openToOutsideNetwork && approved.length > 0 ? [...approved, OPEN_SCOPE] : approved;
}

/** The scopes a profile has a membership item in: every network it names (any status), and the open scope. */
export function membershipItemScopes(profile: Membered): string[] {
  return membershipScopes(profile).includes(OPEN_SCOPE) ? [...profile.networks, OPEN_SCOPE] : [...profile.networks];
}

/** The attribute of a membership item that holds its encoded matching view. */
export const MEMBERSHIP_VIEW_ATTRIBUTE = 'view';

/** The matching view of a profile: only its approved networks count (matching never sees the others). */
export function matchingViewOf<T extends Membered>(profile: T): T {
  return { ...profile, networks: approvedNetworks(profile) };
}

/** Items written before memberships were approved carry no status: they count as approved (docs/decisions.md). */
export const storedMembershipStatus = (item: Record<string, unknown>): MembershipStatus => (item.membershipStatus as MembershipStatus | undefined) ?? 'approved';

/**
 * The standing a stored membership item holds. Items written before `statusVersion` existed give
 * the profile version that wrote them: the version of their last status change or a later one.
 */
export function membershipStandingOf(item: Record<string, unknown>): MembershipStanding {
  const version = typeof item.statusVersion === 'number' ? item.statusVersion : typeof item.profileVersion === 'number' ? item.profileVersion : decodeMembershipView(String(item[MEMBERSHIP_VIEW_ATTRIBUTE])).version;
  return { status: storedMembershipStatus(item), statusVersion: version };
}

/**
 * A stored membership item's standing with the one before it (`previous`), when the item keeps it
 * (items written before it did keep `previousStatus` alone, or nothing).
 */
export function membershipAsItStandsOf(item: Record<string, unknown>): MembershipAsItStands {
  const previous =
    typeof item.previousStatus === 'string' && typeof item.previousStatusVersion === 'number'
      ? { status: item.previousStatus as MembershipStatus, statusVersion: item.previousStatusVersion, ...(typeof item.previousStatusAt === 'string' ? { at: item.previousStatusAt } : {}) }
      : undefined;
  return { ...membershipStandingOf(item), ...(previous ? { previous } : {}) };
}

/**
 * The standing of a stored membership item as it was last published (the outbox publishes nothing
 * of a profile waiting for its contact to confirm it): its own while its profile is confirmed, the
 * one it carried over while the profile waits, none if it was never published.
 */
export function publishedStandingOf(item: Record<string, unknown>): MembershipStanding | undefined {
  if (decodeMembershipView(String(item[MEMBERSHIP_VIEW_ATTRIBUTE])).status !== 'pending') return membershipStandingOf(item);
  return typeof item.publishedStatus === 'string' && typeof item.publishedStatusVersion === 'number'
    ? { status: item.publishedStatus as MembershipStatus, statusVersion: item.publishedStatusVersion }
    : undefined;
}

/**
 * One item per scope. Approved memberships (and the open scope) are indexed in the network's
 * partition, where matching reads; requested ones in the network's join-request partition and
 * rejected ones in its rejected partition, where only coordinators look. `previous`: the stored
 * membership items of the version `profile` replaces (none for a new profile), from which each
 * item keeps the version its status was taken at (`statusVersion`), the status last published
 * before that (`previousStatus`: the transition it is) and, while the profile waits for its
 * contact to confirm it, the standing last published (`publishedStatus`, `publishedStatusVersion`),
 * so that its confirmation publishes what changed meanwhile, or states again the transition that
 * stands. With the previous status, each keeps the version it was taken at and an instant it was
 * taken at or before (`previousStatusVersion`, `previousStatusAt`: the item's `statusAt` (the instant its status was taken) or, for one written before items
 * kept it, its last save's `updatedAt`), so notify can tell, with no record of what the member was told, whether it heard of
 * a removal an approval undoes (membershipMailDecision).
 */
export function membershipItems(profile: Profile, previous: readonly Record<string, unknown>[] = []) {
  const view = encodeMembershipView({ ...matchingViewOf(profile), owner: ownerKey(profile.contact.email) });
  const before = new Map(previous.map((item) => [String(item.SK), item]));
  return membershipItemScopes(profile).map((scope) => {
    const status: MembershipStatus = scope === OPEN_SCOPE ? 'approved' : (membershipStatus(profile, scope) ?? 'approved');
    const { PK, SK, GSI1SK } = keys.membership(profile.id, scope);
    const old = before.get(SK);
    const kept = old ? membershipStandingOf(old) : undefined;
    const statusVersion = kept?.status === status ? kept.statusVersion : profile.version;
    const published = profile.status === 'pending' && old ? publishedStandingOf(old) : undefined;
    // The transition this standing is, as partners and the member could know it: the status last
    // published before it (none for a new membership, nor one first published on confirmation).
    const from = !old ? undefined : kept?.status === status ? (old.previousStatus as MembershipStatus | undefined) : publishedStandingOf(old)?.status;
    const statusAt = kept?.status === status ? (old?.statusAt as string | undefined) : profile.updatedAt;
    const prior = !old ? undefined : kept?.status === status ? previousKept(old) : previousOf(old);
    const partition = status === 'approved' ? keys.networkPartition(scope) : status === 'requested' ? keys.joinRequestPartition(scope) : keys.rejectedMembershipPartition(scope);
    return {
      PK,
      SK,
      GSI1PK: partition,
      GSI1SK,
      entity: ENTITY.membership,
      profileId: profile.id,
      networkId: scope,
      membershipStatus: status,
      profileVersion: profile.version,
      statusVersion,
      ...(from ? { previousStatus: from } : {}),
      ...(from && prior ? prior : {}),
      ...(statusAt ? { statusAt } : {}),
      ...(published ? { publishedStatus: published.status, publishedStatusVersion: published.statusVersion } : {}),
      // The instant of the change that wrote it (written with the profile version in one
      // transaction): events about it report this, not the stream record's rounded time. Items
      // written before it existed have none; publish-changes falls back to the record's time.
      updatedAt: profile.updatedAt,
      [MEMBERSHIP_VIEW_ATTRIBUTE]: view,
    };
  });
}

/** The previous standing's version and instant an item carries over while its status stays. */
function previousKept(old: Record<string, unknown>) {
  return typeof old.previousStatusVersion === 'number' ? { previousStatusVersion: old.previousStatusVersion, ...(typeof old.previousStatusAt === 'string' ? { previousStatusAt: old.previousStatusAt } : {}) } : undefined;
}

/** The version and instant of `old`'s published standing, when the next status replaces it. */
function previousOf(old: Record<string, unknown>) {
  const published = publishedStandingOf(old);
  if (!published) return undefined;
  // Taken at `statusAt` when it is the item's own standing (not one carried over while its profile
  // waited), else at the latest when the item was last saved.
  const own = decodeMembershipView(String(old[MEMBERSHIP_VIEW_ATTRIBUTE])).status !== 'pending';
  const at = ((own ? old.statusAt : undefined) ?? old.updatedAt) as string | undefined;
  return { previousStatusVersion: published.statusVersion, ...(at ? { previousStatusAt: at } : {}) };
}

const ITEM_ONLY = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity']);

/** Strips key attributes from a stored item. */
export function fromItem<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !ITEM_ONLY.has(k))) as T;
}
