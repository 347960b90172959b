import type { NetworkMatch, NetworkMember, UnnamedNetworkMatch } from '../api/types';

/**
 * The network's matches named from its members, as GET /networks/{id}/matches names them without
 * `names=omit`: each pair gets its two members' public names (in `profileIds` order), and a pair
 * with someone absent from `members` (no longer a member, or erased) is left out. `members` must be
 * every member (all pages), or pairs of members not yet read would be dropped too.
 */
export function namedFromMembers(matches: readonly UnnamedNetworkMatch[], members: readonly Pick<NetworkMember, 'id' | 'name'>[]): NetworkMatch[] {
  const names = new Map(members.map((m) => [m.id, m.name]));
  return matches.flatMap((match) => {
    const [a, b] = match.profileIds.map((id) => names.get(id));
    return a === undefined || b === undefined ? [] : [{ ...match, names: [a, b] }];
  });
}
