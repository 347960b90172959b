/**
 * A match's score as every page and every mail writes it: "22/100", the digits written by `number`
 * (the page's Intl.NumberFormat; mails write a count's digits as they are, `String`). `score` is in
 * [0, 1]. One definition for the match card, the member page, the network's matches table, the
 * graph and the coordinator's match mail, so everyone reads the same figure the same way.
 */
export function scoreOutOf100(score: number, number: (n: number) => string = String): string {
  return `${number(Math.round(score * 100))}/${number(100)}`;
}
