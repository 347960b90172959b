import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FORMATS, FUNDING_INSTRUMENTS, MEMBER_MAIL_FREQUENCIES, PROFILE_KINDS, RESOURCES, type MemberMailFrequency, type ProfileInput } from '@culturebridge/domain';
import { ApiProblem, SessionLost } from '../api/client';
import { groupErrors, validateProfile, errorId, fieldId, type FieldErrors } from '../form/field-errors';
import { toProfileInput, type ProfileFormState } from '../form/profile-form-state';
import {
  COMMON_LANGUAGES,
  COUNTRY_OPTIONS,
  FORMAT_LABELS,
  FUNDING_LABELS,
  KIND_LABELS,
  LANGUAGE_OPTIONS,
  RESOURCE_LABELS,
  languageLabel,
} from '../lib/labels';
import { networkLabel, useNetworks } from '../lib/networks';
import { AddAnother } from './AddAnother';
import { ChoiceChips } from './ChoiceChips';
import { ErrorSummary } from './ErrorSummary';
import { describedBy, FieldMessages } from './FieldMessages';
import { ProblemMessage } from './ProblemMessage';
import { MAIL_FREQUENCY_LABELS } from './ProfileSummary';
import { TextField } from './TextField';
import { ThemePicker } from './ThemePicker';

/** The fields in the order they appear, for the error summary. */
const FIELD_ORDER = [
  'kind',
  'name',
  'country',
  'region',
  'networks',
  'contact',
  'themes',
  'freeTags',
  'formats',
  'offers',
  'needs',
  'fundingInstruments',
  'languages',
  'availability',
  'openToOutsideNetwork',
  'mailFrequency',
  'description',
] as const;

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

interface ProfileFormProps {
  initial: ProfileFormState;
  submitLabel: string;
  /** Sends the profile; an ApiProblem it throws is shown in the form, field errors next to their fields. */
  onSubmit: (input: ProfileInput) => Promise<void>;
  /** Buttons beside the submit button (e.g. Cancel). */
  actions?: ReactNode;
}

/**
 * The interest form. It validates with the API's own zod schema before sending, and shows the API's
 * field errors in exactly the same places: both name fields by the same path.
 */
export function ProfileForm({ initial, submitLabel, onSubmit, actions }: ProfileFormProps) {
  const [form, setForm] = useState(initial);
  const networks = useNetworks();
  const [attempted, setAttempted] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>(new Map());
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [summaryFocus, setSummaryFocus] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (summaryFocus) summary.current?.focus();
  }, [summaryFocus]);

  const errors: FieldErrors = merge(clientErrors, serverErrors);
  const errorsOf = (key: string) => errors.get(key);

  /** Applies a change; after a first submit, the messages follow every edit. */
  const update = (changes: Partial<ProfileFormState>, ...keys: string[]) => {
    const next = { ...form, ...changes };
    setForm(next);
    if (attempted) {
      const input = toProfileInput(next);
      setClientErrors(groupErrors(validateProfile(input), input));
    }
    // What the server said about a field no longer holds once the field changed.
    setServerErrors((previous) => new Map([...previous].filter(([key]) => !keys.some((k) => key === k || key.startsWith(`${k}.`) || k.startsWith(`${key}.`)))));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setProblem(undefined);
    setServerErrors(new Map());
    const input = toProfileInput(form);
    const problems = validateProfile(input);
    setClientErrors(groupErrors(problems, input));
    if (problems.length) {
      setSummaryFocus((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await onSubmit(input);
    } catch (error) {
      if (error instanceof SessionLost) return;
      const failure = error instanceof ApiProblem ? error : new ApiProblem(0, 'about:blank', 'Something went wrong', String(error), []);
      if (failure.errors.length) {
        setServerErrors(groupErrors(failure.errors, input));
        setSummaryFocus((n) => n + 1);
      } else {
        setProblem(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  const languageOptions = [...new Set([...COMMON_LANGUAGES, ...form.languages])].map((code) => ({ value: code, label: languageLabel(code) }));
  const networkOptions = [...new Set([...networks.map((n) => n.id), ...form.networks])].map((id) => ({ value: id, label: networkLabel(id) }));
  const description = form.description.length;

  return (
    <form className="profile-form" noValidate onSubmit={submit} aria-busy={busy}>
      <ErrorSummary ref={summary} errors={errors} order={FIELD_ORDER} />
      {problem ? <ProblemMessage problem={problem} /> : null}

      <section className="form-section" aria-labelledby="form-about">
        <h2 id="form-about">About your organisation</h2>
        <fieldset
          id={fieldId('kind')}
          className={`field${errorsOf('kind')?.length ? ' field--invalid' : ''}`}
          aria-describedby={describedBy(Boolean(errorsOf('kind')?.length) && errorId('kind'))}
        >
          <legend>You are a</legend>
          <FieldMessages id={errorId('kind')} messages={errorsOf('kind')} />
          <div className="radios">
            {PROFILE_KINDS.map((kind) => (
              <div className="radio" key={kind}>
                <input type="radio" id={`${fieldId('kind')}-${kind}`} name="kind" value={kind} checked={form.kind === kind} onChange={() => update({ kind }, 'kind')} />
                <label htmlFor={`${fieldId('kind')}-${kind}`}>{KIND_LABELS[kind]}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField fieldKey="name" label="Name" hint="The city, cluster or organisation, as partners know it." value={form.name} onChange={(name) => update({ name }, 'name')} errors={errorsOf('name')} autoComplete="organization" required />
        <div className={`field${errorsOf('country')?.length ? ' field--invalid' : ''}`}>
          <label htmlFor={fieldId('country')}>Country</label>
          <FieldMessages id={errorId('country')} messages={errorsOf('country')} />
          <select
            id={fieldId('country')}
            value={form.country}
            aria-invalid={errorsOf('country')?.length ? true : undefined}
            aria-describedby={describedBy(Boolean(errorsOf('country')?.length) && errorId('country'))}
            onChange={(e) => update({ country: e.target.value }, 'country')}
          >
            <option value="">Choose a country</option>
            {COUNTRY_OPTIONS.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <TextField fieldKey="region" label="City or region" value={form.region} onChange={(region) => update({ region }, 'region')} errors={errorsOf('region')} autoComplete="address-level2" />
        <ChoiceChips
          fieldKey="networks"
          legend="Networks you belong to"
          hint="Joining a network is a request its coordinators approve; partners are proposed within the networks that approved you (and outside them if you allow it below)."
          options={networkOptions}
          selected={form.networks}
          onChange={(chosen) => update({ networks: chosen }, 'networks')}
          errors={errorsOf('networks')}
        />
      </section>

      <section className="form-section" aria-labelledby="form-contact">
        <h2 id="form-contact">Contact</h2>
        <p className="section-note">We send your sign-in and confirmation links here. Partners see it only once you both accepted a match.</p>
        <TextField fieldKey="contact.name" label="Contact person" value={form.contactName} onChange={(contactName) => update({ contactName }, 'contact.name')} errors={errorsOf('contact.name')} autoComplete="name" required />
        <TextField fieldKey="contact.email" label="Contact e-mail" type="email" value={form.contactEmail} onChange={(contactEmail) => update({ contactEmail }, 'contact.email')} errors={errorsOf('contact.email')} autoComplete="email" required />
      </section>

      <section className="form-section" aria-labelledby="form-themes">
        <h2 id="form-themes">Themes</h2>
        <ThemePicker selected={form.themes} onChange={(themes, key) => update({ themes }, 'themes', key)} errors={errors} />
        <TextField
          fieldKey="freeTags"
          label="Other topics"
          hint="Separate them with commas. They are kept with your profile; only the themes above count for matching."
          value={form.freeTags}
          onChange={(freeTags) => update({ freeTags }, 'freeTags')}
          errors={errorsOf('freeTags')}
        />
      </section>

      <section className="form-section" aria-labelledby="form-cooperation">
        <h2 id="form-cooperation">Cooperation</h2>
        <ChoiceChips fieldKey="formats" legend="Formats you look for" options={options(FORMATS, FORMAT_LABELS)} selected={form.formats} onChange={(formats) => update({ formats }, 'formats')} errors={errorsOf('formats')} />
        <ChoiceChips fieldKey="offers" legend="What you can offer a partner" options={options(RESOURCES, RESOURCE_LABELS)} selected={form.offers} onChange={(offers) => update({ offers }, 'offers')} errors={errorsOf('offers')} />
        <ChoiceChips fieldKey="needs" legend="What you need from a partner" options={options(RESOURCES, RESOURCE_LABELS)} selected={form.needs} onChange={(needs) => update({ needs }, 'needs')} errors={errorsOf('needs')} />
        <ChoiceChips
          fieldKey="fundingInstruments"
          legend="Funding you consider"
          options={options(FUNDING_INSTRUMENTS, FUNDING_LABELS)}
          selected={form.fundingInstruments}
          onChange={(fundingInstruments) => update({ fundingInstruments }, 'fundingInstruments')}
          errors={errorsOf('fundingInstruments')}
        />
      </section>

      <section className="form-section" aria-labelledby="form-languages">
        <h2 id="form-languages">Languages and availability</h2>
        <ChoiceChips
          fieldKey="languages"
          legend="Working languages"
          hint="Partners need at least one language in common with you."
          options={languageOptions}
          selected={form.languages}
          onChange={(languages) => update({ languages }, 'languages')}
          errors={errorsOf('languages')}
        >
          <AddAnother
            label="Another language"
            buttonLabel="Add language"
            options={LANGUAGE_OPTIONS.filter((l) => !form.languages.includes(l.code)).map((l) => ({ value: l.code, label: l.name }))}
            onAdd={(code) => update({ languages: [...new Set([...form.languages, code])] }, 'languages')}
          />
        </ChoiceChips>
        <div className="field-row">
          <TextField fieldKey="availability.from" label="Available from" type="date" value={form.availableFrom} onChange={(availableFrom) => update({ availableFrom }, 'availability')} errors={errorsOf('availability.from') ?? errorsOf('availability')} />
          <TextField fieldKey="availability.to" label="Available until" type="date" value={form.availableTo} onChange={(availableTo) => update({ availableTo }, 'availability')} errors={errorsOf('availability.to')} />
        </div>
        <Checkbox fieldKey="openToOutsideNetwork" label="Propose partners from outside my networks too (when they allow it as well)" checked={form.openToOutsideNetwork} onChange={(openToOutsideNetwork) => update({ openToOutsideNetwork }, 'openToOutsideNetwork')} errors={errorsOf('openToOutsideNetwork')} />
      </section>

      <section className="form-section" aria-labelledby="form-more">
        <h2 id="form-more">More about your plans</h2>
        <TextField
          fieldKey="description"
          label="Describe what you would like to do"
          hint={`Partners read this with your profile. ${description} of 4000 characters.`}
          multiline
          value={form.description}
          onChange={(text) => update({ description: text }, 'description')}
          errors={errorsOf('description')}
        />
        <MailFrequencyField value={form.mailFrequency} onChange={(mailFrequency) => update({ mailFrequency }, 'mailFrequency')} errors={errorsOf('mailFrequency')} />
      </section>

      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : submitLabel}
        </button>
        {actions}
      </div>
    </form>
  );
}

/** How often the contact hears about matches; one definition for the form and the preferences page. */
export function MailFrequencyField({ value, onChange, errors }: { value: MemberMailFrequency; onChange: (value: MemberMailFrequency) => void; errors?: readonly string[] | undefined }) {
  return (
    <div className={`field${errors?.length ? ' field--invalid' : ''}`}>
      <label htmlFor={fieldId('mailFrequency')}>E-mails about your matches</label>
      <FieldMessages id={errorId('mailFrequency')} messages={errors} />
      <select id={fieldId('mailFrequency')} value={value} aria-describedby={describedBy(Boolean(errors?.length) && errorId('mailFrequency'))} onChange={(e) => onChange(e.target.value as MemberMailFrequency)}>
        {MEMBER_MAIL_FREQUENCIES.map((f) => (
          <option key={f} value={f}>
            {MAIL_FREQUENCY_LABELS[f]}
          </option>
        ))}
      </select>
    </div>
  );
}

function Checkbox({ fieldKey, label, checked, onChange, errors }: { fieldKey: string; label: string; checked: boolean; onChange: (checked: boolean) => void; errors: readonly string[] | undefined }) {
  return (
    <div className={`field checkbox${errors?.length ? ' field--invalid' : ''}`}>
      <FieldMessages id={errorId(fieldKey)} messages={errors} />
      <input
        type="checkbox"
        id={fieldId(fieldKey)}
        checked={checked}
        aria-describedby={describedBy(Boolean(errors?.length) && errorId(fieldKey))}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={fieldId(fieldKey)}>{label}</label>
    </div>
  );
}

function merge(a: FieldErrors, b: FieldErrors): FieldErrors {
  const merged = new Map(a);
  for (const [key, messages] of b) merged.set(key, [...new Set([...(merged.get(key) ?? []), ...messages])]);
  return merged;
}
