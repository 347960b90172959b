import { describe, expect, it } from 'vitest';
import { ProfileInput, describeIssues } from '@culturebridge/domain';
import { DEMO_MEMBERS, EU4CULTURE, EUNIC } from './networks.js';

describe('demo networks', () => {
  it('holds the 14 EU4Culture cities and 6 EUNIC cluster members, each a valid profile that says what is invented', () => {
    expect(DEMO_MEMBERS.filter((m) => m.profile.networks.includes(EU4CULTURE))).toHaveLength(14);
    expect(DEMO_MEMBERS.filter((m) => m.profile.networks.includes(EUNIC))).toHaveLength(6);
    for (const member of DEMO_MEMBERS) {
      const parsed = ProfileInput.safeParse(member.profile);
      expect(parsed.success ? [] : describeIssues(parsed.error, member.profile), member.profile.name).toEqual([]);
      expect(member.invented).toContain('contact');
      expect(member.profile.contact.email).toMatch(/\.example$/);
    }
  });
});
