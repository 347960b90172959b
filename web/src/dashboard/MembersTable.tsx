import { ScrollArea } from '../components/ScrollArea';
import type { NetworkMember } from '../api/types';
import { MemberText } from '../components/MemberText';
import { useLocale } from '../i18n/use-locale';

export function MembersTable({ members, matchesOf }: { members: readonly NetworkMember[]; matchesOf: ReadonlyMap<string, number> }) {
  const { t, d, country, number, compare } = useLocale();
  const rows = [...members].sort((a, b) => compare(a.name, b.name));
  return (
    <ScrollArea label={t('dashboard.members')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('membersTable.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('membersTable.member')}</th>
            <th scope="col">{t('membersTable.kind')}</th>
            <th scope="col">{t('membersTable.country')}</th>
            <th scope="col">{t('membersTable.status')}</th>
            <th scope="col" className="numeric">
              {t('membersTable.themes')}
            </th>
            <th scope="col" className="numeric">
              {t('dashboard.liveMatches')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((member) => (
            <tr key={member.id} data-member={member.name}>
              <th scope="row">
                <MemberText text={member.name} />
              </th>
              <td>{d(`kind.${member.kind}`)}</td>
              <td>{country(member.country)}</td>
              <td>
                <span className={`badge badge--${member.status}`}>{t(`profileStatus.${member.status}`)}</span>
              </td>
              <td className="numeric">{number(member.themes.length)}</td>
              <td className="numeric">{number(matchesOf.get(member.id) ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
