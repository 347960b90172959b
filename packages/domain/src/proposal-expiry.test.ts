import { describe, expect, it } from 'vitest';
import { planMatchChanges, type ExistingMatch } from './match-plan.js';
import { answerMatch } from './match-lifecycle.js';
import type { MatchingProfile } from './matching/index.js';
import { NetworkSettings, networkDisplayName, settingsForPair } from './network-settings.js';
import { expiredPairMayReturn, nextExpiryStep, type OpenMatch } from './proposal-expiry.js';

const DAY = 86_400_000;
const t0 = new Date('2026-11-01T09:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);
const open = (overrides: Partial<OpenMatch> = {}): OpenMatch => ({ state: 'proposed', profileIds: ['a', 'b'], acceptedBy: [], proposedAt: t0.toISOString(), ...overrides });
const defaults = NetworkSettings.parse({});

describe('a proposal in time', () => {
  it('defaults to a reminder after 7 days and an expiry after 21', () => {
    expect(defaults).toEqual({ reminderAfterDays: 7, expireAfterDays: 21, reproposeAfterDays: 90 });
  });

  it('is reminded once from day 7, to the sides that have not accepted, and expires from day 21', () => {
    expect(nextExpiryStep(open(), defaults, at(6.99))).toEqual({ kind: 'none' });
    expect(nextExpiryStep(open(), defaults, at(7))).toEqual({ kind: 'remind', waitingFor: ['a', 'b'] });
    expect(nextExpiryStep(open({ state: 'accepted', acceptedBy: ['a'] }), defaults, at(8))).toEqual({ kind: 'remind', waitingFor: ['b'] });
    expect(nextExpiryStep(open({ remindedAt: at(7).toISOString() }), defaults, at(20))).toEqual({ kind: 'none' });
    expect(nextExpiryStep(open({ remindedAt: at(7).toISOString() }), defaults, at(21))).toEqual({ kind: 'expire' });
    // A sweep that missed the reminder still frees the slot.
    expect(nextExpiryStep(open(), defaults, at(30))).toEqual({ kind: 'expire' });
  });

  it('leaves answered or closed matches alone', () => {
    for (const state of ['confirmed', 'declined', 'withdrawn', 'expired'] as const) expect(nextExpiryStep(open({ state }), defaults, at(60))).toEqual({ kind: 'none' });
  });

  it('follows a network\'s own settings, and a pair in two networks follows the more patient one', () => {
    const quick = NetworkSettings.parse({ reminderAfterDays: 2, expireAfterDays: 5 });
    expect(nextExpiryStep(open(), quick, at(5))).toEqual({ kind: 'expire' });
    const pair = settingsForPair([quick, defaults]);
    expect(pair).toMatchObject({ reminderAfterDays: 7, expireAfterDays: 21 });
    expect(nextExpiryStep(open(), pair, at(5))).toEqual({ kind: 'none' });
  });

  it('refuses settings whose expiry does not come after the reminder, naming the field', () => {
    const result = NetworkSettings.safeParse({ reminderAfterDays: 10, expireAfterDays: 10 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['expireAfterDays', 'expireAfterDays must be more than reminderAfterDays']]);
  });

  it('names a network by its display name, a known name, or its id', () => {
    expect(networkDisplayName('eu4culture')).toBe('EU4Culture');
    expect(networkDisplayName('eu4culture', { displayName: 'EU4Culture cities' })).toBe('EU4Culture cities');
    expect(networkDisplayName('somewhere-else')).toBe('somewhere-else');
  });

  it('cannot be answered once expired', () => {
    expect(answerMatch({ state: 'expired', acceptedBy: [] }, 'a', 'accept').outcome).toBe('refused');
  });
});

function profile(id: string, overrides: Partial<MatchingProfile> = {}): MatchingProfile {
  return { id, name: id, status: 'active', networks: ['n'], country: 'GE', themes: [{ id: 'youth', priority: 'high' }], formats: [], offers: [], needs: [], languages: ['en'], fundingInstruments: [], openToOutsideNetwork: false, ...overrides };
}

describe('an expired pair is kept out for a while', () => {
  const a = profile('a', { needs: ['venue'], offers: ['expertise'] });
  const best = profile('b', { country: 'AM', offers: ['venue'], needs: ['expertise'] });
  const next = profile('c', { country: 'AM' });
  const expired = (updatedAt: Date): ExistingMatch[] => [{ partner: 'b', state: 'expired', version: 3, score: 0.9, summary: 's', updatedAt: updatedAt.toISOString() }];

  it('proposes the next best partner instead while the pause lasts, and the pair again after it', () => {
    const config = { topK: 1, exposureCap: 1 };
    expect(planMatchChanges('a', [a, best, next], [], config).map((c) => c.partner)).toEqual(['b']);
    const during = planMatchChanges('a', [a, best, next], expired(t0), config, new Set(), { now: at(89), reproposeAfterDays: 90 });
    expect(during.map((c) => [c.kind, c.partner])).toEqual([['propose', 'c']]);
    const after = planMatchChanges('a', [a, best, next], expired(t0), config, new Set(), { now: at(90), reproposeAfterDays: 90 });
    expect(after.map((c) => [c.kind, c.partner, c.kind === 'propose' ? c.expectedVersion : 0])).toEqual([['propose', 'b', 3]]);
    expect(expiredPairMayReturn(t0.toISOString(), at(90), 90)).toBe(true);
  });
});
