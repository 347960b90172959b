import type { Priority } from '@culturebridge/domain';
import type { MembershipView } from './profile-items.js';

/**
 * The matching view on membership items, as one compact string. Every profile update reads whole
 * network partitions of the index, and read units are billed per 4 KB of item size: DynamoDB's
 * list-of-maps form (attribute names and type tags repeated per theme) made a membership item
 * nearly as large as the profile itself. Ids stay readable, so an item can still be inspected.
 * Order of fields: see `encode` (append new fields at the end; decode tolerates their absence).
 */
const PRIORITY_CODE: Record<Priority, string> = { high: 'h', medium: 'm', low: 'l' };
const PRIORITY_OF: Record<string, Priority> = { h: 'high', m: 'medium', l: 'low' };
const STATUS_CODE = { active: 'a', pending: 'p', withdrawn: 'w' } as const;
const STATUS_OF = { a: 'active', p: 'pending', w: 'withdrawn' } as const;

const list = (values: readonly string[] | undefined) => (values ?? []).join(',');
const unlist = <T extends string>(value: string | undefined): T[] => (value ? (value.split(',') as T[]) : []);

export function encodeMembershipView(view: MembershipView): string {
  return JSON.stringify([
    view.id,
    view.version,
    view.name,
    STATUS_CODE[view.status],
    view.country,
    list(view.networks),
    view.themes.map((t) => `${t.id}:${PRIORITY_CODE[t.priority]}`).join(','),
    list(view.formats),
    list(view.offers),
    list(view.needs),
    list(view.languages),
    list(view.fundingInstruments),
    view.availability ? `${view.availability.from}/${view.availability.to}` : '',
    view.openToOutsideNetwork ? 1 : 0,
    view.owner ?? '',
    // What members write counts in matching since 2026-11-30 (text part of the score).
    view.freeTags ?? [],
    view.description ?? '',
  ]);
}

export function decodeMembershipView(encoded: string): MembershipView {
  const [id, version, name, status, country, networks, themes, formats, offers, needs, languages, funding, availability, open, owner, freeTags, description] = JSON.parse(encoded) as [
    string, number, string, keyof typeof STATUS_OF, string, string, string, string, string, string, string, string, string, number, string | undefined, string[]?, string?,
  ];
  const [from, to] = availability ? availability.split('/') : [];
  return {
    id,
    version,
    name,
    status: STATUS_OF[status],
    country,
    networks: unlist(networks),
    themes: unlist(themes).map((t) => {
      const [themeId, code] = t.split(':');
      return { id: themeId as MembershipView['themes'][number]['id'], priority: PRIORITY_OF[code ?? 'l'] ?? 'low' };
    }),
    formats: unlist(formats),
    offers: unlist(offers),
    needs: unlist(needs),
    languages: unlist(languages),
    fundingInstruments: unlist(funding),
    ...(from && to ? { availability: { from, to } } : {}),
    openToOutsideNetwork: open === 1,
    // Items written before owners existed have none: they match as before until rewritten.
    ...(owner ? { owner } : {}),
    // Items written before text counted have neither: they match on the structured fields alone.
    freeTags: freeTags ?? [],
    description: description ?? '',
  };
}
