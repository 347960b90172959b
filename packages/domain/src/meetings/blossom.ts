import maxWeightMatching from 'edmonds-blossom-fixed';

/** One edge of the graph given to `maximumWeightMatching`: vertices `u` ≠ `v` (from 0), integer weight ≥ 0. */
export type WeightedEdge = readonly [u: number, v: number, weight: number];

/**
 * A maximum-weight matching on a general graph (Edmonds' blossom algorithm, O(n³)); with
 * `maxCardinality` the heaviest among the matchings of the largest size. Returns `mate`, length
 * `vertices`, where `mate[v]` is v's partner or -1.
 *
 * Wraps edmonds-blossom-fixed, pinned: it is unmaintained (one release, 2024), so
 * `blossom.test.ts` checks it against brute force on random graphs. Weights must be integers
 * (the dual variables then stay exact) no larger than MAX_EDGE_WEIGHT. Throws RangeError otherwise.
 */
export function maximumWeightMatching(vertices: number, edges: readonly WeightedEdge[], maxCardinality: boolean): number[] {
  for (const [u, v, w] of edges) {
    if (!Number.isInteger(w) || w < 0 || w > MAX_EDGE_WEIGHT) throw new RangeError(`edge weight must be an integer in [0, ${MAX_EDGE_WEIGHT}], got ${w}`);
    if (u === v || u < 0 || v < 0 || u >= vertices || v >= vertices) throw new RangeError(`bad edge ${u}-${v} for ${vertices} vertices`);
  }
  const mate = edges.length === 0 ? [] : maxWeightMatching(edges.map(([u, v, w]) => [u, v, w]), maxCardinality);
  return Array.from({ length: vertices }, (_, v) => mate[v] ?? -1);
}

/** A graph's edges as parallel arrays (the first `count` entries): `u`, `v` vertices from 0, `w` weights. */
export interface EdgeArrays {
  u: Int32Array;
  v: Int32Array;
  w: Float64Array;
  count: number;
}

/** `maximumWeightMatching` of the first `edges.count` edges of parallel arrays, in their order. */
export function maximumWeightMatchingOf(vertices: number, edges: EdgeArrays, maxCardinality: boolean): number[] {
  const list: WeightedEdge[] = new Array(edges.count);
  for (let k = 0; k < edges.count; k++) list[k] = [edges.u[k] as number, edges.v[k] as number, edges.w[k] as number];
  return maximumWeightMatching(vertices, list, maxCardinality);
}

/** Dual variables reach about twice the largest weight; this keeps every sum exact in a double. */
export const MAX_EDGE_WEIGHT = 2 ** 50;
