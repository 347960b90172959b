/**
 * Would a per-profile candidate budget keep the matches? The whole-network run scores every pair
 * of a scope that shares a theme or a word (issue #18's recompute at 100 000 is quadratic in the
 * largest network). An approximate run would score, per profile, its text candidates (pairs that
 * share a word; bounded, as a shared word is held by at most MAX_COMMON_DF profiles) and only the
 * B theme candidates with the highest theme affinity. This measures what that would lose, on the
 * synthetic networks of bench:matching:
 *
 *   npx tsx bench/candidate-budget.ts [--sizes 10000,30000] [--sample 400] [--seed 20270101]
 *
 * For a sample of profiles, the exact pool (the profile's 3 × topK best full matches, scored from
 * its side, as `candidatePools` keeps them) is compared with what the budget would have scored:
 * recall = share of pool partners that are text candidates or among the B best by theme affinity.
 * No goal: it is evidence for docs/decisions.md ("Recompute at 100 000 stays exact").
 */
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CANDIDATE_POOL_FACTOR } from '../packages/domain/src/matching/engine.js';
import { textCosine } from '../packages/domain/src/matching/encode.js';
import { buildMatchingIndex, collectCandidates, textDotOf } from '../packages/domain/src/matching/index-structure.js';
import { mayBeFull, scoreEncoded } from '../packages/domain/src/matching/score.js';
import { SCORE_SCALE } from '../packages/domain/src/matching/config.js';
import { generateSyntheticProfiles } from '../packages/domain/src/matching/synthetic.js';
import { option } from './args.js';

const sizes = (option('sizes') ?? '10000,30000').split(',').map(Number);
const sample = Number(option('sample') ?? 400);
const seed = Number(option('seed') ?? 20_270_101);
const BUDGETS = [100, 300, 1000] as const;

interface SizeResult {
  size: number;
  active: number;
  candidates: number;
  textCandidates: number;
  poolEntries: number;
  themeOnlyShare: number;
  rankPercentiles: [number, number, number];
  recall: number[];
}

function measure(size: number): SizeResult {
  const index = buildMatchingIndex(generateSyntheticProfiles({ count: size, seed }));
  const { encoded, weights, thresholdUnits, config } = index;
  const n = index.profiles.length;
  const pool = CANDIDATE_POOL_FACTOR * config.topK;
  const parts = new Float64Array(8);
  const ranks: number[] = [];
  const kept = BUDGETS.map(() => 0);
  let candidates = 0;
  let textCandidates = 0;
  let poolEntries = 0;
  for (let s = 0; s < sample; s++) {
    const i = Math.floor((s * n) / sample);
    const count = collectCandidates(index, i, 0);
    candidates += count;
    const scored: { j: number; score: number; themes: number; text: boolean }[] = [];
    for (let k = 0; k < count; k++) {
      const j = index.scratch.candidates[k] as number;
      const dot = textDotOf(index, j);
      if (dot > 0) textCandidates++;
      if (!mayBeFull(encoded, i, j)) continue;
      const score = scoreEncoded(encoded, weights, i, j, textCosine(encoded, i, j, dot), parts);
      if (Math.round(score * SCORE_SCALE) < thresholdUnits) continue;
      scored.push({ j, score, themes: parts[0] as number, text: dot > 0 });
    }
    const byTheme = new Map([...scored].sort((a, b) => b.themes - a.themes || a.j - b.j).map((c, r) => [c.j, r]));
    for (const entry of scored.sort((a, b) => b.score - a.score || a.j - b.j).slice(0, pool)) {
      poolEntries++;
      const rank = entry.text ? -1 : (byTheme.get(entry.j) as number);
      if (rank >= 0) ranks.push(rank);
      BUDGETS.forEach((budget, b) => {
        if (rank < budget) kept[b]!++;
      });
    }
  }
  ranks.sort((a, b) => a - b);
  const at = (q: number) => ranks[Math.floor(q * (ranks.length - 1))] ?? 0;
  return {
    size,
    active: n,
    candidates: candidates / sample,
    textCandidates: textCandidates / sample,
    poolEntries,
    themeOnlyShare: ranks.length / poolEntries,
    rankPercentiles: [at(0.5), at(0.9), at(0.99)],
    recall: kept.map((k) => k / poolEntries),
  };
}

const results = sizes.map((size) => {
  process.stderr.write(`${size} profiles …\n`);
  return measure(size);
});
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const report = [
  '# Candidate budget: what an approximate recompute would lose',
  '',
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}; seed ${seed}; ${sample} sampled profiles per size; \`npm run bench:candidate-budget\`.`,
  '',
  `| profiles (active) | candidates per profile | of which share a word | pool entries sampled | pool partners sharing no word | their rank by theme affinity (p50 / p90 / p99) | ${BUDGETS.map((b) => `recall, budget ${b}`).join(' | ')} |`,
  `|---|---|---|---|---|---|${BUDGETS.map(() => '---|').join('')}`,
  ...results.map(
    (r) =>
      `| ${r.size} (${r.active}) | ${r.candidates.toFixed(0)} | ${r.textCandidates.toFixed(0)} | ${r.poolEntries} | ${pct(r.themeOnlyShare)} | ${r.rankPercentiles.join(' / ')} | ${r.recall.map(pct).join(' | ')} |`,
  ),
  '',
  'pool: a profile\'s 3 × topK best full matches scored from its side (what the whole-network run keeps per profile before the fair selection). ' +
    'A budget B scores every candidate that shares a word with the profile and the B candidates with the highest theme affinity (the `themes` part); recall is the share of pool partners it would have scored. ' +
    'Most pool partners share no word, and their rank by theme affinity is spread far, because the other parts (complementarity, formats, availability, network: up to 0.24 of the score) reorder them.',
  '',
].join('\n');
console.log(report);
const here = fileURLToPath(new URL('.', import.meta.url));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'candidate-budget.md'), report);
