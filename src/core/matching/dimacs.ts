import type { FlowProblem, FlowSolution, IntArray } from './flow-problem.ts';
import { MAX_EXACT } from './flow-problem.ts';

/** Malformed DIMACS input; `line` is 1-based. */
export class DimacsError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const PLUS = 43;

/**
 * Incremental DIMACS min-cost-flow reader working on raw bytes.
 *
 * Bytes are parsed straight from the chunks (no per-line strings: splitting an 800 MB file into
 * lines costs more time and memory than the solve), so a file can be streamed in large chunks and
 * the whole text never has to be held at once. Only complete lines are parsed; a partial last
 * line is carried to the next chunk.
 */
export class DimacsReader {
  private carry: Uint8Array | null = null;
  /** Lines fully consumed so far; the line being parsed is `lineNo + 1`. */
  private lineNo = 0;
  private problemLine = 0;
  private nodeCount = -1;
  private arcCount = 0;
  private arcsRead = 0;
  private supply = new Float64Array(0);
  private supplySeen = new Uint8Array(0);
  private from = new Int32Array(0);
  private to = new Int32Array(0);
  private lower: IntArray | null = null;
  private capacity: IntArray = new Int32Array(0);
  private cost: IntArray = new Int32Array(0);

  push(chunk: Uint8Array): void {
    let lastNl = chunk.lastIndexOf(NL);
    if (lastNl < 0) {
      this.carry = this.carry ? concat(this.carry, chunk) : copyOf(chunk);
      return;
    }
    let start = 0;
    if (this.carry) {
      // Finish the line that started in the previous chunk on a small joined copy.
      const firstNl = chunk.indexOf(NL);
      const joined = concat(this.carry, chunk.subarray(0, firstNl + 1));
      this.carry = null;
      this.parseLines(joined, 0, joined.length);
      start = firstNl + 1;
    }
    if (start <= lastNl) this.parseLines(chunk, start, lastNl + 1);
    lastNl += 1;
    // A copy: callers may reuse their buffer, and Buffer#slice would only be a view.
    this.carry = lastNl < chunk.length ? copyOf(chunk.subarray(lastNl)) : null;
  }

  /** Parses what is left and returns the problem; throws DimacsError if it is incomplete. */
  finish(): FlowProblem {
    if (this.carry) {
      const rest = this.carry;
      this.carry = null;
      this.parseLines(rest, 0, rest.length);
    }
    const lastLine = Math.max(1, this.lineNo);
    if (this.nodeCount < 0) throw new DimacsError(lastLine, "missing problem line 'p min NODES ARCS'");
    if (this.arcsRead !== this.arcCount) {
      throw new DimacsError(
        lastLine,
        `the problem line (line ${this.problemLine}) announces ${this.arcCount} arcs but ${this.arcsRead} arc lines were given`,
      );
    }
    return {
      nodeCount: this.nodeCount,
      arcCount: this.arcCount,
      supply: this.supply,
      from: this.from,
      to: this.to,
      lower: this.lower,
      capacity: this.capacity,
      cost: this.cost,
    };
  }

  private fail(reason: string): never {
    throw new DimacsError(this.lineNo + 1, reason);
  }

  /** Reports what readInts found wrong with field `k` of `names`. */
  private failField(code: number, names: readonly string[], buf: Uint8Array, end: number): never {
    const at = FIELDS[names.length];
    if (code === names.length + 1) this.fail(`unexpected text "${tokenAt(buf, at, end)}" at the end of the line`);
    const k = Math.abs(code) - 1;
    if (code > 0) this.fail(`expected an integer ${names[k]}, found "${tokenAt(buf, at, end)}"`);
    this.fail(`${names[k]} ${tokenAt(buf, at, end)} is out of range (|value| must be below 2^53)`);
  }

  /** Parses the complete lines in buf[start, end). Hot loop: numbers are read by `readInts`. */
  private parseLines(buf: Uint8Array, start: number, end: number): void {
    let pos = start;
    let capacity = this.capacity;
    let cost = this.cost;
    let capIsInt = capacity instanceof Int32Array;
    let costIsInt = cost instanceof Int32Array;
    const from = this.from;
    const to = this.to;
    const n = this.nodeCount;
    let arcsRead = this.arcsRead;
    const f = FIELDS;

    while (pos < end) {
      let c = buf[pos];
      while (c === SPACE || c === TAB) c = buf[++pos];
      if (c === 97 /* a */) {
        if (n < 0) this.fail("arc line before the problem line 'p min NODES ARCS'");
        if (arcsRead >= this.arcCount) {
          this.arcsRead = arcsRead;
          this.fail(`more arc lines than the ${this.arcCount} announced by the problem line`);
        }
        const code = readInts(buf, pos + 1, end, 5);
        if (code !== 0) {
          this.arcsRead = arcsRead;
          this.failField(code, ARC_FIELDS, buf, end);
        }
        const u = f[0];
        const v = f[1];
        const lo = f[2];
        const cap = f[3];
        const w = f[4];
        pos = f[5];
        if (u < 1 || u > n) this.fail(`arc tail node ${u} is out of range 1..${n}`);
        if (v < 1 || v > n) this.fail(`arc head node ${v} is out of range 1..${n}`);
        from[arcsRead] = u - 1;
        to[arcsRead] = v - 1;
        if (lo !== 0) {
          if (!this.lower) this.lower = new Int32Array(this.arcCount);
          if ((lo | 0) !== lo && this.lower instanceof Int32Array) this.lower = Float64Array.from(this.lower);
          this.lower[arcsRead] = lo;
        }
        if (capIsInt && (cap | 0) !== cap) {
          capacity = this.capacity = Float64Array.from(capacity);
          capIsInt = false;
        }
        capacity[arcsRead] = cap;
        if (costIsInt && (w | 0) !== w) {
          cost = this.cost = Float64Array.from(cost);
          costIsInt = false;
        }
        cost[arcsRead] = w;
        arcsRead++;
        this.lineNo++;
      } else if (c === 110 /* n */) {
        if (n < 0) this.fail("node line before the problem line 'p min NODES ARCS'");
        const code = readInts(buf, pos + 1, end, 2);
        if (code !== 0) this.failField(code, NODE_FIELDS, buf, end);
        const id = f[0];
        pos = f[2];
        if (id < 1 || id > n) this.fail(`node id ${id} is out of range 1..${n}`);
        if (this.supplySeen[id - 1]) this.fail(`node ${id} has a second supply line`);
        this.supplySeen[id - 1] = 1;
        this.supply[id - 1] = f[1];
        this.lineNo++;
      } else if (c === 99 /* c */ || c === NL || c === CR || pos >= end) {
        while (pos < end && buf[pos] !== NL) pos++;
        pos++;
        this.lineNo++;
      } else if (c === 112 /* p */) {
        pos++;
        if (n >= 0) this.fail(`second problem line (the first is line ${this.problemLine})`);
        while (buf[pos] === SPACE || buf[pos] === TAB) pos++;
        const kindStart = pos;
        while (pos < end && buf[pos] !== SPACE && buf[pos] !== TAB && buf[pos] !== NL && buf[pos] !== CR) pos++;
        const kind = tokenAt(buf, kindStart, pos);
        if (kind !== 'min') this.fail(`problem type "${kind}" is not supported: expected 'p min NODES ARCS'`);
        const code = readInts(buf, pos, end, 2);
        if (code !== 0) this.failField(code, PROBLEM_FIELDS, buf, end);
        const nodes = f[0];
        const arcs = f[1];
        pos = f[2];
        if (nodes < 1) this.fail(`node count must be at least 1, got ${nodes}`);
        if (arcs < 0) this.fail(`arc count must not be negative, got ${arcs}`);
        if (nodes >= 2 ** 31 - 1 || arcs >= 2 ** 31 - 1) this.fail('more than 2^31 nodes or arcs are not supported');
        this.lineNo++;
        this.nodeCount = nodes;
        this.problemLine = this.lineNo;
        this.arcCount = arcs;
        this.supply = new Float64Array(nodes);
        this.supplySeen = new Uint8Array(nodes);
        this.from = new Int32Array(arcs);
        this.to = new Int32Array(arcs);
        this.capacity = new Int32Array(arcs);
        this.cost = new Int32Array(arcs);
        // `from`, `to` and `n` were captured above: go on with the new arrays.
        this.arcsRead = arcsRead;
        this.parseLines(buf, pos, end);
        return;
      } else {
        this.fail(`unknown line type "${tokenAt(buf, pos, end)}" (expected c, p, n or a)`);
      }
    }
    this.arcsRead = arcsRead;
  }
}

const ARC_FIELDS = ['tail node', 'head node', 'lower bound', 'capacity', 'cost'] as const;
const NODE_FIELDS = ['node id', 'supply'] as const;
const PROBLEM_FIELDS = ['node count', 'arc count'] as const;
/**
 * Output of readInts: the values, then the position after the line (or, on error, the position of
 * the offending token at index `count`). A shared scratch array instead of closures or objects keeps
 * the per-line cost to one call (~200 MB/s on arc lines).
 */
const FIELDS = new Float64Array(8);

/**
 * Reads `count` integers then the end of the line from buf[pos, end). Returns 0 on success (values in
 * FIELDS[0..count−1], next line start in FIELDS[count]); k+1 if field k is not an integer,
 * −(k+1) if it is out of range, count+1 if text follows the last field.
 */
function readInts(buf: Uint8Array, pos: number, end: number, count: number): number {
  const out = FIELDS;
  for (let k = 0; k < count; k++) {
    let c = buf[pos];
    while (c === SPACE || c === TAB) c = buf[++pos];
    const tokenStart = pos;
    let neg = false;
    if (c === MINUS) {
      neg = true;
      c = buf[++pos];
    } else if (c === PLUS) c = buf[++pos];
    let v = 0;
    const first = pos;
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      c = buf[++pos];
    }
    if (pos === first || !(pos >= end || c === SPACE || c === TAB || c === NL || c === CR)) {
      out[count] = tokenStart;
      return k + 1;
    }
    if (v > MAX_EXACT) {
      out[count] = tokenStart;
      return -(k + 1);
    }
    out[k] = neg ? -v : v;
  }
  let c = buf[pos];
  while (c === SPACE || c === TAB || c === CR) c = buf[++pos];
  if (pos < end && c !== NL) {
    out[count] = pos;
    return count + 1;
  }
  out[count] = pos + 1;
  return 0;
}

function copyOf(a: Uint8Array): Uint8Array {
  return new Uint8Array(a);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The whitespace-delimited token at `pos`, shortened, for error messages. */
function tokenAt(buf: Uint8Array, pos: number, end: number): string {
  let e = pos;
  while (e < end && e - pos < 40 && buf[e] !== SPACE && buf[e] !== TAB && buf[e] !== NL && buf[e] !== CR) e++;
  let s = '';
  for (let i = pos; i < e; i++) s += String.fromCharCode(buf[i]);
  return s === '' ? (pos >= end || buf[pos] === NL || buf[pos] === CR ? 'end of line' : ' ') : s;
}

/** Parses a whole DIMACS text held in memory. */
export function parseDimacs(input: Uint8Array | string): FlowProblem {
  const reader = new DimacsReader();
  reader.push(typeof input === 'string' ? new TextEncoder().encode(input) : input);
  return reader.finish();
}

/**
 * Writes the DIMACS solution: `s COST` (or `s INFEASIBLE`) then `f FROM TO FLOW` for every arc with
 * non-zero flow, in input order, 1-based ids. Output goes out in fresh chunks of about `chunkBytes`
 * so a writer may keep a chunk while the next one is filled.
 */
export function writeDimacsSolution(
  problem: FlowProblem,
  solution: Pick<FlowSolution, 'status' | 'flow' | 'totalCost'>,
  emit: (chunk: Uint8Array) => void,
  chunkBytes = 1 << 22,
): void {
  const size = Math.max(chunkBytes, 256);
  let buf = new Uint8Array(size);
  let pos = 0;
  const head = solution.status === 'optimal' ? `s ${solution.totalCost}\n` : 's INFEASIBLE\n';
  for (let i = 0; i < head.length; i++) buf[pos++] = head.charCodeAt(i);
  if (solution.status === 'optimal') {
    const { from, to, arcCount } = problem;
    const flow = solution.flow;
    const limit = size - 64;
    for (let a = 0; a < arcCount; a++) {
      const f = flow[a];
      if (f === 0) continue;
      if (pos > limit) {
        emit(buf.subarray(0, pos));
        buf = new Uint8Array(size);
        pos = 0;
      }
      buf[pos++] = 102; // f
      buf[pos++] = SPACE;
      pos = writeInt(buf, pos, from[a] + 1);
      buf[pos++] = SPACE;
      pos = writeInt(buf, pos, to[a] + 1);
      buf[pos++] = SPACE;
      pos = writeInt(buf, pos, f);
      buf[pos++] = NL;
    }
  }
  if (pos > 0) emit(buf.subarray(0, pos));
}

/** Decimal digits of an integer below 2^53, written at `pos`; returns the new position. */
function writeInt(buf: Uint8Array, pos: number, v: number): number {
  if (v < 0) {
    buf[pos++] = MINUS;
    v = -v;
  }
  let digits = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
  let p = pos + digits;
  const end = p;
  if (v < 2147483648) {
    do {
      const q = (v / 10) | 0;
      buf[--p] = 48 + v - q * 10;
      v = q;
    } while (v > 0);
  } else {
    do {
      const q = Math.floor(v / 10);
      buf[--p] = 48 + v - q * 10;
      v = q;
    } while (v > 0);
  }
  return end;
}
