import { describe, expect, it } from 'vitest';
import { ACTIVITY_PAGE_LIMITS, MEMBER_PAGE_LIMITS } from '@culturebridge/domain';
import { HttpProblem } from '@culturebridge/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ACTIVITY_CURSOR, ID_CURSOR, pageCursor, pageQuery } from './page-query.js';

const ID = '0b7f4a4e-2f1c-4b7a-9a55-3c2d1e0f9a8b';
const asking = (query: string) => ({ rawQueryString: query }) as APIGatewayProxyEventV2;
const memberCursor = (network: string, id: string) => pageCursor(`members:${network}`, [id]);
const memberPageQuery = (event: APIGatewayProxyEventV2, network: string) => pageQuery(event, `members:${network}`, MEMBER_PAGE_LIMITS, ID_CURSOR);
const fieldsOf = (query: string, network = 'eu4culture') => {
  try {
    memberPageQuery(asking(query), network);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(HttpProblem);
    expect((error as HttpProblem).status).toBe(400);
    return ((error as HttpProblem).extensions.errors as { field: string; code: string }[]).map((e) => `${e.field} ${e.code}`);
  }
};

describe('the page a members request asks for', () => {
  it('takes the default limit, a limit up to the maximum, and a cursor it made for the same network', () => {
    expect(memberPageQuery(asking(''), 'eu4culture')).toEqual({ limit: MEMBER_PAGE_LIMITS.default });
    expect(memberPageQuery(asking(`limit=${MEMBER_PAGE_LIMITS.max}&cursor=${memberCursor('eu4culture', ID)}`), 'eu4culture')).toEqual({ limit: MEMBER_PAGE_LIMITS.max, after: [ID] });
  });

  it('names each bad parameter at once: limit out of range or not a whole number, a cursor not made for this list', () => {
    expect(fieldsOf('limit=0')).toEqual(['limit too_small']);
    expect(fieldsOf(`limit=${MEMBER_PAGE_LIMITS.max + 1}`)).toEqual(['limit too_big']);
    expect(fieldsOf('limit=1e2')).toEqual(['limit wrong_type']);
    expect(fieldsOf(`limit=x&cursor=${memberCursor('other-network', ID)}`)).toEqual(['limit wrong_type', 'cursor invalid']);
    const notAnId = Buffer.from(JSON.stringify({ l: 'members:eu4culture', a: ['PROFILE#x'] })).toString('base64url');
    const extra = Buffer.from(JSON.stringify({ l: 'members:eu4culture', a: [ID], GSI1PK: 'x' })).toString('base64url');
    // A cursor of another list of the same network (the matches', two ids) starts nothing here.
    const otherList = pageCursor('matches:eu4culture', [ID, ID]);
    const twoIds = pageCursor('members:eu4culture', [ID, ID]);
    for (const cursor of [notAnId, extra, otherList, twoIds, 'e30', 'bm90IGpzb24', 'a+b/c=']) expect(fieldsOf(`cursor=${encodeURIComponent(cursor)}`), cursor).toEqual(['cursor invalid']);
  });
});

describe('the page an activity request asks for', () => {
  const AT = '2026-11-30T09:15:00.123Z';
  const activityPage = (cursor: string) => pageQuery(asking(`cursor=${encodeURIComponent(cursor)}`), 'activity:eu4culture', ACTIVITY_PAGE_LIMITS, ACTIVITY_CURSOR);
  it("continues after an entry's time and event id", () => {
    expect(activityPage(pageCursor('activity:eu4culture', [AT, ID]))).toEqual({ limit: ACTIVITY_PAGE_LIMITS.default, after: [AT, ID] });
  });
  it('refuses a cursor whose parts are not a time and an event id without the sort key separator, or of another list', () => {
    for (const parts of [[ID, ID], [AT], ['2026-11-30', ID], [AT, 'a#b'], [AT, ''], [AT, 'x'.repeat(101)]]) {
      expect(() => activityPage(pageCursor('activity:eu4culture', parts)), parts.join()).toThrow(HttpProblem);
    }
    expect(() => activityPage(pageCursor('members:eu4culture', [AT, ID]))).toThrow(HttpProblem);
    expect(() => activityPage(pageCursor('activity:other', [AT, ID]))).toThrow(HttpProblem);
  });
});
