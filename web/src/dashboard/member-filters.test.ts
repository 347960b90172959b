import { describe, expect, it } from 'vitest';
import { ProfileInput, toPublicProfile, type Profile } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { NetworkMatch, NetworkMember } from '../api/types';
import { filterMembers, memberMatchFacts, oldestUnanswered } from './member-filters';

const NOW = new Date('2026-11-30T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

function member(id: string, name: string, status: Profile['status'] = 'active'): NetworkMember {
  const profile: Profile = { ...ProfileInput.parse(validProfileInput({ name })), id, version: 1, status, createdAt: daysAgo(30), updatedAt: daysAgo(30) };
  return { ...toPublicProfile(profile), status };
}

function match(a: string, b: string, state: NetworkMatch['state'], proposedDaysAgo: number, acceptedBy: string[] = []): NetworkMatch {
  return { matchId: `${a}|${b}`, profileIds: [a, b], names: [a, b], state, acceptedBy, score: 0.5, weaker: false, proposedAt: daysAgo(proposedDaysAgo), updatedAt: daysAgo(proposedDaysAgo) };
}

const [gyumri, kutaisi, poti, soroca] = [member('g', 'Gyumri'), member('k', 'Kutaisi'), member('p', 'Poti'), member('s', 'Soroca', 'pending')];
const members = [gyumri, kutaisi, poti, soroca] as NetworkMember[];
const matches = [
  match('g', 'k', 'confirmed', 20, ['g', 'k']),
  // Poti has not answered Gyumri for 10 days; Gyumri accepted.
  match('g', 'p', 'accepted', 10, ['g']),
  // Kutaisi and Poti: proposed 3 days ago, nobody answered.
  match('k', 'p', 'proposed', 3),
  // Declined long ago: nobody owes an answer.
  match('p', 's', 'declined', 40),
];
const facts = memberMatchFacts(matches);
const names = (rows: readonly { name: string }[]) => rows.map((r) => r.name).sort();

describe('the dashboard\'s member filters', () => {
  it('"no confirmed partner": active members only, without a pair both confirmed', () => {
    expect(names(filterMembers(members, facts, { kind: 'no-confirmed-partner' }, NOW))).toEqual(['Poti']);
  });

  it('"has not answered for N days": the oldest proposal a member has not answered, at least N days old', () => {
    expect(oldestUnanswered('p', facts)).toBe(daysAgo(10));
    // Gyumri accepted its open match, so it owes nothing; Kutaisi owes Poti an answer for 3 days.
    expect(oldestUnanswered('g', facts)).toBeUndefined();
    expect(names(filterMembers(members, facts, { kind: 'not-answered', days: 7 }, NOW))).toEqual(['Poti']);
    expect(names(filterMembers(members, facts, { kind: 'not-answered', days: 3 }, NOW))).toEqual(['Kutaisi', 'Poti']);
    expect(names(filterMembers(members, facts, { kind: 'not-answered', days: 11 }, NOW))).toEqual([]);
  });

  it('reads each member\'s facts in one pass, whatever order the matches come in', () => {
    const later = [match('k', 's', 'proposed', 2), match('s', 'g', 'accepted', 12, ['g']), match('k', 'g', 'proposed', 5)];
    const facts = memberMatchFacts([...later, ...matches].reverse());
    expect(oldestUnanswered('s', facts)).toBe(daysAgo(12));
    expect(oldestUnanswered('k', facts)).toBe(daysAgo(5));
    // Gyumri owes Kutaisi an answer now (proposed 5 days ago), though it accepted Soroca's.
    expect(oldestUnanswered('g', facts)).toBe(daysAgo(5));
    expect([...facts.confirmed].sort()).toEqual(['g', 'k']);
  });

  it('"awaiting approval": those asking to join, not the members', () => {
    const asking = [{ ...member('c', 'Chernivtsi'), requestedAt: daysAgo(1) }];
    expect(names(filterMembers(members, facts, { kind: 'pending-approval' }, NOW, asking))).toEqual(['Chernivtsi']);
    expect(filterMembers(members, facts, { kind: 'pending-approval' }, NOW)).toEqual([]);
    expect(names(filterMembers(members, facts, { kind: 'all' }, NOW, asking))).toEqual(['Gyumri', 'Kutaisi', 'Poti', 'Soroca']);
  });

  it('"removed or declined": those the coordinators took out or turned down, not the members nor those asking', () => {
    const asking = [{ ...member('c', 'Chernivtsi'), requestedAt: daysAgo(1) }];
    const rejected = [member('z', 'Zugdidi')];
    expect(names(filterMembers(members, facts, { kind: 'rejected' }, NOW, asking, rejected))).toEqual(['Zugdidi']);
    expect(filterMembers(members, facts, { kind: 'rejected' }, NOW, asking)).toEqual([]);
    expect(names(filterMembers(members, facts, { kind: 'all' }, NOW, asking, rejected))).toEqual(['Gyumri', 'Kutaisi', 'Poti', 'Soroca']);
  });
});
