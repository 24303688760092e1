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

const NL = 10, CR = 13, SPACE = 32, TAB = 9, ZERO = 48;

/** Doubles an Int32Array (amortised O(1) appends without a counting pass over the file). */
function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

export function parseHr(input: Uint8Array): StableInstance {
  // The number loops read until a newline without bounds checks: make sure one ends the buffer
  // (copying only in the rare case where the file lacks a final newline).
  let bytes = input;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== NL) {
    bytes = new Uint8Array(input.length + 1);
    bytes.set(input);
    bytes[input.length] = NL;
  }
  const len = bytes.length;
  let n = -1, m = -1;
  let line = 0;
  let pos = 0;
  // r and h lists are appended as read; rowStart/rowEnd[id] locate each row. The generator writes rows
  // in id order, in which case the buffer already is the CSR list and no copy is needed. All state is
  // in locals of this one function (no closures over `pos`), which keeps V8's loop in registers.
  let candidateValues = new Int32Array(Math.max(16, len >> 4));
  let offerValues = new Int32Array(Math.max(16, len >> 4));
  let candidateLength = 0, offerLength = 0;
  let candidateRowStart = new Int32Array(0), candidateRowEnd = new Int32Array(0);
  let offerRowStart = new Int32Array(0), offerRowEnd = new Int32Array(0);
  let capacity = new Int32Array(0);
  let candidatesInOrder = true, offersInOrder = true;
  let lastCandidate = -1, lastOffer = -1;
  const header = [0, 0, 0];

  while (pos < len) {
    line++;
    const t = bytes[pos];
    if (t === 0x63 /* c */ || t === NL || t === CR) {
      const nl = bytes.indexOf(NL, pos);
      pos = nl + 1;
      continue;
    }
    pos++;
    if (t === 0x72 /* r */ || t === 0x68 /* h */) {
      if (n < 0) throw new HrFormatError('record before the "p hr N M" line', line);
      const isCandidate = t === 0x72;
      let data = isCandidate ? candidateValues : offerValues;
      let length = isCandidate ? candidateLength : offerLength;
      const before = length;
      let id = -1;
      for (;;) {
        let b = bytes[pos];
        if (b === SPACE) {
          pos++;
          continue;
        }
        if (((b - ZERO) >>> 0) <= 9) {
          let v = b - ZERO;
          b = bytes[++pos];
          while (((b - ZERO) >>> 0) <= 9) {
            v = v * 10 + (b - ZERO);
            b = bytes[++pos];
          }
          if (v > 0x7fffffff) throw new HrFormatError('number too large', line);
          if (id < 0) {
            id = v - 1; // the row id comes first; 1-based in the file
          } else {
            if (length === data.length) data = grow(data);
            data[length++] = v - 1;
          }
          continue;
        }
        if (b === NL) {
          pos++;
          break;
        }
        if (b === CR || b === TAB) {
          pos++;
          continue;
        }
        throw new HrFormatError(`unexpected character ${JSON.stringify(String.fromCharCode(b))}`, line);
      }
      const bound = isCandidate ? n : m;
      if (id < 0 || id >= bound) {
        throw new HrFormatError(id < 0 ? `expected "${String.fromCharCode(t)} id …"` : `${isCandidate ? 'candidate' : 'offer'} ${id + 1} out of range 1..${bound}`, line);
      }
      if (isCandidate) {
        candidateValues = data;
        candidateLength = length;
        if (id !== lastCandidate + 1) candidatesInOrder = false;
        lastCandidate = id;
        candidateRowStart[id] = before;
        candidateRowEnd[id] = length;
      } else {
        offerValues = data;
        offerLength = length;
        if (id !== lastOffer + 1) offersInOrder = false;
        lastOffer = id;
        offerRowStart[id] = before;
        offerRowEnd[id] = length;
      }
      continue;
    }
    // Header and capacity lines: few, so a simple tokenizer is enough.
    const nl = bytes.indexOf(NL, pos);
    const fields = new TextDecoder().decode(bytes.subarray(pos, nl)).trim().split(/\s+/);
    pos = nl + 1;
    const ints = (from: number, count: number, what: string) => {
      if (fields.length !== from + count) throw new HrFormatError(`expected "${what}"`, line);
      for (let k = 0; k < count; k++) {
        const f = fields[from + k];
        if (!/^\d+$/.test(f) || +f > 0x7fffffff) throw new HrFormatError(`expected "${what}", got ${JSON.stringify(f)}`, line);
        header[k] = +f;
      }
    };
    if (t === 0x70 /* p */) {
      if (fields[0] !== 'hr') throw new HrFormatError('expected "p hr N M"', line);
      ints(1, 2, 'p hr N M');
      if (n >= 0) throw new HrFormatError('second "p" line', line);
      n = header[0];
      m = header[1];
      candidateRowStart = new Int32Array(n);
      candidateRowEnd = new Int32Array(n);
      offerRowStart = new Int32Array(m);
      offerRowEnd = new Int32Array(m);
      capacity = new Int32Array(m);
    } else if (t === 0x71 /* q */) {
      if (n < 0) throw new HrFormatError('record before the "p hr N M" line', line);
      ints(0, 2, 'q j cap');
      const j = header[0] - 1;
      if (j < 0 || j >= m) throw new HrFormatError(`offer ${header[0]} out of range 1..${m}`, line);
      capacity[j] = header[1];
    } else {
      throw new HrFormatError(`unknown record type ${JSON.stringify(String.fromCharCode(t))}`, line);
    }
  }
  if (n < 0) throw new HrFormatError('missing "p hr N M" line', line);
  if (lastCandidate !== n - 1) candidatesInOrder = false;
  if (lastOffer !== m - 1) offersInOrder = false;

  const toCsr = (data: Int32Array, length: number, rowStart: Int32Array, rowEnd: Int32Array, rows: number, inOrder: boolean) => {
    const start = new Int32Array(rows + 1);
    if (inOrder) {
      for (let k = 0; k < rows; k++) start[k + 1] = rowEnd[k];
      // A view, not a copy: saves 40 MB and ~20 ms on 10M applications (the spare tail is never read).
      return { start, list: data.subarray(0, length) };
    }
    // Rows missing or out of order (rows never written keep start = end = 0, an empty list).
    for (let k = 0; k < rows; k++) start[k + 1] = start[k] + (rowEnd[k] - rowStart[k]);
    const list = new Int32Array(start[rows]);
    for (let k = 0; k < rows; k++) list.set(data.subarray(rowStart[k], rowEnd[k]), start[k]);
    return { start, list };
  };
  const c = toCsr(candidateValues, candidateLength, candidateRowStart, candidateRowEnd, n, candidatesInOrder);
  const o = toCsr(offerValues, offerLength, offerRowStart, offerRowEnd, m, offersInOrder);
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
 * FNV-1a-style 64-bit hash over the 1-based offer of each candidate (0 = unmatched), exactly as da_ref prints it
 * (`fnv1a %016llx`), so a matching is compared with the C++ peer without writing it out.
 */
export function matchingFnv1a(offerOfCandidate: Int32Array): string {
  // 64-bit arithmetic split in two 32-bit halves: BigInt would be ~50× slower on 1M candidates.
  // FNV prime 0x100000001b3 = 2^40 + 0x1b3. The offset basis is da_ref's literal 1469598103934665603
  // (0x14650fb0739d0383, the standard basis with its last digit dropped), kept so the hashes compare.
  let hi = 0x14650fb0, lo = 0x739d0383;
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
