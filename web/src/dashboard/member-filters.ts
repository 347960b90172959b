import type { JoinRequests, NetworkMatch, NetworkMember } from '../api/types';

export type MemberFilter = { kind: 'all' } | { kind: 'no-confirmed-partner' } | { kind: 'not-answered'; days: number } | { kind: 'pending-approval' };

/** A row of the members table: a member, or (filter "pending approval") someone asking to join, with when they asked. */
export type MemberRow = NetworkMember | JoinRequests['requests'][number];

const DAY_MS = 86_400_000;

/** Whether a member has at least one partner that both sides confirmed. */
export function hasConfirmedPartner(memberId: string, matches: readonly NetworkMatch[]): boolean {
  return matches.some((m) => m.state === 'confirmed' && m.profileIds.includes(memberId));
}

/**
 * The member's oldest proposal it has not answered (proposed or accepted by the other side only),
 * as its proposal time; undefined when it answered everything.
 */
export function oldestUnanswered(memberId: string, matches: readonly NetworkMatch[]): string | undefined {
  return matches
    .filter((m) => (m.state === 'proposed' || m.state === 'accepted') && m.profileIds.includes(memberId) && !m.acceptedBy.includes(memberId))
    .map((m) => m.proposedAt)
    .sort()[0];
}

/**
 * The members a coordinator asked about: everyone; active members with no confirmed partner yet;
 * members who have left a proposal unanswered for at least `days` days; or those whose request to
 * join awaits the coordinator's approval (`requests`, GET /networks/{id}/requests).
 */
export function filterMembers(members: readonly NetworkMember[], matches: readonly NetworkMatch[], filter: MemberFilter, now: Date, requests: JoinRequests['requests'] = []): MemberRow[] {
  switch (filter.kind) {
    case 'pending-approval':
      return [...requests];
    case 'all':
      return [...members];
    case 'no-confirmed-partner':
      return members.filter((m) => m.status === 'active' && !hasConfirmedPartner(m.id, matches));
    case 'not-answered': {
      const cutoff = now.getTime() - filter.days * DAY_MS;
      return members.filter((m) => {
        const oldest = oldestUnanswered(m.id, matches);
        return oldest !== undefined && Date.parse(oldest) <= cutoff;
      });
    }
  }
}
