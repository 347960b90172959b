/**
 * A match's score as every page writes it: "22/100", digits in the page's language (`number`).
 * `score` is in [0, 1]. One definition for the match card, the member page, the network's matches
 * table and the graph, so a coordinator and a member read the same figure the same way.
 */
export function scoreOutOf100(score: number, number: (n: number) => string): string {
  return `${number(Math.round(score * 100))}/${number(100)}`;
}
