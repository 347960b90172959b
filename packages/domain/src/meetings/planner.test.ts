import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCH_STATES } from '../match-lifecycle.js';
import { pairKey } from '../matching/pair-key.js';
import {
  affinityWeight,
  planMeeting,
  shareLanguage,
  sittingOutPlaces,
  type MeetingParticipant,
  type MeetingPlan,
  type MeetingPlanInput,
  type PairAffinity,
  type PlannedRound,
} from './planner.js';

const LANGUAGES = ['en', 'ru', 'ka'] as const;
const COUNTRIES = ['GE', 'AM', 'UA'] as const;

const participant = (id: string) =>
  fc.record({
    id: fc.constant(id),
    country: fc.constantFrom(...COUNTRIES),
    languages: fc.subarray([...LANGUAGES], { minLength: 1 }),
  });

/** Small meetings with every kind of constraint: languages, declines, match states, requests, few tables. */
function inputs(options: { maxPeople: number; everyoneShares?: boolean; withRequests?: boolean }) {
  return fc.integer({ min: 2, max: options.maxPeople }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const pairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as const));
    return fc.record({
      participants: fc.tuple(
        ...ids.map((id) => (options.everyoneShares ? participant(id).map((p) => ({ ...p, languages: ['en', ...p.languages.filter((l) => l !== 'en')] })) : participant(id))),
      ),
      rounds: fc.integer({ min: 1, max: Math.min(6, n + 1) }),
      tables: fc.integer({ min: 1, max: Math.ceil(n / 2) + 1 }),
      affinities: fc.subarray(pairs as (readonly [string, string])[]).chain((chosen) =>
        fc.tuple(
          ...chosen.map(([a, b]) =>
            fc.record({
              a: fc.constant(a),
              b: fc.constant(b),
              score: fc.integer({ min: 0, max: 10_000 }).map((u) => u / 10_000),
              match: fc.option(fc.constantFrom(...MATCH_STATES.filter((s) => options.everyoneShares !== true || s !== 'declined')), { nil: undefined }),
            }),
          ),
        ),
      ),
      requests: options.withRequests === false ? fc.constant([]) : fc.subarray(pairs as (readonly [string, string])[], { maxLength: Math.min(4, pairs.length) }).map((ps) => ps.map(([from, to]) => ({ from, to }))),
    });
  }) as fc.Arbitrary<MeetingPlanInput & { participants: MeetingParticipant[]; affinities: PairAffinity[] }>;
}

function meetingPairs(round: PlannedRound): string[] {
  return round.meetings.map((m) => pairKey(m.a, m.b));
}

/** Byes before each round, recomputed from the plan (absence from a round counts as a bye). */
function byesBefore(plan: MeetingPlan, ids: readonly string[]): Map<string, number>[] {
  const out: Map<string, number>[] = [];
  const count = new Map(ids.map((id) => [id, 0]));
  for (const round of plan.rounds) {
    out.push(new Map(count));
    const seated = new Set(round.meetings.flatMap((m) => [m.a, m.b]));
    for (const id of ids) if (!seated.has(id)) count.set(id, (count.get(id) as number) + 1);
  }
  return out;
}

describe('planMeeting: structure', () => {
  it('pairs are disjoint within a round, never repeat, fit the tables, and every round is there', () => {
    fc.assert(
      fc.property(inputs({ maxPeople: 12 }), (input) => {
        const plan = planMeeting(input);
        expect(plan.rounds.map((r) => r.round)).toEqual(Array.from({ length: input.rounds }, (_, i) => i + 1));
        const seen = new Set<string>();
        const ids = input.participants.map((p) => p.id).sort();
        for (const round of plan.rounds) {
          const people = round.meetings.flatMap((m) => [m.a, m.b]);
          expect(new Set(people).size).toBe(people.length);
          expect(round.meetings.length).toBeLessThanOrEqual(input.tables);
          expect(round.meetings.map((m) => m.table)).toEqual(round.meetings.map((_, i) => i + 1));
          expect([...people, ...round.byes].sort()).toEqual(ids);
          for (const m of round.meetings) expect(m.a < m.b).toBe(true);
          for (const key of meetingPairs(round)) {
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every pair shares a working language, and declined pairs never meet', () => {
    fc.assert(
      fc.property(inputs({ maxPeople: 12 }), fc.infiniteStream(fc.boolean()), (input, coin) => {
        const ids = input.participants.map((p) => p.id);
        const declined = new Set(ids.flatMap((a, i) => ids.slice(i + 1).map((b) => pairKey(a, b))).filter(() => coin.next().value === true));
        const plan = planMeeting({ ...input, declined });
        const byId = new Map(input.participants.map((p) => [p.id, p]));
        const declinedByMatch = new Set(input.affinities.filter((a) => a.match === 'declined').map((a) => pairKey(a.a, a.b)));
        for (const round of plan.rounds) {
          for (const m of round.meetings) {
            expect(shareLanguage(byId.get(m.a) as MeetingParticipant, byId.get(m.b) as MeetingParticipant)).toBe(true);
            expect(declined.has(pairKey(m.a, m.b))).toBe(false);
            expect(declinedByMatch.has(pairKey(m.a, m.b))).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('byes are fair: nobody sits out where someone with fewer byes could have sat out instead', () => {
    // A swap: sitter s takes player x's seat opposite y. If s has more byes than x and may meet y,
    // the round was unfair. (Everyone shares a language here, so only met pairs and tables constrain.)
    fc.assert(
      fc.property(inputs({ maxPeople: 13, everyoneShares: true }), (input) => {
        const plan = planMeeting(input);
        const ids = input.participants.map((p) => p.id);
        const before = byesBefore(plan, ids);
        const met = new Set<string>();
        const declined = new Set(input.affinities.filter((a) => a.match === 'declined').map((a) => pairKey(a.a, a.b)));
        plan.rounds.forEach((round, r) => {
          const counts = before[r] as Map<string, number>;
          for (const s of round.byes) {
            for (const m of round.meetings) {
              for (const [x, y] of [[m.a, m.b], [m.b, m.a]] as const) {
                const free = !met.has(pairKey(s, y)) && !declined.has(pairKey(s, y));
                if (free) expect(counts.get(s) as number, `round ${r + 1}: ${s} sits out, ${x} meets ${y}`).toBeLessThanOrEqual(counts.get(x) as number);
              }
            }
          }
          for (const key of meetingPairs(round)) met.add(key);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('nobody sits out twice before everyone has sat out once (odd count, everyone compatible)', () => {
    // Up to about 3n/4 rounds. Planning one round at a time is myopic: near the end of a full round
    // robin the pairs left may not include everyone (see docs/decisions.md, 2026-11-30 meeting planner).
    for (const n of [5, 7, 9, 11, 13, 21, 31]) {
      const participants = Array.from({ length: n }, (_, i) => ({ id: `p${String(i).padStart(2, '0')}`, country: COUNTRIES[i % 3] as string, languages: ['en'] }));
      const rounds = Math.floor((3 * n) / 4) - 1;
      const plan = planMeeting({ participants, rounds, tables: n });
      const byes = plan.rounds.map((r) => r.byes);
      for (const b of byes) expect(b).toHaveLength(1);
      expect(new Set(byes.flat()).size).toBe(rounds);
    }
  });

  it('is deterministic: the same input in any order gives the same plan', () => {
    fc.assert(
      fc.property(inputs({ maxPeople: 12 }), fc.integer(), (input, seed) => {
        const shuffled = {
          ...input,
          participants: fc.sample(fc.shuffledSubarray(input.participants, { minLength: input.participants.length }), { numRuns: 1, seed })[0] as MeetingParticipant[],
          affinities: [...input.affinities].reverse(),
        };
        expect(planMeeting(shuffled)).toEqual(planMeeting(input));
        expect(planMeeting(input)).toEqual(planMeeting(structuredClone(input)));
      }),
      { numRuns: 100 },
    );
  });
});

/*
 * Brute force: every matching of the round's allowed pairs (≤ tables), ranked by the objective the
 * planner documents, worked out here independently of the graph it builds: most meetings plus filled
 * bye places, then the fewest byes among those sitting out, then requests, match weight, borders.
 */
type Key = [number, number, number, number, number];

/** The objective of one round, for pairs `pairs` given the byes before it. */
function keyer(input: MeetingPlanInput, byes: ReadonlyMap<string, number>) {
  const ids = input.participants.map((p) => p.id);
  const places = sittingOutPlaces(ids.length, input.tables);
  const maxByes = Math.max(0, ...byes.values());
  const affinity = new Map((input.affinities ?? []).map((a) => [pairKey(a.a, a.b), affinityWeight(a)]));
  const requested = new Set((input.requests ?? []).map((r) => pairKey(r.from, r.to)));
  const country = new Map(input.participants.map((p) => [p.id, p.country]));
  return (pairs: readonly (readonly [string, string])[]): Key => {
    const seated = new Set(pairs.flat());
    const out = ids
      .filter((id) => !seated.has(id))
      .map((id) => maxByes + 1 - (byes.get(id) as number))
      .sort((x, y) => y - x)
      .slice(0, places);
    let requests = 0;
    let weight = 0;
    let cross = 0;
    for (const [a, b] of pairs) {
      const key = pairKey(a, b);
      if (requested.has(key)) requests++;
      weight += affinity.get(key) ?? 0;
      if (country.get(a) !== country.get(b)) cross++;
    }
    return [pairs.length + out.length, out.reduce((s, x) => s + x, 0), requests, weight, cross];
  };
}

function compareKeys(x: Key, y: Key): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return 0;
}

function bestRoundKey(input: MeetingPlanInput, met: ReadonlySet<string>, key: (pairs: readonly (readonly [string, string])[]) => Key): Key {
  const ids = input.participants.map((p) => p.id).sort();
  const byId = new Map(input.participants.map((p) => [p.id, p]));
  const declined = new Set((input.affinities ?? []).filter((a) => a.match === 'declined').map((a) => pairKey(a.a, a.b)));
  const allowed = (a: string, b: string) =>
    !met.has(pairKey(a, b)) && !declined.has(pairKey(a, b)) && shareLanguage(byId.get(a) as MeetingParticipant, byId.get(b) as MeetingParticipant);
  let best: Key | undefined;
  const chosen: [string, string][] = [];
  const used = new Set<string>();
  const visit = (k: number) => {
    while (k < ids.length && used.has(ids[k] as string)) k++;
    if (k >= ids.length) {
      const found = key(chosen);
      if (!best || compareKeys(found, best) > 0) best = found;
      return;
    }
    const a = ids[k] as string;
    used.add(a);
    visit(k + 1);
    if (chosen.length < input.tables) {
      for (const b of ids) {
        if (used.has(b) || !allowed(a, b)) continue;
        used.add(b);
        chosen.push([a, b]);
        visit(k + 1);
        chosen.pop();
        used.delete(b);
      }
    }
    used.delete(a);
  };
  visit(0);
  return best as Key;
}

describe('planMeeting: optimal rounds', () => {
  it('each round is as good as the brute-force optimum (≤ 10 participants)', () => {
    fc.assert(
      fc.property(inputs({ maxPeople: 10 }), (input) => {
        const plan = planMeeting(input);
        const before = byesBefore(plan, input.participants.map((p) => p.id));
        const met = new Set<string>();
        plan.rounds.forEach((round, r) => {
          const key = keyer(input, before[r] as Map<string, number>);
          expect(key(round.meetings.map((m) => [m.a, m.b] as const))).toEqual(bestRoundKey(input, met, key));
          for (const key of meetingPairs(round)) met.add(key);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('planMeeting: examples', () => {
  const en = (id: string, country: string): MeetingParticipant => ({ id, country, languages: ['en'] });

  it('prefers pairs from different countries among equal choices', () => {
    const plan = planMeeting({ participants: [en('a', 'GE'), en('b', 'GE'), en('c', 'AM'), en('d', 'AM')], rounds: 1, tables: 2 });
    const pairs = plan.rounds[0]?.meetings.map((m) => `${m.a}${m.b}`);
    expect(pairs).toHaveLength(2);
    expect(pairs).not.toContain('ab');
    expect(pairs).not.toContain('cd');
  });

  it('but a better match beats a border: confirmed, then proposed, then the score', () => {
    const participants = [en('a', 'GE'), en('b', 'GE'), en('c', 'AM'), en('d', 'AM')];
    const plan = planMeeting({ participants, rounds: 1, tables: 2, affinities: [{ a: 'a', b: 'b', score: 0.2, match: 'confirmed' }, { a: 'a', b: 'c', score: 0.9, match: 'proposed' }] });
    expect(plan.rounds[0]?.meetings.map((m) => [m.table, m.a, m.b])).toEqual([
      [1, 'a', 'b'],
      [2, 'c', 'd'],
    ]);
  });

  it('honours requests first, in the first round, even against a confirmed match', () => {
    const participants = [en('a', 'GE'), en('b', 'AM'), en('c', 'UA'), en('d', 'MD')];
    const plan = planMeeting({
      participants,
      rounds: 2,
      tables: 2,
      affinities: [{ a: 'a', b: 'b', score: 0.9, match: 'confirmed' }],
      requests: [{ from: 'c', to: 'a' }],
    });
    expect(plan.rounds[0]?.meetings[0]).toMatchObject({ a: 'a', b: 'c', requested: true, table: 1 });
    expect(plan.rounds[1]?.meetings.map((m) => [m.a, m.b])).toContainEqual(['a', 'b']);
    expect(plan.unmetRequests).toEqual([]);
  });

  it('says why a request cannot be met', () => {
    const plan = planMeeting({
      participants: [en('a', 'GE'), { id: 'b', country: 'AM', languages: ['hy'] }, en('c', 'UA'), en('d', 'UA')],
      rounds: 1,
      tables: 2,
      declined: new Set([pairKey('a', 'c')]),
      requests: [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'a', to: 'zz' }],
    });
    expect(plan.unmetRequests.map((r) => r.reason)).toEqual(['no-shared-language', 'declined', 'not-participating']);
  });

  it('seats at most the tables there are; the others sit out in turn', () => {
    const participants = Array.from({ length: 8 }, (_, i) => en(`p${i}`, COUNTRIES[i % 3] as string));
    const plan = planMeeting({ participants, rounds: 4, tables: 3 });
    for (const round of plan.rounds) {
      expect(round.meetings).toHaveLength(3);
      expect(round.byes).toHaveLength(2);
    }
    expect(new Set(plan.rounds.flatMap((r) => r.byes)).size).toBe(8);
  });

  it('leaves unpaired only those with nobody left to talk to', () => {
    const plan = planMeeting({ participants: [en('a', 'GE'), en('b', 'AM'), { id: 'c', country: 'UA', languages: ['uk'] }], rounds: 2, tables: 5 });
    expect(plan.rounds[0]?.meetings.map((m) => [m.a, m.b])).toEqual([['a', 'b']]);
    expect(plan.rounds[0]?.byes).toEqual(['c']);
    expect(plan.rounds[1]?.meetings).toEqual([]);
  });

  it('a re-plan keeps the rounds already held, and nobody meets twice', () => {
    const participants = Array.from({ length: 9 }, (_, i) => en(`p${i}`, COUNTRIES[i % 3] as string));
    const first = planMeeting({ participants, rounds: 5, tables: 5 });
    const held = first.rounds.slice(0, 2);
    const leaving = held[0]?.meetings[0]?.a as string;
    const now = [...participants.filter((p) => p.id !== leaving), en('new', 'MD')];
    const again = planMeeting({ participants: now, rounds: 5, tables: 5, held });
    expect(again.rounds.slice(0, 2)).toEqual(held);
    const later = again.rounds.slice(2);
    expect(later.flatMap((r) => r.meetings.flatMap((m) => [m.a, m.b]))).not.toContain(leaving);
    const all = again.rounds.flatMap(meetingPairs);
    expect(new Set(all).size).toBe(all.length);
    // The newcomer missed two rounds; nobody else had sat out, so in later rounds others sit out first.
    expect(later.flatMap((r) => r.byes)).not.toContain('new');
  });

  it('refuses inputs it cannot plan', () => {
    const p = [en('a', 'GE'), en('b', 'AM')];
    expect(() => planMeeting({ participants: p, rounds: 0, tables: 1 })).toThrow(RangeError);
    expect(() => planMeeting({ participants: p, rounds: 1, tables: 0 })).toThrow(RangeError);
    expect(() => planMeeting({ participants: [...p, en('a', 'UA')], rounds: 1, tables: 1 })).toThrow(RangeError);
  });
});
