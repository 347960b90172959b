import type { MatchReason, Priority } from '@culturebridge/domain';
import { countryName, FORMAT_LABELS, FUNDING_LABELS, languageLabel, RESOURCE_LABELS, themeLabel } from './labels';
import { networkLabel } from './networks';

/**
 * One structured reason as a line a person reads, from the viewer's side when there is one (`selfId`).
 * The API also sends the reasons as one sentence (`summary`); the list lets the page show each point.
 */
export interface ReasonContext {
  names: ReadonlyMap<string, string>;
  /** Each side's themes, to say whose priority is whose (a stored reason keeps them in the pair's own order). */
  themes: ReadonlyMap<string, readonly { id: string; priority: Priority }[]>;
  /** The viewer's own profile, read as "you"; absent for a coordinator. */
  selfId?: string;
}

const WEAKER_LINES: Readonly<Record<Extract<MatchReason, { kind: 'weaker-match' }>['cause'], string>> = {
  'below-threshold': 'A weaker match: below the network\'s threshold, proposed so that you have partners to consider',
  'windows-never-meet': 'A weaker match: your availability windows never meet',
  'nothing-in-common': 'A weaker match: no theme or words in common yet',
};

export function describeReason(reason: MatchReason, { names, themes, selfId }: ReasonContext): string {
  const who = (id: string) => (id === selfId ? 'You' : (names.get(id) ?? 'The partner'));
  switch (reason.kind) {
    case 'shared-theme': {
      const label = themeLabel(reason.themeId);
      const [a, b] = reason.priorities;
      if (a === b) return `Shared theme ${label}: ${a} priority for both`;
      const sides = [...themes].flatMap(([id, list]) => {
        const priority = list.find((t) => t.id === reason.themeId)?.priority;
        return priority ? [`${priority} for ${id === selfId ? 'you' : (names.get(id) ?? 'the partner')}`] : [];
      });
      return sides.length === 2 ? `Shared theme ${label}: ${sides.join(', ')}` : `Shared theme ${label}: ${a} and ${b} priority`;
    }
    case 'offers': {
      const to = reason.to === selfId ? 'you need' : `${names.get(reason.to) ?? 'the partner'} needs`;
      return `${who(reason.from)} ${reason.from === selfId ? 'offer' : 'offers'} ${RESOURCE_LABELS[reason.resource].toLowerCase()}, which ${to}`;
    }
    case 'shared-format':
      return `Both look for: ${FORMAT_LABELS[reason.format].toLowerCase()}`;
    case 'shared-funding':
      return `Both consider ${FUNDING_LABELS[reason.instrument]}`;
    case 'availability-overlap':
      return `Both available from ${reason.from} to ${reason.to}`;
    case 'cross-border':
      return `Across borders: ${countryName(reason.countries[0])} and ${countryName(reason.countries[1])}`;
    case 'shared-network':
      return `Same network: ${networkLabel(reason.networkId)}`;
    case 'both-open-to-outside':
      return 'Different networks, and both are open to partners outside them';
    case 'shared-language':
      return `Shared working language: ${languageLabel(reason.language)}`;
    case 'shared-words':
      return `Both describe: ${reason.words.join(', ')}`;
    case 'shared-tags':
      return `Both list the interest${reason.tags.length > 1 ? 's' : ''} ${reason.tags.map((t) => `"${t}"`).join(', ')}`;
    case 'weaker-match':
      return WEAKER_LINES[reason.cause];
  }
}

/** The leading reason of a match in a network's list (`topReason`: a kind and the id it is about). */
export function describeTopReason(reason: { kind: string; id?: string } | undefined): string {
  if (!reason) return '';
  const id = reason.id ?? '';
  switch (reason.kind) {
    case 'shared-theme':
      return `Shared theme: ${themeLabel(id)}`;
    case 'offers':
      return `Offers and needs: ${(RESOURCE_LABELS as Record<string, string>)[id] ?? id}`;
    case 'shared-format':
      return `Both look for: ${(FORMAT_LABELS as Record<string, string>)[id] ?? id}`;
    case 'shared-funding':
      return `Both consider ${(FUNDING_LABELS as Record<string, string>)[id] ?? id}`;
    case 'shared-network':
      return `Both in ${networkLabel(id)}`;
    case 'weaker-match':
      return `Weaker match: ${id.replace(/-/g, ' ')}`;
    default:
      return reason.kind.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }
}
