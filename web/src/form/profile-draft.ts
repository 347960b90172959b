import { carryFields, sameAsJson } from './carry';
import type { ProfileFormState } from './profile-form-state';

/**
 * What a member typed into the profile form and has not saved, kept in this tab's sessionStorage so
 * that a reload, a pull-to-refresh, the back button and forward again, or a version conflict does not
 * lose it. Never sent anywhere; it ends with the tab, a save, Cancel, Discard or signing out.
 *
 * `base` is the form as the page gave it when editing began (the stored profile at `version`; for a
 * new profile, the empty form): a draft over an older version is carried onto the newer one field by
 * field (see `carryOver`), so a change made meanwhile elsewhere is neither lost nor overwritten unseen.
 */
export interface ProfileDraft {
  /** The profile's version the form was read at; 0 for a new profile. */
  version: number;
  base: ProfileFormState;
  form: ProfileFormState;
}

const PREFIX = 'culturebridge-profile-draft:';

/** The draft's key: a profile's id, or `new` for the interest form. */
export type DraftKey = string;

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage refused (a privacy setting): the form works as before, without drafts.
    return undefined;
  }
}

export function readDraft(key: DraftKey): ProfileDraft | undefined {
  try {
    const raw = storage()?.getItem(PREFIX + key);
    const draft = raw ? (JSON.parse(raw) as Partial<ProfileDraft>) : undefined;
    return draft && typeof draft.version === 'number' && draft.base && draft.form ? (draft as ProfileDraft) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the draft, or forgets it once the form is as it began (nothing left to lose). */
export function writeDraft(key: DraftKey, draft: ProfileDraft): void {
  try {
    if (sameAsJson(draft.form, draft.base)) storage()?.removeItem(PREFIX + key);
    else storage()?.setItem(PREFIX + key, JSON.stringify(draft));
  } catch {
    // Full or refused: the draft is a convenience, the form keeps working.
  }
}

export function clearDraft(key: DraftKey): void {
  storage()?.removeItem(PREFIX + key);
}

/** Forgets every draft of this tab (signing out: the next person at this browser sees none of it). */
export function clearAllDrafts(): void {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
}

/** The fields the member changed in the draft. */
export function changedFields(draft: Pick<ProfileDraft, 'base' | 'form'>): (keyof ProfileFormState)[] {
  return (Object.keys(draft.form) as (keyof ProfileFormState)[]).filter((field) => !sameAsJson(draft.form[field], draft.base[field]));
}

/** The draft carried onto `current` (the form of the profile as it is now), field by field: see carryFields. */
export function carryOver(draft: Pick<ProfileDraft, 'base' | 'form'>, current: ProfileFormState): { form: ProfileFormState; overlapping: (keyof ProfileFormState)[] } {
  const { values, overlapping } = carryFields(draft.base, draft.form, current);
  return { form: values, overlapping };
}
