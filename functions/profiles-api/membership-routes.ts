import { coordinatorMaySee, toPublicProfile } from '@culturebridge/domain';
import { json, notFound } from '@culturebridge/http';
import type { MatchStore, NetworkStore, ProfileStore } from '@culturebridge/store';
import { networkOf, ID_PATTERN } from '@culturebridge/api/path-params';
import { standingPage } from '@culturebridge/api/page-query';
import type { Route } from '@culturebridge/api/route';

export interface MembershipRouteDeps {
  profiles: ProfileStore;
  matches: MatchStore;
  networks: NetworkStore;
  now: () => string;
}

export function membershipRoutes(deps: MembershipRouteDeps) {
  const { profiles, matches, networks } = deps;

  /** Anyone may list the networks (id and display name): the form offers them. */
  const listNetworks: Route = async () => {
    const all = await networks.list();
    return json(200, { networks: all.map((n) => ({ id: n.id, name: n.name })) }, { 'cache-control': 'public, max-age=60' });
  };

  /**
   * One page of the profiles asking to join (see pageQuery: `limit`, `cursor`), by name within the
   * page: one Query of the network's join-request partition and one read of those profiles.
   */
  const joinRequests: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const { profiles: found, cursor } = await standingPage(event, matches, networkId, 'requested');
    const requests = found
      .filter((p) => p.memberships?.[networkId] === 'requested' && coordinatorMaySee(p, networkId))
      .map((p) => ({ ...toPublicProfile(p), requestedAt: p.updatedAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return json(200, { networkId, requests, ...(cursor === undefined ? {} : { cursor }) });
  };

  const answer = (status: 'approved' | 'rejected'): Route => async (event, caller) => {
    const networkId = networkOf(event, caller);
    const id = event.pathParameters?.id ?? '';
    if (!ID_PATTERN.test(id)) throw notFound('membership');
    const profile = await profiles.get(id);
    if (!profile || !coordinatorMaySee(profile, networkId)) throw notFound('membership');
    const outcome = await profiles.setMembership(id, networkId, status, deps.now());
    if (outcome === 'not-member') throw notFound('membership');
    return json(200, { profileId: id, networkId, membership: status, changed: outcome === 'changed' });
  };

  return {
    listNetworks,
    joinRequests,
    approveMembership: answer('approved'),
    rejectMembership: answer('rejected'),
  };
}
