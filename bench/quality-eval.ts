/**
 * Scores the matching engine against a labelled development set (see bench/devset/SOURCE.md and
 * ../shared/matching-devset/README.md for the set and its scoring rules). Used by
 * `npm run bench:quality` and by bench/quality.test.ts.
 *
 * Metrics, per the set's README:
 * - precision@5: labelled partners among the first 5 proposals / 5, averaged over profiles;
 * - normalised precision@5: the same divided by min(5, labels) instead of 5;
 * - mustNot violations: proposals (any position) whose unordered pair is in `mustNot`, self included;
 * - coverage: share of profiles with at least one proposal.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { computeAllMatches, ProfileInput, type MatchingConfigInput, type MatchingProfile, type MatchProposal } from '../packages/domain/src/index.js';

export interface Devset {
  /** Parsed through the real `ProfileInput`, made active, with the set's ids. */
  profiles: MatchingProfile[];
  labels: Record<string, { rank: number; partner: string; reason: string }[]>;
  mustNot: { a: string; b: string; type: string }[];
}

export class DevsetMissing extends Error {}

/** Reads profiles.json and labels.json from `dir`; throws DevsetMissing when they are not there, a ZodError when a profile does not parse. */
export function loadDevset(dir: string): Devset {
  const profilesFile = join(dir, 'profiles.json');
  const labelsFile = join(dir, 'labels.json');
  if (!existsSync(profilesFile) || !existsSync(labelsFile)) {
    throw new DevsetMissing(`the development set is not at ${dir} (expected profiles.json and labels.json there)`);
  }
  const raw = JSON.parse(readFileSync(profilesFile, 'utf8')) as ({ id: string } & Record<string, unknown>)[];
  const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Devset & Record<string, unknown>;
  const profiles = raw.map(({ id, ...input }) => ({ ...ProfileInput.parse(input), id, status: 'active' as const }));
  return { profiles, labels: labels.labels, mustNot: labels.mustNot };
}

export interface ProfileQuality {
  id: string;
  /** The engine's proposals in order (partner ids), and which of them are weaker matches. */
  proposed: string[];
  weaker: string[];
  labels: string[];
  /** Labelled partners not among the first 5 proposals. */
  misses: string[];
  hits: number;
}

export interface QualityResult {
  profiles: number;
  precisionAt5: number;
  normalisedPrecisionAt5: number;
  violations: { profile: string; partner: string; type: string }[];
  coverage: number;
  /** Profiles whose rank-1 label is among their first 5 proposals. */
  rankOneInTop5: number;
  /** Proposals whose two availability windows share no day. */
  nonOverlapping: number;
  perProfile: ProfileQuality[];
}

const partnerOf = (id: string, m: MatchProposal) => (m.a === id ? m.b : m.a);

function overlaps(a: MatchingProfile, b: MatchingProfile): boolean {
  if (!a.availability || !b.availability) return true;
  const from = a.availability.from > b.availability.from ? a.availability.from : b.availability.from;
  const to = a.availability.to < b.availability.to ? a.availability.to : b.availability.to;
  return from <= to;
}

/**
 * Runs the real engine (`computeAllMatches`, all profiles active, no declined pairs) with the
 * given network settings (the defaults when omitted) and scores it. `only` restricts the
 * averages to some profile ids (the engine still sees every profile), for hold-out checks.
 */
export function evaluate(devset: Devset, config: MatchingConfigInput = {}, only?: ReadonlySet<string>): QualityResult {
  const run = computeAllMatches(devset.profiles, config);
  const must = new Map(devset.mustNot.map((m) => [`${m.a}|${m.b}`, m.type]));
  const byId = new Map(devset.profiles.map((p) => [p.id, p]));
  const perProfile: ProfileQuality[] = [];
  const violations: QualityResult['violations'] = [];
  let p5 = 0;
  let np5 = 0;
  let covered = 0;
  let rankOne = 0;
  let nonOverlapping = 0;
  const scored = devset.profiles.filter((p) => !only || only.has(p.id)).sort((x, y) => (x.id < y.id ? -1 : 1));
  for (const p of scored) {
    const list = run.proposals.get(p.id) ?? [];
    const proposed = list.map((m) => partnerOf(p.id, m));
    const gold = (devset.labels[p.id] ?? []).map((e) => e.partner);
    const top5 = proposed.slice(0, 5);
    const hits = top5.filter((x) => gold.includes(x)).length;
    p5 += hits / 5;
    np5 += gold.length === 0 ? 1 : hits / Math.min(5, gold.length);
    if (proposed.length > 0) covered++;
    if (gold[0] !== undefined && top5.includes(gold[0])) rankOne++;
    for (const q of proposed) {
      const key = [p.id, q].sort().join('|');
      const type = q === p.id ? 'self' : must.get(key);
      if (type) violations.push({ profile: p.id, partner: q, type });
      const partner = byId.get(q);
      if (partner && !overlaps(p, partner)) nonOverlapping++;
    }
    perProfile.push({
      id: p.id,
      proposed,
      weaker: list.filter((m) => m.weaker).map((m) => partnerOf(p.id, m)),
      labels: gold,
      misses: gold.filter((x) => !top5.includes(x)),
      hits,
    });
  }
  const n = Math.max(1, scored.length);
  return {
    profiles: scored.length,
    precisionAt5: p5 / n,
    normalisedPrecisionAt5: np5 / n,
    violations,
    coverage: covered / n,
    rankOneInTop5: rankOne,
    nonOverlapping,
    perProfile,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The result as markdown: the figures, then one row per profile. */
export function renderQuality(result: QualityResult, heading: string): string {
  const lines = [
    '# Matching quality on the development set',
    '',
    heading,
    '',
    '| metric | value |',
    '|---|---|',
    `| precision@5 | ${result.precisionAt5.toFixed(4)} (ceiling 0.7542) |`,
    `| normalised precision@5 | ${result.normalisedPrecisionAt5.toFixed(4)} |`,
    `| mustNot violations | ${result.violations.length} |`,
    `| coverage | ${pct(result.coverage)} |`,
    `| rank-1 label in the top 5 | ${result.rankOneInTop5} of ${result.profiles} |`,
    `| proposals whose windows never meet | ${result.nonOverlapping} |`,
    '',
    `- precision@5: ${result.precisionAt5.toFixed(4)} (target ≥ 0.62) ${result.precisionAt5 >= 0.62 ? 'met' : 'missed'}`,
    `- normalised precision@5: ${result.normalisedPrecisionAt5.toFixed(4)} (target ≥ 0.82) ${result.normalisedPrecisionAt5 >= 0.82 ? 'met' : 'missed'}`,
    `- mustNot violations: ${result.violations.length} (target 0) ${result.violations.length === 0 ? 'met' : 'missed'}`,
    `- coverage: ${pct(result.coverage)} (target 100 %) ${result.coverage === 1 ? 'met' : 'missed'}`,
    '',
    '| profile | top 5 (labelled ✓, weaker ~) | labels | misses |',
    '|---|---|---|---|',
  ];
  for (const p of result.perProfile) {
    const top = p.proposed
      .slice(0, 5)
      .map((q) => `${q}${p.labels.includes(q) ? ' ✓' : ''}${p.weaker.includes(q) ? ' ~' : ''}`)
      .join(', ');
    lines.push(`| ${p.id} | ${top || '—'} | ${p.labels.join(', ')} | ${p.misses.join(', ') || '—'} |`);
  }
  if (result.violations.length > 0) {
    lines.push('', '## Violations', '');
    for (const v of result.violations) lines.push(`- ${v.profile} → ${v.partner} (${v.type})`);
  }
  return `${lines.join('\n')}\n`;
}
