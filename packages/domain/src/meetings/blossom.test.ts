import maxWeightMatching from 'edmonds-blossom-fixed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../matching/synthetic.js';
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

describe('maximumWeightMatching', () => {
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

/** A random graph of `vertices`, each pair an edge with probability `density`, weights drawn from `palette` (few values: many ties). */
function randomGraph(seed: number, vertices: number, density: number, palette: readonly number[], dummies = 0): WeightedEdge[] {
  const random = mulberry32(seed);
  const edges: WeightedEdge[] = [];
  for (let i = 0; i < vertices; i++) {
    for (let j = i + 1; j < vertices; j++) if (random() < density) edges.push([i, j, palette[Math.floor(random() * palette.length)] as number]);
  }
  // Sitting-out places as the meeting planner adds them: extra vertices joined to everyone.
  for (let d = 0; d < dummies; d++) for (let i = 0; i < vertices; i++) edges.push([vertices + d, i, palette[(i * 7 + d) % palette.length] as number]);
  return edges;
}

describe('maximumWeightMatching is edmonds-blossom-fixed 1.0.1, step for step', () => {
  // It replaced that library for speed; the meeting plans depend on which of several equally heavy
  // matchings comes out, so it must give the library's very answer, not just one as heavy.
  const palettes: readonly (readonly number[])[] = [[1], [0, 1, 2], [3, 5, 8, 13, 21], [0, 2 ** 40, 2 ** 40 + 3, 2 ** 45]];
  const library = (vertices: number, edges: readonly WeightedEdge[], maxCardinality: boolean) => {
    const mate = edges.length === 0 ? [] : maxWeightMatching(edges.map(([u, v, w]) => [u, v, w]), maxCardinality);
    return Array.from({ length: vertices }, (_, v) => mate[v] ?? -1);
  };

  it('gives the same mate as the library on random graphs full of ties, with and without maxCardinality', () => {
    let compared = 0;
    for (let seed = 1; seed <= 240; seed++) {
      const random = mulberry32(seed * 7919);
      const vertices = 2 + Math.floor(random() * 70);
      const density = [0.05, 0.2, 0.5, 1][seed % 4] as number;
      const palette = palettes[Math.floor(seed / 4) % palettes.length] as readonly number[];
      const dummies = seed % 5 === 0 ? Math.floor(vertices / 3) : 0;
      const edges = randomGraph(seed, vertices, density, palette, dummies);
      for (const maxCardinality of [true, false]) {
        expect(maximumWeightMatching(vertices + dummies, edges, maxCardinality), `seed ${seed}, ${maxCardinality}`).toEqual(library(vertices + dummies, edges, maxCardinality));
        compared++;
      }
    }
    expect(compared).toBe(480);
  });

  it('gives the same mate as the library on small graphs of every shape (fast-check)', () => {
    fc.assert(
      fc.property(graphs, ({ vertices, edges, maxCardinality }) => {
        const tied = (edges as WeightedEdge[]).map(([u, v, w]): WeightedEdge => [u, v, w % 3]);
        expect(maximumWeightMatching(vertices, tied, maxCardinality)).toEqual(library(vertices, tied, maxCardinality));
        expect(maximumWeightMatching(vertices, edges as WeightedEdge[], maxCardinality)).toEqual(library(vertices, edges as WeightedEdge[], maxCardinality));
      }),
      { numRuns: 600 },
    );
  });
});
