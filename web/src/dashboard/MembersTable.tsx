import { useEffect, useRef, useState } from 'react';
import { fetchRejectedMembers } from '../api/endpoints';
import { ScrollArea } from '../components/ScrollArea';
import type { JoinRequests, NetworkMember } from '../api/types';
import { MemberText } from '../components/MemberText';
import { ProblemMessage } from '../components/ProblemMessage';
import { useLocale } from '../i18n/use-locale';
import { useResource } from '../lib/use-resource';
import { href, memberPath } from '../router';
import { filterMembers, hasConfirmedPartner, oldestUnanswered, type MemberFilter, type MemberMatchFacts } from './member-filters';

const FILTERS = [
  { kind: 'all', label: 'filters.all' },
  { kind: 'no-confirmed-partner', label: 'filters.noConfirmedPartner' },
  { kind: 'not-answered', label: 'filters.notAnswered' },
  { kind: 'pending-approval', label: 'filters.pendingApproval' },
  { kind: 'rejected', label: 'filters.rejected' },
] as const;

/**
 * Those taken out of the network or turned down, read only while the filter shows them (the
 * dashboard's other reads run every 15 s; these are for the coordinator who looks), and read again
 * when the dashboard is (`loadedAt`).
 */
function useRejected(networkId: string, wanted: boolean, loadedAt: Date) {
  const rejected = useResource(async () => (wanted ? await fetchRejectedMembers(networkId) : []), wanted ? `${networkId}/rejected` : `${networkId}/none`);
  const shownAt = useRef(loadedAt);
  const { reload } = rejected;
  useEffect(() => {
    if (shownAt.current === loadedAt) return;
    shownAt.current = loadedAt;
    if (wanted) void reload();
  }, [loadedAt, wanted, reload]);
  return rejected;
}

/** Rows drawn at first, and added by each "show more": a network of 5 000 drew a page 333 000 px tall. */
export const MEMBERS_PAGE = 100;

/**
 * The members, filtered by the questions a coordinator asks ("who has no confirmed partner yet?",
 * "who has not answered?") and by name, each linked to its member page; the first
 * `MEMBERS_PAGE` rows, more on demand. On a phone each row is a card.
 */
export function MembersTable({
  networkId,
  members,
  facts,
  matchesOf,
  requests,
  loadedAt,
}: {
  networkId: string;
  members: readonly NetworkMember[];
  facts: MemberMatchFacts;
  matchesOf: ReadonlyMap<string, number>;
  requests: JoinRequests['requests'];
  /** When the dashboard last read its data: the list of those removed is read again with it. */
  loadedAt: Date;
}) {
  const { t, d, country, number, compare, date, locale } = useLocale();
  const [kind, setKind] = useState<MemberFilter['kind']>('all');
  const [days, setDays] = useState(7);
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(MEMBERS_PAGE);
  const rejected = useRejected(networkId, kind === 'rejected', loadedAt);
  const filter: MemberFilter = kind === 'not-answered' ? { kind, days } : { kind };
  const wanted = search.trim().toLocaleLowerCase(locale);
  const matching = filterMembers(members, facts, filter, new Date(), requests, rejected.data).filter((m) => wanted === '' || m.name.toLocaleLowerCase(locale).includes(wanted));
  const rows = matching.sort((a, b) => compare(a.name, b.name)).slice(0, limit);
  // A new question starts at the top of its answer.
  const choose = (next: () => void) => {
    next();
    setLimit(MEMBERS_PAGE);
  };
  const filtered = kind !== 'all' || wanted !== '';
  // Those removed are not among the members: their own count, once read.
  const count =
    kind !== 'rejected'
      ? filtered
        ? t('filters.someCount', { count: members.length, shown: number(matching.length), total: number(members.length) })
        : t('filters.allCount', { count: members.length, total: number(members.length) })
      : rejected.status === 'loading'
        ? t('common.loading')
        : rejected.data
          ? t('filters.rejectedCount', { n: number(matching.length) })
          : '';
  return (
    <>
      <fieldset className="filters">
        <legend>{t('filters.show')}</legend>
        <div className="filters__options">
          {FILTERS.map((f) => (
            <label key={f.kind} className="filters__option">
              <input type="radio" name="member-filter" value={f.kind} checked={kind === f.kind} onChange={() => choose(() => setKind(f.kind))} />
              {t(f.label)}
            </label>
          ))}
          <label className="filters__days">
            {t('filters.days')}
            <input type="number" min={0} max={365} value={days} onChange={(e) => choose(() => setDays(Math.max(0, Number(e.target.value) || 0)))} disabled={kind !== 'not-answered'} />
          </label>
        </div>
        <label className="filters__search">
          {t('membersTable.search')}
          <input type="search" value={search} onChange={(e) => choose(() => setSearch(e.target.value))} />
        </label>
      </fieldset>
      <p className="muted" role="status" aria-live="polite">
        {count}
        {rows.length < matching.length ? ` ${t('membersTable.listedFirst', { n: number(rows.length) })}` : ''}
      </p>
      {kind === 'rejected' && rejected.error ? <ProblemMessage problem={rejected.error} /> : null}
      {kind === 'rejected' && !rejected.data ? null : rows.length === 0 ? (
        <p className="empty">{kind === 'rejected' && wanted === '' ? t('filters.noneRejected') : t('filters.none')}</p>
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
                const unanswered = oldestUnanswered(member.id, facts);
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
                      ) : kind === 'rejected' ? (
                        <span className="badge badge--declined">{t('filters.rejectedBadge')}</span>
                      ) : (
                        <span className={`badge badge--${member.status}`}>{t(`profileStatus.${member.status}`)}</span>
                      )}
                    </td>
                    <td data-label={t('dashboard.liveMatches')} className="numeric">
                      {number(matchesOf.get(member.id) ?? 0)}
                    </td>
                    <td data-label={t('membersTable.confirmedPartner')}>{hasConfirmedPartner(member.id, facts) ? t('common.yes') : t('common.notYet')}</td>
                    <td data-label={t('membersTable.unansweredSince')}>{unanswered ? <time dateTime={unanswered}>{date(unanswered)}</time> : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollArea>
      )}
      {rows.length < matching.length ? (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setLimit(limit + MEMBERS_PAGE)}>
            {t('membersTable.showMore', { n: number(Math.min(MEMBERS_PAGE, matching.length - rows.length)) })}
          </button>
        </p>
      ) : null}
    </>
  );
}
