import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THEMES } from '../taxonomy.js';
import { FORMATS, FUNDING_INSTRUMENTS, PRIORITIES, RESOURCES } from '../vocabulary.js';
import type { MatchingConfigInput } from './config.js';
import { computeAllMatches, topMatchesFor } from './engine.js';
import { checkHardFilters } from './filters.js';
import { buildMatchingIndex } from './index-structure.js';
import { pairKey } from './pair-key.js';
import { scorePair } from './score.js';
import { mulberry32 } from './synthetic.js';
import type { MatchingProfile, MatchProposal } from './types.js';
import { DEFAULT_MATCHING_CONFIG } from './config.js';

/** 0 for a full match, 1 for a weaker one whose windows meet, 2 for one whose windows never meet. */
function tierOf(p: MatchProposal, byId: ReadonlyMap<string, MatchingProfile>): number {
  if (!p.weaker) return 0;
  const a = byId.get(p.a)!.availability;
  const b = byId.get(p.b)!.availability;
  const meets = !a || !b || (a.from > b.from ? a.from : b.from) <= (a.to < b.to ? a.to : b.to);
  return meets ? 1 : 2;
}

/*
 * Small vocabularies on purpose: with few networks, languages and themes, random profiles often
 * match, share priorities and tie on score, which is where ordering and filter bugs live.
 */
const day = (offset: number) => new Date(Date.UTC(2027, 0, 1 + offset)).toISOString().slice(0, 10);

const profileFields = fc.record({
  status: fc.constantFrom('active', 'active', 'active', 'active', 'pending', 'withdrawn'),
  networks: fc.subarray(['n1', 'n2', 'n3'], { minLength: 1 }),
  country: fc.constantFrom('GE', 'AM', 'UA'),
  themes: fc.uniqueArray(
    fc.record({ id: fc.constantFrom(...THEMES.slice(0, 6).map((t) => t.id), THEMES[20]!.id), priority: fc.constantFrom(...PRIORITIES) }),
    { minLength: 1, maxLength: 4, selector: (t) => t.id },
  ),
  formats: fc.subarray(FORMATS.slice(0, 4)),
  offers: fc.subarray(RESOURCES.slice(0, 5)),
  needs: fc.subarray(RESOURCES.slice(0, 5)),
  languages: fc.subarray(['en', 'ru', 'ka', 'hy'], { minLength: 1 }),
  fundingInstruments: fc.subarray(FUNDING_INSTRUMENTS.slice(0, 4)),
  availability: fc.option(
    fc.tuple(fc.integer({ min: 0, max: 360 }), fc.integer({ min: 0, max: 200 })).map(([start, length]) => ({ from: day(start), to: day(start + length) })),
    { nil: undefined },
  ),
  openToOutsideNetwork: fc.boolean(),
});

const network = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { maxLength: 24 })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.array(profileFields, { minLength: ids.length, maxLength: ids.length })))
  .map(([ids, fields]): MatchingProfile[] =>
    ids.map((id, k) => {
      const { availability, ...rest } = fields[k]!;
      return { id, name: `Member ${id}`, ...rest, ...(availability ? { availability } : {}) };
    }),
  );

const settings: fc.Arbitrary<MatchingConfigInput> = fc
  .record({ topK: fc.integer({ min: 1, max: 4 }), extra: fc.integer({ min: 0, max: 3 }), threshold: fc.constantFrom(0, 0.1, 0.25, 0.4) })
  .map(({ topK, extra, threshold }) => ({ topK, exposureCap: topK + extra, threshold }));

/** Some of the pairs, declined. */
const withDeclined = fc
  .tuple(network, fc.integer())
  .map(([profiles, seed]) => {
    const random = mulberry32(seed);
    const declined = new Set<string>();
    for (const a of profiles) for (const b of profiles) if (a.id < b.id && random() < 0.15) declined.add(pairKey(a.id, b.id));
    return { profiles, declined };
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let k = out.length - 1; k > 0; k--) {
    const m = Math.floor(random() * (k + 1));
    [out[k], out[m]] = [out[m] as T, out[k] as T];
  }
  return out;
}

const runs = { numRuns: 150 };

describe('matching properties', () => {
  it('is deterministic and independent of input order', () => {
    fc.assert(
      fc.property(withDeclined, settings, fc.integer(), ({ profiles, declined }, config, seed) => {
        const first = computeAllMatches(profiles, config, { declined });
        const twice = computeAllMatches(profiles, config, { declined });
        // Everything a run tells: the lists (explained on read, and streamed), coverage and counts.
        expect([...twice.proposals]).toEqual([...first.proposals]);
        expect([...twice.stream()]).toEqual([...first.proposals]);
        expect(twice.stats).toEqual(first.stats);
        expect(twice.coverage).toBe(first.coverage);
        const again = computeAllMatches(shuffled(profiles, seed), config, { declined });
        expect([...again.proposals]).toEqual([...first.proposals]);
        expect(again.coverage).toBe(first.coverage);
      }),
      runs,
    );
  });

  it('keeps every score in [0, 1], with parts that add up to it', () => {
    fc.assert(
      fc.property(network, (profiles) => {
        const index = buildMatchingIndex(profiles);
        for (const a of profiles) {
          for (const b of profiles) {
            const { score, parts } = scorePair(a, b, index);
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(1);
            for (const p of parts) expect(p.value >= 0 && p.value <= 1).toBe(true);
            expect(Math.abs(parts.reduce((s, p) => s + p.contribution, 0) - score)).toBeLessThan(5e-4);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('scores a pair the same from both sides', () => {
    fc.assert(
      fc.property(network, (profiles) => {
        const index = buildMatchingIndex(profiles);
        for (const a of profiles) {
          for (const b of profiles) {
            const there = scorePair(a, b, index);
            const back = scorePair(b, a, index);
            expect(back.score).toBe(there.score);
            expect(back.parts).toEqual(there.parts);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('proposes only pairs that pass every hard filter, full ones at or above the threshold, reciprocally, within the cap', () => {
    fc.assert(
      fc.property(withDeclined, settings, ({ profiles, declined }, config) => {
        const run = computeAllMatches(profiles, config, { declined });
        const byId = new Map(profiles.map((p) => [p.id, p]));
        for (const [id, list] of run.proposals) {
          expect(list.length).toBeLessThanOrEqual(config.exposureCap!);
          for (const proposal of list) {
            expect(proposal.a).toBe(id);
            expect(checkHardFilters(byId.get(proposal.a)!, byId.get(proposal.b)!, declined)).toEqual({ ok: true });
            if (!proposal.weaker) expect(proposal.score).toBeGreaterThanOrEqual(config.threshold!);
            const back = run.proposals.get(proposal.b)?.find((p) => p.b === id);
            expect(back?.score).toBe(proposal.score);
            expect(back?.weaker).toBe(proposal.weaker);
          }
          // Full matches first, then weaker ones whose windows meet, then the rest; score desc, id asc.
          const order = list.map((p) => [tierOf(p, byId), -p.score, p.b] as const);
          expect(order).toEqual([...order].sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : 1)));
        }
      }),
      runs,
    );
  });

  it('ranks with the index exactly as scoring every pair would', () => {
    fc.assert(
      fc.property(withDeclined, settings, ({ profiles, declined }, config) => {
        const index = buildMatchingIndex(profiles, config);
        for (const a of profiles) {
          const byId = new Map(profiles.map((p) => [p.id, p]));
          const rank = (x: MatchProposal, y: MatchProposal) => tierOf(x, byId) - tierOf(y, byId) || y.score - x.score || (x.b < y.b ? -1 : 1);
          const compatible = profiles.filter((b) => checkHardFilters(a, b, declined).ok).map((b) => scorePair(a, b, index));
          const full = compatible.filter((p) => !p.weaker).sort(rank).slice(0, config.topK);
          const minimum = Math.min(DEFAULT_MATCHING_CONFIG.minimumProposals, config.topK!);
          const weaker = compatible.filter((p) => p.weaker).sort(rank).slice(0, Math.max(0, minimum - full.length));
          expect(topMatchesFor(index, a.id, { declined })).toEqual([...full, ...weaker]);
        }
      }),
      runs,
    );
  });

  it('covers every member that has a qualifying partner, unless all such partners are at the cap', () => {
    fc.assert(
      fc.property(withDeclined, settings, ({ profiles, declined }, config) => {
        const run = computeAllMatches(profiles, config, { declined });
        const index = buildMatchingIndex(profiles, config);
        for (const [id, list] of run.proposals) {
          if (list.length > 0) continue;
          const qualifying = topMatchesFor(index, id, { declined, limit: profiles.length });
          for (const q of qualifying) expect(run.proposals.get(q.b)).toHaveLength(config.exposureCap!);
        }
        expect(run.stats.coveredProfiles).toBeLessThanOrEqual(run.stats.profilesWithQualifyingPartner);
      }),
      runs,
    );
  });

  it('explains a list the same whichever side of its matches is read first, and counts what the lists hold', () => {
    fc.assert(
      fc.property(withDeclined, settings, fc.integer(), ({ profiles, declined }, config, seed) => {
        const inOrder = computeAllMatches(profiles, config, { declined });
        const scattered = computeAllMatches(profiles, config, { declined });
        // Read in a shuffled order: each pair's second side mirrors whatever side came first.
        // A reader that reorders a list's reasons must not change what its partners read later.
        for (const p of shuffled(profiles, seed)) {
          const list = scattered.proposals.get(p.id);
          expect(list).toEqual(inOrder.proposals.get(p.id));
          for (const m of list ?? []) m.reasons.reverse();
        }
        const lists = [...inOrder.stream()].map(([, list]) => list);
        const ends = lists.reduce((sum, list) => sum + list.length, 0);
        const weakerEnds = lists.reduce((sum, list) => sum + list.filter((m) => m.weaker).length, 0);
        expect(inOrder.stats.matches).toBe(ends / 2);
        expect(inOrder.stats.weakerMatches).toBe(weakerEnds / 2);
        expect(inOrder.stats.coveredProfiles).toBe(lists.filter((list) => list.length > 0).length);
      }),
      runs,
    );
  });
});
