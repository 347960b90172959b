import type { MemberExportRow } from '@culturebridge/member-lists';
import { coordinatorMaySee, isOpenMatch } from '@culturebridge/domain';
import type { MatchStore } from '@culturebridge/store';

/**
 * A network's members for the export: approved members and those asking to join, each with the
 * profile's status, the membership's, the names of confirmed partners, the number of open proposals
 * (proposed or accepted by one side) and the last activity (latest change of the profile or a match).
 * Reads the network's index partitions and each member's matches: tens to a few thousand members.
 */
export async function networkMemberRows(matches: MatchStore, networkId: string): Promise<MemberExportRow[]> {
  const views = [...(await matches.candidates([networkId])), ...(await matches.joinRequests(networkId))];
  const members = [...(await matches.profiles(views.map((v) => v.id))).values()].filter((m) => coordinatorMaySee(m, networkId));
  const perMember = await Promise.all(members.map((m) => matches.matchesOf(m.id)));
  const partners = await matches.profiles(perMember.flat().filter((m) => m.state === 'confirmed').map((m) => m.partner));
  return members
    .map((member, i) => {
      const own = perMember[i] ?? [];
      return {
        name: member.name,
        kind: member.kind,
        country: member.country,
        region: member.region ?? '',
        contactName: member.contact.name,
        contactEmail: member.contact.email,
        status: member.status,
        membership: member.memberships?.[networkId] ?? 'approved',
        confirmedPartners: own.filter((m) => m.state === 'confirmed').map((m) => partners.get(m.partner)?.name ?? m.partner).sort(),
        openProposals: own.filter((m) => isOpenMatch(m.state)).length,
        lastActivity: [member.updatedAt, ...own.map((m) => m.updatedAt)].sort().at(-1) ?? member.updatedAt,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
