import { memberMailFrequency, type Profile } from '@culturebridge/domain';
import { useLocale } from '../i18n/use-locale';
import { networkShortLabel } from '../lib/networks';
import { MemberText } from './MemberText';

/** The profile as its owner reads it back, with the contact (partners see that only once confirmed). */
export function ProfileSummary({ profile }: { profile: Profile }) {
  const { t, d, list, country, language, dateTime } = useLocale();
  const date = (iso: string) => dateTime(`${iso}T00:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
  // Values members wrote keep their own language (`lang`); the rest is the reader's.
  const rows: [string, string, boolean][] = [
    [t('summary.kind'), d(`kind.${profile.kind}`), false],
    [t('summary.place'), [profile.region, country(profile.country)].filter(Boolean).join(', '), false],
    [t('summary.networks'), list(profile.networks.map(networkShortLabel)), false],
    [t('summary.contact'), `${profile.contact.name}, ${profile.contact.email}`, true],
    [t('summary.themes'), list(profile.themes.map((th) => t('summary.themeWithPriority', { theme: d(`theme.${th.id}`), priority: d(`priorityWord.${th.priority}`) }))), false],
    [t('summary.freeTags'), profile.freeTags.join(', '), true],
    [t('summary.formats'), list(profile.formats.map((f) => d(`format.${f}`))), false],
    [t('summary.offers'), list(profile.offers.map((r) => d(`resource.${r}`))), false],
    [t('summary.needs'), list(profile.needs.map((r) => d(`resource.${r}`))), false],
    [t('summary.funding'), list(profile.fundingInstruments.map((f) => d(`funding.${f}`))), false],
    [t('summary.languages'), list(profile.languages.map(language)), false],
    [t('summary.available'), profile.availability ? t('summary.fromTo', { from: date(profile.availability.from), to: date(profile.availability.to) }) : '', false],
    [t('summary.outside'), profile.openToOutsideNetwork ? t('summary.welcome') : t('summary.notProposed'), false],
    [t('summary.matchEmails'), t(`mailFrequency.${memberMailFrequency(profile)}`), false],
    [t('summary.locale'), language(profile.locale ?? 'en'), false],
    [t('summary.about'), profile.description, true],
  ];
  return (
    <dl className="summary-list">
      {rows
        .filter(([, value]) => value)
        .map(([label, value, memberWritten]) => (
          <div key={label} className="summary-list__row">
            <dt>{label}</dt>
            <dd>{memberWritten ? <MemberText text={value} /> : value}</dd>
          </div>
        ))}
    </dl>
  );
}
