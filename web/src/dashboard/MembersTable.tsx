import { useState } from 'react';
import { ScrollArea } from '../components/ScrollArea';
import type { JoinRequests, NetworkMatch, NetworkMember } from '../api/types';
import { MemberText } from '../components/MemberText';
import { useLocale } from '../i18n/use-locale';
import { href, memberPath } from '../router';
import { filterMembers, hasConfirmedPartner, oldestUnanswered, type MemberFilter } from './member-filters';

const FILTERS = [
  { kind: 'all', label: 'filters.all' },
  { kind: 'no-confirmed-partner', label: 'filters.noConfirmedPartner' },
  { kind: 'not-answered', label: 'filters.notAnswered' },
  { kind: 'pending-approval', label: 'filters.pendingApproval' },
] as const;

/**
 * The members, filtered by the questions a coordinator asks ("who has no confirmed partner yet?",
 * "who has not answered?"), each linked to its member page. On a phone each row is a card.
 */
export function MembersTable({ networkId, members, matches, matchesOf, requests }: { networkId: string; members: readonly NetworkMember[]; matches: readonly NetworkMatch[]; matchesOf: ReadonlyMap<string, number>; requests: JoinRequests['requests'] }) {
  const { t, d, country, number, compare, dateTime } = useLocale();
  const day: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
  const [kind, setKind] = useState<MemberFilter['kind']>('all');
  const [days, setDays] = useState(7);
  const filter: MemberFilter = kind === 'not-answered' ? { kind, days } : { kind };
  const rows = filterMembers(members, matches, filter, new Date(), requests).sort((a, b) => compare(a.name, b.name));
  return (
    <>
      <fieldset className="filters">
        <legend>{t('filters.show')}</legend>
        <div className="filters__options">
          {FILTERS.map((f) => (
            <label key={f.kind} className="filters__option">
              <input type="radio" name="member-filter" value={f.kind} checked={kind === f.kind} onChange={() => setKind(f.kind)} />
              {t(f.label)}
            </label>
          ))}
          <label className="filters__days">
            {t('filters.days')}
            <input type="number" min={0} max={365} value={days} onChange={(e) => setDays(Math.max(0, Number(e.target.value) || 0))} disabled={kind !== 'not-answered'} />
          </label>
        </div>
      </fieldset>
      <p className="muted" role="status" aria-live="polite">
        {kind === 'all' ? t('filters.allCount', { total: number(members.length) }) : t('filters.someCount', { shown: number(rows.length), total: number(members.length) })}
      </p>
      {rows.length === 0 ? (
        <p className="empty">{t('filters.none')}</p>
      ) : (
        <ScrollArea label={t('dashboard.members')}>
          <table className="data-table data-table--cards members-table">
            <caption className="visually-hidden">{t('membersTable.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('membersTable.member')}</th>
                <th scope="col">{t('membersTable.kind')}</th>
                <th scope="col">{t('membersTable.country')}</th>
                <th scope="col">{t('membersTable.status')}</th>
                <th scope="col" className="numeric">
                  {t('dashboard.liveMatches')}
                </th>
                <th scope="col">{t('membersTable.confirmedPartner')}</th>
                <th scope="col">{t('membersTable.unansweredSince')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => {
                const unanswered = oldestUnanswered(member.id, matches);
                return (
                  <tr key={member.id} data-member={member.name}>
                    <th scope="row">
                      <a href={href(memberPath(networkId, member.id))}>
                        <MemberText text={member.name} />
                      </a>
                    </th>
                    <td data-label={t('membersTable.kind')}>{d(`kind.${member.kind}`)}</td>
                    <td data-label={t('membersTable.country')}>{country(member.country)}</td>
                    <td data-label={t('membersTable.status')}>
                      {'requestedAt' in member ? (
                        <span className="badge badge--pending">{t('filters.awaitingApproval')}</span>
                      ) : (
                        <span className={`badge badge--${member.status}`}>{t(`profileStatus.${member.status}`)}</span>
                      )}
                    </td>
                    <td data-label={t('dashboard.liveMatches')} className="numeric">
                      {number(matchesOf.get(member.id) ?? 0)}
                    </td>
                    <td data-label={t('membersTable.confirmedPartner')}>{hasConfirmedPartner(member.id, matches) ? t('common.yes') : t('common.notYet')}</td>
                    <td data-label={t('membersTable.unansweredSince')}>{unanswered ? <time dateTime={unanswered}>{dateTime(unanswered, day)}</time> : '–'}</td>
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
