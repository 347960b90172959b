import { isDayWithin } from '../calendar-day.js';
import { pairKey } from '../matching/pair-key.js';
import { summarise } from '../matching/reasons.js';
import { scorePair } from '../matching/score.js';
import type { MatchReason, MatchingProfile } from '../matching/types.js';
import type { MatchState } from '../match-lifecycle.js';
import { roundTimes, toPlannedRounds, type MeetingInput, type ScheduledRound } from './meeting.js';
import { planMeeting, type MeetingPlan } from './planner.js';

/** What the store knows about a pair of participants: their match, if any. */
export interface KnownMatch {
  profileIds: readonly [string, string] | readonly string[];
  state: MatchState;
  score: number;
  reasons: Record<string, unknown>[];
  summary: string;
}

/**
 * A pair's reasons as they hold on a meeting's `date` (YYYY-MM-DD, the meeting's own calendar day):
 * an availability overlap that does not contain the day is left out, as the timetable and each
 * member's schedule mail read the reasons as about that meeting ("both available from 1 to 30 June"
 * of a pair meeting on 12 May says something false). Undefined when every reason holds. The match's
 * own reasons and score are untouched: this is the meeting's explanation only.
 */
function reasonsOnTheDay(reasons: readonly MatchReason[], date: string): MatchReason[] | undefined {
  const holds = (r: MatchReason) => r.kind !== 'availability-overlap' || isDayWithin(date, r);
  return reasons.every(holds) ? undefined : reasons.filter(holds);
}

/**
 * The meeting's timetable: held rounds kept as they are, the rest planned from the participants'
 * matches (declined pairs never meet), each meeting with its reasons (the match's, or for a pair
 * matching never proposed, the reasons `scorePair` finds, such as a shared language), less an
 * availability overlap the meeting's day lies outside (reasonsOnTheDay).
 * `participants` are the matching views of the members taking part (unknown ids are left out by the
 * caller, who reports them as invalid).
 */
export function scheduleMeeting(
  input: Pick<MeetingInput, 'date' | 'startTime' | 'timeZone' | 'slotMinutes' | 'breakMinutes' | 'rounds' | 'tables' | 'requests'>,
  participants: readonly MatchingProfile[],
  matches: readonly KnownMatch[],
  held: readonly ScheduledRound[] = [],
): { schedule: ScheduledRound[]; unmetRequests: MeetingPlan['unmetRequests'] } {
  const byKey = new Map(matches.map((m) => [pairKey(m.profileIds[0] as string, m.profileIds[1] as string), m]));
  const plan = planMeeting({
    participants: participants.map((p) => ({ id: p.id, country: p.country, languages: p.languages })),
    rounds: input.rounds,
    tables: input.tables,
    affinities: matches.map((m) => ({ a: m.profileIds[0] as string, b: m.profileIds[1] as string, score: m.score, match: m.state })),
    requests: input.requests,
    held: toPlannedRounds(held),
  });
  const byId = new Map(participants.map((p) => [p.id, p]));
  const times = roundTimes(input);
  const schedule = plan.rounds.map((round, r): ScheduledRound => {
    const kept = held[r];
    if (kept) return kept;
    const time = times[r] as (typeof times)[number];
    return {
      round: round.round,
      startsAt: time.startsAt,
      endsAt: time.endsAt,
      byes: round.byes,
      meetings: round.meetings.map((m) => {
        // The pair in the order its reasons were explained in (the match's, or scorePair's): the
        // reasons' priorities follow it, so a reader renders "high for you, medium for Gyumri" the
        // right way round.
        const known = byKey.get(pairKey(m.a, m.b));
        const useKnown = known !== undefined && known.state !== 'withdrawn';
        const pair: [string, string] = useKnown ? [known.profileIds[0] as string, known.profileIds[1] as string] : [m.a, m.b];
        const explained = useKnown ? known : scorePair(byId.get(m.a) as MatchingProfile, byId.get(m.b) as MatchingProfile);
        const onTheDay = reasonsOnTheDay(explained.reasons as unknown as readonly MatchReason[], input.date);
        return {
          table: m.table,
          profileIds: pair,
          requested: m.requested,
          score: m.score,
          reasons: (onTheDay ?? explained.reasons) as unknown as Record<string, unknown>[],
          summary: onTheDay ? summarise(byId.get(pair[0]) as MatchingProfile, byId.get(pair[1]) as MatchingProfile, onTheDay) : explained.summary,
        };
      }),
    };
  });
  return { schedule, unmetRequests: plan.unmetRequests };
}
