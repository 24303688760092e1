/**
 * Binary min-heap of (float key, int value) pairs in two growable typed arrays: no objects per
 * entry, so the shortest-path searches of the matching engine allocate nothing per push.
 */
export class KeyedMinHeap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.vals = new Int32Array(capacity);
  }

  /** The smallest key; only meaningful when size > 0. */
  topKey(): number {
    return this.keys[0];
  }

  clear(): void {
    this.size = 0;
  }

  push(k: number, v: number): void {
    let keys = this.keys;
    let vals = this.vals;
    if (this.size === keys.length) {
      const nk = new Float64Array(keys.length * 2);
      nk.set(keys);
      const nv = new Int32Array(keys.length * 2);
      nv.set(vals);
      this.keys = keys = nk;
      this.vals = vals = nv;
    }
    let c = this.size++;
    while (c > 0) {
      const par = (c - 1) >> 1;
      if (keys[par] <= k) break;
      keys[c] = keys[par];
      vals[c] = vals[par];
      c = par;
    }
    keys[c] = k;
    vals[c] = v;
  }

  /** Removes the entry of smallest key and returns its value (size must be > 0). */
  pop(): number {
    const keys = this.keys;
    const vals = this.vals;
    const top = vals[0];
    const size = --this.size;
    const k = keys[size];
    const x = vals[size];
    let c = 0;
    for (;;) {
      let l = 2 * c + 1;
      if (l >= size) break;
      if (l + 1 < size && keys[l + 1] < keys[l]) l++;
      if (keys[l] >= k) break;
      keys[c] = keys[l];
      vals[c] = vals[l];
      c = l;
    }
    keys[c] = k;
    vals[c] = x;
    return top;
  }
}
