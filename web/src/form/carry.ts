/** Two values of one form field are the same, compared as JSON (lists in order, objects as written). */
export function sameAsJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `mine` (typed over `base`, the values as the form began) carried onto `current` (the values as
 * they are now, after a change made elsewhere), field by field: a field changed in `mine` keeps its
 * typed value, every other takes `current`'s. `overlapping` names the fields changed both in `mine`
 * and meanwhile in `current`, to different values: the typed value stands, and the page names them
 * so they are checked before saving. `same` compares one field's two values (default: as JSON).
 */
export function carryFields<T extends object>(
  base: T,
  mine: T,
  current: T,
  same: (a: T[keyof T], b: T[keyof T]) => boolean = sameAsJson,
): { values: T; overlapping: (keyof T)[] } {
  const values = { ...current };
  const overlapping: (keyof T)[] = [];
  for (const field of Object.keys(mine) as (keyof T)[]) {
    if (same(mine[field], base[field])) continue;
    values[field] = mine[field];
    if (!same(current[field], base[field]) && !same(current[field], mine[field])) overlapping.push(field);
  }
  return { values, overlapping };
}
