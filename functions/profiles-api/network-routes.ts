import { DEFAULT_LOCALE, bestFirst, ECHOED_LENGTH, type FieldProblem, MATCH_PAGE_LIMITS, MEMBER_PAGE_LIMITS, NetworkId, activityWeeks, toPublicProfile, weekStart } from '@culturebridge/domain';
import { HttpProblem, json, notFound, parseBody } from '@culturebridge/http';
import { type ActivityStore, type AddressBook, type CoordinatorStore, type MatchStore, type NetworkMatch } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { coordinates, type Caller } from './access.js';
import { pageCursor, pageQuery } from './page-query.js';
import { NetworkSettingsUpdate } from './requests.js';
import type { Route } from './route.js';

export interface NetworkRouteDeps {
  matches: MatchStore;
  coordinators: CoordinatorStore;
  addresses: AddressBook;
  activity: Pick<ActivityStore, 'since'>;
  now: () => string;
}

/** The network of the path, if the caller coordinates it; otherwise 404, as for a network that does not exist. */
export function networkOf(event: APIGatewayProxyEventV2, caller: Caller): string {
  const id = event.pathParameters?.networkId ?? '';
  if (!NetworkId.safeParse(id).success || !coordinates(caller, id)) throw notFound('network');
  return id;
}

/**
 * A network's matches as its match list answers them: withdrawn pairs and pairs with someone who is
 * no longer a member (absent from `names`, id → public name) left out, best first. `names` null:
 * no names, and no pair left out for its members (see `unnamedMatches`).
 */
export function listedMatches(projected: readonly NetworkMatch[], names: ReadonlyMap<string, string> | null) {
  return projected
    .filter((m) => m.state !== 'withdrawn' && (names === null || m.profileIds.every((id) => names.has(id))))
    .map((m) => ({
      matchId: m.matchId,
      profileIds: m.profileIds,
      ...(names === null ? {} : { names: m.profileIds.map((id) => names.get(id) ?? id) }),
      state: m.state,
      acceptedBy: m.acceptedBy,
      score: m.score,
      // A weaker match leads with its `weaker-match` reason (see `weakerCause`).
      weaker: m.topReason?.kind === 'weaker-match',
      topReason: m.topReason,
      proposedAt: m.proposedAt,
      updatedAt: m.updatedAt,
    }))
    .sort(bestFirst);
}

/**
 * What `names` asks of the matches route: `omit` (the only value) answers the pairs without names
 * and without reading any membership item; absent, names are read and pairs with a former member
 * left out. Any other value is a problem naming `names`.
 */
export function namesQuery(event: APIGatewayProxyEventV2): { omit: boolean; problems: FieldProblem[] } {
  const names = new URLSearchParams(event.rawQueryString ?? '').get('names');
  if (names === null || names === 'omit') return { omit: names === 'omit', problems: [] };
  return { omit: false, problems: [{ field: 'names', pointer: '#/names', code: 'unknown_value', params: { value: names.slice(0, ECHOED_LENGTH) }, detail: 'names must be omit, or left out to have the names' }] };
}

/**
 * A page of a network's matches as `names=omit` answers it: withdrawn pairs left out, no names, and
 * pairs with someone who is no longer a member still in (the caller drops those whose ids are not
 * among the members it read), best first.
 */
export function unnamedMatches(projected: readonly NetworkMatch[]) {
  return listedMatches(projected, null);
}

export function networkRoutes({ matches, coordinators, addresses, activity, now }: NetworkRouteDeps) {
  /**
   * One page of the network's members (public profile and `status`), in the network index's order
   * (by id, not by name): `limit` and `cursor` from the query (see pageQuery); the answer's
   * `cursor`, when present, asks for the next page. One Query of `limit` index items and a
   * BatchGetItem of their profiles, however large the network.
   */
  const networkMembers: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const list = `members:${networkId}`;
    const { limit, after } = pageQuery(event, list, MEMBER_PAGE_LIMITS, 1);
    const { views, last } = await matches.membersPage(networkId, { limit, ...(after ? { after: after[0] } : {}) });
    const profiles = await matches.profiles(views.map((v) => v.id));
    // A member erased since the index was read has no profile left: it is skipped, the cursor still moves past it.
    const members = views.flatMap((v) => {
      const profile = profiles.get(v.id);
      return profile ? [toPublicProfile(profile)] : [];
    });
    return json(200, { networkId, members, ...(last === undefined ? {} : { cursor: pageCursor(list, [last]) }) });
  };

  /**
   * One page of the matches made in the network (see pageQuery: `limit`, `cursor`), from its match
   * projection in key order, best first within the page: one Query of the projection, then the
   * page's members' membership items for their names (never the whole network). A pair is listed
   * only while both are members, so a copy left behind by a profile that has since left is never
   * shown; withdrawn pairs are left out. A page may hold fewer than `limit` (or none) and still a cursor.
   * `names=omit` (see namesQuery): the Query alone, pairs without names and not filtered by membership
   * (a client that reads every member anyway, like the dashboard, names and filters them itself).
   */
  const networkMatches: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const list = `matches:${networkId}`;
    const names = namesQuery(event);
    const { limit, after } = pageQuery(event, list, MATCH_PAGE_LIMITS, 2, names.problems);
    const [lower, higher] = after ?? [];
    const projected = await matches.networkMatchesPage(networkId, { limit, ...(lower && higher ? { after: [lower, higher] as const } : {}) });
    let listed;
    if (names.omit) listed = unnamedMatches(projected.matches);
    else {
      const members = await matches.membersAmong(networkId, projected.matches.flatMap((m) => m.profileIds));
      listed = listedMatches(projected.matches, new Map([...members.values()].map((v) => [v.id, v.name])));
    }
    return json(200, { networkId, matches: listed, ...(projected.last ? { cursor: pageCursor(list, projected.last) } : {}) });
  };

  /**
   * What happened this week and last week (UTC, from Monday), newest first, from the activity feed
   * (a projection of the events). Names are today's public names (from the named members' membership
   * items); a member erased, or no longer in the network, shows no name.
   */
  const networkActivity: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const at = new Date(now());
    const lastWeekStart = new Date(weekStart(at).getTime() - 7 * 86_400_000);
    const entries = await activity.since(networkId, lastWeekStart.toISOString());
    // Only the members the entries name: their membership items, not the whole network's profiles.
    const members = await matches.membersAmong(networkId, entries.flatMap((e) => e.profileIds));
    const names = new Map([...members.values()].map((m) => [m.id, m.name]));
    const view = (e: (typeof entries)[number]) => ({ ...e, names: e.profileIds.map((id) => names.get(id) ?? null) });
    const { thisWeek, lastWeek } = activityWeeks(entries.map(view), at);
    return json(200, { networkId, thisWeekFrom: weekStart(at).toISOString(), lastWeekFrom: lastWeekStart.toISOString(), thisWeek, lastWeek });
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

  return { networkMembers, networkMatches, networkActivity, networkSettings, updateNetworkSettings };
}
