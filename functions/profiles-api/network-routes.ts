import { toPublicProfile } from '@culturebridge/domain';
import { json } from '@culturebridge/http';
import type { MatchStore } from '@culturebridge/store';
import { networkOf } from '@culturebridge/api/path-params';
import { standingPage } from '@culturebridge/api/page-query';
import type { Route } from '@culturebridge/api/route';

export interface NetworkRouteDeps {
  matches: MatchStore;
}

export function networkRoutes({ matches }: NetworkRouteDeps) {
  /**
   * One page of the network's members (public profile and `status`), in the network index's order
   * (by id, not by name): `limit` and `cursor` from the query (see pageQuery); the answer's
   * `cursor`, when present, asks for the next page. One Query of `limit` index items and a
   * BatchGetItem of their profiles, however large the network.
   */
  const networkMembers: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const { profiles, cursor } = await standingPage(event, matches, networkId, 'approved');
    return json(200, { networkId, members: profiles.map(toPublicProfile), ...(cursor === undefined ? {} : { cursor }) });
  };

  return { networkMembers };
}
