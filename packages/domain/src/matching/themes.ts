import { resolveTheme, type ThemeId } from '../taxonomy.js';
import type { Priority } from '../vocabulary.js';
import type { MatchingProfile } from './types.js';

/**
 * The priority a free tag gets when it names a theme of the taxonomy (e.g. a tag "gastronomy"
 * stored before `gastronomy` became a theme): the member wrote it down, but did not rank it.
 */
export const TAG_THEME_PRIORITY: Priority = 'medium';

/**
 * The themes matching reads: the profile's own, then each free tag that `resolveTheme` maps to a
 * theme the profile does not list already (at TAG_THEME_PRIORITY). Stored profiles are not
 * rewritten when the taxonomy grows; their tags start counting as themes at the next match run.
 */
export function effectiveThemes(profile: Pick<MatchingProfile, 'themes' | 'freeTags'>): { id: ThemeId; priority: Priority }[] {
  const tags = profile.freeTags ?? [];
  if (tags.length === 0) return profile.themes;
  const out = [...profile.themes];
  for (const tag of tags) {
    const id = resolveTheme(tag);
    if (id !== undefined && !out.some((t) => t.id === id)) out.push({ id, priority: TAG_THEME_PRIORITY });
  }
  return out;
}
