/** A growable list of 32-bit integers (capacity doubles): appends without boxing, read back as a typed view. */
export class IntList {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  /** The filled part, sharing the storage (valid until the next push that grows it). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
