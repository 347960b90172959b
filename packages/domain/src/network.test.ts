import { describe, expect, it } from 'vitest';
import { NetworkInput, approvedNetworks, coordinatorMaySee, membershipStatus, nextMemberships } from './network.js';
import { INVISIBLE_OR_CONTROL_TEXT } from './test-fixtures.js';

describe('networks and memberships', () => {
  it('takes a display name only as one line of visible text', () => {
    expect(NetworkInput.parse({ id: 'eu4culture', name: '  EU4Culture  ' })).toEqual({ id: 'eu4culture', name: 'EU4Culture', timeZone: 'UTC', settings: {} });
    for (const { name, value } of INVISIBLE_OR_CONTROL_TEXT) expect(NetworkInput.safeParse({ id: 'eu4culture', name: value }).success, name).toBe(false);
    expect(NetworkInput.safeParse({ id: 'EU 4', name: 'x' }).success).toBe(false);
    expect(NetworkInput.safeParse({ id: 'eu4culture', name: 'x', timeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('counts a profile stored before memberships as approved everywhere it named', () => {
    const legacy = { networks: ['a', 'b'] };
    expect(approvedNetworks(legacy)).toEqual(['a', 'b']);
    expect(membershipStatus(legacy, 'c')).toBeUndefined();
  });

  it('keeps statuses of kept networks, asks for new ones, drops removed ones, and does not ask again for a rejected one', () => {
    const before = { networks: ['a', 'b', 'c'], memberships: { a: 'approved', b: 'rejected', c: 'requested' } as const };
    expect(nextMemberships(before, ['a', 'b', 'd'])).toEqual({ a: 'approved', b: 'rejected', d: 'requested' });
    expect(nextMemberships(undefined, ['a'], 'approved')).toEqual({ a: 'approved' });
    expect(approvedNetworks(before)).toEqual(['a']);
  });

  it('shows a coordinator an unconfirmed profile only once the network took it in: imported (approved), or taken out again (rejected), so the removal can be undone', () => {
    const pending = (membership: 'requested' | 'approved' | 'rejected') => ({ status: 'pending', networks: ['n'], memberships: { n: membership } });
    expect(coordinatorMaySee(pending('requested'), 'n')).toBe(false);
    expect(coordinatorMaySee(pending('approved'), 'n')).toBe(true);
    expect(coordinatorMaySee(pending('rejected'), 'n')).toBe(true);
    expect(coordinatorMaySee(pending('approved'), 'other')).toBe(false);
    expect(coordinatorMaySee({ status: 'active', networks: ['n'], memberships: { n: 'requested' } }, 'n')).toBe(true);
  });
});
