/**
 * Matching quality on the development set: precision@5, normalised precision@5, mustNot
 * violations, coverage, and per profile the top 5, the labels and the misses.
 *
 *   npm run bench:quality [-- --devset <dir>] [-- --holdout]
 *
 * Reads `../shared/matching-devset` from the repository root by default (the shared, maintained
 * set; bench/devset holds a copy for tests). Runs the real engine with a network's default
 * settings. Prints the table and writes it to bench/results/quality.md. `--holdout` also prints
 * the figures on each half of the profiles (split by a hash of the id), to see whether a change
 * helps profiles it was not looked at for.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DevsetMissing, evaluate, loadDevset, renderQuality } from './quality-eval.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--devset');
const dir = resolve(root, at >= 0 ? (process.argv[at + 1] ?? '') : '../shared/matching-devset');

let devset;
try {
  devset = loadDevset(dir);
} catch (error) {
  if (error instanceof DevsetMissing) {
    console.error(`bench:quality: ${error.message}.\nPut the set there, or point at a copy: npm run bench:quality -- --devset bench/devset`);
    process.exit(2);
  }
  throw error;
}

const result = evaluate(devset);
const table = renderQuality(
  result,
  `Node ${process.version}; set \`${dir.startsWith(root) ? dir.slice(root.length + 1) : dir}\` (${result.profiles} profiles); \`computeAllMatches\` with the default settings, all profiles active, no declined pairs; \`npm run bench:quality\`.`,
);
console.log(table);
if (process.argv.includes('--holdout')) {
  const half = (id: string) => (createHash('sha256').update(id).digest()[0] as number) % 2;
  for (const h of [0, 1]) {
    const ids = new Set(devset.profiles.filter((p) => half(p.id) === h).map((p) => p.id));
    const r = evaluate(devset, {}, ids);
    console.log(`half ${h} (${r.profiles} profiles): precision@5 ${r.precisionAt5.toFixed(4)}, normalised ${r.normalisedPrecisionAt5.toFixed(4)}`);
  }
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/quality.md'), table);
console.log('wrote bench/results/quality.md');
