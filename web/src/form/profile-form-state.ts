import {
  ProfileInput,
  memberMailFrequency,
  type MemberMailFrequency,
  type Format,
  type FundingInstrument,
  type Priority,
  type Profile,
  type ProfileKind,
  type Resource,
  type ThemeId,
  THEME_IDS,
  DEFAULT_LOCALE,
} from '@culturebridge/domain';

/**
 * What the form edits: strings as the inputs hold them. `toProfileInput` turns it into the body the
 * API takes, leaving empty values out so the shared schema names what is missing.
 */
export interface ProfileFormState {
  kind: ProfileKind | '';
  name: string;
  country: string;
  region: string;
  networks: string[];
  contactName: string;
  contactEmail: string;
  themes: Partial<Record<ThemeId, Priority>>;
  freeTags: string;
  formats: Format[];
  offers: Resource[];
  needs: Resource[];
  languages: string[];
  fundingInstruments: FundingInstrument[];
  availableFrom: string;
  availableTo: string;
  openToOutsideNetwork: boolean;
  mailFrequency: MemberMailFrequency;
  /** The member's language for mails and reasons; the form starts with the reader's. */
  locale: string;
  description: string;
}

export const EMPTY_FORM: ProfileFormState = {
  kind: '',
  name: '',
  country: '',
  region: '',
  networks: [],
  contactName: '',
  contactEmail: '',
  themes: {},
  freeTags: '',
  formats: [],
  offers: [],
  needs: [],
  languages: [],
  fundingInstruments: [],
  availableFrom: '',
  availableTo: '',
  openToOutsideNetwork: false,
  mailFrequency: 'daily',
  locale: '',
  description: '',
};

const blankToUndefined = (value: string) => (value.trim() === '' ? undefined : value);

export function toProfileInput(state: ProfileFormState): ProfileInput {
  const input = {
    kind: blankToUndefined(state.kind),
    name: blankToUndefined(state.name),
    country: blankToUndefined(state.country),
    region: blankToUndefined(state.region),
    networks: state.networks,
    contact: { name: blankToUndefined(state.contactName), email: blankToUndefined(state.contactEmail) },
    // Taxonomy order, so that an error at themes[i] can be traced back to its chip.
    themes: THEME_IDS.filter((id) => state.themes[id]).map((id) => ({ id, priority: state.themes[id] })),
    freeTags: state.freeTags.split(',').map((t) => t.trim()).filter(Boolean),
    formats: state.formats,
    offers: state.offers,
    needs: state.needs,
    languages: state.languages,
    fundingInstruments: state.fundingInstruments,
    availability:
      state.availableFrom || state.availableTo ? { from: blankToUndefined(state.availableFrom), to: blankToUndefined(state.availableTo) } : undefined,
    openToOutsideNetwork: state.openToOutsideNetwork,
    mailFrequency: state.mailFrequency,
    locale: blankToUndefined(state.locale),
    description: state.description,
  };
  // Missing values stay undefined on purpose: the schema turns them into "… is required".
  return input as ProfileInput;
}

export function fromProfile(profile: Profile): ProfileFormState {
  return {
    kind: profile.kind,
    name: profile.name,
    country: profile.country,
    region: profile.region ?? '',
    networks: profile.networks,
    contactName: profile.contact.name,
    contactEmail: profile.contact.email,
    themes: Object.fromEntries(profile.themes.map((t) => [t.id, t.priority])),
    freeTags: profile.freeTags.join(', '),
    formats: profile.formats,
    offers: profile.offers,
    needs: profile.needs,
    languages: profile.languages,
    fundingInstruments: profile.fundingInstruments,
    availableFrom: profile.availability?.from ?? '',
    availableTo: profile.availability?.to ?? '',
    openToOutsideNetwork: profile.openToOutsideNetwork,
    mailFrequency: memberMailFrequency(profile),
    locale: profile.locale ?? DEFAULT_LOCALE,
    description: profile.description,
  };
}

const PROFILE_FIELDS = Object.keys(ProfileInput.shape) as (keyof ProfileInput)[];

/** A stored profile as PUT takes it: only the form's fields (the schema is strict) plus the version read. */
export function toProfileUpdate(profile: Profile, changes: Partial<ProfileInput> = {}): ProfileInput & { version: number } {
  const fields = Object.fromEntries(PROFILE_FIELDS.filter((key) => profile[key] !== undefined).map((key) => [key, profile[key]]));
  return { ...(fields as ProfileInput), ...changes, version: profile.version };
}
