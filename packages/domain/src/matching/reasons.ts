import { THEMES, themeById } from '../taxonomy.js';
import { FORMATS, FUNDING_INSTRUMENTS, RESOURCES, type Format, type FundingInstrument, type Priority, type Resource } from '../vocabulary.js';
import { priorityCode, priorityOfCode, R_FORMATS, R_FUNDING, R_NEEDS, R_OFFERS, R_THEMES, ROW_WIDTH, type EncodedProfiles } from './encode.js';
import { FORMAT_PHRASES, FUNDING_PHRASES, languageName, listJoin, RESOURCE_PHRASES } from './labels.js';
import type { MatchingProfile, MatchReason } from './types.js';

/**
 * Everything the pair has going for it, from a's side (a and b encoded at i and j of `s`):
 * themes strongest first (idf × both priorities), then what each offers the other, formats,
 * funding, availability, borders, scope and languages. Vocabulary order elsewhere, so the same
 * pair always reads the same. Read from the bitmasks: the batch run explains ~15 pairs a profile.
 */
export function buildReasons(a: MatchingProfile, b: MatchingProfile, s: EncodedProfiles, i: number, j: number): MatchReason[] {
  const reasons: MatchReason[] = [];
  const field = (position: number, offset: number) => s.rows[position * ROW_WIDTH + offset] as number;

  const themeBits: number[] = [];
  for (let shared = field(i, R_THEMES) & field(j, R_THEMES); shared !== 0; shared &= shared - 1) {
    themeBits.push(31 - Math.clz32(shared & -shared));
  }
  const factor = (position: number, t: number) => s.factors[priorityCode(s.rows, position * ROW_WIDTH, t)] as number;
  const strength = (t: number) => (s.idf[t] as number) * (factor(i, t) * factor(j, t));
  themeBits.sort((x, y) => strength(y) - strength(x) || x - y);
  for (const t of themeBits) {
    reasons.push({
      kind: 'shared-theme',
      themeId: (THEMES[t] as (typeof THEMES)[number]).id,
      priorities: [
        priorityOfCode(priorityCode(s.rows, i * ROW_WIDTH, t)),
        priorityOfCode(priorityCode(s.rows, j * ROW_WIDTH, t)),
      ],
    });
  }

  forEachBit(field(i, R_OFFERS) & field(j, R_NEEDS), (bit) =>
    reasons.push({ kind: 'offers', from: a.id, to: b.id, resource: RESOURCES[bit] as Resource }),
  );
  forEachBit(field(j, R_OFFERS) & field(i, R_NEEDS), (bit) =>
    reasons.push({ kind: 'offers', from: b.id, to: a.id, resource: RESOURCES[bit] as Resource }),
  );
  forEachBit(field(i, R_FORMATS) & field(j, R_FORMATS), (bit) =>
    reasons.push({ kind: 'shared-format', format: FORMATS[bit] as Format }),
  );
  forEachBit(field(i, R_FUNDING) & field(j, R_FUNDING), (bit) =>
    reasons.push({ kind: 'shared-funding', instrument: FUNDING_INSTRUMENTS[bit] as FundingInstrument }),
  );

  if (a.availability && b.availability) {
    const from = a.availability.from > b.availability.from ? a.availability.from : b.availability.from;
    const to = a.availability.to < b.availability.to ? a.availability.to : b.availability.to;
    if (from <= to) reasons.push({ kind: 'availability-overlap', from, to });
  }
  if (a.country !== b.country) reasons.push({ kind: 'cross-border', countries: [a.country, b.country] });

  let sharedNetworks = 0;
  for (const networkId of a.networks) {
    if (b.networks.includes(networkId)) {
      reasons.push({ kind: 'shared-network', networkId });
      sharedNetworks++;
    }
  }
  if (sharedNetworks === 0 && a.openToOutsideNetwork && b.openToOutsideNetwork) reasons.push({ kind: 'both-open-to-outside' });
  for (const language of a.languages) {
    if (b.languages.includes(language)) reasons.push({ kind: 'shared-language', language });
  }
  return reasons;
}

function forEachBit(mask: number, visit: (bit: number) => void): void {
  for (let m = mask; m !== 0; m &= m - 1) visit(31 - Math.clz32(m & -m));
}

/**
 * The reasons as one sentence, e.g. "Both give Climate and environment high priority; Kutaisi
 * offers a venue, Gyumri needs one; shared language: English". A pure function of the stored
 * reasons and the two names, so a stored match can be re-worded when labels change.
 */
export function summarise(
  a: Pick<MatchingProfile, 'id' | 'name'>,
  b: Pick<MatchingProfile, 'id' | 'name'>,
  reasons: readonly MatchReason[],
): string {
  // Themes with the same pair of priorities read as one clause, placed where the first of them is.
  const themeGroups: { pa: Priority; pb: Priority; labels: string[] }[] = [];
  const fromA: Resource[] = [];
  const fromB: Resource[] = [];
  const formats: string[] = [];
  const funding: string[] = [];
  const languages: string[] = [];
  const tail: string[] = [];
  for (const r of reasons) {
    switch (r.kind) {
      case 'shared-theme': {
        const [pa, pb] = r.priorities;
        const label = themeById(r.themeId).label;
        const group = themeGroups.find((g) => g.pa === pa && g.pb === pb);
        if (group) group.labels.push(label);
        else themeGroups.push({ pa, pb, labels: [label] });
        break;
      }
      case 'offers':
        if (r.from === a.id) fromA.push(r.resource);
        else fromB.push(r.resource);
        break;
      case 'shared-format':
        formats.push(FORMAT_PHRASES[r.format]);
        break;
      case 'shared-funding':
        funding.push(FUNDING_PHRASES[r.instrument]);
        break;
      case 'availability-overlap':
        tail.push(`both available from ${r.from} to ${r.to}`);
        break;
      case 'cross-border':
        tail.push(`across borders (${r.countries[0]} and ${r.countries[1]})`);
        break;
      case 'both-open-to-outside':
        tail.push('no shared network, but both are open to partners outside it');
        break;
      case 'shared-language':
        languages.push(languageName(r.language));
        break;
      case 'shared-network':
        break;
    }
  }

  const clauses: string[] = [];
  for (const { pa, pb, labels } of themeGroups) {
    const themes = listJoin(labels);
    clauses.push(pa === pb ? `both give ${themes} ${pa} priority` : `${themes}: ${pa} priority for ${a.name}, ${pb} for ${b.name}`);
  }
  for (const [from, to, resources] of [[a.name, b.name, fromA], [b.name, a.name, fromB]] as const) {
    if (resources.length === 1) {
      const { phrase, pronoun } = RESOURCE_PHRASES[resources[0] as Resource];
      clauses.push(`${from} offers ${phrase}, ${to} needs ${pronoun}`);
    } else if (resources.length > 1) {
      clauses.push(`${from} offers ${listJoin(resources.map((r) => RESOURCE_PHRASES[r].phrase))}, which ${to} needs`);
    }
  }
  if (formats.length > 0) clauses.push(`both look for ${listJoin(formats)}`);
  if (funding.length > 0) clauses.push(`both consider ${listJoin(funding)}`);
  clauses.push(...tail);
  if (languages.length > 0) clauses.push(`shared language${languages.length > 1 ? 's' : ''}: ${listJoin(languages)}`);

  const sentence = clauses.join('; ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
