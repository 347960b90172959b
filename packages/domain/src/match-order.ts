/**
 * A network's matches best first: score descending (score in [0, 1]), then by pair key (`matchId`,
 * code-unit order through `localeCompare`), so two lists of the same matches read alike. The API
 * sorts each answer with it and the dashboard the pages it joined.
 */
export const bestFirst = (a: { score: number; matchId: string }, b: { score: number; matchId: string }): number =>
  b.score - a.score || a.matchId.localeCompare(b.matchId);
