import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, addressLimitKey, clientNetworkKey } from './rate-limit.js';

describe('what the sign-in limits count under', () => {
  it('one mailbox, however the address is spelled', () => {
    for (const spelling of ['ana@orhei.example', ' Ana@Orhei.EXAMPLE ', 'ana+cb@orhei.example', 'ANA+workshop+2@orhei.example']) {
      expect(addressLimitKey(spelling), spelling).toBe('ana@orhei.example');
    }
    expect(addressLimitKey('ana.b@orhei.example')).not.toBe(addressLimitKey('ana@orhei.example'));
    // A local part that is only a tag keeps it rather than becoming empty.
    expect(addressLimitKey('+x@orhei.example')).toBe('+x@orhei.example');
  });

  it('one client network: an IPv4 address, an IPv6 /64', () => {
    expect(clientNetworkKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetworkKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    const net = clientNetworkKey('2001:db8:1:2::1');
    for (const ip of ['2001:db8:1:2::abcd', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:0:0:0:9']) expect(clientNetworkKey(ip), ip).toBe(net);
    expect(net).toBe('2001:db8:1:2::/64');
    expect(clientNetworkKey('2001:db8:1:3::1')).not.toBe(net);
    expect(clientNetworkKey('::1')).toBe('0:0:0:0::/64');
  });

  it('lets a workshop of 30, each asking twice, through one client address, and stops scripts', () => {
    expect(RATE_LIMITS.perClient.limit).toBeGreaterThanOrEqual(2 * 30);
    expect(RATE_LIMITS.perClient.windowSeconds).toBe(15 * 60);
    expect(RATE_LIMITS.perClient.limit).toBeLessThan(200);
    expect(RATE_LIMITS.perClientDay.limit).toBeLessThan((RATE_LIMITS.perClientDay.windowSeconds / RATE_LIMITS.perClient.windowSeconds) * RATE_LIMITS.perClient.limit);
  });
});

describe('addressLimitKey on a long address', () => {
  // A `+` run before a line break: /\+.*$/ was tried from each `+` and backtracked (quadratic,
  // seconds for 100 000). The key is taken before the address is validated, so it must be linear.
  it('looks through a long run of + in linear time', () => {
    const address = `${'+'.repeat(100_000)}\n+@orhei.example`;
    expect(addressLimitKey(address)).toBe(address);
  });
});
