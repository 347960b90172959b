import { describe, expect, it } from 'vitest';
import { navSection } from './nav-section';
import { parseRoute } from './router';

const member = { profiles: [{ id: 'p1', name: 'Kutaisi', status: 'active' as const }], networks: [] };
const coordinator = { profiles: [], networks: ['eu4culture'] };
const section = (hash: string, me: typeof member | typeof coordinator) => navSection(parseRoute(hash), me);

describe('the section of the navigation a page belongs to', () => {
  it('marks a match as the member\'s profile for the member whose match it is', () => {
    expect(section('#/matches/p1/p2', member)).toBe('profile');
    expect(section('#/matches/p1/p2/accept', member)).toBe('profile');
  });

  it('marks a match a coordinator looks at as the dashboard, not "My profile"', () => {
    expect(section('#/matches/p1/p2', coordinator)).toBe('dashboard');
  });

  it('marks the pages reached from the dashboard as the dashboard, and a member\'s schedule as their profile', () => {
    expect(section('#/dashboard/eu4culture/import', coordinator)).toBe('dashboard');
    expect(section('#/dashboard/eu4culture/members/p1', coordinator)).toBe('dashboard');
    expect(section('#/profiles/p1/meetings', member)).toBe('profile');
    expect(section('#/meetings/eu4culture/m1', coordinator)).toBe('meetings');
  });

  it('marks nothing for a page of no section', () => {
    expect(section('#/nowhere', member)).toBeUndefined();
  });
});
