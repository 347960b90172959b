import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * Who is calling. This is the seam for sign-in (issue 7): it will read a verified session and name
 * the profiles the caller owns and the networks it coordinates. Until then every caller is
 * anonymous and every route is open, as the API has no sign-in yet.
 */
export type Caller = { kind: 'anonymous' };

export function callerOf(_event: APIGatewayProxyEventV2): Caller {
  return { kind: 'anonymous' };
}

export type ProfileAction = 'read' | 'update' | 'erase' | 'answer';

export function mayActOnProfile(_caller: Caller, _action: ProfileAction, _profileId: string): boolean {
  return true;
}
