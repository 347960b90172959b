import { memberMailFrequency, type Profile } from '@culturebridge/domain';
import { countryName, FORMAT_LABELS, FUNDING_LABELS, KIND_LABELS, languageLabel, RESOURCE_LABELS, themeLabel } from '../lib/labels';
import { networkLabel } from '../lib/networks';

export const MAIL_FREQUENCY_LABELS = { immediate: 'A mail per change', daily: 'A daily digest', weekly: 'A weekly digest', off: 'None' } as const;

/** The profile as its owner reads it back, with the contact (partners see that only once confirmed). */
export function ProfileSummary({ profile }: { profile: Profile }) {
  const rows: [string, string][] = [
    ['Kind', KIND_LABELS[profile.kind]],
    ['Place', [profile.region, countryName(profile.country)].filter(Boolean).join(', ')],
    ['Networks', profile.networks.map(networkLabel).join('; ')],
    ['Contact', `${profile.contact.name}, ${profile.contact.email}`],
    ['Themes', profile.themes.map((t) => `${themeLabel(t.id)} (${t.priority})`).join(', ')],
    ['Other topics', profile.freeTags.join(', ')],
    ['Formats', profile.formats.map((f) => FORMAT_LABELS[f]).join(', ')],
    ['Offers', profile.offers.map((r) => RESOURCE_LABELS[r]).join(', ')],
    ['Needs', profile.needs.map((r) => RESOURCE_LABELS[r]).join(', ')],
    ['Funding', profile.fundingInstruments.map((f) => FUNDING_LABELS[f]).join(', ')],
    ['Languages', profile.languages.map(languageLabel).join(', ')],
    ['Available', profile.availability ? `${profile.availability.from} to ${profile.availability.to}` : ''],
    ['Partners outside the network', profile.openToOutsideNetwork ? 'Welcome' : 'Not proposed'],
    ['Match e-mails', MAIL_FREQUENCY_LABELS[memberMailFrequency(profile)]],
    ['About', profile.description],
  ];
  return (
    <dl className="summary-list">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} className="summary-list__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
