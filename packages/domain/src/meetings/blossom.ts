/** One edge of the graph given to `maximumWeightMatching`: vertices `u` ≠ `v` (from 0), integer weight ≥ 0. */
export type WeightedEdge = readonly [u: number, v: number, weight: number];

/** Dual variables reach about twice the largest weight; this keeps every sum exact in a double. */
export const MAX_EDGE_WEIGHT = 2 ** 50;

/**
 * A graph as flat arrays, for callers that build many graphs (the meeting planner, one per round):
 * edge k joins `u[k]` and `v[k]` with integer weight `w[k]`; only the first `count` entries are read.
 */
export interface EdgeArrays {
  u: Int32Array;
  v: Int32Array;
  w: Float64Array;
  count: number;
}

/**
 * A maximum-weight matching on a general graph (Edmonds' blossom algorithm, O(n³)); with
 * `maxCardinality` the heaviest among the matchings of the largest size. Returns `mate`, length
 * `vertices`, where `mate[v]` is v's partner or -1.
 *
 * Weights must be integers (the dual variables then stay exact) no larger than MAX_EDGE_WEIGHT.
 * Throws RangeError otherwise, or for an edge outside 0..vertices-1 or joining a vertex to itself.
 */
export function maximumWeightMatching(vertices: number, edges: readonly WeightedEdge[], maxCardinality: boolean): number[] {
  const graph: EdgeArrays = { u: new Int32Array(edges.length), v: new Int32Array(edges.length), w: new Float64Array(edges.length), count: edges.length };
  edges.forEach(([u, v, w], k) => {
    graph.u[k] = u;
    graph.v[k] = v;
    graph.w[k] = w;
  });
  return maximumWeightMatchingOf(vertices, graph, maxCardinality);
}

/** `maximumWeightMatching` of a graph given as flat arrays (see EdgeArrays); the same answer, the same errors. */
export function maximumWeightMatchingOf(vertices: number, edges: EdgeArrays, maxCardinality: boolean): number[] {
  for (let k = 0; k < edges.count; k++) {
    const u = edges.u[k] as number;
    const v = edges.v[k] as number;
    const w = edges.w[k] as number;
    if (!Number.isInteger(w) || w < 0 || w > MAX_EDGE_WEIGHT) throw new RangeError(`edge weight must be an integer in [0, ${MAX_EDGE_WEIGHT}], got ${w}`);
    if (u === v || u < 0 || v < 0 || u >= vertices || v >= vertices) throw new RangeError(`bad edge ${u}-${v} for ${vertices} vertices`);
  }
  const mate = edges.count === 0 ? new Int32Array(0) : new Blossom(edges, maxCardinality).run();
  return Array.from({ length: vertices }, (_, v) => mate[v] ?? -1);
}

/*
 * Edmonds' maximum-weight matching, step for step as edmonds-blossom-fixed 1.0.1 (MIT, Matt Krick's
 * JavaScript port of Joris van Rantwijk's mwmatching.py) computes it, which this replaces: the same
 * scans in the same order, the same comparisons, the same double arithmetic, so that every tie
 * between equally heavy matchings is broken as before and the meeting plans stay what they were
 * (planner-pinned.test.ts; blossom.test.ts compares the two on random graphs full of ties).
 * Only the representation is new: typed arrays instead of arrays of arrays, adjacency in one flat
 * array, per-stage state reset in place instead of reallocated. That port ran the largest meeting
 * the API accepts for tens of seconds (bench/results/meetings.md). Two of its departures from
 * mwmatching.py are kept as they are (`<= n` in leavesInto, `> n` in augmentBlossom): both concern
 * blossom number n, which is never in use (blossoms are taken from the top of a stack of n numbers,
 * and fewer than n/2 exist at once), so they change nothing, but the copy stays exact.
 *
 * Vocabulary as in mwmatching.py: vertex v < n, blossom b in n..2n-1 (or a vertex, a trivial one);
 * endpoint p of edge k is 2k (its u) or 2k+1 (its v); labels 0 free, 1 S (outer), 2 T (inner),
 * 5 on a path being scanned.
 */
const NONE: readonly number[] = Object.freeze([]);

class Blossom {
  private readonly n: number;
  private readonly m: number;
  private readonly eu: Int32Array;
  private readonly ev: Int32Array;
  private readonly ew: Float64Array;
  private readonly maxCardinality: boolean;
  private readonly endpoint: Int32Array;
  /** Endpoints at each vertex: neighbend[v] of mwmatching.py as one array, vertex v's at nbStart[v]..nbStart[v+1]. */
  private readonly nbStart: Int32Array;
  private readonly nb: Int32Array;
  /** The far end and the weight of the edge of each entry of `nb`, beside it, so a scan reads no edge arrays. */
  private readonly nbOther: Int32Array;
  private readonly nbWeight: Float64Array;
  /**
   * The slack of `bestEdge[x]`, remembered while the vertex duals stay as they were (`epoch`
   * counts their changes): a slack read from here is the very double `slack` would compute.
   */
  private readonly bestSlack: Float64Array;
  private readonly bestSlackEdge: Int32Array;
  private readonly bestSlackEpoch: Int32Array;
  private epoch = 0;
  private readonly mate: Int32Array;
  private readonly label: Int32Array;
  private readonly labelEnd: Int32Array;
  private readonly inBlossom: Int32Array;
  private readonly blossomParent: Int32Array;
  private readonly blossomChilds: number[][];
  private readonly blossomBase: Int32Array;
  private readonly blossomEndPs: number[][];
  private readonly bestEdge: Int32Array;
  private readonly blossomBestEdges: (readonly number[])[];
  private readonly unusedBlossoms: number[];
  private readonly dualVar: Float64Array;
  private readonly allowEdge: Uint8Array;
  private queue: number[] = [];

  constructor(edges: EdgeArrays, maxCardinality: boolean) {
    const m = edges.count;
    this.m = m;
    this.eu = edges.u.subarray(0, m);
    this.ev = edges.v.subarray(0, m);
    this.ew = edges.w.subarray(0, m);
    this.maxCardinality = maxCardinality;
    let n = 0;
    let maxWeight = 0;
    for (let k = 0; k < m; k++) {
      const i = this.eu[k] as number;
      const j = this.ev[k] as number;
      if (i >= n) n = i + 1;
      if (j >= n) n = j + 1;
      if ((this.ew[k] as number) > maxWeight) maxWeight = this.ew[k] as number;
    }
    this.n = n;
    this.endpoint = new Int32Array(2 * m);
    for (let k = 0; k < m; k++) {
      this.endpoint[2 * k] = this.eu[k] as number;
      this.endpoint[2 * k + 1] = this.ev[k] as number;
    }
    // Each vertex's endpoints in the order of its edges, as the port pushed them.
    this.nbStart = new Int32Array(n + 1);
    for (let k = 0; k < m; k++) {
      (this.nbStart[(this.eu[k] as number) + 1] as number)++;
      (this.nbStart[(this.ev[k] as number) + 1] as number)++;
    }
    for (let v = 0; v < n; v++) this.nbStart[v + 1] = (this.nbStart[v + 1] as number) + (this.nbStart[v] as number);
    this.nb = new Int32Array(2 * m);
    this.nbOther = new Int32Array(2 * m);
    this.nbWeight = new Float64Array(2 * m);
    const fill = this.nbStart.slice(0, n);
    for (let k = 0; k < m; k++) {
      const i = this.eu[k] as number;
      const j = this.ev[k] as number;
      this.nbWeight[fill[i] as number] = this.nbWeight[fill[j] as number] = this.ew[k] as number;
      this.nbOther[fill[i] as number] = j;
      this.nbOther[fill[j] as number] = i;
      this.nb[(fill[i] as number)++] = 2 * k + 1;
      this.nb[(fill[j] as number)++] = 2 * k;
    }
    this.bestSlack = new Float64Array(2 * n);
    this.bestSlackEdge = new Int32Array(2 * n).fill(-1);
    this.bestSlackEpoch = new Int32Array(2 * n).fill(-1);
    this.mate = new Int32Array(n).fill(-1);
    this.label = new Int32Array(2 * n);
    this.labelEnd = new Int32Array(2 * n).fill(-1);
    this.inBlossom = new Int32Array(n);
    for (let v = 0; v < n; v++) this.inBlossom[v] = v;
    this.blossomParent = new Int32Array(2 * n).fill(-1);
    this.blossomChilds = Array.from({ length: 2 * n }, () => []);
    this.blossomBase = new Int32Array(2 * n).fill(-1);
    for (let v = 0; v < n; v++) this.blossomBase[v] = v;
    this.blossomEndPs = Array.from({ length: 2 * n }, () => []);
    this.bestEdge = new Int32Array(2 * n).fill(-1);
    this.blossomBestEdges = new Array<readonly number[]>(2 * n).fill(NONE);
    this.unusedBlossoms = Array.from({ length: n }, (_, i) => n + i);
    this.dualVar = new Float64Array(2 * n);
    this.dualVar.fill(maxWeight, 0, n);
    this.allowEdge = new Uint8Array(m);
  }

  private slack(k: number): number {
    return (this.dualVar[this.eu[k] as number] as number) + (this.dualVar[this.ev[k] as number] as number) - 2 * (this.ew[k] as number);
  }

  /** slack(bestEdge[x]), from the cache when the duals have not moved since it was stored. */
  private slackOfBest(x: number): number {
    const k = this.bestEdge[x] as number;
    if (this.bestSlackEpoch[x] === this.epoch && this.bestSlackEdge[x] === k) return this.bestSlack[x] as number;
    return this.remember(x, k, this.slack(k));
  }

  private remember(x: number, k: number, slack: number): number {
    this.bestSlack[x] = slack;
    this.bestSlackEdge[x] = k;
    this.bestSlackEpoch[x] = this.epoch;
    return slack;
  }

  /** Appends the leaves of b to `out` (b itself for a vertex). */
  private leavesInto(b: number, out: number[]): number[] {
    if (b < this.n) {
      out.push(b);
      return out;
    }
    for (const child of this.blossomChilds[b] as number[]) {
      if (child <= this.n) out.push(child);
      else this.leavesInto(child, out);
    }
    return out;
  }

  private assignLabel(w: number, t: number, p: number): void {
    const b = this.inBlossom[w] as number;
    this.label[w] = this.label[b] = t;
    this.labelEnd[w] = this.labelEnd[b] = p;
    this.bestEdge[w] = this.bestEdge[b] = -1;
    if (t === 1) {
      this.leavesInto(b, this.queue);
    } else if (t === 2) {
      const base = this.blossomBase[b] as number;
      const mateBase = this.mate[base] as number;
      this.assignLabel(this.endpoint[mateBase] as number, 1, mateBase ^ 1);
    }
  }

  private scanBlossom(v: number, w: number): number {
    const path: number[] = [];
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = this.inBlossom[v] as number;
      if ((this.label[b] as number) & 4) {
        base = this.blossomBase[b] as number;
        break;
      }
      path.push(b);
      this.label[b] = 5;
      if (this.labelEnd[b] === -1) {
        v = -1;
      } else {
        v = this.endpoint[this.labelEnd[b] as number] as number;
        b = this.inBlossom[v] as number;
        v = this.endpoint[this.labelEnd[b] as number] as number;
      }
      if (w !== -1) {
        const swap = v;
        v = w;
        w = swap;
      }
    }
    for (const b of path) this.label[b] = 1;
    return base;
  }

  private addBlossom(base: number, k: number): void {
    let v = this.eu[k] as number;
    let w = this.ev[k] as number;
    const bb = this.inBlossom[base] as number;
    let bv = this.inBlossom[v] as number;
    let bw = this.inBlossom[w] as number;
    const b = this.unusedBlossoms.pop() as number;
    this.blossomBase[b] = base;
    this.blossomParent[b] = -1;
    this.blossomParent[bb] = b;
    const path: number[] = [];
    const endPs: number[] = [];
    this.blossomChilds[b] = path;
    this.blossomEndPs[b] = endPs;
    while (bv !== bb) {
      this.blossomParent[bv] = b;
      path.push(bv);
      endPs.push(this.labelEnd[bv] as number);
      v = this.endpoint[this.labelEnd[bv] as number] as number;
      bv = this.inBlossom[v] as number;
    }
    path.push(bb);
    path.reverse();
    endPs.reverse();
    endPs.push(2 * k);
    while (bw !== bb) {
      this.blossomParent[bw] = b;
      path.push(bw);
      endPs.push((this.labelEnd[bw] as number) ^ 1);
      w = this.endpoint[this.labelEnd[bw] as number] as number;
      bw = this.inBlossom[w] as number;
    }
    this.label[b] = 1;
    this.labelEnd[b] = this.labelEnd[bb] as number;
    this.dualVar[b] = 0;
    for (const leaf of this.leavesInto(b, [])) {
      if (this.label[this.inBlossom[leaf] as number] === 2) this.queue.push(leaf);
      this.inBlossom[leaf] = b;
    }
    const bestEdgeTo = new Int32Array(2 * this.n).fill(-1);
    const consider = (edge: number) => {
      let i = this.eu[edge] as number;
      let j = this.ev[edge] as number;
      if (this.inBlossom[j] === b) {
        const swap = i;
        i = j;
        j = swap;
      }
      const bj = this.inBlossom[j] as number;
      if (bj !== b && this.label[bj] === 1 && (bestEdgeTo[bj] === -1 || this.slack(edge) < this.slack(bestEdgeTo[bj] as number))) bestEdgeTo[bj] = edge;
    };
    for (const child of path) {
      const best = this.blossomBestEdges[child] as readonly number[];
      if (best.length === 0) {
        for (const leaf of this.leavesInto(child, [])) {
          const end = this.nbStart[leaf + 1] as number;
          for (let q = this.nbStart[leaf] as number; q < end; q++) consider((this.nb[q] as number) >> 1);
        }
      } else {
        for (const edge of best) consider(edge);
      }
      this.blossomBestEdges[child] = NONE;
      this.bestEdge[child] = -1;
    }
    const be: number[] = [];
    for (const edge of bestEdgeTo) if (edge !== -1) be.push(edge);
    this.blossomBestEdges[b] = be;
    this.bestEdge[b] = -1;
    for (const edge of be) {
      if (this.bestEdge[b] === -1 || this.slack(edge) < this.slack(this.bestEdge[b] as number)) this.bestEdge[b] = edge;
    }
  }

  private expandBlossom(b: number, endStage: boolean): void {
    const childs = this.blossomChilds[b] as number[];
    for (const s of childs) {
      this.blossomParent[s] = -1;
      if (s < this.n) {
        this.inBlossom[s] = s;
      } else if (endStage && this.dualVar[s] === 0) {
        this.expandBlossom(s, endStage);
      } else {
        for (const leaf of this.leavesInto(s, [])) this.inBlossom[leaf] = s;
      }
    }
    if (!endStage && this.label[b] === 2) {
      const endPs = this.blossomEndPs[b] as number[];
      const entryChild = this.inBlossom[this.endpoint[(this.labelEnd[b] as number) ^ 1] as number] as number;
      const { j: from, jStep, endpTrick } = walkFrom(childs, childs.indexOf(entryChild));
      let j = from;
      let p = this.labelEnd[b] as number;
      while (j !== 0) {
        this.label[this.endpoint[p ^ 1] as number] = 0;
        this.label[this.endpoint[at(endPs, j - endpTrick) ^ endpTrick ^ 1] as number] = 0;
        this.assignLabel(this.endpoint[p ^ 1] as number, 2, p);
        this.allowEdge[at(endPs, j - endpTrick) >> 1] = 1;
        j += jStep;
        p = at(endPs, j - endpTrick) ^ endpTrick;
        this.allowEdge[p >> 1] = 1;
        j += jStep;
      }
      let bv = at(childs, j);
      this.label[this.endpoint[p ^ 1] as number] = this.label[bv] = 2;
      this.labelEnd[this.endpoint[p ^ 1] as number] = this.labelEnd[bv] = p;
      this.bestEdge[bv] = -1;
      j += jStep;
      while (at(childs, j) !== entryChild) {
        bv = at(childs, j);
        if (this.label[bv] === 1) {
          j += jStep;
          continue;
        }
        const leaves = this.leavesInto(bv, []);
        let v = -1;
        for (const leaf of leaves) {
          v = leaf;
          if (this.label[v] !== 0) break;
        }
        if (this.label[v] !== 0) {
          this.label[v] = 0;
          this.label[this.endpoint[this.mate[this.blossomBase[bv] as number] as number] as number] = 0;
          this.assignLabel(v, 2, this.labelEnd[v] as number);
        }
        j += jStep;
      }
    }
    this.label[b] = this.labelEnd[b] = -1;
    const emptied: number[] = [];
    this.blossomEndPs[b] = this.blossomChilds[b] = emptied;
    this.blossomBase[b] = -1;
    this.blossomBestEdges[b] = NONE;
    this.bestEdge[b] = -1;
    this.unusedBlossoms.push(b);
  }

  private augmentBlossom(b: number, v: number): void {
    let t = v;
    while (this.blossomParent[t] !== b) t = this.blossomParent[t] as number;
    if (t > this.n) this.augmentBlossom(t, v);
    const childs = this.blossomChilds[b] as number[];
    const endPs = this.blossomEndPs[b] as number[];
    const i = childs.indexOf(t);
    const { j: from, jStep, endpTrick } = walkFrom(childs, i);
    let j = from;
    while (j !== 0) {
      j += jStep;
      t = at(childs, j);
      const p = at(endPs, j - endpTrick) ^ endpTrick;
      if (t >= this.n) this.augmentBlossom(t, this.endpoint[p] as number);
      j += jStep;
      t = at(childs, j);
      if (t >= this.n) this.augmentBlossom(t, this.endpoint[p ^ 1] as number);
      this.mate[this.endpoint[p] as number] = p ^ 1;
      this.mate[this.endpoint[p ^ 1] as number] = p;
    }
    this.blossomChilds[b] = childs.slice(i).concat(childs.slice(0, i));
    this.blossomEndPs[b] = endPs.slice(i).concat(endPs.slice(0, i));
    this.blossomBase[b] = this.blossomBase[(this.blossomChilds[b] as number[])[0] as number] as number;
  }

  private augmentMatching(k: number): void {
    const v = this.eu[k] as number;
    const w = this.ev[k] as number;
    for (let ii = 0; ii < 2; ii++) {
      let s = ii === 0 ? v : w;
      let p = ii === 0 ? 2 * k + 1 : 2 * k;
      for (;;) {
        const bs = this.inBlossom[s] as number;
        if (bs >= this.n) this.augmentBlossom(bs, s);
        this.mate[s] = p;
        if (this.labelEnd[bs] === -1) break;
        const t = this.endpoint[this.labelEnd[bs] as number] as number;
        const bt = this.inBlossom[t] as number;
        s = this.endpoint[this.labelEnd[bt] as number] as number;
        const j = this.endpoint[(this.labelEnd[bt] as number) ^ 1] as number;
        if (bt >= this.n) this.augmentBlossom(bt, j);
        this.mate[j] = this.labelEnd[bt] as number;
        p = (this.labelEnd[bt] as number) ^ 1;
      }
    }
  }

  run(): Int32Array {
    const { n, label, inBlossom, bestEdge, allowEdge, dualVar, blossomParent, blossomBase, endpoint, nb, nbStart, nbOther, nbWeight } = this;
    for (let t = 0; t < n; t++) {
      label.fill(0);
      bestEdge.fill(-1);
      this.blossomBestEdges.fill(NONE);
      allowEdge.fill(0);
      this.queue = [];
      for (let v = 0; v < n; v++) {
        if (this.mate[v] === -1 && label[inBlossom[v] as number] === 0) this.assignLabel(v, 1, -1);
      }
      let augmented = false;
      for (;;) {
        while (this.queue.length > 0 && !augmented) {
          const v = this.queue.pop() as number;
          const end = nbStart[v + 1] as number;
          // Vertex duals change only between these scans; a + b is b + a in doubles, so this is slack(k).
          const dualV = dualVar[v] as number;
          for (let q = nbStart[v] as number; q < end; q++) {
            const p = nb[q] as number;
            const k = p >> 1;
            const w = nbOther[q] as number;
            if (inBlossom[v] === inBlossom[w]) continue;
            let kSlack = 0;
            if (!allowEdge[k]) {
              kSlack = dualV + (dualVar[w] as number) - 2 * (nbWeight[q] as number);
              if (kSlack <= 0) allowEdge[k] = 1;
            }
            if (allowEdge[k]) {
              if (label[inBlossom[w] as number] === 0) {
                this.assignLabel(w, 2, p ^ 1);
              } else if (label[inBlossom[w] as number] === 1) {
                const base = this.scanBlossom(v, w);
                if (base >= 0) {
                  this.addBlossom(base, k);
                } else {
                  this.augmentMatching(k);
                  augmented = true;
                  break;
                }
              } else if (label[w] === 0) {
                label[w] = 2;
                this.labelEnd[w] = p ^ 1;
              }
            } else if (label[inBlossom[w] as number] === 1) {
              const b = inBlossom[v] as number;
              if (bestEdge[b] === -1 || kSlack < this.slackOfBest(b)) this.remember(b, (bestEdge[b] = k), kSlack);
            } else if (label[w] === 0) {
              if (bestEdge[w] === -1 || kSlack < this.slackOfBest(w)) this.remember(w, (bestEdge[w] = k), kSlack);
            }
          }
        }
        if (augmented) break;
        let deltaType = -1;
        let delta = 0;
        let deltaEdge = -1;
        let deltaBlossom = -1;
        if (!this.maxCardinality) {
          deltaType = 1;
          delta = Infinity;
          for (let v = 0; v < n; v++) if ((dualVar[v] as number) < delta) delta = dualVar[v] as number;
        }
        for (let v = 0; v < n; v++) {
          if (label[inBlossom[v] as number] === 0 && bestEdge[v] !== -1) {
            const d = this.slackOfBest(v);
            if (deltaType === -1 || d < delta) {
              delta = d;
              deltaType = 2;
              deltaEdge = bestEdge[v] as number;
            }
          }
        }
        for (let b = 0; b < 2 * n; b++) {
          if (blossomParent[b] === -1 && label[b] === 1 && bestEdge[b] !== -1) {
            const d = this.slackOfBest(b) / 2;
            if (deltaType === -1 || d < delta) {
              delta = d;
              deltaType = 3;
              deltaEdge = bestEdge[b] as number;
            }
          }
        }
        for (let b = n; b < 2 * n; b++) {
          if ((blossomBase[b] as number) >= 0 && blossomParent[b] === -1 && label[b] === 2 && (deltaType === -1 || (dualVar[b] as number) < delta)) {
            delta = dualVar[b] as number;
            deltaType = 4;
            deltaBlossom = b;
          }
        }
        if (deltaType === -1) {
          deltaType = 1;
          let least = Infinity;
          for (let v = 0; v < n; v++) if ((dualVar[v] as number) < least) least = dualVar[v] as number;
          delta = Math.max(0, least);
        }
        this.epoch++;
        for (let v = 0; v < n; v++) {
          const current = label[inBlossom[v] as number];
          if (current === 1) dualVar[v] = (dualVar[v] as number) - delta;
          else if (current === 2) dualVar[v] = (dualVar[v] as number) + delta;
        }
        for (let b = n; b < 2 * n; b++) {
          if ((blossomBase[b] as number) >= 0 && blossomParent[b] === -1) {
            if (label[b] === 1) dualVar[b] = (dualVar[b] as number) + delta;
            else if (label[b] === 2) dualVar[b] = (dualVar[b] as number) - delta;
          }
        }
        if (deltaType === 1) {
          break;
        } else if (deltaType === 2) {
          allowEdge[deltaEdge] = 1;
          let i = this.eu[deltaEdge] as number;
          const j = this.ev[deltaEdge] as number;
          if (label[inBlossom[i] as number] === 0) i = j;
          this.queue.push(i);
        } else if (deltaType === 3) {
          allowEdge[deltaEdge] = 1;
          this.queue.push(this.eu[deltaEdge] as number);
        } else if (deltaType === 4) {
          this.expandBlossom(deltaBlossom, false);
        }
      }
      if (!augmented) break;
      for (let b = n; b < 2 * n; b++) {
        if (blossomParent[b] === -1 && (blossomBase[b] as number) >= 0 && label[b] === 1 && dualVar[b] === 0) this.expandBlossom(b, true);
      }
    }
    for (let v = 0; v < n; v++) {
      if ((this.mate[v] as number) >= 0) this.mate[v] = endpoint[this.mate[v] as number] as number;
    }
    return this.mate;
  }
}

/**
 * The way round a blossom's cycle from child `i` to its base (child 0) along an even path: forwards
 * from i − length for odd i, else backwards; `endpTrick` picks the endpoint each step crosses.
 */
function walkFrom(childs: readonly number[], i: number): { j: number; jStep: number; endpTrick: number } {
  return i & 1 ? { j: i - childs.length, jStep: 1, endpTrick: 0 } : { j: i, jStep: -1, endpTrick: 1 };
}

/** Python's negative indexing, as the port's pIndex: `xs[i]`, or from the end for i < 0. */
function at(xs: readonly number[], i: number): number {
  return (i < 0 ? xs[xs.length + i] : xs[i]) as number;
}
