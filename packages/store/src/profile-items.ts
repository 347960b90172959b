import { MATCHING_ATTRIBUTES, type Profile, type ProfileData } from '@culturebridge/domain';
import { ownerKey } from './address-book.js';
import { encodeMembershipView } from './membership-codec.js';
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

/** The scopes a profile is findable in: each network, and the open scope when it opted in. */
export function membershipScopes(profile: Pick<ProfileData, 'networks' | 'openToOutsideNetwork'>): string[] {
  return profile.openToOutsideNetwork ? [...profile.networks, OPEN_SCOPE] : [...profile.networks];
}

/** The attribute of a membership item that holds its encoded matching view. */
export const MEMBERSHIP_VIEW_ATTRIBUTE = 'view';

export function membershipItems(profile: Profile) {
  const view = encodeMembershipView({ ...profile, owner: ownerKey(profile.contact.email) });
  return membershipScopes(profile).map((scope) => ({
    ...keys.membership(profile.id, scope),
    entity: ENTITY.membership,
    [MEMBERSHIP_VIEW_ATTRIBUTE]: view,
  }));
}

const ITEM_ONLY = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity']);

/** Strips key attributes from a stored item. */
export function fromItem<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !ITEM_ONLY.has(k))) as T;
}
