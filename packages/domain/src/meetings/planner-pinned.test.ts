import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MATCH_STATES } from '../match-lifecycle.js';
import { mulberry32 } from '../matching/synthetic.js';
import { pairKey } from '../matching/pair-key.js';
import { planMeeting, type MeetingPlanInput, type PairAffinity } from './planner.js';

/*
 * The plans of a few seeded mid-size meetings, pinned: the planner is tuned for speed, and a faster
 * planner must make the very same plans (ties included), not just equally good ones. A change here
 * means the plans changed; only a deliberate change of the planner's goals may update these.
 */

const LANGUAGES = ['en', 'ru', 'ka', 'hy', 'uk', 'ro'] as const;
const COUNTRIES = ['GE', 'AM', 'UA', 'MD', 'AZ'] as const;

/** A meeting of `n` people drawn from `seed`: languages, countries, scores on a coarse grid (ties), every match state, declines, requests, held rounds. */
function fixture(seed: number, n: number, rounds: number, tables: number, options: { everyoneSpeaksEnglish?: boolean } = {}): MeetingPlanInput {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const ids = Array.from({ length: n }, (_, i) => `m${String(i).padStart(3, '0')}`);
  const participants = ids.map((id) => {
    const languages = new Set<string>([pick(LANGUAGES)]);
    if (random() < 0.6) languages.add(pick(LANGUAGES));
    if (options.everyoneSpeaksEnglish) languages.add('en');
    return { id, country: pick(COUNTRIES), languages: [...languages] };
  });
  const affinities: PairAffinity[] = [];
  const declined = new Set<string>();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = random();
      // A coarse score grid makes many pairs weigh the same: the tie-breaking is what is pinned.
      if (x < 0.3) affinities.push({ a: ids[i] as string, b: ids[j] as string, score: Math.floor(random() * 5) / 4, ...(random() < 0.5 ? { match: pick(MATCH_STATES) } : {}) });
      else if (x < 0.33) declined.add(pairKey(ids[i] as string, ids[j] as string));
    }
  }
  const requests = Array.from({ length: Math.floor(n / 5) }, () => ({ from: pick(ids), to: pick(ids) }));
  return { participants, rounds, tables, affinities, declined, requests };
}

function digest(input: MeetingPlanInput): string {
  const plan = planMeeting(input);
  const rounds = plan.rounds.map((r) => `${r.round}:${r.meetings.map((m) => `${m.table}=${m.a}-${m.b}${m.requested ? '!' : ''}`).join(',')}/${r.byes.join(',')}`);
  return createHash('sha256')
    .update(JSON.stringify({ rounds, unmet: plan.unmetRequests }))
    .digest('hex')
    .slice(0, 16);
}

describe('planMeeting: pinned plans', () => {
  it('40 participants × 6 rounds, a table for everyone', () => {
    const input = fixture(20_261_201, 40, 6, 20);
    // The full first round too, so a failure shows where the plans part.
    expect(
      planMeeting(input)
        .rounds[0]?.meetings.map((m) => `${m.a}-${m.b}`)
        .join(' '),
    ).toMatchInlineSnapshot(`"m011-m034 m001-m021 m016-m022 m026-m030 m029-m032 m033-m039 m004-m024 m007-m038 m002-m023 m027-m036 m003-m031 m008-m037 m010-m035 m000-m025 m006-m028 m009-m017 m012-m019 m013-m014 m018-m020 m005-m015"`);
    expect(digest(input)).toBe('98e0592c4420a7a8');
  });

  it('40 participants × 6 rounds, 14 tables (byes every round)', () => {
    expect(digest(fixture(20_261_202, 40, 6, 14))).toBe('c5045f80e490ced8');
  });

  it('41 participants × 8 rounds, everyone speaks English (odd count)', () => {
    expect(digest(fixture(20_261_203, 41, 8, 21, { everyoneSpeaksEnglish: true }))).toBe('5b46ef09729125d4');
  });

  it('a re-plan after 3 held rounds of 40 × 6 keeps them and plans the rest the same way', () => {
    const input = fixture(20_261_204, 40, 6, 17);
    const held = planMeeting(input).rounds.slice(0, 3);
    expect(digest({ ...input, participants: input.participants.slice(1), held })).toBe('c0c99b6aa0e73c47');
  });

  it('120 participants × 10 rounds, 45 tables', () => {
    expect(digest(fixture(20_261_205, 120, 10, 45))).toBe('0e7713963265d954');
  });
});
