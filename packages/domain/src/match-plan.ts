import { buildMatchingIndex, checkHardFilters, pairKey, scorePair, topMatchesFor, type MatchingConfigInput, type MatchingProfile, type MatchProposal } from './matching/index.js';
import type { MatchState } from './match-lifecycle.js';
import { DEFAULT_NETWORK_SETTINGS } from './network-settings.js';
import { expiredPairMayReturn } from './proposal-expiry.js';

/** A stored match as seen from the profile being recomputed. */
export interface ExistingMatch {
  partner: string;
  state: MatchState;
  version: number;
  score: number;
  summary: string;
  /** ISO 8601: the last change; for an expired match, when it expired. */
  updatedAt?: string;
  /** The networks the stored match was made in; when given, a change in them rescores (and so rewrites it). */
  sharedNetworks?: readonly string[];
}

/** The networks both profiles name, in the first one's order: what a stored match records. */
export function sharedNetworksOf(a: Pick<MatchingProfile, 'networks'>, b: Pick<MatchingProfile, 'networks'> | undefined): string[] {
  return a.networks.filter((n) => b?.networks.includes(n));
}

/** When an expired pair may come back (per network settings); without it, expired pairs stay out. */
export interface ExpiryPolicy {
  now: Date;
  reproposeAfterDays: number;
}

export type MatchChange =
  /** A new pair, a withdrawn one that qualifies again, or an expired one whose pause is over. */
  | { kind: 'propose'; partner: string; proposal: MatchProposal; expectedVersion: number | undefined }
  /** A live match whose score or reasons changed; its state stays. */
  | { kind: 'rescore'; partner: string; proposal: MatchProposal; expectedVersion: number; state: MatchState }
  /** A proposed or accepted match that no longer qualifies. */
  | { kind: 'withdraw'; partner: string; expectedVersion: number };

const ANSWERABLE: ReadonlySet<MatchState> = new Set(['proposed', 'accepted']);
const LIVE: ReadonlySet<MatchState> = new Set(['proposed', 'accepted', 'confirmed']);

/**
 * What must change after `profileId` changed: propose its best partners, withdraw matches that no
 * longer qualify (one side's acceptance keeps a match while the pair passes the hard filters), and
 * leave everything else untouched, so a redelivered event or an edit that does
 * not move any score writes nothing (and so publishes nothing). A confirmed partnership is never
 * withdrawn by matching: both sides agreed to it. A declined pair is never proposed again.
 */
export function planMatchChanges(
  profileId: string,
  profilesInScope: readonly MatchingProfile[],
  existing: readonly ExistingMatch[],
  config: MatchingConfigInput = {},
  /** Partners not to propose to now (e.g. at their exposure cap); their live matches stay. */
  exclude: ReadonlySet<string> = new Set(),
  expiry: ExpiryPolicy = { now: new Date(), reproposeAfterDays: DEFAULT_NETWORK_SETTINGS.reproposeAfterDays },
): MatchChange[] {
  const byPartner = new Map(existing.map((m) => [m.partner, m]));
  const byId = new Map(profilesInScope.map((p) => [p.id, p]));
  const self = byId.get(profileId);
  const declined = new Set(existing.filter((m) => m.state === 'declined').map((m) => pairKey(profileId, m.partner)));
  const index = buildMatchingIndex(profilesInScope, config);
  // Every qualifying partner, not just the top K: a live match outside the top K still qualifies.
  const qualifying = topMatchesFor(index, profileId, { declined, limit: profilesInScope.length });
  const qualifies = new Map(qualifying.map((p) => [p.b, p]));
  const changes: MatchChange[] = [];

  const isNew = (partner: string) => {
    const current = byPartner.get(partner);
    if (current?.state === 'expired') return expiredPairMayReturn(current.updatedAt ?? new Date(0).toISOString(), expiry.now, expiry.reproposeAfterDays);
    return !current || current.state === 'withdrawn';
  };
  // An expired pair still pausing takes no place in the top K: the next best partner is proposed.
  const pausing = (partner: string) => byPartner.get(partner)?.state === 'expired' && !isNew(partner);
  const proposable = qualifying.filter((p) => !pausing(p.b) && !(exclude.has(p.b) && isNew(p.b)));
  for (const proposal of proposable.slice(0, index.config.topK)) {
    if (isNew(proposal.b)) {
      changes.push({ kind: 'propose', partner: proposal.b, proposal, expectedVersion: byPartner.get(proposal.b)?.version });
    }
  }
  for (const current of existing) {
    if (!LIVE.has(current.state)) continue;
    const proposal = qualifies.get(current.partner);
    const networks = current.sharedNetworks && self ? sharedNetworksOf(self, byId.get(current.partner)) : undefined;
    const networksChanged = networks !== undefined && [...networks].sort().join() !== [...(current.sharedNetworks ?? [])].sort().join();
    if (proposal && (proposal.score !== current.score || proposal.summary !== current.summary || networksChanged)) {
      changes.push({ kind: 'rescore', partner: current.partner, proposal, expectedVersion: current.version, state: current.state });
    } else if (!proposal && ANSWERABLE.has(current.state)) {
      // A match one side accepted stays while the pair still passes the hard filters: ranked out by
      // better partners is no reason to take back what someone said yes to (a fresh tester saw an
      // accepted weaker match vanish without a word). Unanswered, it gives way.
      const partner = byId.get(current.partner);
      if (current.state === 'accepted' && self && partner && checkHardFilters(self, partner, declined).ok) {
        const kept = scorePair(self, partner, index);
        if (kept.score !== current.score || kept.summary !== current.summary || networksChanged) changes.push({ kind: 'rescore', partner: current.partner, proposal: kept, expectedVersion: current.version, state: current.state });
        continue;
      }
      changes.push({ kind: 'withdraw', partner: current.partner, expectedVersion: current.version });
    }
  }
  return changes;
}
