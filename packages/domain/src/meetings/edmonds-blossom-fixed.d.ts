/**
 * Types for edmonds-blossom-fixed 1.0.1 (MIT; a port of Joris van Rantwijk's mwmatching.py), which
 * ships none. Edges are `[u, v, weight]` with vertices numbered from 0; the answer is `mate`, where
 * `mate[v]` is v's partner or -1 (its length is the highest vertex that has an edge, plus one).
 */
declare module 'edmonds-blossom-fixed' {
  function maxWeightMatching(edges: [number, number, number][], maxCardinality?: boolean): number[];
  export default maxWeightMatching;
}
