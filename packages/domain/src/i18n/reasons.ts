import type { MatchReason } from '../matching/types.js';
import { networkDisplayName } from '../network-settings.js';
import type { Priority } from '../vocabulary.js';
import { countryNameIn, formatDate, formatList, fundingLabel, languageNameIn, themeLabel } from './labels.js';
import type { Locale } from './locales.js';
import { hasMessage, translator } from './translate.js';

/** A reason of a kind this renderer may not know yet (kinds are added as matching learns more). */
export interface OtherReason {
  readonly kind: string;
  readonly [param: string]: unknown;
}

/** Who reads the reasons, in which language, and how to name each side. */
export interface ReasonReader {
  locale: Locale;
  /** The pair in the order a `shared-theme` reason's `priorities` follow (the match's `profileIds`). */
  pair: readonly [string, string];
  /** Each side's display name by profile id. */
  names: ReadonlyMap<string, string>;
  /** The reader's own profile: sentences about it read "You offer …". Absent for a third party (a coordinator). */
  selfId?: string;
  /** A network's display name; the id when absent. */
  networkName?: (networkId: string) => string;
}

const isKnown = (r: MatchReason | OtherReason): r is MatchReason => KNOWN_KINDS.has(r.kind);
const KNOWN_KINDS = new Set<string>([
  'shared-theme',
  'offers',
  'shared-format',
  'shared-funding',
  'availability-overlap',
  'cross-border',
  'shared-network',
  'both-open-to-outside',
  'shared-language',
  'shared-words',
  'shared-tags',
  'weaker-match',
]);

/**
 * The structured reasons as short sentences in the reader's language, from the reader's side when
 * there is one: "You offer a venue, which Gori needs." for Kutaisi, "Kutaisi offers a venue, Gori
 * needs one." for a coordinator. Related reasons read as one sentence (themes with the same
 * priorities, what one side offers the other, formats, funding, languages), placed where the first
 * of them is. A kind this code does not know is rendered from its own `reason.<kind>` string when a
 * catalog has one (English if the locale lacks it), else as "Another reason: <kind>".
 */
export function renderReasons(reasons: readonly (MatchReason | OtherReason)[], reader: ReasonReader): string[] {
  const t = translator(reader.locale);
  const { locale, pair, selfId } = reader;
  const name = (id: string) => reader.names.get(id) ?? id;
  const list = (items: readonly string[]) => formatList(items, locale);

  // Groups keep the position of their first reason; each renders to one sentence.
  const groups = new Map<string, { render: () => string; items: (MatchReason | OtherReason)[] }>();
  const add = (key: string, reason: MatchReason | OtherReason, render: (items: (MatchReason | OtherReason)[]) => string) => {
    const group = groups.get(key);
    if (group) group.items.push(reason);
    else {
      const items = [reason];
      groups.set(key, { items, render: () => render(items) });
    }
  };

  for (const reason of reasons) {
    if (!isKnown(reason)) {
      add(`other:${groups.size}`, reason, () => renderOther(reason, reader));
      continue;
    }
    switch (reason.kind) {
      case 'shared-theme': {
        const [pa, pb] = reason.priorities;
        add(`theme:${pa}:${pb}`, reason, (items) => {
          const themes = list(items.map((r) => themeLabel((r as Extract<MatchReason, { kind: 'shared-theme' }>).themeId, locale)));
          if (pa === pb) return t('reason.themeBoth', { themes, priority: t(`priorityWord.${pa}`) });
          const word = (p: Priority) => t(`priorityWord.${p}`);
          if (selfId !== undefined && pair.includes(selfId)) {
            const mine = pair[0] === selfId ? pa : pb;
            const theirs = pair[0] === selfId ? pb : pa;
            const other = pair[0] === selfId ? pair[1] : pair[0];
            return t('reason.themeEachYou', { themes, priorityYou: word(mine), priorityOther: word(theirs), other: name(other) });
          }
          return t('reason.themeEach', { themes, priorityA: word(pa), nameA: name(pair[0]), priorityB: word(pb), nameB: name(pair[1]) });
        });
        break;
      }
      case 'offers':
        add(`offers:${reason.from}`, reason, (items) => {
          const resources = items.map((r) => (r as Extract<MatchReason, { kind: 'offers' }>).resource);
          const phrases = list(resources.map((r) => t(`resourcePhrase.${r}`)));
          if (reason.from === selfId) return t('reason.youOffer', { resources: phrases, to: name(reason.to) });
          if (reason.to === selfId) return t('reason.offersYou', { from: name(reason.from), resources: phrases });
          if (resources.length === 1) {
            const [resource] = resources as [string];
            return t('reason.offersOne', { from: name(reason.from), to: name(reason.to), resource: t(`resourcePhrase.${resource}`), pronoun: t(`resourcePronoun.${resource}`) });
          }
          return t('reason.offersMany', { from: name(reason.from), to: name(reason.to), resources: phrases });
        });
        break;
      case 'shared-format':
        add('formats', reason, (items) =>
          t('reason.formats', { formats: list(items.map((r) => t(`formatPhrase.${(r as Extract<MatchReason, { kind: 'shared-format' }>).format}`))) }),
        );
        break;
      case 'shared-funding':
        add('funding', reason, (items) =>
          t('reason.funding', {
            instruments: list(items.map((r) => t(`fundingPhrase.${(r as Extract<MatchReason, { kind: 'shared-funding' }>).instrument}`, { defaultValue: fundingLabel((r as Extract<MatchReason, { kind: 'shared-funding' }>).instrument, locale) }))),
          }),
        );
        break;
      case 'availability-overlap':
        add(`availability:${groups.size}`, reason, () => t('reason.availability', { from: formatDate(reason.from, locale), to: formatDate(reason.to, locale) }));
        break;
      case 'cross-border':
        add(`border:${groups.size}`, reason, () => t('reason.crossBorder', { countries: list(reason.countries.map((c) => countryNameIn(c, locale))) }));
        break;
      case 'shared-network':
        // Readers without the networks' records (mails, schedules) still get the known display name, not the id.
        add(`network:${groups.size}`, reason, () => t('reason.sharedNetwork', { network: reader.networkName?.(reason.networkId) ?? networkDisplayName(reason.networkId) }));
        break;
      case 'both-open-to-outside':
        add('open', reason, () => t('reason.openOutside'));
        break;
      case 'shared-tags':
        add('tags', reason, (items) => t('reason.sharedTags', { tags: list(items.flatMap((r) => (r as Extract<MatchReason, { kind: 'shared-tags' }>).tags.map((tag) => `"${tag}"`))) }));
        break;
      case 'shared-words':
        add('words', reason, (items) => t('reason.sharedWords', { words: list(items.flatMap((r) => (r as Extract<MatchReason, { kind: 'shared-words' }>).words)) }));
        break;
      case 'weaker-match':
        add(`weaker:${groups.size}`, reason, () => t(`reason.weaker.${reason.cause}`));
        break;
      case 'shared-language':
        add('languages', reason, (items) => {
          const names = items.map((r) => languageNameIn((r as Extract<MatchReason, { kind: 'shared-language' }>).language, locale));
          return t('reason.languages', { count: names.length, languages: list(names) });
        });
        break;
    }
  }
  // A value that ends in a full stop ("30 июня 2027 г.") must not get a second one from the sentence.
  return [...groups.values()].map((g) => g.render().replace(/\.\.$/, '.'));
}

/** A reason of a newer kind: its own string if a catalog has one (params are its fields), else a generic line. */
function renderOther(reason: OtherReason, reader: ReasonReader): string {
  const t = translator(reader.locale);
  const key = `reason.${reason.kind}`;
  if (hasMessage(reader.locale, key)) {
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(reason)) params[k] = Array.isArray(v) ? formatList(v.map(String), reader.locale) : v;
    return t(key, params);
  }
  return t('reason.unknown', { kind: reason.kind });
}
