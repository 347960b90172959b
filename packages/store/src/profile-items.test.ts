import { describe, expect, it } from 'vitest';
import { ProfileInput, type Profile } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { membershipAsItStandsOf, membershipItems } from './profile-items.js';

const A = '11111111-1111-4111-8111-111111111111';
const profile = (version: number, status: 'approved' | 'rejected', updatedAt: string): Profile => ({
  ...ProfileInput.parse(validProfileInput({ networks: ['eu4culture'] })),
  id: A,
  version,
  status: 'active',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt,
  memberships: { eu4culture: status },
});
const item = (next: Profile, previous?: Record<string, unknown>) => membershipItems(next, previous ? [previous] : [])[0] as Record<string, unknown>;

describe('membership items keep the standing before their own', () => {
  it('an approval after a removal keeps the removal’s version and instant, and carries them over saves that keep the status', () => {
    const member = item(profile(1, 'approved', '2026-11-01T10:00:00.000Z'));
    const out = item(profile(2, 'rejected', '2026-11-05T10:00:00.000Z'), member);
    const edited = item(profile(3, 'rejected', '2026-11-09T10:00:00.000Z'), out);
    const again = item(profile(4, 'approved', '2026-11-20T10:00:00.000Z'), edited);
    expect(membershipAsItStandsOf(again)).toEqual({ status: 'approved', statusVersion: 4, previous: { status: 'rejected', statusVersion: 2, at: '2026-11-05T10:00:00.000Z' } });
    const saved = item(profile(5, 'approved', '2026-11-25T10:00:00.000Z'), again);
    expect(membershipAsItStandsOf(saved)).toEqual(membershipAsItStandsOf(again));
  });

  it('from an item written before items kept their status’s instant, the instant of its last save (the status was taken then or before)', () => {
    const { statusAt: _at, statusVersion: _v, ...legacyOut } = item(profile(2, 'rejected', '2026-11-05T10:00:00.000Z'), item(profile(1, 'approved', '2026-11-01T10:00:00.000Z')));
    const again = item(profile(4, 'approved', '2026-11-20T10:00:00.000Z'), legacyOut);
    expect(membershipAsItStandsOf(again).previous).toEqual({ status: 'rejected', statusVersion: 2, at: '2026-11-05T10:00:00.000Z' });
    const { updatedAt: _u, ...older } = legacyOut;
    expect(membershipAsItStandsOf(item(profile(4, 'approved', '2026-11-20T10:00:00.000Z'), older)).previous).toEqual({ status: 'rejected', statusVersion: 2 });
  });
});
