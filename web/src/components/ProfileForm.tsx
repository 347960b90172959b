import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FORMATS, FUNDING_INSTRUMENTS, LIMITS, MEMBER_MAIL_FREQUENCIES, PROFILE_KINDS, RESOURCES, textLength, type MemberMailFrequency, type ProfileInput } from '@culturebridge/domain';
import { ApiProblem, asProblem, SessionLost } from '../api/client';
import { groupErrors, validateProfile, errorId, fieldId, type FieldErrors } from '../form/field-errors';
import { toProfileInput, type ProfileFormState } from '../form/profile-form-state';
import { sameAsJson } from '../form/carry';
import { carryOver, clearDraft, readDraft, writeDraft, type DraftKey, type ProfileDraft } from '../form/profile-draft';
import { useLocale } from '../i18n/use-locale';
import { useLeaveWarning } from '../lib/use-leave-warning';
import { COMMON_LANGUAGES, countryChoices, languageChoices, type Choice } from '../lib/labels';
import { networkLabel, useNetworks } from '../lib/networks';
import { AddAnother } from './AddAnother';
import { BusyButton } from './BusyButton';
import { ChoiceChips } from './ChoiceChips';
import { ErrorSummary } from './ErrorSummary';
import { describedBy, FieldMessages } from './FieldMessages';
import { ProblemMessage } from './ProblemMessage';
import { TextField } from './TextField';
import { ThemePicker } from './ThemePicker';
import { LocaleOptions } from './LocaleOptions';

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
  'locale',
  'description',
] as const;

interface ProfileFormProps {
  initial: ProfileFormState;
  submitLabel: string;
  /** Sends the profile; an ApiProblem it throws is shown in the form, field errors next to their fields. */
  onSubmit: (input: ProfileInput) => Promise<void>;
  /** Buttons beside the submit button (e.g. Cancel). */
  actions?: ReactNode;
  /**
   * Keeps what is typed as a draft of this tab (see profile-draft): `key` the profile's id or `new`,
   * `version` the version `initial` was read at (0 for a new profile). The page clears it once saved.
   */
  draft?: { key: DraftKey; version: number };
}

/** The catalog key of a form state field's label, where it is not `fieldName.<field>`. */
const FIELD_LABELS: Partial<Record<keyof ProfileFormState, string>> = {
  contactName: 'fieldName.contact.name',
  contactEmail: 'fieldName.contact.email',
  availableFrom: 'fieldName.availability',
  availableTo: 'fieldName.availability',
  mailFrequency: 'mailFrequency.label',
};

/**
 * The form to start with: the tab's draft when there is one, carried onto `initial` when the profile
 * changed since it was begun; `restored` says which, and which fields both changed.
 */
function startingForm(initial: ProfileFormState, draft: ProfileFormProps['draft']): { form: ProfileFormState; kept: ProfileDraft | undefined; restored?: { overlapping: (keyof ProfileFormState)[]; carried: boolean } } {
  const stored = draft ? readDraft(draft.key) : undefined;
  if (!draft || !stored) return { form: initial, kept: draft && { version: draft.version, base: initial, form: initial } };
  if (stored.version >= draft.version) return { form: stored.form, kept: stored, restored: { overlapping: [], carried: false } };
  const { form, overlapping } = carryOver(stored, initial);
  return { form, kept: { version: draft.version, base: initial, form }, restored: { overlapping, carried: true } };
}

/**
 * The interest form. It validates with the API's own zod schema before sending, and shows the API's
 * field errors in exactly the same places: both name fields by the same path.
 */
export function ProfileForm({ initial, submitLabel, onSubmit, actions, draft }: ProfileFormProps) {
  const tools = useLocale();
  const { t, d } = tools;
  const options = <T extends string>(values: readonly T[], group: string) => values.map((value) => ({ value, label: d(`${group}.${String(value)}` as string) }));
  const [start] = useState(() => startingForm(initial, draft));
  const [form, setForm] = useState(start.form);
  const [restored, setRestored] = useState(start.restored);
  // What the draft is measured against: the form as the profile was when editing began.
  const kept = useRef(start.kept);
  const unsaved = kept.current !== undefined && !sameAsJson(form, kept.current.base);
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

  // Leaving the page (closing the tab, the back button out of the app) asks first while there is
  // typed work; a reload keeps it anyway, as a draft.
  useLeaveWarning(unsaved);

  const discardDraft = () => {
    if (!draft || !kept.current) return;
    clearDraft(draft.key);
    kept.current = { version: draft.version, base: initial, form: initial };
    setForm(initial);
    setRestored(undefined);
    setClientErrors(new Map());
    setServerErrors(new Map());
  };

  // A form without a mail language (a new profile) uses the page's, following it while the member
  // has not chosen one: a member who switches the page to Azerbaijani gets Azerbaijani mails.
  const mailLocale = form.locale || tools.locale;
  const withMailLocale = (state: ProfileFormState): ProfileFormState => ({ ...state, locale: state.locale || tools.locale });

  const errors: FieldErrors = merge(clientErrors, serverErrors);
  const errorsOf = (key: string) => errors.get(key);

  /** Applies a change; after a first submit, the messages follow every edit. */
  const update = (changes: Partial<ProfileFormState>, ...keys: string[]) => {
    const next = { ...form, ...changes };
    setForm(next);
    if (draft && kept.current) {
      kept.current = { ...kept.current, form: next };
      writeDraft(draft.key, kept.current);
    }
    if (attempted) {
      const input = toProfileInput(withMailLocale(next));
      setClientErrors(groupErrors(validateProfile(input), input, t, tools.locale));
    }
    // What the server said about a field no longer holds once the field changed.
    setServerErrors((previous) => new Map([...previous].filter(([key]) => !keys.some((k) => key === k || key.startsWith(`${k}.`) || k.startsWith(`${key}.`)))));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempted(true);
    setProblem(undefined);
    setServerErrors(new Map());
    const input = toProfileInput(withMailLocale(form));
    const problems = validateProfile(input);
    setClientErrors(groupErrors(problems, input, t, tools.locale));
    if (problems.length) {
      setSummaryFocus((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await onSubmit(input);
    } catch (error) {
      if (error instanceof SessionLost) return;
      const failure = asProblem(error, t('problem.generic'));
      if (failure.errors.length) {
        setServerErrors(groupErrors(failure.errors, input, t, tools.locale));
        setSummaryFocus((n) => n + 1);
      } else {
        setProblem(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  const languageOptions = [...new Set([...COMMON_LANGUAGES, ...form.languages])].map((code) => ({ value: code, label: tools.language(code) }));
  // The region's countries and languages first: see regionFirst.
  const countries = countryChoices(tools);
  const otherLanguages = languageChoices(tools, form.languages);
  const networkOptions = [...new Set([...networks.map((n) => n.id), ...form.networks])].map((id) => ({ value: id, label: networkLabel(id) }));
  // Counted as the schema's max counts (an emoji is one character), so the counter and the check agree.
  const description = textLength(form.description);

  return (
    <form className="profile-form" noValidate onSubmit={submit} aria-busy={busy}>
      <ErrorSummary ref={summary} errors={errors} order={FIELD_ORDER} />
      {problem ? <ProblemMessage problem={problem} /> : null}
      {restored ? (
        <div className={`notice${restored.carried ? ' notice--warning' : ''}`} role="status">
          <p className="notice__title">{t(restored.carried ? 'form.draft.carriedOver' : 'form.draft.restored')}</p>
          {restored.carried ? <p>{t('form.draft.checkAndSave')}</p> : null}
          {restored.overlapping.length ? (
            <p>{t('form.draft.overlapping', { fields: tools.list([...new Set(restored.overlapping.map((f) => t(FIELD_LABELS[f] ?? `fieldName.${f}`)))]) })}</p>
          ) : null}
          <p>
            <button type="button" className="button button--secondary" onClick={discardDraft}>
              {t('form.draft.discard')}
            </button>
          </p>
        </div>
      ) : null}

      <section className="form-section" aria-labelledby="form-about">
        <h2 id="form-about">{t('form.about')}</h2>
        <fieldset
          id={fieldId('kind')}
          className={`field${errorsOf('kind')?.length ? ' field--invalid' : ''}`}
          aria-describedby={describedBy(Boolean(errorsOf('kind')?.length) && errorId('kind'))}
        >
          <legend>{t('form.kind')}</legend>
          <FieldMessages id={errorId('kind')} messages={errorsOf('kind')} />
          <div className="radios">
            {PROFILE_KINDS.map((kind) => (
              <div className="radio" key={kind}>
                <input type="radio" id={`${fieldId('kind')}-${kind}`} name="kind" value={kind} checked={form.kind === kind} onChange={() => update({ kind }, 'kind')} />
                <label htmlFor={`${fieldId('kind')}-${kind}`}>{d(`kind.${kind}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField fieldKey="name" label={t('fieldName.name')} hint={t('form.nameHint')} value={form.name} onChange={(name) => update({ name }, 'name')} errors={errorsOf('name')} autoComplete="organization" required />
        <div className={`field${errorsOf('country')?.length ? ' field--invalid' : ''}`}>
          <label htmlFor={fieldId('country')}>{t('fieldName.country')}</label>
          <FieldMessages id={errorId('country')} messages={errorsOf('country')} />
          <select
            id={fieldId('country')}
            value={form.country}
            aria-invalid={errorsOf('country')?.length ? true : undefined}
            aria-describedby={describedBy(Boolean(errorsOf('country')?.length) && errorId('country'))}
            onChange={(e) => update({ country: e.target.value }, 'country')}
          >
            <option value="">{t('form.chooseCountry')}</option>
            <optgroup label={t('form.regionCountries')}>{countryOptionsOf(countries.region)}</optgroup>
            <optgroup label={t('form.otherCountries')}>{countryOptionsOf(countries.other)}</optgroup>
          </select>
        </div>
        <TextField fieldKey="region" label={t('fieldName.region')} value={form.region} onChange={(region) => update({ region }, 'region')} errors={errorsOf('region')} autoComplete="address-level2" />
        <ChoiceChips
          fieldKey="networks"
          legend={t('fieldName.networks')}
          hint={t('form.networksHint')}
          options={networkOptions}
          selected={form.networks}
          onChange={(chosen) => update({ networks: chosen }, 'networks')}
          errors={errorsOf('networks')}
        />
      </section>

      <section className="form-section" aria-labelledby="form-contact">
        <h2 id="form-contact">{t('form.contact')}</h2>
        <p className="section-note">{t('form.contactNote')}</p>
        <TextField fieldKey="contact.name" label={t('fieldName.contact.name')} value={form.contactName} onChange={(contactName) => update({ contactName }, 'contact.name')} errors={errorsOf('contact.name')} autoComplete="name" required />
        <TextField fieldKey="contact.email" label={t('fieldName.contact.email')} type="email" value={form.contactEmail} onChange={(contactEmail) => update({ contactEmail }, 'contact.email')} errors={errorsOf('contact.email')} autoComplete="email" required />
      </section>

      <section className="form-section" aria-labelledby="form-themes">
        <h2 id="form-themes">{t('form.themes')}</h2>
        <ThemePicker selected={form.themes} onChange={(themes, key) => update({ themes }, 'themes', key)} errors={errors} />
        <TextField
          fieldKey="freeTags"
          label={t('fieldName.freeTags')}
          hint={t('form.freeTagsHint')}
          value={form.freeTags}
          onChange={(freeTags) => update({ freeTags }, 'freeTags')}
          errors={errorsOf('freeTags')}
        />
      </section>

      <section className="form-section" aria-labelledby="form-cooperation">
        <h2 id="form-cooperation">{t('form.cooperation')}</h2>
        <ChoiceChips fieldKey="formats" legend={t('fieldName.formats')} options={options(FORMATS, 'format')} selected={form.formats} onChange={(formats) => update({ formats }, 'formats')} errors={errorsOf('formats')} />
        <ChoiceChips fieldKey="offers" legend={t('fieldName.offers')} options={options(RESOURCES, 'resource')} selected={form.offers} onChange={(offers) => update({ offers }, 'offers')} errors={errorsOf('offers')} />
        <ChoiceChips fieldKey="needs" legend={t('fieldName.needs')} options={options(RESOURCES, 'resource')} selected={form.needs} onChange={(needs) => update({ needs }, 'needs')} errors={errorsOf('needs')} />
        <ChoiceChips
          fieldKey="fundingInstruments"
          legend={t('fieldName.fundingInstruments')}
          options={options(FUNDING_INSTRUMENTS, 'funding')}
          selected={form.fundingInstruments}
          onChange={(fundingInstruments) => update({ fundingInstruments }, 'fundingInstruments')}
          errors={errorsOf('fundingInstruments')}
        />
      </section>

      <section className="form-section" aria-labelledby="form-languages">
        <h2 id="form-languages">{t('form.languagesSection')}</h2>
        <ChoiceChips
          fieldKey="languages"
          legend={t('fieldName.languages')}
          hint={t('form.languagesHint')}
          options={languageOptions}
          selected={form.languages}
          onChange={(languages) => update({ languages }, 'languages')}
          errors={errorsOf('languages')}
        >
          <AddAnother
            label={t('form.anotherLanguage')}
            buttonLabel={t('form.addLanguage')}
            options={[
              { label: t('form.regionLanguages'), options: otherLanguages.region.map(asOption) },
              { label: t('form.otherLanguages'), options: otherLanguages.other.map(asOption) },
            ]}
            onAdd={(code) => update({ languages: [...new Set([...form.languages, code])] }, 'languages')}
          />
        </ChoiceChips>
        <div className="field-row">
          <TextField fieldKey="availability.from" label={t('fieldName.availability.from')} type="date" value={form.availableFrom} onChange={(availableFrom) => update({ availableFrom }, 'availability')} errors={errorsOf('availability.from') ?? errorsOf('availability')} />
          <TextField fieldKey="availability.to" label={t('fieldName.availability.to')} type="date" value={form.availableTo} onChange={(availableTo) => update({ availableTo }, 'availability')} errors={errorsOf('availability.to')} />
        </div>
        <Checkbox fieldKey="openToOutsideNetwork" label={t('fieldName.openToOutsideNetwork')} checked={form.openToOutsideNetwork} onChange={(openToOutsideNetwork) => update({ openToOutsideNetwork }, 'openToOutsideNetwork')} errors={errorsOf('openToOutsideNetwork')} />
      </section>

      <section className="form-section" aria-labelledby="form-more">
        <h2 id="form-more">{t('form.more')}</h2>
        <TextField
          fieldKey="description"
          label={t('fieldName.description')}
          hint={t('form.descriptionHint', { count: description, max: tools.number(LIMITS.descriptionLength), used: tools.number(description) })}
          multiline
          value={form.description}
          onChange={(text) => update({ description: text }, 'description')}
          errors={errorsOf('description')}
        />
        <MailFrequencyField value={form.mailFrequency} onChange={(mailFrequency) => update({ mailFrequency }, 'mailFrequency')} errors={errorsOf('mailFrequency')} />
        <div className="field">
          <label htmlFor={fieldId('locale')}>{t('fieldName.locale')}</label>
          <FieldMessages id={errorId('locale')} messages={errorsOf('locale')} />
          <select id={fieldId('locale')} value={mailLocale} onChange={(e) => update({ locale: e.target.value }, 'locale')}>
            <LocaleOptions />
          </select>
        </div>
      </section>

      <div className="form-actions">
        <BusyButton type="submit" className="button" busy={busy}>
          {busy ? t('common.sending') : submitLabel}
        </BusyButton>
        {actions}
      </div>
    </form>
  );
}

/** How often the contact hears about matches; one definition for the form and the preferences page. */
export function MailFrequencyField({ value, onChange, errors }: { value: MemberMailFrequency; onChange: (value: MemberMailFrequency) => void; errors?: readonly string[] | undefined }) {
  const { t } = useLocale();
  return (
    <div className={`field${errors?.length ? ' field--invalid' : ''}`}>
      <label htmlFor={fieldId('mailFrequency')}>{t('mailFrequency.label')}</label>
      <FieldMessages id={errorId('mailFrequency')} messages={errors} />
      <select id={fieldId('mailFrequency')} value={value} aria-describedby={describedBy(Boolean(errors?.length) && errorId('mailFrequency'))} onChange={(e) => onChange(e.target.value as MemberMailFrequency)}>
        {MEMBER_MAIL_FREQUENCIES.map((f) => (
          <option key={f} value={f}>
            {t(`mailFrequency.${f}`)}
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

const asOption = (c: Choice) => ({ value: c.code, label: c.name });

const countryOptionsOf = (choices: readonly Choice[]) =>
  choices.map((c) => (
    <option key={c.code} value={c.code}>
      {c.name}
    </option>
  ));
