/**
 * Reader and writer of the `.hr` text format of bench/peers gen_hr.mjs (hospitals/residents instances):
 *   c <comment>
 *   p hr N M
 *   q j cap_j                 capacity of offer j
 *   r i j1 j2 … jd            candidate i's list, most preferred first
 *   h j i1 i2 … ik            offer j's strict ranking, best first
 * Ids are 1-based in the file and 0-based in the returned StableInstance. Pure: takes the bytes, so the
 * caller owns the I/O. A byte loop instead of split/parseInt because a 1M-candidate file is ~150 MB and
 * string splitting would allocate tens of millions of strings.
 */
import type { StableInstance } from './stable.ts';

export class HrFormatError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'HrFormatError';
  }
}

/** Growable Int32 buffer (doubling), to avoid a counting pass over the whole file. */
class IntBuffer {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

const NL = 10, CR = 13, SPACE = 32, TAB = 9, ZERO = 48, NINE = 57;

export function parseHr(bytes: Uint8Array): StableInstance {
  const len = bytes.length;
  let n = -1, m = -1;
  let line = 0;
  let pos = 0;
  // Lists of r and h lines are appended as read; rows[id] = [start, end) into the buffer. The generator
  // writes them in id order, in which case the buffer already is the CSR list and no copy is needed.
  const candidateValues = new IntBuffer(len >> 4);
  const offerValues = new IntBuffer(len >> 4);
  let candidateRowStart = new Int32Array(0), candidateRowEnd = new Int32Array(0);
  let offerRowStart = new Int32Array(0), offerRowEnd = new Int32Array(0);
  let capacity = new Int32Array(0);
  let candidatesInOrder = true, offersInOrder = true;
  let lastCandidate = -1, lastOffer = -1;
  const header = new Int32Array(3);

  /** Parses unsigned integers up to the end of the line into `sink` (or header) and returns how many. */
  const readInts = (sink: IntBuffer | null, max: number): number => {
    let count = 0;
    for (;;) {
      let b = pos < len ? bytes[pos] : NL;
      while (b === SPACE || b === TAB || b === CR) b = ++pos < len ? bytes[pos] : NL;
      if (b === NL) {
        pos++;
        return count;
      }
      if (b < ZERO || b > NINE) throw new HrFormatError(`unexpected character ${JSON.stringify(String.fromCharCode(b))}`, line);
      let v = 0;
      while (b >= ZERO && b <= NINE) {
        v = v * 10 + (b - ZERO);
        b = ++pos < len ? bytes[pos] : NL;
      }
      if (v > 0x7fffffff) throw new HrFormatError('number too large', line);
      if (sink) {
        sink.push(v - 1);
      } else {
        if (count >= max) throw new HrFormatError('too many numbers', line);
        header[count] = v;
      }
      count++;
    }
  };
  const skipLine = (): void => {
    const nl = bytes.indexOf(NL, pos);
    pos = nl < 0 ? len : nl + 1;
  };
  const needHeader = () => {
    if (n < 0) throw new HrFormatError('record before the "p hr N M" line', line);
  };

  while (pos < len) {
    line++;
    const t = bytes[pos];
    if (t === 0x63 /* c */ || t === NL || t === CR) {
      skipLine();
      continue;
    }
    pos++;
    if (t === 0x70 /* p */) {
      // "p hr N M"
      while (bytes[pos] === SPACE) pos++;
      if (bytes[pos] !== 0x68 || bytes[pos + 1] !== 0x72) throw new HrFormatError('expected "p hr N M"', line);
      pos += 2;
      if (readInts(null, 2) !== 2) throw new HrFormatError('expected "p hr N M"', line);
      if (n >= 0) throw new HrFormatError('second "p" line', line);
      n = header[0];
      m = header[1];
      candidateRowStart = new Int32Array(n);
      candidateRowEnd = new Int32Array(n);
      offerRowStart = new Int32Array(m);
      offerRowEnd = new Int32Array(m);
      capacity = new Int32Array(m);
    } else if (t === 0x71 /* q */) {
      needHeader();
      if (readInts(null, 2) !== 2) throw new HrFormatError('expected "q j cap"', line);
      const j = header[0] - 1;
      if (j < 0 || j >= m) throw new HrFormatError(`offer ${header[0]} out of range 1..${m}`, line);
      capacity[j] = header[1];
    } else if (t === 0x72 /* r */ || t === 0x68 /* h */) {
      needHeader();
      const isCandidate = t === 0x72;
      const sink = isCandidate ? candidateValues : offerValues;
      const before = sink.length;
      const count = readInts(sink, 0);
      if (count === 0) throw new HrFormatError(`expected "${String.fromCharCode(t)} id …"`, line);
      // The first number is the row id: drop it from the values.
      const id = sink.data[before];
      sink.data.copyWithin(before, before + 1, sink.length);
      sink.length--;
      const bound = isCandidate ? n : m;
      if (id < 0 || id >= bound) throw new HrFormatError(`${isCandidate ? 'candidate' : 'offer'} ${id + 1} out of range 1..${bound}`, line);
      if (isCandidate) {
        if (id !== lastCandidate + 1) candidatesInOrder = false;
        lastCandidate = id;
        candidateRowStart[id] = before;
        candidateRowEnd[id] = sink.length;
      } else {
        if (id !== lastOffer + 1) offersInOrder = false;
        lastOffer = id;
        offerRowStart[id] = before;
        offerRowEnd[id] = sink.length;
      }
    } else {
      throw new HrFormatError(`unknown record type ${JSON.stringify(String.fromCharCode(t))}`, line);
    }
  }
  if (n < 0) throw new HrFormatError('missing "p hr N M" line', line);
  if (lastCandidate !== n - 1) candidatesInOrder = false;
  if (lastOffer !== m - 1) offersInOrder = false;

  const toCsr = (buf: IntBuffer, rowStart: Int32Array, rowEnd: Int32Array, rows: number, inOrder: boolean) => {
    const start = new Int32Array(rows + 1);
    if (inOrder) {
      for (let k = 0; k < rows; k++) start[k + 1] = rowEnd[k];
      return { start, list: buf.data.slice(0, buf.length) };
    }
    // Rows missing or out of order (rows never written keep start = end = 0, an empty list).
    for (let k = 0; k < rows; k++) start[k + 1] = start[k] + (rowEnd[k] - rowStart[k]);
    const list = new Int32Array(start[rows]);
    for (let k = 0; k < rows; k++) list.set(buf.data.subarray(rowStart[k], rowEnd[k]), start[k]);
    return { start, list };
  };
  const c = toCsr(candidateValues, candidateRowStart, candidateRowEnd, n, candidatesInOrder);
  const o = toCsr(offerValues, offerRowStart, offerRowEnd, m, offersInOrder);
  return {
    candidateCount: n,
    offerCount: m,
    candidateStart: c.start,
    candidateOffers: c.list,
    offerCapacity: capacity,
    offerStart: o.start,
    offerCandidates: o.list,
  };
}

/** Writes an instance in the `.hr` format (1-based ids), e.g. to hand a test instance to da_ref. */
export function formatHr(inst: StableInstance, comment?: string): string {
  const out: string[] = [];
  if (comment) for (const l of comment.split('\n')) out.push(`c ${l}`);
  out.push(`p hr ${inst.candidateCount} ${inst.offerCount}`);
  for (let j = 0; j < inst.offerCount; j++) out.push(`q ${j + 1} ${inst.offerCapacity[j]}`);
  for (let i = 0; i < inst.candidateCount; i++) {
    const l = Array.from(inst.candidateOffers.subarray(inst.candidateStart[i], inst.candidateStart[i + 1]), (j) => j + 1);
    out.push(`r ${i + 1}${l.length ? ' ' : ''}${l.join(' ')}`);
  }
  for (let j = 0; j < inst.offerCount; j++) {
    const l = Array.from(inst.offerCandidates.subarray(inst.offerStart[j], inst.offerStart[j + 1]), (i) => i + 1);
    out.push(`h ${j + 1}${l.length ? ' ' : ''}${l.join(' ')}`);
  }
  return out.join('\n') + '\n';
}

/**
 * FNV-1a 64-bit over the 1-based offer of each candidate (0 = unmatched), exactly as da_ref prints it
 * (`fnv1a %016llx`), so a matching is compared with the C++ peer without writing it out.
 */
export function matchingFnv1a(offerOfCandidate: Int32Array): string {
  // 64-bit arithmetic split in two 32-bit halves: BigInt would be ~50× slower on 1M candidates.
  // FNV prime 0x100000001b3 = 2^40 + 0x1b3.
  let hi = 0xcbf29ce4 >>> 0, lo = 0x84222325 >>> 0;
  for (let i = 0; i < offerOfCandidate.length; i++) {
    lo = (lo ^ ((offerOfCandidate[i] + 1) >>> 0)) >>> 0;
    // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64
    const loTimes = lo * 0x1b3; // < 2^41, exact in a double
    const newLo = loTimes >>> 0;
    const carry = Math.floor(loTimes / 4294967296);
    // hi part: hi·0x1b3 + lo·2^8 (from lo·2^40 = lo·2^8·2^32) + carry, mod 2^32
    const newHi = (Math.imul(hi, 0x1b3) + Math.imul(lo, 0x100) + carry) >>> 0;
    hi = newHi;
    lo = newLo;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
