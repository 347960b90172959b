import type { MatchState } from '../match-lifecycle.js';
import { isDeclined, pairKey, type DeclinedPairs } from '../matching/pair-key.js';
import { maximumWeightMatchingOf, MAX_EDGE_WEIGHT, type EdgeArrays } from './blossom.js';
import { MAX_PARTICIPANTS, MAX_ROUNDS } from './meeting.js';

/*
 * Speed-dating rounds for a network meeting: a pure, deterministic function of its input.
 *
 * Every round is one maximum-weight matching on a general graph (Edmonds' blossom) whose edges are
 * the pairs that may still meet. One integer weight per edge orders the goals lexicographically,
 * each level worth more than everything below it can add up to in a round:
 *   1. as many meetings as possible (maximum cardinality, a flag of the algorithm);
 *   2. fair byes: who sits out (odd count, too few tables) is the one with the fewest byes so far;
 *   3. members' requests to meet someone, so they are honoured in the earliest rounds;
 *   4. the pair's weight from matching: a confirmed match, then a proposed or accepted one, then
 *      the score alone;
 *   5. pairs from different countries, among otherwise equal choices.
 * Byes are dummy vertices joined to every participant: the sitting-out set is chosen by the same
 * optimisation, so a bye never costs a meeting someone else could have had.
 */

/** One person at the meeting: their profile id, ISO 3166-1 country and ISO 639-1 working languages. */
export interface MeetingParticipant {
  id: string;
  country: string;
  languages: readonly string[];
}

/** What matching knows about a pair: `score` in [0, 1] and, if there is one, its match's state. */
export interface PairAffinity {
  a: string;
  b: string;
  score: number;
  match?: MatchState;
}

/** A member (`from`) asks to meet `to` at this meeting. */
export interface MeetingRequest {
  from: string;
  to: string;
}

export interface PlannedMeeting {
  /** From 1, at most the meeting's number of tables. */
  table: number;
  /** The two participants, lower id first. */
  a: string;
  b: string;
  /** One of the two asked for it. */
  requested: boolean;
  /** The match's score in [0, 1] (0 when matching has none), for the timetable. */
  score: number;
  match?: MatchState;
}

export interface PlannedRound {
  /** From 1. */
  round: number;
  /** Ordered by table. */
  meetings: PlannedMeeting[];
  /** Participants not meeting anyone this round, by id. */
  byes: string[];
}

export type UnmetRequestReason = 'no-shared-language' | 'declined' | 'not-participating' | 'no-round-left';

export interface MeetingPlanInput {
  participants: readonly MeetingParticipant[];
  /** Total rounds of the meeting, held ones included; 1 to MAX_ROUNDS. */
  rounds: number;
  /** Tables in the room: at most this many meetings per round; ≥ 1. */
  tables: number;
  affinities?: readonly PairAffinity[];
  /** Pairs declined before (pair keys, or a lookup): they never meet. */
  declined?: DeclinedPairs;
  requests?: readonly MeetingRequest[];
  /**
   * Rounds already held, kept exactly as they were: a re-plan (someone left or arrived) changes
   * only the rounds after them. Their pairs do not meet again; their byes count, and so does a
   * held round a participant was not yet there for.
   */
  held?: readonly PlannedRound[];
}

export interface MeetingPlan {
  /** Held rounds unchanged, then the planned ones; `rounds` rounds in all. */
  rounds: PlannedRound[];
  /** Requests no round honours, with why, in the order asked. */
  unmetRequests: (MeetingRequest & { reason: UnmetRequestReason })[];
}

export { MAX_PARTICIPANTS, MAX_ROUNDS } from './meeting.js';

/** Weight of a pair from matching, in score units (1 = 0.0001 of score); see level 4 above. */
export const SCORE_UNITS = 10_000;
const MATCH_BONUS: Readonly<Record<MatchState, number>> = {
  confirmed: 2 * SCORE_UNITS,
  accepted: SCORE_UNITS,
  proposed: SCORE_UNITS,
  declined: 0,
  withdrawn: 0,
  expired: 0,
};
const MAX_AFFINITY = 3 * SCORE_UNITS;

/** A pair's matching weight (level 4): the score, plus a bonus for a confirmed or live match. */
export function affinityWeight(affinity: Pick<PairAffinity, 'score' | 'match'> | undefined): number {
  if (!affinity) return 0;
  return Math.round(Math.min(1, Math.max(0, affinity.score)) * SCORE_UNITS) + (affinity.match ? MATCH_BONUS[affinity.match] : 0);
}

/** Two people can talk only in a language both work in. */
export function shareLanguage(a: Pick<MeetingParticipant, 'languages'>, b: Pick<MeetingParticipant, 'languages'>): boolean {
  return a.languages.some((l) => b.languages.includes(l));
}

/**
 * Plans the meeting. Deterministic: the same input (in any order) gives the same plan.
 * Throws RangeError for more than MAX_PARTICIPANTS participants, rounds outside 1..MAX_ROUNDS,
 * fewer than 1 table, duplicate participant ids, or more held rounds than rounds.
 */
export function planMeeting(input: MeetingPlanInput): MeetingPlan {
  const people = [...input.participants].sort((x, y) => compareIds(x.id, y.id));
  const n = people.length;
  if (n > MAX_PARTICIPANTS) throw new RangeError(`at most ${MAX_PARTICIPANTS} participants`);
  if (!Number.isInteger(input.rounds) || input.rounds < 1 || input.rounds > MAX_ROUNDS) throw new RangeError(`rounds must be 1..${MAX_ROUNDS}`);
  if (!Number.isInteger(input.tables) || input.tables < 1) throw new RangeError('tables must be ≥ 1');
  const held = input.held ?? [];
  if (held.length > input.rounds) throw new RangeError('more held rounds than rounds');
  const index = new Map(people.map((p, i) => [p.id, i]));
  if (index.size !== n) throw new RangeError('duplicate participant id');

  const affinity = new Map<string, PairAffinity>();
  for (const a of input.affinities ?? []) affinity.set(pairKey(a.a, a.b), a);
  const requested = new Set<string>();
  for (const r of input.requests ?? []) if (r.from !== r.to) requested.add(pairKey(r.from, r.to));

  // What the held rounds leave behind: pairs that met, and byes (absence from a held round counts).
  const met = new Set<string>();
  const byes = new Array<number>(n).fill(0);
  for (const round of held) {
    const present = new Set<string>();
    for (const m of round.meetings) {
      met.add(pairKey(m.a, m.b));
      present.add(m.a);
      present.add(m.b);
    }
    people.forEach((p, i) => {
      if (!present.has(p.id)) byes[i] = (byes[i] as number) + 1;
    });
  }

  const allowed = (i: number, j: number) => {
    const a = people[i] as MeetingParticipant;
    const b = people[j] as MeetingParticipant;
    return shareLanguage(a, b) && !isDeclined(input.declined, a.id, b.id) && affinity.get(pairKey(a.id, b.id))?.match !== 'declined';
  };

  // What a pair weighs does not change from round to round (the levels' units depend on n only), so
  // it is worked out once per meeting, not once per round: -1 for a pair that may never meet.
  const unit = weightLevels(n, 0);
  const pairWeight = new Float64Array(n * n).fill(-1);
  const hasMet = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = people[i] as MeetingParticipant;
      const b = people[j] as MeetingParticipant;
      const key = pairKey(a.id, b.id);
      if (met.has(key)) hasMet[i * n + j] = 1;
      if (!allowed(i, j)) continue;
      pairWeight[i * n + j] =
        (requested.has(key) ? unit.request : 0) + affinityWeight(affinity.get(key)) * unit.affinity + (a.country !== b.country ? unit.cross : 0);
    }
  }
  const places = sittingOutPlaces(n, input.tables);
  const capacity = (n * (n - 1)) / 2 + places * n;
  const edges: EdgeArrays = { u: new Int32Array(capacity), v: new Int32Array(capacity), w: new Float64Array(capacity), count: 0 };

  const rounds: PlannedRound[] = held.map((r) => ({ ...r, meetings: [...r.meetings], byes: [...r.byes] }));
  for (let r = held.length + 1; r <= input.rounds; r++) {
    const round = planRound({ people, byes, places, pairWeight, hasMet, edges, requested, affinity });
    rounds.push({ round: r, ...round });
    const meeting = new Set<number>();
    for (const m of round.meetings) {
      met.add(pairKey(m.a, m.b));
      const i = index.get(m.a) as number;
      const j = index.get(m.b) as number;
      hasMet[Math.min(i, j) * n + Math.max(i, j)] = 1;
      meeting.add(i);
      meeting.add(j);
    }
    for (let i = 0; i < n; i++) if (!meeting.has(i)) byes[i] = (byes[i] as number) + 1;
  }

  const unmetRequests: MeetingPlan['unmetRequests'] = [];
  for (const request of input.requests ?? []) {
    if (met.has(pairKey(request.from, request.to))) continue;
    const i = index.get(request.from);
    const j = index.get(request.to);
    let reason: UnmetRequestReason;
    if (i === undefined || j === undefined || i === j) reason = 'not-participating';
    else if (!shareLanguage(people[i] as MeetingParticipant, people[j] as MeetingParticipant)) reason = 'no-shared-language';
    else if (!allowed(i, j)) reason = 'declined';
    else reason = 'no-round-left';
    unmetRequests.push({ ...request, reason });
  }
  return { rounds, unmetRequests };
}

interface RoundState {
  people: readonly MeetingParticipant[];
  byes: readonly number[];
  /** Sitting-out places (sittingOutPlaces). */
  places: number;
  /** Weight of pair i < j at i·n + j, -1 if they may never meet; `hasMet` marks pairs that have. */
  pairWeight: Float64Array;
  hasMet: Uint8Array;
  /** Room for the round's graph, reused from round to round. */
  edges: EdgeArrays;
  requested: ReadonlySet<string>;
  affinity: ReadonlyMap<string, PairAffinity>;
}

/** The unit of each level of the round's objective (see the top of this file), for n people and t tables. */
export function weightLevels(n: number, maxByes: number) {
  // Bounded by every pair the room could hold were the tables unlimited: a bye place can stay empty.
  const pairs = Math.max(1, Math.floor(n / 2));
  const cross = 1;
  const affinity = cross * (pairs + 1);
  const request = affinity * (pairs * MAX_AFFINITY + 1) + pairs;
  const fairness = request * (pairs + 1);
  if (fairness * (maxByes + 1) > MAX_EDGE_WEIGHT) throw new RangeError('meeting too large to weigh exactly');
  return { cross, affinity, request, fairness };
}

/** Sitting-out places: one for an odd count, and one per person the tables cannot seat. */
export function sittingOutPlaces(n: number, tables: number): number {
  return n - 2 * Math.min(tables, Math.floor(n / 2));
}

function planRound(state: RoundState): Omit<PlannedRound, 'round'> {
  const { people, byes, places, pairWeight, hasMet, edges, requested, affinity } = state;
  const n = people.length;
  const maxByes = Math.max(0, ...byes);
  const unit = weightLevels(n, maxByes);
  // The graph in the order it always had (pairs by i, then j; then each bye place's edges), so the
  // matching breaks ties as it always did.
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = pairWeight[i * n + j] as number;
      if (w < 0 || hasMet[i * n + j]) continue;
      edges.u[count] = i;
      edges.v[count] = j;
      edges.w[count++] = w;
    }
  }
  // A bye place taken by someone with fewer byes weighs more, so the fewest byes sit out first.
  for (let d = 0; d < places; d++) {
    for (let i = 0; i < n; i++) {
      edges.u[count] = n + d;
      edges.v[count] = i;
      edges.w[count++] = unit.fairness * (maxByes + 1 - (byes[i] as number));
    }
  }
  edges.count = count;
  const mate = maximumWeightMatchingOf(n + places, edges, true);

  // Never more pairs than tables: with k = min(tables, n/2) pairs the graph with its bye places has
  // k + places edges matched, and every pair more would leave a bye place empty and lose one.
  const pairs: { i: number; j: number; weight: number }[] = [];
  for (let i = 0; i < n; i++) {
    const j = mate[i] as number;
    if (j > i && j < n) pairs.push({ i, j, weight: pairWeight[i * n + j] as number });
  }
  // Tables in order of weight: requested and confirmed pairs get the first tables.
  pairs.sort((x, y) => y.weight - x.weight || x.i - y.i || x.j - y.j);

  const meetings: PlannedMeeting[] = pairs.map(({ i, j }, t) => {
    const a = people[i] as MeetingParticipant;
    const b = people[j] as MeetingParticipant;
    const key = pairKey(a.id, b.id);
    const found = affinity.get(key);
    return {
      table: t + 1,
      a: a.id,
      b: b.id,
      requested: requested.has(key),
      score: found?.score ?? 0,
      ...(found?.match ? { match: found.match } : {}),
    };
  });
  const seated = new Set(meetings.flatMap((m) => [m.a, m.b]));
  return { meetings, byes: people.filter((p) => !seated.has(p.id)).map((p) => p.id) };
}

/** Code-unit order, the same as pairKey's, so "lower id first" means one thing everywhere. */
function compareIds(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
