import { isOpenMatch, pairKey, type MatchState } from '@culturebridge/domain';
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
  const open = isOpenMatch(match.state);
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

/** A match's leading reason, in a few bytes: its kind and the id it is about (a theme, a resource…). */
export interface ReasonCode {
  kind: string;
  id?: string;
}

/** What the network projection keeps of a match: what the network's match list shows. */
export type NetworkMatch = Pick<MatchItem, 'matchId' | 'profileIds' | 'state' | 'acceptedBy' | 'score' | 'version' | 'proposedAt' | 'updatedAt'> & {
  /** The first of the match's stored reasons; the full reasons are on each member's own copy. */
  topReason?: ReasonCode;
};

const STATE_CODE: Record<MatchState, string> = { proposed: 'p', accepted: 'a', confirmed: 'c', declined: 'd', withdrawn: 'w', expired: 'x' };
const REASON_ID_KEYS = ['themeId', 'resource', 'format', 'instrument', 'networkId', 'cause'] as const;
const seconds36 = (iso: string) => Math.floor(Date.parse(iso) / 1000).toString(36);
const fromSeconds36 = (code: string) => new Date(parseInt(code, 36) * 1000).toISOString();

function reasonCode(reasons: readonly Record<string, unknown>[]): string {
  const first = reasons[0];
  if (!first) return '';
  const id = REASON_ID_KEYS.map((k) => first[k]).find((v) => typeof v === 'string');
  return id ? `${String(first.kind)}:${id}` : String(first.kind);
}

/**
 * One match in the projection, as a compact string (about 60 bytes). Read units are billed per
 * 4 KB, and a coordinator's list reads every match of the network: attribute names and type tags
 * per field, full reasons and sentences would make it ten times larger. Times are kept to the
 * second (base-36 epoch seconds); who accepted is `l`/`h` (lower/higher id of the pair). Append new
 * fields at the end; decoding tolerates their absence.
 */
export function encodeNetworkMatch(m: Omit<MatchItem, 'owner' | 'partner'>): string {
  const [lower, higher] = m.profileIds;
  const accepted = `${m.acceptedBy.includes(lower) ? 'l' : ''}${m.acceptedBy.includes(higher) ? 'h' : ''}`;
  return JSON.stringify([STATE_CODE[m.state] ?? m.state, m.score, accepted, m.version, seconds36(m.proposedAt), seconds36(m.updatedAt), reasonCode(m.reasons)]);
}

export function decodeNetworkMatch(lowerId: string, higherId: string, encoded: string): NetworkMatch {
  const [state, score, accepted, version, proposedAt, updatedAt, reason] = JSON.parse(encoded) as [string, number, string, number, string, string, string?];
  const stateOf = Object.entries(STATE_CODE).find(([, code]) => code === state)?.[0] ?? state;
  const [kind, id] = (reason ?? '').split(':');
  return {
    matchId: pairKey(lowerId, higherId),
    profileIds: [lowerId, higherId],
    state: stateOf as MatchState,
    score,
    acceptedBy: [...(accepted.includes('l') ? [lowerId] : []), ...(accepted.includes('h') ? [higherId] : [])],
    version,
    proposedAt: fromSeconds36(proposedAt),
    updatedAt: fromSeconds36(updatedAt),
    ...(kind ? { topReason: { kind, ...(id ? { id } : {}) } } : {}),
  };
}

/**
 * TransactWriteItems entries that keep the projection in step with a match: set its attribute in
 * every network it is made in, remove it from networks it no longer is (`previousNetworks`).
 */
export function networkMatchUpdates(tableName: string, match: Omit<MatchItem, 'owner' | 'partner'>, previousNetworks: readonly string[] = []) {
  const [lower, higher] = match.profileIds;
  const names = { '#m': keys.networkMatchAttribute(higher), '#entity': 'entity' };
  return [
    ...match.sharedNetworks.map((networkId) => ({
      Update: {
        TableName: tableName,
        Key: keys.networkMatches(networkId, lower),
        UpdateExpression: 'SET #m = :m, #entity = :entity',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':m': encodeNetworkMatch(match), ':entity': ENTITY.networkMatch },
      },
    })),
    ...previousNetworks.filter((n) => !match.sharedNetworks.includes(n)).map((networkId) => removeNetworkMatch(tableName, networkId, match.profileIds)),
  ];
}

/** Removes one match from one network's projection (idempotent: removing an absent attribute is fine). */
export function removeNetworkMatch(tableName: string, networkId: string, profileIds: readonly [string, string]) {
  const [lower, higher] = sortedPair(profileIds[0], profileIds[1]);
  return {
    Update: {
      TableName: tableName,
      Key: keys.networkMatches(networkId, lower),
      UpdateExpression: 'REMOVE #m',
      ExpressionAttributeNames: { '#m': keys.networkMatchAttribute(higher) },
    },
  };
}
