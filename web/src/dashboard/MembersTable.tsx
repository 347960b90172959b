import { ScrollArea } from '../components/ScrollArea';
import type { NetworkMember } from '../api/types';
import { countryName, KIND_LABELS } from '../lib/labels';

export function MembersTable({ members, matchesOf }: { members: readonly NetworkMember[]; matchesOf: ReadonlyMap<string, number> }) {
  const rows = [...members].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <ScrollArea label="Members">
      <table className="data-table">
        <caption className="visually-hidden">Members of the network with their status</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Kind</th>
            <th scope="col">Country</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Themes
            </th>
            <th scope="col" className="numeric">
              Live matches
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((member) => (
            <tr key={member.id} data-member={member.name}>
              <th scope="row">{member.name}</th>
              <td>{KIND_LABELS[member.kind]}</td>
              <td>{countryName(member.country)}</td>
              <td>
                <span className={`badge badge--${member.status}`}>{member.status}</span>
              </td>
              <td className="numeric">{member.themes.length}</td>
              <td className="numeric">{matchesOf.get(member.id) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
