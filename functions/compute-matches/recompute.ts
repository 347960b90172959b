import { MatchingConfig, pairKey, planMatchChanges, reasonsInIdOrder, settingsForPair, sharedNetworksOf, type ExpiryPolicy, type MatchChange, type MatchingConfigInput, type MatchingProfile } from '@culturebridge/domain';
import { batchDelete, keys, membershipScopes, removeNetworkCopies, sortedPair, type ExposureGuard, type MatchItem, type MatchStore, type NetworkSettingsStore } from '@culturebridge/store';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RecomputeDeps {
  matches: MatchStore;
  doc: DynamoDBDocumentClient;
  tableName: string;
  now: () => string;
  config?: MatchingConfigInput;
  /** Per-network settings: how long an expired pair pauses. Defaults apply without it. */
  networkSettings?: Pick<NetworkSettingsStore, 'getMany'>;
  /** Attempts within one invocation when writes lose a race (default 4). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RecomputeResult {
  proposed: number;
  rescored: number;
  withdrawn: number;
  conflicts: number;
  /** After an erasure: former partners recomputed so they get replacements. */
  partnersRecomputed?: number;
}

/** Thrown when another writer changed a match meanwhile: the message is retried and recomputed. */
export class MatchWriteConflict extends Error {
  constructor(count: number) {
    super(`${count} match write(s) lost a race with a concurrent change; will recompute`);
    this.name = 'MatchWriteConflict';
  }
}

function nextItem(profileId: string, change: MatchChange, current: MatchItem | undefined, partner: MatchingProfile | undefined, self: MatchingProfile, now: string, correlationId: string): Omit<MatchItem, 'owner' | 'partner'> {
  const version = (current?.version ?? 0) + 1;
  if (change.kind === 'withdraw') {
    return { ...(current as MatchItem), state: 'withdrawn', acceptedBy: [], version, updatedAt: now, correlationId };
  }
  const base = {
    matchId: pairKey(profileId, change.partner),
    profileIds: sortedPair(profileId, change.partner),
    score: change.proposal.score,
    summary: change.proposal.summary,
    // Stored beside profileIds (id order), so in that order whichever side was recomputed.
    reasons: reasonsInIdOrder(change.proposal) as unknown as Record<string, unknown>[],
    sharedNetworks: sharedNetworksOf(self, partner),
    version,
    updatedAt: now,
    correlationId,
  };
  if (change.kind === 'rescore') return { ...(current as MatchItem), ...base };
  return { ...base, state: 'proposed', acceptedBy: [], proposedAt: now };
}

/**
 * Brings one profile's matches up to date with the network: reads the candidates from the network
 * index (never a scan), plans with the pure domain function, and writes each change to both copies
 * conditionally. An erased profile's leftover matches are removed.
 */
export async function recomputeMatches(profileId: string, correlationId: string, deps: RecomputeDeps, options: RecomputeOptions = {}): Promise<RecomputeResult> {
  // Neighbouring profiles recomputed at the same moment write the same pairs. Re-reading and
  // planning again usually settles it at once; jitter keeps two writers from colliding in step.
  for (let attempt = 1; ; attempt++) {
    try {
      return await recomputeOnce(profileId, correlationId, deps, options.formerPartners ?? true);
    } catch (error) {
      if (!(error instanceof MatchWriteConflict) || attempt >= (deps.maxAttempts ?? 4)) throw error;
      await (deps.sleep ?? sleep)(Math.random() * 50 * attempt);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fairness: no profile is proposed to more than `exposureCap` partners at once. Only partners about
 * to receive a new proposal are counted (a handful of small queries, not the whole network); one at
 * its cap is skipped and the next best partner is proposed instead. The profile itself takes no
 * more new proposals than its own free slots. Each count comes with its guard (ExposureGuard): the
 * proposal is written only if no other proposal involving either side landed since it was counted,
 * so concurrent recomputes cannot overshoot a cap (the loser re-reads and plans again).
 */
async function planWithinExposureCaps(
  profileId: string,
  inScope: MatchingProfile[],
  existing: MatchItem[],
  expiry: ExpiryPolicy,
  deps: RecomputeDeps,
): Promise<{ changes: MatchChange[]; guards: Map<string, ExposureGuard> }> {
  const cap = MatchingConfig.parse(deps.config ?? {}).exposureCap;
  const stored = existing.map((m) => ({ partner: m.partner, state: m.state, version: m.version, score: m.score, summary: m.summary, updatedAt: m.updatedAt, sharedNetworks: m.sharedNetworks }));
  const exclude = new Set<string>();
  const guards = new Map<string, ExposureGuard>();
  for (;;) {
    const changes = planMatchChanges(profileId, inScope, stored, deps.config, exclude, expiry);
    const proposals = changes.filter((c) => c.kind === 'propose');
    const unchecked = [...(proposals.length > 0 ? [profileId] : []), ...proposals.map((c) => c.partner)].filter((id) => !guards.has(id));
    const counted = await Promise.all(unchecked.map((id) => deps.matches.exposure(id)));
    for (const guard of counted) {
      guards.set(guard.profileId, guard);
      if (guard.profileId !== profileId && guard.open >= cap) exclude.add(guard.profileId);
    }
    // Whoever skipped a capped partner is recomputed when one of its slots frees up (slot-freed rule).
    const capped = counted.filter((guard) => exclude.has(guard.profileId)).map((guard) => guard.profileId);
    const now = new Date(deps.now());
    await Promise.all(capped.map((partner) => deps.matches.addSlotWait(partner, profileId, now)));
    if (capped.length === 0) {
      const freeSlots = Math.max(0, cap - (guards.get(profileId)?.open ?? 0));
      let proposed = 0;
      return { changes: changes.filter((c) => c.kind !== 'propose' || proposed++ < freeSlots), guards };
    }
  }
}

export interface RecomputeOptions {
  /**
   * For an erased profile: also recompute its former partners (default). Off for a former partner
   * that was itself erased: its own erasure's message does that, and two profiles erased at once,
   * each naming the other as a former partner, would otherwise recurse into each other without end.
   */
  formerPartners?: boolean;
}

async function recomputeOnce(profileId: string, correlationId: string, deps: RecomputeDeps, recomputeFormerPartners: boolean): Promise<RecomputeResult> {
  const result: RecomputeResult = { proposed: 0, rescored: 0, withdrawn: 0, conflicts: 0 };
  const [self, existing] = await Promise.all([deps.matches.matchingView(profileId), deps.matches.matchesOf(profileId)]);

  if (!self) {
    // Erased: the API removed what it found; this catches a match written during the erasure.
    // Mirrors first, as erasure does: if this stops half-way, the own copies still lead to the rest.
    await removeNetworkCopies(deps.doc, deps.tableName, existing);
    const leftovers = [...existing.map((m) => keys.match(m.partner, profileId)), ...existing.map((m) => keys.match(profileId, m.partner))];
    await batchDelete(deps.doc, deps.tableName, leftovers);
    result.withdrawn = existing.length;
    if (!recomputeFormerPartners) return result;
    // Its former partners lost a match: recompute them now so they get replacements, rather than
    // waiting for a change of their own. A failure fails the message; the retry does it again.
    const partners = new Set([...(await deps.matches.formerPartners(profileId)), ...existing.map((m) => m.partner)]);
    for (const partner of partners) await recomputeMatches(partner, correlationId, deps, { formerPartners: false });
    if (partners.size > 0) await deps.matches.forgetFormerPartners(profileId);
    result.partnersRecomputed = partners.size;
    return result;
  }

  const candidates = await deps.matches.candidates(membershipScopes(self));
  // The index is eventually consistent; the profile's own view comes from a consistent read.
  const inScope = [self as MatchingProfile, ...candidates.filter((c) => c.id !== profileId)] as MatchingProfile[];
  const byId = new Map(inScope.map((p) => [p.id, p]));
  const current = new Map(existing.map((m) => [m.partner, m]));
  const settings = settingsForPair([...((await deps.networkSettings?.getMany(self.networks))?.values() ?? [])]);
  const { changes, guards } = await planWithinExposureCaps(profileId, inScope, existing, { now: new Date(deps.now()), reproposeAfterDays: settings.reproposeAfterDays }, deps);

  const now = deps.now();
  for (const change of changes) {
    const item = nextItem(profileId, change, current.get(change.partner), byId.get(change.partner), self as MatchingProfile, now, correlationId);
    const exposureGuards = change.kind === 'propose' ? [guards.get(profileId), guards.get(change.partner)].filter((g): g is ExposureGuard => g !== undefined) : [];
    const written = await deps.matches.put(item, change.expectedVersion, {
      requireActiveProfiles: change.kind !== 'withdraw',
      previousNetworks: current.get(change.partner)?.sharedNetworks,
      exposureGuards,
    });
    // This recompute's own proposals move the counters it holds.
    if (written) for (const guard of exposureGuards) guard.version++;
    if (!written) result.conflicts++;
    else if (change.kind === 'propose') result.proposed++;
    else if (change.kind === 'rescore') result.rescored++;
    else result.withdrawn++;
  }
  if (result.conflicts > 0) throw new MatchWriteConflict(result.conflicts);
  return result;
}
