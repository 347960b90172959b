import { useState } from 'react';
import { ScrollArea } from '../components/ScrollArea';
import type { NetworkMatch, NetworkMember } from '../api/types';
import { countryName, KIND_LABELS } from '../lib/labels';
import { href, memberPath } from '../router';
import { filterMembers, hasConfirmedPartner, oldestUnanswered, type MemberFilter } from './member-filters';

const FILTERS = [
  { kind: 'all', label: 'All members' },
  { kind: 'no-confirmed-partner', label: 'No confirmed partner' },
  { kind: 'not-answered', label: 'Has not answered for some days' },
] as const;

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/**
 * The members, filtered by the questions a coordinator asks ("who has no confirmed partner yet?",
 * "who has not answered?"), each linked to its member page. On a phone each row is a card.
 */
export function MembersTable({ networkId, members, matches, matchesOf }: { networkId: string; members: readonly NetworkMember[]; matches: readonly NetworkMatch[]; matchesOf: ReadonlyMap<string, number> }) {
  const [kind, setKind] = useState<MemberFilter['kind']>('all');
  const [days, setDays] = useState(7);
  const filter: MemberFilter = kind === 'not-answered' ? { kind, days } : { kind };
  const rows = filterMembers(members, matches, filter, new Date()).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <fieldset className="filters">
        <legend>Show</legend>
        <div className="filters__options">
          {FILTERS.map((f) => (
            <label key={f.kind} className="filters__option">
              <input type="radio" name="member-filter" value={f.kind} checked={kind === f.kind} onChange={() => setKind(f.kind)} />
              {f.label}
            </label>
          ))}
          <label className="filters__days">
            Days without an answer
            <input type="number" min={0} max={365} value={days} onChange={(e) => setDays(Math.max(0, Number(e.target.value) || 0))} disabled={kind !== 'not-answered'} />
          </label>
        </div>
      </fieldset>
      <p className="muted" role="status" aria-live="polite">
        {kind === 'all' ? `${members.length} members` : `${rows.length} of ${members.length} members`}
      </p>
      {rows.length === 0 ? (
        <p className="empty">No member fits this filter.</p>
      ) : (
        <ScrollArea label="Members">
          <table className="data-table data-table--cards members-table">
            <caption className="visually-hidden">Members of the network with their status</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Kind</th>
                <th scope="col">Country</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Live matches
                </th>
                <th scope="col">Confirmed partner</th>
                <th scope="col">Unanswered since</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => {
                const unanswered = oldestUnanswered(member.id, matches);
                return (
                  <tr key={member.id} data-member={member.name}>
                    <th scope="row">
                      <a href={href(memberPath(networkId, member.id))}>{member.name}</a>
                    </th>
                    <td data-label="Kind">{KIND_LABELS[member.kind]}</td>
                    <td data-label="Country">{countryName(member.country)}</td>
                    <td data-label="Status">
                      <span className={`badge badge--${member.status}`}>{member.status}</span>
                    </td>
                    <td data-label="Live matches" className="numeric">
                      {matchesOf.get(member.id) ?? 0}
                    </td>
                    <td data-label="Confirmed partner">{hasConfirmedPartner(member.id, matches) ? 'Yes' : 'Not yet'}</td>
                    <td data-label="Unanswered since">{unanswered ? <time dateTime={unanswered}>{day.format(new Date(unanswered))}</time> : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </>
  );
}
