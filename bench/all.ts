/**
 * `npm run bench`: every benchmark, one after another, then one summary table with each figure
 * beside its goal, written to bench/results/summary.md.
 *
 *   npx tsx bench/all.ts [--only cold-start,api] [--summary-only]
 *
 * `--summary-only` runs nothing and rebuilds the summary from the result files already written,
 * e.g. after re-running one benchmark on its own.
 *
 * Each benchmark is an npm script `bench:<name>` that writes `bench/results/<name>.md`, and states
 * each figure with a goal as a bullet: "- <figure>: <value> (goal|target …) met|missed". The summary
 * gathers those bullets, so a benchmark added later joins it by following the same convention.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const only = (() => {
  const at = process.argv.indexOf('--only');
  return at >= 0 ? new Set((process.argv[at + 1] ?? '').split(',')) : undefined;
})();

/** npm scripts named bench:<name>, in package.json order; `bench` itself is this file. */
const benchScripts = () => Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts)
  .filter((s) => s.startsWith('bench:'))
  .map((s) => s.slice('bench:'.length))
  .filter((name) => !only || only.has(name));

export interface Figure {
  bench: string;
  text: string;
  met: boolean | undefined;
}

/** The goal bullets of one result file. */
export function figuresOf(bench: string, markdown: string): Figure[] {
  return markdown
    .split('\n')
    .filter((line) => /^- .*\((goal|target)\b/.test(line))
    .map((line) => {
      const text = line.slice(2).replace(/\s+(met|missed)\s*$/, '');
      // A bullet may state several goals, each followed by its verdict ("… (goal ≥ 60 %) missed;
      // p99 … (goal ≤ 100 ms) met"): the figure is met only when all of them are.
      const verdicts = [...line.matchAll(/\)\s+(met|missed)\b/g)].map((m) => m[1]);
      return { bench, text, met: verdicts.length === 0 ? undefined : verdicts.every((v) => v === 'met') };
    });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scripts = benchScripts();
  const figures: Figure[] = [];
  const failures: string[] = [];
  const summaryOnly = process.argv.includes('--summary-only');
  for (const name of scripts) {
    const result = join(ROOT, 'bench/results', `${name}.md`);
    if (!summaryOnly) {
      process.stderr.write(`\n=== npm run bench:${name}\n`);
      const run = spawnSync('npm', ['run', '--silent', `bench:${name}`], { cwd: ROOT, stdio: 'inherit' });
      if (run.status !== 0) failures.push(`bench:${name} exited with ${run.status}`);
    }
    if (existsSync(result)) figures.push(...figuresOf(name, readFileSync(result, 'utf8')));
    else if (summaryOnly) failures.push(`bench/results/${name}.md is missing: run npm run bench:${name}`);
  }

  const lines = [
    '# Benchmark summary',
    '',
    `Node ${process.version}; \`npm run bench\` ${summaryOnly ? 'gathered the results of' : 'ran'} ${scripts.map((s) => `bench:${s}`).join(', ')}; each benchmark's own table is in bench/results/<name>.md.`,
    '',
    '| benchmark | figure against its goal | verdict |',
    '|---|---|---|',
    ...figures.map((f) => `| ${f.bench} | ${f.text.replace(/\|/g, '\\|')} | ${f.met === undefined ? '—' : f.met ? '✅ met' : '❌ missed'} |`),
    ...(failures.length ? ['', ...failures.map((f) => `- ${f}`)] : []),
    '',
  ];
  const summary = lines.join('\n');
  process.stdout.write(`\n${summary}`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/summary.md'), summary);
  process.exitCode = failures.length ? 1 : 0;
}
