import { themeById } from '../taxonomy.js';
import { FORMATS, FUNDING_INSTRUMENTS, RESOURCES, type Priority } from '../vocabulary.js';
import type { MatchingConfig } from './config.js';
import { THEME_BIT } from './encode.js';
import { FORMAT_PHRASES, FUNDING_PHRASES, languageName, listJoin, RESOURCE_PHRASES } from './labels.js';
import type { MatchingProfile, MatchReason } from './types.js';

/**
 * Everything the pair has going for it, from a's side, strongest theme first. Offers, formats and
 * funding follow vocabulary order so that the same pair always reads the same.
 */
export function buildReasons(
  a: MatchingProfile,
  b: MatchingProfile,
  idf: Float64Array,
  factors: MatchingConfig['priorityFactors'],
): MatchReason[] {
  const reasons: MatchReason[] = [];

  const themes: { reason: MatchReason; weight: number; bit: number }[] = [];
  for (const t of a.themes) {
    const other = b.themes.find((u) => u.id === t.id);
    if (!other) continue;
    const bit = THEME_BIT.get(t.id) ?? 0;
    themes.push({
      reason: { kind: 'shared-theme', themeId: t.id, priorities: [t.priority, other.priority] },
      weight: (idf[bit] ?? 0) * (factors[t.priority] * factors[other.priority]),
      bit,
    });
  }
  themes.sort((x, y) => y.weight - x.weight || x.bit - y.bit);
  for (const t of themes) reasons.push(t.reason);

  for (const [from, to] of [[a, b], [b, a]] as const) {
    for (const resource of RESOURCES) {
      if (from.offers.includes(resource) && to.needs.includes(resource)) {
        reasons.push({ kind: 'offers', from: from.id, to: to.id, resource });
      }
    }
  }
  for (const format of FORMATS) {
    if (a.formats.includes(format) && b.formats.includes(format)) reasons.push({ kind: 'shared-format', format });
  }
  for (const instrument of FUNDING_INSTRUMENTS) {
    if (a.fundingInstruments.includes(instrument) && b.fundingInstruments.includes(instrument)) {
      reasons.push({ kind: 'shared-funding', instrument });
    }
  }
  if (a.availability && b.availability) {
    const from = a.availability.from > b.availability.from ? a.availability.from : b.availability.from;
    const to = a.availability.to < b.availability.to ? a.availability.to : b.availability.to;
    if (from <= to) reasons.push({ kind: 'availability-overlap', from, to });
  }
  if (a.country !== b.country) reasons.push({ kind: 'cross-border', countries: [a.country, b.country] });

  const networks = a.networks.filter((n) => b.networks.includes(n));
  for (const networkId of networks) reasons.push({ kind: 'shared-network', networkId });
  if (networks.length === 0 && a.openToOutsideNetwork && b.openToOutsideNetwork) {
    reasons.push({ kind: 'both-open-to-outside' });
  }
  for (const language of a.languages) {
    if (b.languages.includes(language)) reasons.push({ kind: 'shared-language', language });
  }
  return reasons;
}

/**
 * The reasons as one sentence, e.g. "Both give Climate and environment high priority; Kutaisi
 * offers a venue, Gyumri needs one; shared language: English". A pure function of the stored
 * reasons and the two names, so a stored match can be re-worded when labels change.
 */
export function summarise(a: Pick<MatchingProfile, 'id' | 'name'>, b: Pick<MatchingProfile, 'id' | 'name'>, reasons: readonly MatchReason[]): string {
  const clauses: string[] = [];
  const nameOf = (id: string) => (id === a.id ? a.name : id === b.id ? b.name : id);

  // Themes with the same pair of priorities read as one clause, in the order of the first of them.
  const themeGroups = new Map<string, { priorities: [Priority, Priority]; labels: string[] }>();
  for (const r of reasons) {
    if (r.kind !== 'shared-theme') continue;
    const key = r.priorities.join('/');
    const group = themeGroups.get(key) ?? { priorities: r.priorities, labels: [] };
    group.labels.push(themeById(r.themeId).label);
    themeGroups.set(key, group);
  }
  for (const { priorities: [pa, pb], labels } of themeGroups.values()) {
    const themes = listJoin(labels);
    clauses.push(pa === pb ? `both give ${themes} ${pa} priority` : `${themes}: ${pa} priority for ${a.name}, ${pb} for ${b.name}`);
  }

  for (const [from, to] of [[a.id, b.id], [b.id, a.id]] as const) {
    const resources = reasons.flatMap((r) => (r.kind === 'offers' && r.from === from && r.to === to ? [r.resource] : []));
    if (resources.length === 1) {
      const { phrase, pronoun } = RESOURCE_PHRASES[resources[0]!];
      clauses.push(`${nameOf(from)} offers ${phrase}, ${nameOf(to)} needs ${pronoun}`);
    } else if (resources.length > 1) {
      clauses.push(`${nameOf(from)} offers ${listJoin(resources.map((r) => RESOURCE_PHRASES[r].phrase))}, which ${nameOf(to)} needs`);
    }
  }

  const formats = reasons.flatMap((r) => (r.kind === 'shared-format' ? [FORMAT_PHRASES[r.format]] : []));
  if (formats.length > 0) clauses.push(`both look for ${listJoin(formats)}`);
  const funding = reasons.flatMap((r) => (r.kind === 'shared-funding' ? [FUNDING_PHRASES[r.instrument]] : []));
  if (funding.length > 0) clauses.push(`both consider ${listJoin(funding)}`);
  for (const r of reasons) {
    if (r.kind === 'availability-overlap') clauses.push(`both available from ${r.from} to ${r.to}`);
    if (r.kind === 'cross-border') clauses.push(`across borders (${r.countries[0]} and ${r.countries[1]})`);
    if (r.kind === 'both-open-to-outside') clauses.push('no shared network, but both are open to partners outside it');
  }
  const languages = reasons.flatMap((r) => (r.kind === 'shared-language' ? [languageName(r.language)] : []));
  if (languages.length > 0) clauses.push(`shared language${languages.length > 1 ? 's' : ''}: ${listJoin(languages)}`);

  const sentence = clauses.join('; ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
