import * as z from 'zod';
import { MEMBER_PAGE_LIMITS, type FieldProblem } from '@culturebridge/domain';
import { invalidFields } from '@culturebridge/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * What a cursor holds: the network whose list it continues and the profile id DynamoDB stopped at
 * (its LastEvaluatedKey, reduced to the one part that varies). Not signed: the start key is rebuilt
 * from the path's network and this id (`MatchStore.membersPage`), so a made-up cursor can only start
 * the caller's own network's list at another member, which the caller may read anyway.
 */
const CursorContent = z.strictObject({ n: z.string(), a: z.uuid() });

/** An opaque cursor (base64url JSON) continuing `networkId`'s member list after the member `after`. */
export function memberCursor(networkId: string, after: string): string {
  return Buffer.from(JSON.stringify({ n: networkId, a: after })).toString('base64url');
}

/** The profile id a cursor continues after, if it is one made for this network's list. */
function decodeCursor(cursor: string, networkId: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = CursorContent.safeParse(content);
  return parsed.success && parsed.data.n === networkId ? parsed.data.a : undefined;
}

/**
 * The page a members request asks for, from its query: `limit` (a whole number from 1 to
 * MEMBER_PAGE_LIMITS.max, default MEMBER_PAGE_LIMITS.default) and `cursor` (from the previous page's
 * answer). Throws a 400 problem (invalidFields) naming each bad parameter.
 */
export function memberPageQuery(event: APIGatewayProxyEventV2, networkId: string): { limit: number; after?: string } {
  const query = new URLSearchParams(event.rawQueryString ?? '');
  const problems: FieldProblem[] = [];
  const sentLimit = query.get('limit');
  let limit: number = MEMBER_PAGE_LIMITS.default;
  if (sentLimit !== null) {
    limit = /^\d{1,6}$/.test(sentLimit) ? Number(sentLimit) : NaN;
    const max = MEMBER_PAGE_LIMITS.max;
    if (Number.isNaN(limit)) problems.push({ field: 'limit', pointer: '#/limit', code: 'wrong_type', params: { value: sentLimit.slice(0, 100) }, detail: `limit must be a whole number from 1 to ${max}` });
    else if (limit < 1) problems.push({ field: 'limit', pointer: '#/limit', code: 'too_small', params: { min: 1 }, detail: 'limit must be at least 1' });
    else if (limit > max) problems.push({ field: 'limit', pointer: '#/limit', code: 'too_big', params: { max }, detail: `limit must be at most ${max}` });
  }
  const cursor = query.get('cursor');
  const after = cursor === null ? undefined : decodeCursor(cursor, networkId);
  if (cursor !== null && after === undefined) {
    problems.push({ field: 'cursor', pointer: '#/cursor', code: 'invalid', detail: "cursor must be one this network's member list answered; start again without it" });
  }
  if (problems.length > 0) throw invalidFields(problems);
  return { limit, ...(after === undefined ? {} : { after }) };
}
