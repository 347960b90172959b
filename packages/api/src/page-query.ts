import * as z from 'zod';
import { EventId, EventTime, MEMBER_PAGE_LIMITS, type FieldProblem, type MembershipStatus, type Profile } from '@culturebridge/domain';
import { invalidFields } from '@culturebridge/http';
import type { MatchStore } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** How many items one answer of a paged list holds (`limit`): `default` when none is asked, at most `max`. */
export interface PageLimits {
  readonly default: number;
  readonly max: number;
}

/**
 * What a cursor holds: the list it continues (`l`: its name and network, e.g. `members:eu4culture`)
 * and the parts of the key where DynamoDB stopped (its LastEvaluatedKey, reduced to the parts that
 * vary: a profile id, a match's two, an activity entry's time and event id). Not signed: the start
 * key is rebuilt from the path's network and these parts (`MatchStore.membersPage`,
 * `networkMatchesPage`, `ActivityStore.page`), so a made-up cursor can only start the caller's own
 * network's list at another place, which the caller may read anyway.
 */
const CursorContent = z.strictObject({ l: z.string(), a: z.array(z.string().max(100)).min(1).max(2) });

/** What each part of a list's cursor must be, in order (`ID_CURSOR`, `PAIR_CURSOR`, `ACTIVITY_CURSOR`). */
export type CursorParts = readonly z.ZodType<string>[];
/** A cursor of the network index's lists: the profile id it stopped at. */
export const ID_CURSOR: CursorParts = [z.uuid()];
/** A cursor of the match projection: the pair it stopped at. */
export const PAIR_CURSOR: CursorParts = [z.uuid(), z.uuid()];
/**
 * A cursor of the activity feed: the entry's time and event id, each as the event contract and
 * record-activity define them (so every stored entry can be named; a UUID holds no `#`, the sort
 * key's separator).
 */
export const ACTIVITY_CURSOR: CursorParts = [EventTime, EventId];

/** An opaque cursor (base64url JSON) continuing `list` after `after`. */
export function pageCursor(list: string, after: readonly string[]): string {
  return Buffer.from(JSON.stringify({ l: list, a: after })).toString('base64url');
}

/** The key parts a cursor continues after, if it is one made for this list, each part as `parts` says. */
function decodeCursor(cursor: string, list: string, parts: CursorParts): string[] | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return undefined;
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = CursorContent.safeParse(content);
  if (!parsed.success || parsed.data.l !== list || parsed.data.a.length !== parts.length) return undefined;
  return parsed.data.a.every((part, i) => parts[i]?.safeParse(part).success) ? parsed.data.a : undefined;
}

/**
 * The page a request of a paged list asks for, from its query: `limit` (a whole number from 1 to
 * `limits.max`, default `limits.default`) and `cursor` (from the previous page's answer, made for
 * the same `list`, its key parts as `parts` says). `more`: the problems the route found with its own
 * parameters, refused in the same answer. Throws a 400 problem (invalidFields) naming each bad parameter.
 */
export function pageQuery(event: APIGatewayProxyEventV2, list: string, limits: PageLimits, parts: CursorParts, more: readonly FieldProblem[] = []): { limit: number; after?: string[] } {
  const query = new URLSearchParams(event.rawQueryString ?? '');
  const problems: FieldProblem[] = [];
  const sentLimit = query.get('limit');
  let limit: number = limits.default;
  if (sentLimit !== null) {
    limit = /^\d{1,6}$/.test(sentLimit) ? Number(sentLimit) : NaN;
    const max = limits.max;
    if (Number.isNaN(limit)) problems.push({ field: 'limit', pointer: '#/limit', code: 'wrong_type', params: { value: sentLimit.slice(0, 100) }, detail: `limit must be a whole number from 1 to ${max}` });
    else if (limit < 1) problems.push({ field: 'limit', pointer: '#/limit', code: 'too_small', params: { min: 1 }, detail: 'limit must be at least 1' });
    else if (limit > max) problems.push({ field: 'limit', pointer: '#/limit', code: 'too_big', params: { max }, detail: `limit must be at most ${max}` });
  }
  const cursor = query.get('cursor');
  const after = cursor === null ? undefined : decodeCursor(cursor, list, parts);
  if (cursor !== null && after === undefined) {
    problems.push({ field: 'cursor', pointer: '#/cursor', code: 'invalid', detail: 'cursor must be one this list answered; start again without it' });
  }
  problems.push(...more);
  if (problems.length > 0) throw invalidFields(problems);
  return { limit, ...(after === undefined ? {} : { after }) };
}

/** The list a cursor of each of a network's index partitions names (`<list>:<network>`). */
const STANDING_LISTS: Readonly<Record<MembershipStatus, string>> = { approved: 'members', requested: 'requests', rejected: 'rejected' };

/**
 * One page of the profiles in a network's index partition for `standing` (its members, those asking
 * to join, those it rejected), as the request asks it (pageQuery: `limit`, `cursor`): the profiles
 * in the index's order (by id), a profile erased since the index was read left out (the cursor
 * still moves past it), and the next page's `cursor` when there is one. One Query of `limit` index
 * items and one BatchGetItem of their profiles. Throws a 400 problem naming a bad `limit` or `cursor`.
 */
export async function standingPage(
  event: APIGatewayProxyEventV2,
  matches: Pick<MatchStore, 'membersPage' | 'profiles'>,
  networkId: string,
  standing: MembershipStatus,
): Promise<{ profiles: Profile[]; cursor?: string }> {
  const list = `${STANDING_LISTS[standing]}:${networkId}`;
  const { limit, after } = pageQuery(event, list, MEMBER_PAGE_LIMITS, ID_CURSOR);
  const { views, last } = await matches.membersPage(networkId, { limit, standing, ...(after ? { after: after[0] } : {}) });
  const found = await matches.profiles(views.map((v) => v.id));
  const profiles = views.flatMap((v) => found.get(v.id) ?? []);
  return { profiles, ...(last === undefined ? {} : { cursor: pageCursor(list, [last]) }) };
}
