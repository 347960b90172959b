import { DEFAULT_LOCALE, NetworkId, toPublicProfile } from '@culturebridge/domain';
import { HttpProblem, json, notFound, parseBody } from '@culturebridge/http';
import { type AddressBook, type CoordinatorStore, type MatchStore } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { coordinates, type Caller } from './access.js';
import { standingPage } from './page-query.js';
import { NetworkSettingsUpdate } from './requests.js';
import type { Route } from './route.js';

export interface NetworkRouteDeps {
  matches: MatchStore;
  coordinators: CoordinatorStore;
  addresses: AddressBook;
}

/** The network of the path, if the caller coordinates it; otherwise 404, as for a network that does not exist. */
export function networkOf(event: APIGatewayProxyEventV2, caller: Caller): string {
  const id = event.pathParameters?.networkId ?? '';
  if (!NetworkId.safeParse(id).success || !coordinates(caller, id)) throw notFound('network');
  return id;
}

export function networkRoutes({ matches, coordinators, addresses }: NetworkRouteDeps) {
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

  async function coordinatorOf(caller: Caller, networkId: string) {
    if (caller.kind !== 'session') throw notFound('network');
    const owned = await addresses.ownedBy(caller.claims.sub);
    const entry = owned.coordinators.find((c) => c.networkId === networkId);
    const coordinator = entry && (await coordinators.get(networkId, entry.coordinatorId));
    // The session named the network, but the operator has removed this coordinator since.
    if (!coordinator) throw notFound('network');
    return coordinator;
  }

  const view = (networkId: string, c: { id: string; name: string; preference: unknown; locale?: string }) => ({
    networkId,
    coordinator: { id: c.id, name: c.name, preference: c.preference, locale: c.locale ?? DEFAULT_LOCALE },
  });

  const networkSettings: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    return json(200, view(networkId, await coordinatorOf(caller, networkId)));
  };

  const updateNetworkSettings: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const { preference, locale } = parseBody(NetworkSettingsUpdate, event.body);
    const coordinator = await coordinatorOf(caller, networkId);
    const updated = await coordinators.setPreference(networkId, coordinator.id, preference, locale);
    if (!updated) throw new HttpProblem(404, 'Not found', 'This coordinator was removed a moment ago.');
    return json(200, view(networkId, updated));
  };

  return { networkMembers, networkSettings, updateNetworkSettings };
}
