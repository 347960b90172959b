import { THEMES, themeById } from '../taxonomy.js';
import { FORMATS, FUNDING_INSTRUMENTS, RESOURCES, type Format, type FundingInstrument, type Priority, type Resource } from '../vocabulary.js';
import { priorityCode, priorityOfCode, R_FORMATS, R_FUNDING, R_NEEDS, R_OFFERS, R_THEMES, ROW_WIDTH, THEME_WORDS, type EncodedProfiles } from './encode.js';
import { isTagTerm } from './text.js';
import { formatPhrase, fundingPhrase, languageName, listJoin, resourcePhraseOf, resourcePronounOf } from './labels.js';
import type { MatchingProfile, MatchProposal, MatchReason } from './types.js';

/**
 * Everything the pair has going for it, from a's side (a and b encoded at i and j of `s`):
 * themes strongest first (idf × both priorities), then what each offers the other, formats,
 * funding, availability, borders, scope and languages. Vocabulary order elsewhere, so the same
 * pair always reads the same. Read from the bitmasks: the batch run explains ~15 pairs a profile.
 */
export function buildReasons(a: MatchingProfile, b: MatchingProfile, s: EncodedProfiles, i: number, j: number): MatchReason[] {
  const reasons: MatchReason[] = [];
  const rows = s.rows;
  const ri = i * ROW_WIDTH;
  const rj = j * ROW_WIDTH;

  // Shared themes, strongest first (idf × both factors), ties in taxonomy order: an insertion
  // sort, as there are at most 15, and no closures (this runs for every proposal of a batch).
  const themeBits: number[] = [];
  const strengths: number[] = [];
  for (let w = 0; w < THEME_WORDS; w++) for (let m = field(rows, ri, R_THEMES + w) & field(rows, rj, R_THEMES + w); m !== 0; m &= m - 1) {
    const t = (w << 5) + lowestBit(m);
    const strength =
      (s.idf[t] as number) * ((s.factors[priorityCode(rows, ri, t)] as number) * (s.factors[priorityCode(rows, rj, t)] as number));
    let at = themeBits.length;
    while (at > 0 && (strengths[at - 1] as number) < strength) at--;
    themeBits.splice(at, 0, t);
    strengths.splice(at, 0, strength);
  }
  for (const t of themeBits) {
    reasons.push({
      kind: 'shared-theme',
      themeId: (THEMES[t] as (typeof THEMES)[number]).id,
      priorities: [priorityOfCode(priorityCode(rows, ri, t)), priorityOfCode(priorityCode(rows, rj, t))],
    });
  }

  reasons.push(...textReasons(s, i, j));

  for (let m = field(rows, ri, R_OFFERS) & field(rows, rj, R_NEEDS); m !== 0; m &= m - 1) {
    reasons.push({ kind: 'offers', from: a.id, to: b.id, resource: RESOURCES[lowestBit(m)] as Resource });
  }
  for (let m = field(rows, rj, R_OFFERS) & field(rows, ri, R_NEEDS); m !== 0; m &= m - 1) {
    reasons.push({ kind: 'offers', from: b.id, to: a.id, resource: RESOURCES[lowestBit(m)] as Resource });
  }
  for (let m = field(rows, ri, R_FORMATS) & field(rows, rj, R_FORMATS); m !== 0; m &= m - 1) {
    reasons.push({ kind: 'shared-format', format: FORMATS[lowestBit(m)] as Format });
  }
  for (let m = field(rows, ri, R_FUNDING) & field(rows, rj, R_FUNDING); m !== 0; m &= m - 1) {
    reasons.push({ kind: 'shared-funding', instrument: FUNDING_INSTRUMENTS[lowestBit(m)] as FundingInstrument });
  }

  if (a.availability && b.availability) {
    const from = a.availability.from > b.availability.from ? a.availability.from : b.availability.from;
    const to = a.availability.to < b.availability.to ? a.availability.to : b.availability.to;
    if (from <= to) reasons.push({ kind: 'availability-overlap', from, to });
  }
  if (a.country !== b.country) reasons.push({ kind: 'cross-border', countries: [a.country, b.country] });
  pushScope(reasons, a, b);
  return reasons;
}

/**
 * `buildReasons(a, b, …)` from `buildReasons(b, a, …)` (the same pair explained from the other
 * side), without reading the rows again: a shared theme's priorities and the countries swap, the
 * two groups of offers trade places, and networks and languages follow a's order. Text, formats,
 * funding and availability read the same from both sides and are shared, not copied (reasons are
 * never mutated). The batch run explains every match from both sides; this halves that work.
 */
export function mirrorReasons(a: MatchingProfile, b: MatchingProfile, fromB: readonly MatchReason[]): MatchReason[] {
  const reasons: MatchReason[] = [];
  let k = 0;
  const count = fromB.length;
  for (; k < count; k++) {
    const r = fromB[k] as MatchReason;
    if (r.kind !== 'shared-theme') break;
    reasons.push({ kind: 'shared-theme', themeId: r.themeId, priorities: [r.priorities[1], r.priorities[0]] });
  }
  for (; k < count; k++) {
    const r = fromB[k] as MatchReason;
    if (r.kind !== 'shared-tags' && r.kind !== 'shared-words') break;
    reasons.push(r);
  }
  // fromB lists b's offers to a first, then a's to b; from a's side a's come first.
  const offersStart = k;
  while (k < count && (fromB[k] as MatchReason).kind === 'offers' && (fromB[k] as Extract<MatchReason, { kind: 'offers' }>).from === b.id) k++;
  const offersMiddle = k;
  while (k < count && (fromB[k] as MatchReason).kind === 'offers') k++;
  for (let m = offersMiddle; m < k; m++) reasons.push(fromB[m] as MatchReason);
  for (let m = offersStart; m < offersMiddle; m++) reasons.push(fromB[m] as MatchReason);
  for (; k < count; k++) {
    const r = fromB[k] as MatchReason;
    if (r.kind !== 'shared-format' && r.kind !== 'shared-funding' && r.kind !== 'availability-overlap') break;
    reasons.push(r);
  }
  if (a.country !== b.country) reasons.push({ kind: 'cross-border', countries: [a.country, b.country] });
  pushScope(reasons, a, b);
  return reasons;
}

/** Shared networks (or that both are open to outside partners) and shared languages, in a's order. */
function pushScope(reasons: MatchReason[], a: MatchingProfile, b: MatchingProfile): void {
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
}

/** Shown at most: enough to check, short enough to read. */
export const MAX_SHARED_WORDS = 4;

/**
 * What the two texts share, strongest first (the product of both weights), ties in term order:
 * whole free tags, then words. A word is shown as first written in the profiles in scope; words
 * of languages without a stemmer share trigrams, and are shown once each.
 */
function textReasons(s: EncodedProfiles, i: number, j: number): MatchReason[] {
  const { offsets, ids, weights, sharable, surfaces } = s.text;
  const shared: { term: number; strength: number }[] = [];
  let a = offsets[i] as number;
  let b = offsets[j] as number;
  while (a < (offsets[i + 1] as number) && b < (offsets[j + 1] as number)) {
    const x = ids[a] as number;
    const y = ids[b] as number;
    if (x < y) a++;
    else if (y < x) b++;
    else {
      if (sharable[x] === 1) shared.push({ term: x, strength: (weights[a] as number) * (weights[b] as number) });
      a++;
      b++;
    }
  }
  if (shared.length === 0) return [];
  shared.sort((p, q) => q.strength - p.strength || p.term - q.term);
  const tags: string[] = [];
  for (const { term } of shared) {
    if (tags.length < MAX_SHARED_WORDS && isTagTerm(s.text.terms[term] as string)) tags.push(surfaces[term] as string);
  }
  // A word a shared tag names already is left out before the limit is counted: the tag's words are
  // usually the strongest terms, and counted first they took the places of the words that add something.
  const seen = new Set(tags.flatMap((t) => t.toLowerCase().split(/\s+/)));
  const words: string[] = [];
  for (const { term } of shared) {
    if (words.length >= MAX_SHARED_WORDS) break;
    if (isTagTerm(s.text.terms[term] as string)) continue;
    const surface = surfaces[term] as string;
    const lower = surface.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    words.push(surface);
  }
  const out: MatchReason[] = [];
  if (tags.length > 0) out.push({ kind: 'shared-tags', tags });
  if (words.length > 0) out.push({ kind: 'shared-words', words });
  return out;
}

function field(rows: Int32Array, row: number, offset: number): number {
  return rows[row + offset] as number;
}

function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

const WEAKER_PHRASES: Readonly<Record<Extract<MatchReason, { kind: 'weaker-match' }>['cause'], string>> = {
  'below-threshold': 'a weaker match, below the network\'s threshold',
  'windows-never-meet': 'a weaker match: your availability windows never meet',
  'nothing-in-common': 'a weaker match: no theme or words in common yet',
  'same-role': 'a weaker match: both offer funding, and each is proposed first to partners who need it',
};

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
  // One pass over the reasons, clauses appended to one string: the batch run writes a sentence
  // for both sides of every match (~10^5), and intermediate arrays were most of its cost.
  // Themes with the same pair of priorities read as one clause, placed where the first of them is.
  const themeGroups: { pa: Priority; pb: Priority; labels: string[] }[] = [];
  const fromA: Resource[] = [];
  const fromB: Resource[] = [];
  const formats: string[] = [];
  const funding: string[] = [];
  const languages: string[] = [];
  let tail = '';
  let weaker = '';
  let text = '';
  for (const r of reasons) {
    switch (r.kind) {
      case 'weaker-match':
        weaker = WEAKER_PHRASES[r.cause];
        break;
      case 'shared-tags': {
        const quoted: string[] = [];
        for (const tag of r.tags) quoted.push(`"${tag}"`);
        text += `; both list ${listJoin(quoted)}`;
        break;
      }
      case 'shared-words':
        text += `; both describe ${listJoin(r.words)}`;
        break;
      case 'shared-theme': {
        const [pa, pb] = r.priorities;
        const label = themeById(r.themeId).label;
        let group: (typeof themeGroups)[number] | undefined;
        for (const g of themeGroups) if (g.pa === pa && g.pb === pb) group = g;
        if (group) group.labels.push(label);
        else themeGroups.push({ pa, pb, labels: [label] });
        break;
      }
      case 'offers':
        if (r.from === a.id) fromA.push(r.resource);
        else fromB.push(r.resource);
        break;
      case 'shared-format':
        formats.push(formatPhrase(r.format));
        break;
      case 'shared-funding':
        funding.push(fundingPhrase(r.instrument));
        break;
      case 'availability-overlap':
        tail += `; both available from ${r.from} to ${r.to}`;
        break;
      case 'cross-border':
        tail += `; across borders (${r.countries[0]} and ${r.countries[1]})`;
        break;
      case 'both-open-to-outside':
        tail += '; no shared network, but both are open to partners outside it';
        break;
      case 'shared-language':
        languages.push(languageName(r.language));
        break;
      case 'shared-network':
        break;
    }
  }

  let sentence = weaker ? `; ${weaker}` : '';
  for (const { pa, pb, labels } of themeGroups) {
    const themes = listJoin(labels);
    sentence += pa === pb ? `; both give ${themes} ${pa} priority` : `; ${themes}: ${pa} priority for ${a.name}, ${pb} for ${b.name}`;
  }
  sentence += text;
  sentence += offersClause(a.name, b.name, fromA);
  sentence += offersClause(b.name, a.name, fromB);
  if (formats.length > 0) sentence += `; both look for ${listJoin(formats)}`;
  if (funding.length > 0) sentence += `; both consider ${listJoin(funding)}`;
  sentence += tail;
  if (languages.length > 0) sentence += `; shared language${languages.length > 1 ? 's' : ''}: ${listJoin(languages)}`;
  // Every clause starts with "; ": drop the first and capitalise what follows.
  return sentence.length < 2 ? '' : sentence.charAt(2).toUpperCase() + sentence.slice(3);
}

/** "; Kutaisi offers a venue, Gyumri needs one", or with several resources "…, which Gyumri needs"; '' for none. */
function offersClause(from: string, to: string, resources: readonly Resource[]): string {
  if (resources.length === 0) return '';
  if (resources.length === 1) {
    const resource = resources[0] as Resource;
    return `; ${from} offers ${resourcePhraseOf(resource)}, ${to} needs ${resourcePronounOf(resource)}`;
  }
  const phrases: string[] = [];
  for (const r of resources) phrases.push(resourcePhraseOf(r));
  return `; ${from} offers ${listJoin(phrases)}, which ${to} needs`;
}

/**
 * A proposal's reasons as they read for the pair in id order (lower id first), which is how a match
 * is stored and every reader renders it (its `profileIds`, its pair key). A proposal explained from
 * the higher id's side (a profile's own top matches) has its ordered fields swapped: a shared
 * theme's priorities and the two countries. Shapes: the same `MatchReason[]`, same length and order.
 */
export function reasonsInIdOrder(proposal: Pick<MatchProposal, 'a' | 'b' | 'reasons'>): MatchReason[] {
  if (proposal.a < proposal.b) return proposal.reasons;
  return proposal.reasons.map((r) => {
    if (r.kind === 'shared-theme') return { ...r, priorities: [r.priorities[1], r.priorities[0]] };
    if (r.kind === 'cross-border') return { ...r, countries: [r.countries[1], r.countries[0]] };
    return r;
  });
}
