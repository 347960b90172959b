/**
 * Meeting planner benchmark: the planner (one maximum-weight matching per round) against greedy
 * maximum-weight pairing per round and score-blind round robin (the circle method), on the
 * development set (bench/devset, 48 profiles), on synthetic networks of 50, 100 and 200
 * participants with 6, 8 and 10 rounds, and on the largest meeting the API accepts
 * (MAX_PARTICIPANTS × MAX_ROUNDS, with every table, a quarter and a twelfth as many tables as people, and one).
 *
 *   npm run bench:meetings [-- --runs 5 --seed 20270101]
 *
 * Pair weights are the planner's own (`affinityWeight`: the match score, more for a proposed and
 * most for a confirmed match), from matching run over the participants. All three methods obey the
 * same rules (shared language, never declined, never twice); a pair the circle method cannot use is
 * a meeting left unfilled. Prints a markdown table and writes it to bench/results/meetings.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeAllMatches, pairKey, ProfileInput, type MatchState, type Profile } from '../packages/domain/src/index.js';
import { affinityWeight, MAX_PARTICIPANTS, MAX_ROUNDS, planMeeting, shareLanguage, type MeetingParticipant, type PairAffinity, type PlannedRound } from '../packages/domain/src/meetings/planning.js';
import { generateSyntheticProfiles } from '../packages/domain/src/matching/synthetic.js';
import { option } from './args.js';

const here = dirname(fileURLToPath(import.meta.url));

const seed = Number(option('seed') ?? 20_270_101);
const runs = Number(option('runs') ?? 5);
const TARGET_100X8_MS = 1000;
// The machine may be shared: the load when the run starts says how far the times can be trusted.
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(', ');
/**
 * The largest meeting the API accepts (MAX_PARTICIPANTS × MAX_ROUNDS) must plan well inside the
 * meetings function's 29 s timeout, which also reads, writes and answers: 5 s on this machine.
 */
const TARGET_LARGEST_MS = 5000;

interface Case {
  name: string;
  participants: MeetingParticipant[];
  affinities: PairAffinity[];
  rounds: number;
  tables: number;
}

/** Matching's proposals over the participants; every fifth one (by pair key) counts as confirmed. */
function affinitiesOf(profiles: readonly Profile[]): PairAffinity[] {
  const run = computeAllMatches(profiles.map((p) => ({ ...p, status: 'active' as const })));
  const byKey = new Map<string, PairAffinity>();
  for (const list of run.proposals.values()) {
    for (const m of list) {
      const key = pairKey(m.a, m.b);
      if (!byKey.has(key)) byKey.set(key, { a: m.a, b: m.b, score: m.score, match: 'proposed' });
    }
  }
  const keys = [...byKey.keys()].sort();
  keys.forEach((key, i) => {
    if (i % 5 === 0) (byKey.get(key) as PairAffinity).match = 'confirmed' satisfies MatchState;
  });
  return keys.map((k) => byKey.get(k) as PairAffinity);
}

function caseOf(name: string, profiles: readonly Profile[], rounds: number, tables = Math.ceil(profiles.length / 2)): Case {
  return {
    name,
    participants: profiles.map((p) => ({ id: p.id, country: p.country, languages: p.languages })),
    affinities: affinitiesOf(profiles),
    rounds,
    // Enough tables for everyone unless a case says otherwise: the room is not what most rows measure.
    tables,
  };
}

function devset(): Profile[] {
  const raw = JSON.parse(readFileSync(join(here, 'devset', 'profiles.json'), 'utf8')) as ({ id: string } & Record<string, unknown>)[];
  const now = '2026-11-30T00:00:00.000Z';
  return raw.map(({ id, ...rest }) => ({ ...ProfileInput.parse(rest), id, status: 'active', version: 1, createdAt: now, updatedAt: now }) as Profile);
}

// ---- baselines -------------------------------------------------------------------------------

type Rounds = { a: string; b: string }[][];

/** Greedy maximum-weight pairing per round: heaviest allowed pair first, ties by pair key. */
function greedy(c: Case): Rounds {
  const weight = new Map(c.affinities.map((a) => [pairKey(a.a, a.b), affinityWeight(a)]));
  const ps = [...c.participants].sort((x, y) => (x.id < y.id ? -1 : 1));
  const candidates: { a: string; b: string; key: string; w: number }[] = [];
  for (let i = 0; i < ps.length; i++) {
    for (let j = i + 1; j < ps.length; j++) {
      const a = ps[i] as MeetingParticipant;
      const b = ps[j] as MeetingParticipant;
      if (!shareLanguage(a, b)) continue;
      const key = pairKey(a.id, b.id);
      candidates.push({ a: a.id, b: b.id, key, w: weight.get(key) ?? 0 });
    }
  }
  candidates.sort((x, y) => y.w - x.w || (x.key < y.key ? -1 : 1));
  const met = new Set<string>();
  const rounds: Rounds = [];
  for (let r = 0; r < c.rounds; r++) {
    const busy = new Set<string>();
    const round: { a: string; b: string }[] = [];
    for (const e of candidates) {
      if (round.length >= c.tables) break;
      if (met.has(e.key) || busy.has(e.a) || busy.has(e.b)) continue;
      round.push({ a: e.a, b: e.b });
      busy.add(e.a).add(e.b);
      met.add(e.key);
    }
    rounds.push(round);
  }
  return rounds;
}

/** The circle method: one fixed, everyone rotates; pairs sharing no language are left unfilled. */
function circle(c: Case): Rounds {
  const ids = c.participants.map((p) => p.id).sort();
  const byId = new Map(c.participants.map((p) => [p.id, p]));
  const slots: (string | null)[] = ids.length % 2 === 0 ? [...ids] : [...ids, null];
  const m = slots.length;
  const rounds: Rounds = [];
  for (let r = 0; r < c.rounds; r++) {
    const round: { a: string; b: string }[] = [];
    for (let k = 0; k < m / 2; k++) {
      const x = slots[k];
      const y = slots[m - 1 - k];
      if (x && y && shareLanguage(byId.get(x) as MeetingParticipant, byId.get(y) as MeetingParticipant) && round.length < c.tables) round.push({ a: x, b: y });
    }
    rounds.push(round);
    slots.splice(1, 0, slots.pop() as string | null);
  }
  return rounds;
}

// ---- measures --------------------------------------------------------------------------------

interface Measure {
  weight: number;
  unfilled: number;
  maxByes: number;
  meanByes: number;
}

function measure(c: Case, rounds: Rounds): Measure {
  const weight = new Map(c.affinities.map((a) => [pairKey(a.a, a.b), affinityWeight(a)]));
  const possible = Math.min(c.tables, Math.floor(c.participants.length / 2));
  const byes = new Map(c.participants.map((p) => [p.id, 0]));
  let total = 0;
  let unfilled = 0;
  for (const round of rounds) {
    unfilled += possible - round.length;
    const seated = new Set(round.flatMap((m) => [m.a, m.b]));
    for (const id of byes.keys()) if (!seated.has(id)) byes.set(id, (byes.get(id) as number) + 1);
    for (const m of round) total += weight.get(pairKey(m.a, m.b)) ?? 0;
  }
  const counts = [...byes.values()];
  return { weight: total, unfilled, maxByes: Math.max(...counts), meanByes: counts.reduce((s, x) => s + x, 0) / counts.length };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Wall time and this process's CPU time (user + system) of planning, medians of `runs`. On a machine
 * other work shares, the wall time waits for the CPU; the CPU time is what the planning itself costs,
 * close to the wall time of the same run on an idle machine (and on a Lambda, which runs one request).
 */
function timePlan(c: Case): { plan: PlannedRound[]; ms: number; cpuMs: number } {
  const times: number[] = [];
  const cpu: number[] = [];
  let plan: PlannedRound[] = [];
  for (let i = 0; i < runs; i++) {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    plan = planMeeting({ participants: c.participants, affinities: c.affinities, rounds: c.rounds, tables: c.tables }).rounds;
    times.push(performance.now() - started);
    const used = process.cpuUsage(startedCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { plan, ms: median(times), cpuMs: median(cpu) };
}

// ---- run -------------------------------------------------------------------------------------

const cases: Case[] = [];
const dev = devset();
for (const rounds of [6, 8]) cases.push(caseOf(`devset, all 48`, dev, rounds));
const biggest = 'south-caucasus-towns';
for (const rounds of [6, 8]) cases.push(caseOf(`devset, ${biggest} (12)`, dev.filter((p) => p.networks.includes(biggest)), rounds));
for (const size of [50, 100, MAX_PARTICIPANTS]) {
  const profiles = generateSyntheticProfiles({ count: size, seed: seed + size, networks: 1 }).map((p) => ({ ...p, status: 'active' as const }));
  for (const rounds of [6, 8, 10]) cases.push(caseOf(`synthetic ${size}`, profiles, rounds));
}
// Everyone also speaks English: a perfect schedule exists (the circle method is one), so the
// planner must fill every meeting too.
for (const size of [51, 100]) {
  const profiles = generateSyntheticProfiles({ count: size, seed: seed + size, networks: 1 }).map((p) => ({
    ...p,
    status: 'active' as const,
    languages: [...new Set(['en', ...p.languages])],
  }));
  for (const rounds of [8, 10]) cases.push(caseOf(`synthetic ${size}, all speak English`, profiles, rounds));
}
// The largest meeting the API accepts: MAX_PARTICIPANTS people, MAX_ROUNDS rounds, with every table
// the schema allows (⌈n/2⌉) and with fewer, down to one: tables short of n/2 add a sitting-out place per person
// left over, each joined to everyone, which makes the per-round graph larger, not smaller.
const largest = generateSyntheticProfiles({ count: MAX_PARTICIPANTS, seed: seed + MAX_PARTICIPANTS, networks: 1 }).map((p) => ({ ...p, status: 'active' as const }));
const largestCases: Case[] = [
  caseOf(`synthetic ${MAX_PARTICIPANTS}, largest`, largest, MAX_ROUNDS),
  // A single table (the schema's least) is the largest graph: a sitting-out place for all but two.
  ...[MAX_PARTICIPANTS / 4, MAX_PARTICIPANTS / 12, 1].map((tables) => caseOf(`synthetic ${MAX_PARTICIPANTS}, largest, ${Math.round(tables)} table${Math.round(tables) === 1 ? '' : 's'}`, largest, MAX_ROUNDS, Math.round(tables))),
];
cases.push(...largestCases);

const header =
  '| input | n | rounds | tables | planner weight ÷ greedy | circle ÷ greedy | unfilled: planner / greedy / circle | byes per person max (mean): planner / greedy / circle | planning ms (median of ' +
  runs +
  ') | planning CPU ms (median) |\n|---|---|---|---|---|---|---|---|---|---|';
const lines: string[] = [];
const checks: string[] = [];
let allAtLeastGreedy = true;
let perfectWhereCircleIs = true;
let time100x8 = Number.NaN;
let timeLargest = 0;
let wallLargest = 0;
let largestName = '';
for (const c of cases) {
  const { plan, ms, cpuMs } = timePlan(c);
  const ours = measure(c, plan.map((r) => r.meetings));
  const g = measure(c, greedy(c));
  const rr = measure(c, circle(c));
  const ratio = (x: number) => (g.weight === 0 ? 'n/a' : (x / g.weight).toFixed(3));
  // Only where everyone has a table: with fewer, fair byes come before weight (the planner's second
  // goal), while greedy seats the heaviest pairs every round whoever sat out before.
  if (c.tables * 2 >= c.participants.length && ours.weight < g.weight) allAtLeastGreedy = false;
  // The circle method filling every meeting proves a perfect schedule exists for this input.
  if (rr.unfilled === 0 && ours.unfilled > 0) perfectWhereCircleIs = false;
  if (c.name === 'synthetic 100' && c.rounds === 8) time100x8 = ms;
  if (c.rounds === MAX_ROUNDS && largestCases.includes(c) && cpuMs >= timeLargest) {
    timeLargest = cpuMs;
    wallLargest = ms;
    largestName = `${c.participants.length} participants × ${c.rounds} rounds, ${c.tables} tables`;
  }
  const byes = (m: Measure) => `${m.maxByes} (${m.meanByes.toFixed(2)})`;
  lines.push(
    `| ${c.name} | ${c.participants.length} | ${c.rounds} | ${c.tables} | ${ratio(ours.weight)} | ${ratio(rr.weight)} | ${ours.unfilled} / ${g.unfilled} / ${rr.unfilled} | ${byes(ours)} / ${byes(g)} / ${byes(rr)} | ${ms.toFixed(1)} | ${cpuMs.toFixed(1)} |`,
  );
}
checks.push(`- planner summed weight ≥ greedy on every input with a table for everyone: **${allAtLeastGreedy ? 'yes' : 'NO'}**`);
checks.push(`- 0 unfilled meetings wherever the circle method shows a perfect schedule exists: **${perfectWhereCircleIs ? 'yes' : 'NO'}**`);
// Written like every other benchmark's goal bullet (bench/all.ts reads the trailing met|missed).
checks.push(`- 100 participants × 8 rounds planned in ${time100x8.toFixed(0)} ms (target ≤ ${TARGET_100X8_MS} ms) ${time100x8 <= TARGET_100X8_MS ? 'met' : 'missed'}`);
checks.push(
  `- largest meeting the API accepts, slowest room (${largestName}) planned in ${timeLargest.toFixed(0)} CPU ms, ${wallLargest.toFixed(0)} ms wall at load ${load} (target ≤ ${TARGET_LARGEST_MS} ms) ${timeLargest <= TARGET_LARGEST_MS ? 'met' : 'missed'}`,
);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const table = [
  `# Meeting planner benchmark`,
  '',
  `Run: \`npm run bench:meetings\` (seed ${seed}), ${new Date().toISOString().slice(0, 10)}, ${machine}; load average at the start ${load}.`,
  '',
  'Weight: the planner\'s pair weight (score, plus a bonus for a proposed and a larger one for a confirmed match), summed over',
  'all rounds, as a ratio to greedy maximum-weight pairing per round. Unfilled: meetings short of min(tables, ⌊n/2⌋) per round,',
  'summed. Byes: rounds a participant met nobody. Synthetic participants are all members of one network; their matches come',
  'from the matching engine, every fifth counted as confirmed.',
  '',
  header,
  ...lines,
  '',
  ...checks,
  '',
].join('\n');
console.log(table);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'meetings.md'), table);
if (!allAtLeastGreedy || !perfectWhereCircleIs || !(time100x8 <= TARGET_100X8_MS) || !(timeLargest <= TARGET_LARGEST_MS)) process.exitCode = 1;
