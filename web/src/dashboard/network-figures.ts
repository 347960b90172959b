import { isOpenMatch, LIVE_STATES } from '@culturebridge/domain';
import type { NetworkMatch, NetworkMember } from '../api/types';

/** A match is "open" while it waits for at least one answer. */
export const isOpen = (match: NetworkMatch) => isOpenMatch(match.state);

export interface NetworkFigures {
  members: number;
  active: number;
  pending: number;
  liveMatches: number;
  confirmed: number;
  open: number;
  /** Share of active members with at least one live match (DESIGN §5, fairness). */
  coverage: number;
  /** Live matches per member id. */
  matchesOf: ReadonlyMap<string, number>;
}

export function networkFigures(members: readonly NetworkMember[], matches: readonly NetworkMatch[]): NetworkFigures {
  const matchesOf = new Map<string, number>();
  const live = matches.filter((m) => LIVE_STATES.has(m.state));
  for (const match of live) for (const id of match.profileIds) matchesOf.set(id, (matchesOf.get(id) ?? 0) + 1);
  const active = members.filter((m) => m.status === 'active');
  const covered = active.filter((m) => (matchesOf.get(m.id) ?? 0) > 0).length;
  return {
    members: members.length,
    active: active.length,
    pending: members.filter((m) => m.status === 'pending').length,
    liveMatches: live.length,
    confirmed: matches.filter((m) => m.state === 'confirmed').length,
    open: matches.filter(isOpen).length,
    coverage: active.length ? covered / active.length : 0,
    matchesOf,
  };
}

/** The members a match still waits for, by name. */
export function waitingFor(match: NetworkMatch): string[] {
  return match.profileIds.flatMap((id, i) => (match.acceptedBy.includes(id) ? [] : [match.names[i] ?? id]));
}
