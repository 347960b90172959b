import { NetworkId, toPublicProfile } from '@culturebridge/domain';
import { json, notFound } from '@culturebridge/http';
import type { MatchStore } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { coordinates, type Caller } from '@culturebridge/api/access';
import { standingPage } from '@culturebridge/api/page-query';
import type { Route } from '@culturebridge/api/route';

export interface NetworkRouteDeps {
  matches: MatchStore;
}

/** The network of the path, if the caller coordinates it; otherwise 404, as for a network that does not exist. */
export function networkOf(event: APIGatewayProxyEventV2, caller: Caller): string {
  const id = event.pathParameters?.networkId ?? '';
  if (!NetworkId.safeParse(id).success || !coordinates(caller, id)) throw notFound('network');
  return id;
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
