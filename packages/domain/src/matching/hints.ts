import type { MatchingProfile } from './types.js';
import { effectiveThemes } from './themes.js';

/** Whether a stored match is a weaker one: its reasons carry `weaker-match` (see `weakerCause`). */
export function isWeakerMatch(reasons: readonly unknown[]): boolean {
  return reasons.some((r) => typeof r === 'object' && r !== null && (r as { kind?: unknown }).kind === 'weaker-match');
}

/**
 * What a member can add to get better matches, by profile field (the API's and the form's field
 * names), as structured ids for per-locale rendering:
 * - `add-themes`: fewer than 2 themes (one theme leaves little to share);
 * - `add-description`: no description and no free tags (text counts in the score);
 * - `add-working-language`: neither of the networks' common working languages (`languages`, default English and Russian);
 * - `add-offers-or-needs`: neither offers nor needs (complementarity counts in the score);
 * - `add-formats`: no formats sought.
 */
export type ProfileHint =
  | { kind: 'add-themes'; field: 'themes' }
  | { kind: 'add-description'; field: 'description' }
  | { kind: 'add-working-language'; field: 'languages'; languages: string[] }
  | { kind: 'add-offers-or-needs'; field: 'offers' }
  | { kind: 'add-formats'; field: 'formats' };

export const COMMON_WORKING_LANGUAGES = ['en', 'ru'] as const;

export function profileHints(
  profile: Pick<MatchingProfile, 'themes' | 'freeTags' | 'description' | 'languages' | 'offers' | 'needs' | 'formats'>,
  commonLanguages: readonly string[] = COMMON_WORKING_LANGUAGES,
): ProfileHint[] {
  const hints: ProfileHint[] = [];
  if (effectiveThemes(profile).length < 2) hints.push({ kind: 'add-themes', field: 'themes' });
  if (!(profile.description ?? '').trim() && (profile.freeTags ?? []).length === 0) hints.push({ kind: 'add-description', field: 'description' });
  const missing = commonLanguages.filter((l) => !profile.languages.includes(l));
  if (missing.length === commonLanguages.length) hints.push({ kind: 'add-working-language', field: 'languages', languages: [...missing] });
  if (profile.offers.length === 0 && profile.needs.length === 0) hints.push({ kind: 'add-offers-or-needs', field: 'offers' });
  if (profile.formats.length === 0) hints.push({ kind: 'add-formats', field: 'formats' });
  return hints;
}

/**
 * Hints for a member whose proposals are all weaker (or who has none): the fields that would
 * improve its matches. A member with at least one full match gets none.
 */
export function hintsForMatches(
  profile: Parameters<typeof profileHints>[0],
  matches: readonly { reasons: readonly unknown[]; state?: string }[],
): ProfileHint[] {
  const live = matches.filter((m) => m.state === undefined || m.state !== 'withdrawn');
  if (live.some((m) => !isWeakerMatch(m.reasons))) return [];
  return profileHints(profile);
}

/** English wording of a hint, for mails and logs; the web app and #15's locales render their own. */
export function describeHint(hint: ProfileHint): string {
  switch (hint.kind) {
    case 'add-themes':
      return 'add themes';
    case 'add-description':
      return 'add a description';
    case 'add-working-language':
      return `add ${hint.languages.map((l) => (l === 'en' ? 'English' : l === 'ru' ? 'Russian' : l)).join(' or ')} as a working language`;
    case 'add-offers-or-needs':
      return 'say what you offer and what you need';
    case 'add-formats':
      return 'choose the formats you look for';
  }
}
