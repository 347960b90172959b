import { isOpenMatch } from '@culturebridge/domain';
import type { JoinRequests, NetworkMatch, NetworkMember } from '../api/types';

export type MemberFilter = { kind: 'all' } | { kind: 'no-confirmed-partner' } | { kind: 'not-answered'; days: number } | { kind: 'pending-approval' } | { kind: 'rejected' };

/** A row of the members table: a member, or (filter "pending approval") someone asking to join, with when they asked. */
export type MemberRow = NetworkMember | JoinRequests['requests'][number];

const DAY_MS = 86_400_000;

/** What the members table asks of each member's matches, read once from the network's matches. */
export interface MemberMatchFacts {
  /** Members with at least one partner that both sides confirmed. */
  readonly confirmed: ReadonlySet<string>;
  /** Per member, its oldest proposal it has not answered (proposed, or accepted by the other side only), as its proposal time (ISO 8601). */
  readonly oldestUnanswered: ReadonlyMap<string, string>;
}

/**
 * One pass over the matches: a table of 5 000 members asked both questions of every match for
 * every row (members × matches, seconds per render on a large network).
 */
export function memberMatchFacts(matches: readonly NetworkMatch[]): MemberMatchFacts {
  const confirmed = new Set<string>();
  const oldest = new Map<string, string>();
  for (const m of matches) {
    if (m.state === 'confirmed') for (const id of m.profileIds) confirmed.add(id);
    if (!isOpenMatch(m.state)) continue;
    for (const id of m.profileIds) {
      if (m.acceptedBy.includes(id)) continue;
      const known = oldest.get(id);
      if (known === undefined || m.proposedAt < known) oldest.set(id, m.proposedAt);
    }
  }
  return { confirmed, oldestUnanswered: oldest };
}

/** Whether a member has at least one partner that both sides confirmed. */
export function hasConfirmedPartner(memberId: string, facts: MemberMatchFacts): boolean {
  return facts.confirmed.has(memberId);
}

/** The member's oldest proposal it has not answered, as its proposal time; undefined when it answered everything. */
export function oldestUnanswered(memberId: string, facts: MemberMatchFacts): string | undefined {
  return facts.oldestUnanswered.get(memberId);
}

/**
 * The members a coordinator asked about: everyone; active members with no confirmed partner yet;
 * members who have left a proposal unanswered for at least `days` days; those whose request to
 * join awaits the coordinator's approval (`requests`, GET /networks/{id}/requests); or those taken
 * out of the network or turned down (`rejected`, GET /networks/{id}/rejected).
 */
export function filterMembers(members: readonly NetworkMember[], facts: MemberMatchFacts, filter: MemberFilter, now: Date, requests: JoinRequests['requests'] = [], rejected: readonly NetworkMember[] = []): MemberRow[] {
  switch (filter.kind) {
    case 'pending-approval':
      return [...requests];
    case 'rejected':
      return [...rejected];
    case 'all':
      return [...members];
    case 'no-confirmed-partner':
      return members.filter((m) => m.status === 'active' && !hasConfirmedPartner(m.id, facts));
    case 'not-answered': {
      const cutoff = now.getTime() - filter.days * DAY_MS;
      return members.filter((m) => {
        const oldest = oldestUnanswered(m.id, facts);
        return oldest !== undefined && Date.parse(oldest) <= cutoff;
      });
    }
  }
}
