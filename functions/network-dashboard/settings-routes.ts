import * as z from 'zod';
import { DEFAULT_LOCALE, LocaleSchema, NotificationPreference } from '@culturebridge/domain';
import { HttpProblem, json, notFound, parseBody } from '@culturebridge/http';
import type { AddressBook, CoordinatorStore } from '@culturebridge/store';
import type { Caller } from '@culturebridge/api/access';
import { networkOf } from '@culturebridge/api/path-params';
import type { Route } from '@culturebridge/api/route';

/*
 * A coordinator's mail settings for a network (GET and PUT /networks/{id}/settings). Served by the
 * network-dashboard function with the dashboard's reads: a coordinator sets them now and then, and
 * in profiles-api, on every member's path, they kept it over its 250 KB bundle budget (issue #18).
 */

export const NetworkSettingsUpdate = z.strictObject(
  { preference: NotificationPreference, locale: LocaleSchema.optional() },
  { error: 'the body: expected a JSON object with preference (and optionally locale)' },
);

export interface NetworkSettingsDeps {
  coordinators: Pick<CoordinatorStore, 'get' | 'setPreference'>;
  addresses: Pick<AddressBook, 'ownedBy'>;
}

export function networkSettingsRoutes({ coordinators, addresses }: NetworkSettingsDeps) {
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

  return { networkSettings, updateNetworkSettings };
}
