import type { MatchState } from '@culturebridge/domain';
import { ENTITY, keys } from './table.js';

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
}

export function sortedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** Both stored copies of a match. */
export function matchItems(match: Omit<MatchItem, 'owner' | 'partner'>) {
  const [a, b] = match.profileIds;
  return [
    { ...keys.match(a, b), entity: ENTITY.match, ...match, owner: a, partner: b },
    { ...keys.match(b, a), entity: ENTITY.match, ...match, owner: b, partner: a },
  ];
}

/** The copy whose changes are published (the other copy's changes would only duplicate them). */
export function isPublishedCopy(item: Pick<MatchItem, 'owner' | 'partner'>): boolean {
  return item.owner < item.partner;
}
