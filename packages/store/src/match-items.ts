import type { MatchState } from '@culturebridge/domain';
import { ENTITY, keys, OPEN_PROPOSALS_PARTITION, TABLE } from './table.js';

/**
 * A match is stored twice, once in each profile's partition, so each side lists its matches with one
 * Query. Both copies hold the same state; only the copy owned by the lower id is published.
 */
export interface MatchItem {
  owner: string;
  partner: string;
  matchId: string;
  profileIds: [string, string];
  state: MatchState;
  acceptedBy: string[];
  score: number;
  summary: string;
  reasons: Record<string, unknown>[];
  sharedNetworks: string[];
  version: number;
  proposedAt: string;
  updatedAt: string;
  correlationId?: string;
  /** When the sides that had not answered were reminded (the expiry sweep); absent until then. */
  remindedAt?: string;
}

export function sortedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/**
 * Both stored copies of a match. The published copy of an open (proposed or accepted) match is
 * listed in the open-proposals index by its proposal time; any other state drops out of it.
 */
export function matchItems(match: Omit<MatchItem, 'owner' | 'partner'>) {
  const [a, b] = match.profileIds;
  const { [TABLE.openProposalsIndex.partitionKey]: _pk, [TABLE.openProposalsIndex.sortKey]: _sk, ...rest } = match as Omit<MatchItem, 'owner' | 'partner'> & Record<string, unknown>;
  const open = match.state === 'proposed' || match.state === 'accepted';
  const openKeys = open ? { [TABLE.openProposalsIndex.partitionKey]: OPEN_PROPOSALS_PARTITION, [TABLE.openProposalsIndex.sortKey]: `${match.proposedAt}#${match.matchId}` } : {};
  return [
    { ...keys.match(a, b), entity: ENTITY.match, ...rest, ...openKeys, owner: a, partner: b },
    { ...keys.match(b, a), entity: ENTITY.match, ...rest, owner: b, partner: a },
  ];
}

/** The copy whose changes are published (the other copy's changes would only duplicate them). */
export function isPublishedCopy(item: Pick<MatchItem, 'owner' | 'partner'>): boolean {
  return item.owner < item.partner;
}
