import { ACTIVITY_PAGE_LIMITS, ECHOED_LENGTH, type FieldProblem, MATCH_PAGE_LIMITS, activityWeeks, bestFirst, weekStart } from '@culturebridge/domain';
import { json } from '@culturebridge/http';
import type { ActivityStore, MatchStore, NetworkMatch } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { networkOf } from '@culturebridge/api/path-params';
import { ACTIVITY_CURSOR, PAIR_CURSOR, pageCursor, pageQuery } from '@culturebridge/api/page-query';
import type { Route } from '@culturebridge/api/route';

/*
 * The coordinator's dashboard reads of a network: its matches and its activity. Served by the
 * network-dashboard function (see its app.ts), so that profiles-api, on every member's path, stays
 * within its 250 KB bundle budget (issue #18).
 */

export interface NetworkReadDeps {
  matches: Pick<MatchStore, 'networkMatchesPage' | 'membersAmong'>;
  activity: Pick<ActivityStore, 'page'>;
  now: () => string;
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

export function networkReadRoutes({ matches, activity, now }: NetworkReadDeps) {
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
    const { limit, after } = pageQuery(event, list, MATCH_PAGE_LIMITS, PAIR_CURSOR, names.problems);
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
   * One page (see pageQuery: `limit`, `cursor`) of what happened this week and last week (UTC, from
   * Monday), newest first, from the activity feed (a projection of the events): the page's entries
   * split into the two weeks, so a client appends each page's `thisWeek` and `lastWeek` to those
   * before. Names are today's public names (from the page's members' membership items); a member
   * erased, or no longer in the network, shows no name. A page may be empty and still have a cursor.
   */
  const networkActivity: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const list = `activity:${networkId}`;
    const { limit, after } = pageQuery(event, list, ACTIVITY_PAGE_LIMITS, ACTIVITY_CURSOR);
    const at = new Date(now());
    const lastWeekStart = new Date(weekStart(at).getTime() - 7 * 86_400_000);
    const [time, eventId] = after ?? [];
    const { entries, last } = await activity.page(networkId, lastWeekStart.toISOString(), { limit, ...(time && eventId ? { after: [time, eventId] as const } : {}) });
    // Only the members the page names: their membership items, not the whole network's profiles.
    const members = await matches.membersAmong(networkId, entries.flatMap((e) => e.profileIds));
    const names = new Map([...members.values()].map((m) => [m.id, m.name]));
    const view = (e: (typeof entries)[number]) => ({ ...e, names: e.profileIds.map((id) => names.get(id) ?? null) });
    const { thisWeek, lastWeek } = activityWeeks(entries.map(view), at);
    return json(200, { networkId, thisWeekFrom: weekStart(at).toISOString(), lastWeekFrom: lastWeekStart.toISOString(), thisWeek, lastWeek, ...(last ? { cursor: pageCursor(list, last) } : {}) });
  };

  return { networkMatches, networkActivity };
}
