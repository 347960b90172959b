import { describe, expect, it } from 'vitest';
import { ProfileInput, type Profile } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { generateSyntheticProfiles } from '@culturebridge/domain/synthetic';
import { decodeMembershipView, encodeMembershipView } from './membership-codec.js';
import { MEMBERSHIP_ATTRIBUTES, membershipItems } from './profile-items.js';
import { addressHash, ownerKey } from './address-book.js';

const pick = (p: Profile) => Object.fromEntries(MEMBERSHIP_ATTRIBUTES.filter((a) => p[a] !== undefined).map((a) => [a, p[a]]));

describe('membership view codec', () => {
  it('round-trips every matching attribute, with and without an availability window', () => {
    const full: Profile = { ...ProfileInput.parse(validProfileInput()), id: 'p1', version: 3, status: 'active', createdAt: 'c', updatedAt: 'u' };
    const { availability: _a, ...noWindow } = full;
    for (const profile of [full, noWindow as Profile, ...generateSyntheticProfiles({ count: 50 })]) {
      expect(decodeMembershipView(encodeMembershipView(profile))).toEqual(pick(profile));
    }
  });

  it('keeps the contact off membership items, and carries the public text matching reads', () => {
    const profile: Profile = { ...ProfileInput.parse(validProfileInput()), id: 'p1', version: 1, status: 'active', createdAt: 'c', updatedAt: 'u' };
    const serialised = JSON.stringify(membershipItems(profile));
    expect(serialised).not.toContain(profile.contact.email);
    expect(serialised).not.toContain(JSON.stringify(profile.contact.name));
    expect(decodeMembershipView(encodeMembershipView(profile)).description).toBe(profile.description);
  });

  it('reads a view stored before text counted as one without text', () => {
    const profile: Profile = { ...ProfileInput.parse(validProfileInput()), id: 'p1', version: 1, status: 'active', createdAt: 'c', updatedAt: 'u' };
    const old = JSON.stringify((JSON.parse(encodeMembershipView(profile)) as unknown[]).slice(0, 14));
    const view = decodeMembershipView(old);
    expect(view).toMatchObject({ freeTags: [], description: '', themes: profile.themes });
  });

  it('carries the owner key of the contact address, not the address, and round-trips it', () => {
    const profile: Profile = { ...ProfileInput.parse(validProfileInput()), id: 'p1', version: 1, status: 'active', createdAt: 'c', updatedAt: 'u' };
    const [item] = membershipItems(profile);
    const view = decodeMembershipView(String(item?.view));
    expect(view.owner).toBe(ownerKey(profile.contact.email));
    expect(view.owner).toBe(ownerKey(' CULTURE@Kutaisi.example '));
    expect(view.owner).not.toBe(ownerKey('culture@poti.example'));
    expect(view.owner).not.toContain(addressHash(profile.contact.email).slice(0, 16));
    expect(decodeMembershipView(encodeMembershipView({ ...pick(profile), owner: 'abc' } as never)).owner).toBe('abc');
  });
});
