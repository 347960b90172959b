import type { Me } from './api/types';
import type { Route } from './router';

/** The main navigation's sections: the one a page belongs to is marked as the current one. */
export type NavSection = 'form' | 'profile' | 'dashboard' | 'meetings' | 'sign-in';

/**
 * The section `route` belongs to for the signed-in reader (`me`), if any. A match page is the
 * member's own ("My profile") only for a member whose profile it is: a coordinator reaches it from
 * the dashboard, so it is marked as the dashboard.
 */
export function navSection(route: Route, me: Pick<Me, 'profiles' | 'networks'> | undefined): NavSection | undefined {
  const owns = (profileId: string) => me?.profiles.some((p) => p.id === profileId) ?? false;
  switch (route.page) {
    case 'form':
      return 'form';
    case 'my-profile':
    case 'profile-preferences':
    case 'my-meetings':
      return 'profile';
    case 'match':
      if (owns(route.profileId)) return 'profile';
      return me?.networks.length ? 'dashboard' : 'profile';
    case 'dashboard':
    case 'member':
    case 'member-import':
    case 'coordinator-preferences':
      return 'dashboard';
    case 'meetings':
      return 'meetings';
    case 'sign-in':
      return 'sign-in';
    case 'not-found':
      return undefined;
  }
}
