/*
 * Bounded min-heaps of ranking keys, laid out in one Float64Array so that the batch run can keep a
 * heap per profile without an object each. A key packs the stored score and the partner's id rank:
 *
 *   key = units × n + (n − 1 − position)
 *
 * Positions are id ranks (the index sorts by id), so a larger key is a higher score, then a lower
 * id — the required order — and comparing keys is one float comparison. Keys stay below 2^53 for
 * any n under 9·10^11.
 */

export function rankKey(units: number, position: number, n: number): number {
  return units * n + (n - 1 - position);
}

export function keyUnits(key: number, n: number): number {
  return Math.floor(key / n);
}

export function keyPosition(key: number, n: number): number {
  return n - 1 - (key % n);
}

/** Offers `key` to the heap at `base` holding `size` of at most `capacity`; returns the new size. */
export function heapOffer(heap: Float64Array, base: number, size: number, capacity: number, key: number): number {
  if (size < capacity) {
    let at = size;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const p = heap[base + parent] as number;
      if (p <= key) break;
      heap[base + at] = p;
      at = parent;
    }
    heap[base + at] = key;
    return size + 1;
  }
  if (key <= (heap[base] as number)) return size;
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (right < size && (heap[base + right] as number) < (heap[base + left] as number)) child = right;
    const c = heap[base + child] as number;
    if (c >= key) break;
    heap[base + at] = c;
    at = child;
  }
  heap[base + at] = key;
  return size;
}

/** Whether `key` would enter the heap (without touching it). */
export function heapAccepts(heap: Float64Array, base: number, size: number, capacity: number, key: number): boolean {
  return size < capacity || key > (heap[base] as number);
}

/** Sorts the heap's keys in place, best first; it is no longer a heap afterwards. */
export function heapSortDescending(heap: Float64Array, base: number, size: number): void {
  heap.subarray(base, base + size).sort().reverse();
}
