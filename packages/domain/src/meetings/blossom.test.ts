import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maximumWeightMatching, type WeightedEdge } from './blossom.js';

/** Every matching of the graph, by recursion on the lowest unmatched vertex (fine for ≤ 10 vertices). */
function* matchings(vertices: number, edges: readonly WeightedEdge[]): Generator<WeightedEdge[]> {
  function* from(v: number, used: boolean[], chosen: WeightedEdge[]): Generator<WeightedEdge[]> {
    while (v < vertices && used[v]) v++;
    if (v >= vertices) {
      yield [...chosen];
      return;
    }
    used[v] = true;
    yield* from(v + 1, used, chosen); // v stays single
    for (const e of edges) {
      const w = e[0] === v ? e[1] : e[1] === v ? e[0] : -1;
      if (w < 0 || used[w]) continue;
      used[w] = true;
      chosen.push(e);
      yield* from(v + 1, used, chosen);
      chosen.pop();
      used[w] = false;
    }
    used[v] = false;
  }
  yield* from(0, new Array<boolean>(vertices).fill(false), []);
}

function best(vertices: number, edges: readonly WeightedEdge[], maxCardinality: boolean): [number, number] {
  let top: [number, number] = [0, 0];
  for (const m of matchings(vertices, edges)) {
    const key: [number, number] = [maxCardinality ? m.length : 0, m.reduce((s, e) => s + e[2], 0)];
    if (key[0] > top[0] || (key[0] === top[0] && key[1] > top[1])) top = key;
  }
  return top;
}

const graphs = fc.integer({ min: 2, max: 10 }).chain((vertices) =>
  fc.record({
    vertices: fc.constant(vertices),
    edges: fc
      .uniqueArray(fc.tuple(fc.nat(vertices - 1), fc.nat(vertices - 1)).filter(([u, v]) => u !== v), {
        selector: ([u, v]) => (u < v ? `${u}-${v}` : `${v}-${u}`),
        maxLength: 30,
      })
      .chain((pairs) => fc.tuple(...pairs.map(([u, v]) => fc.tuple(fc.constant(u), fc.constant(v), fc.nat(1000))))),
    maxCardinality: fc.boolean(),
  }),
);

describe('maximumWeightMatching (edmonds-blossom-fixed, pinned)', () => {
  it('answers a valid matching of the brute-force optimum weight (and size, with maxCardinality)', () => {
    fc.assert(
      fc.property(graphs, ({ vertices, edges, maxCardinality }) => {
        const mate = maximumWeightMatching(vertices, edges as WeightedEdge[], maxCardinality);
        expect(mate).toHaveLength(vertices);
        let size = 0;
        let weight = 0;
        for (let v = 0; v < vertices; v++) {
          const w = mate[v] as number;
          if (w < 0) continue;
          expect(mate[w]).toBe(v);
          const edge = edges.find(([a, b]) => (a === v && b === w) || (a === w && b === v));
          expect(edge).toBeDefined();
          if (v < w) {
            size++;
            weight += (edge as WeightedEdge)[2];
          }
        }
        const [bestSize, bestWeight] = best(vertices, edges as WeightedEdge[], maxCardinality);
        if (maxCardinality) expect(size).toBe(bestSize);
        expect(weight).toBe(bestWeight);
      }),
      { numRuns: 400 },
    );
  });

  it('finds the heavier matching through an odd cycle (a blossom)', () => {
    // Triangle 0-1-2 with a tail 2-3: the best is 0-1 and 2-3.
    const mate = maximumWeightMatching(4, [[0, 1, 6], [1, 2, 5], [0, 2, 5], [2, 3, 4]], false);
    expect(mate).toEqual([1, 0, 3, 2]);
  });

  it('refuses weights that are not exact integers', () => {
    expect(() => maximumWeightMatching(2, [[0, 1, 0.5]], true)).toThrow(RangeError);
    expect(() => maximumWeightMatching(2, [[0, 1, 2 ** 51]], true)).toThrow(RangeError);
  });
});
