/**
 * A match's key, the same whichever side asks. '%' and '|' inside ids are escaped so that two
 * different pairs can never share a key, while ordinary ids stay readable ("a|b").
 */
export function pairKey(a: string, b: string): string {
  return a < b ? `${escape(a)}|${escape(b)}` : `${escape(b)}|${escape(a)}`;
}

/** The two ids of a key made by `pairKey`, lower id first; undefined for anything else. */
export function parsePairKey(key: string): [string, string] | undefined {
  const parts = key.split('|');
  if (parts.length !== 2) return undefined;
  return [unescape(parts[0] as string), unescape(parts[1] as string)];
}

/** Pairs declined before: a set of `pairKey`s, or a lookup by key (e.g. backed by the store). */
export type DeclinedPairs = ReadonlySet<string> | ((pairKey: string) => boolean);

export function isDeclined(declined: DeclinedPairs | undefined, a: string, b: string): boolean {
  if (declined === undefined) return false;
  const key = pairKey(a, b);
  return typeof declined === 'function' ? declined(key) : declined.has(key);
}

function escape(id: string): string {
  return id.replaceAll('%', '%25').replaceAll('|', '%7C');
}

function unescape(part: string): string {
  return part.replaceAll('%7C', '|').replaceAll('%25', '%');
}
