/**
 * String ids ↔ the index-based StableInstance, and a byte-level reader of the `guichet stable` JSON input
 *   { "candidates": { "c1": ["o2", "o1"], … }, "offers": { "o1": { "capacity": 2, "ranking": ["c3", "c1"] }, … } }
 *
 * Why a reader of its own: on 1M candidates × 10 choices (a 196 MB file) JSON.parse took 7.2 CPU-s,
 * schema validation of the resulting objects 3.7 s and id maps 1.1 s, ~12 s before any matching
 * (which takes < 1 s). Reading the bytes once, hashing each id in place and never creating per-id strings
 * or arrays does the whole job in about a second.
 *
 * The reader accepts exactly the documented shape (any JSON whitespace, escapes and key order; unknown
 * fields ignored). On anything else — bad JSON, a wrong type, a missing or repeated field — it returns
 * null and the caller falls back to JSON.parse + its schema, whose messages name the field; so the
 * schema stays the single source of shape errors. Id-level errors (unknown or repeated ids) are raised
 * here as StableJsonError, with the same wording as `stableInstanceFromIds`, the path for callers that
 * already hold objects.
 *
 * Pure: bytes in, typed arrays out (TextEncoder/TextDecoder are language globals, not I/O).
 */
import type { StableInstance } from './stable.ts';
import { IntList } from '../int-list.ts';

export type JsonPath = readonly (string | number)[];

/** `offers.o1.ranking[2]`; keys that are not plain words are quoted: `candidates["a b"][0]`. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[\w-]+$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** An input error located by its JSON path; `message` is "path: detail". */
export class StableJsonError extends Error {
  constructor(readonly path: JsonPath, readonly detail: string) {
    super(`${formatJsonPath(path)}: ${detail}`);
    this.name = 'StableJsonError';
  }
}

/** Ids as UTF-8, concatenated: id k is bytes[start[k] .. start[k + 1]). One buffer instead of a million strings. */
export interface IdList {
  bytes: Uint8Array;
  start: Int32Array;
}

/** A StableInstance whose candidate i is candidateIds[i] and offer j is offerIds[j], both in input order. */
export interface StableIdInstance {
  instance: StableInstance;
  candidateIds: IdList;
  offerIds: IdList;
}

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

export function idAt(ids: IdList, k: number): string {
  return utf8Decoder.decode(ids.bytes.subarray(ids.start[k], ids.start[k + 1]));
}

export function idCount(ids: IdList): number {
  return ids.start.length - 1;
}

function idListFromStrings(ids: readonly string[]): IdList {
  const parts = ids.map((s) => utf8Encoder.encode(s));
  const start = new Int32Array(ids.length + 1);
  parts.forEach((p, k) => (start[k + 1] = start[k] + p.length));
  const bytes = new Uint8Array(start[ids.length]);
  parts.forEach((p, k) => bytes.set(p, start[k]));
  return { bytes, start };
}

/** Capacities above Int32 range behave as "unlimited": no offer can hold more candidates than exist. */
const MAX_CAPACITY = 0x7fffffff;

const unknownOffer = (id: string) => `unknown offer "${id}" (not a key of "offers")`;
const unknownCandidate = (id: string) => `unknown candidate "${id}" (not a key of "candidates")`;
const DUPLICATE_ID = 'duplicate id (each id may appear once)';

/**
 * Builds a StableIdInstance from id-keyed entries (e.g. Object.entries of validated JSON). An unknown id in
 * a candidate's list or an offer's ranking, or an id defined twice, throws a StableJsonError naming it.
 * Repeated ids inside one list are left to prepareStable (StableInputError), as for the byte reader.
 */
export function stableInstanceFromIds(
  candidates: ReadonlyArray<readonly [string, readonly string[]]>,
  offers: ReadonlyArray<readonly [string, { readonly capacity: number; readonly ranking: readonly string[] }]>,
): StableIdInstance {
  const candidateIndex = new Map<string, number>();
  for (const [id] of candidates) {
    if (candidateIndex.has(id)) throw new StableJsonError(['candidates', id], DUPLICATE_ID);
    candidateIndex.set(id, candidateIndex.size);
  }
  const offerIndex = new Map<string, number>();
  for (const [id] of offers) {
    if (offerIndex.has(id)) throw new StableJsonError(['offers', id], DUPLICATE_ID);
    offerIndex.set(id, offerIndex.size);
  }
  const candidateStart = new Int32Array(candidates.length + 1);
  candidates.forEach(([, l], i) => (candidateStart[i + 1] = candidateStart[i] + l.length));
  const candidateOffers = new Int32Array(candidateStart[candidates.length]);
  candidates.forEach(([id, list], i) =>
    list.forEach((o, k) => {
      const j = offerIndex.get(o);
      if (j === undefined) throw new StableJsonError(['candidates', id, k], unknownOffer(o));
      candidateOffers[candidateStart[i] + k] = j;
    }),
  );
  const offerStart = new Int32Array(offers.length + 1);
  offers.forEach(([, o], j) => (offerStart[j + 1] = offerStart[j] + o.ranking.length));
  const offerCandidates = new Int32Array(offerStart[offers.length]);
  offers.forEach(([id, o], j) =>
    o.ranking.forEach((c, r) => {
      const i = candidateIndex.get(c);
      if (i === undefined) throw new StableJsonError(['offers', id, 'ranking', r], unknownCandidate(c));
      offerCandidates[offerStart[j] + r] = i;
    }),
  );
  return {
    instance: {
      candidateCount: candidates.length,
      offerCount: offers.length,
      candidateStart,
      candidateOffers,
      offerCapacity: Int32Array.from(offers, ([, o]) => Math.min(o.capacity, MAX_CAPACITY)),
      offerStart,
      offerCandidates,
    },
    candidateIds: idListFromStrings(candidates.map(([id]) => id)),
    offerIds: idListFromStrings(offers.map(([id]) => id)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Byte reader

/** Thrown inside the reader to give up the fast path (caught in readStableJson, never escapes). */
const BAIL = new Error('not the expected shape');

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;
const FNV_OFFSET = 0x811c9dc5, FNV_PRIME = 0x01000193;
/** Ids resolved together in idArray (see flush). */
const BATCH = 32;
/** Nesting allowed inside ignored fields before giving up to JSON.parse. */
const MAX_SKIP_DEPTH = 512;

/**
 * Open-addressing hash table of ids (their canonical UTF-8 bytes, copied into an arena), so an id read in
 * the input is resolved without creating a JS string. Entry t also records in which order ids were defined
 * as keys (definedAs[t] = -1 while only referenced).
 *
 * Each slot is 4 Int32: [tag, entry + 1, first 4 bytes, next 4 bytes], tag = hash with its low 4 bits
 * replaced by min(length, 15); the slot index comes from the bits above. Ids of ≤ 8 bytes (most:
 * "c123456") are thus compared inside the slot: a lookup costs one cache miss, which matters when 10M
 * ranking entries hit a 1M-entry table (an entry-indexed layout cost ~4 misses per lookup).
 */
class IdTable {
  private slots = new Int32Array(4 << 12);
  private mask = (1 << 12) - 1;
  starts = new Int32Array(1 << 11);
  ends = new Int32Array(1 << 11);
  definedAs = new Int32Array(1 << 11);
  arena = new Uint8Array(1 << 14);
  private arenaLength = 0;
  count = 0;
  definedCount = 0;

  /** The entry of id src[s..e) (hash: finishHash of its FNV-1a; w0, w1: its first 8 bytes little-endian, zero-padded). */
  find(src: Uint8Array, s: number, e: number, hash: number, w0: number, w1: number): number {
    const slots = this.slots, mask = this.mask, len = e - s;
    const tag = (hash & ~15) | (len < 15 ? len : 15);
    let k = (hash >>> 4) & mask;
    for (;;) {
      const at = k << 2;
      const t = slots[at + 1] - 1;
      if (t < 0) return this.insert(src, s, e, tag, w0, w1, at);
      if (slots[at] === tag && slots[at + 2] === w0 && slots[at + 3] === w1) {
        if (len <= 8) return t;
        if (this.ends[t] - this.starts[t] === len) {
          const arena = this.arena;
          let a = this.starts[t] + 8, b = s + 8;
          while (b < e && arena[a] === src[b]) {
            a++;
            b++;
          }
          if (b === e) return t;
        }
      }
      k = (k + 1) & mask;
    }
  }

  private insert(src: Uint8Array, s: number, e: number, tag: number, w0: number, w1: number, at: number): number {
    const t = this.count++;
    if (t === this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.definedAs = grow(this.definedAs);
    }
    const len = e - s;
    if (this.arenaLength + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + len));
      bigger.set(this.arena);
      this.arena = bigger;
    }
    copyBytes(this.arena, this.arenaLength, src, s, e);
    this.starts[t] = this.arenaLength;
    this.ends[t] = this.arenaLength + len;
    this.definedAs[t] = -1;
    this.arenaLength += len;
    const slots = this.slots;
    slots[at] = tag;
    slots[at + 1] = t + 1;
    slots[at + 2] = w0;
    slots[at + 3] = w1;
    // Keep the load ≤ 1/2 so that linear probing stays short.
    if (2 * this.count > this.mask + 1) this.rehash();
    return t;
  }

  private rehash(): void {
    const old = this.slots;
    const mask = 2 * (this.mask + 1) - 1;
    const slots = new Int32Array(4 * (mask + 1));
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] === 0) continue;
      let k = (old[at] >>> 4) & mask; // the tag keeps the hash bits the slot index is taken from
      while (slots[(k << 2) + 1] !== 0) k = (k + 1) & mask;
      const to = k << 2;
      slots[to] = old[at];
      slots[to + 1] = old[at + 1];
      slots[to + 2] = old[at + 2];
      slots[to + 3] = old[at + 3];
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The first word of the slot a hash starts probing at: a load whose only purpose is to bring it into cache. */
  peekSlot(hash: number): number {
    return this.slots[((hash >>> 4) & this.mask) << 2];
  }

  idString(t: number): string {
    return utf8Decoder.decode(this.arena.subarray(this.starts[t], this.ends[t]));
  }

  /** Marks entry t as defined (a key); false when it already was. */
  define(t: number): boolean {
    if (this.definedAs[t] >= 0) return false;
    this.definedAs[t] = this.definedCount++;
    return true;
  }

  /** The defined ids in definition order. */
  idList(order: Int32Array): IdList {
    const start = new Int32Array(order.length + 1);
    for (let d = 0; d < order.length; d++) start[d + 1] = start[d] + this.ends[order[d]] - this.starts[order[d]];
    const bytes = new Uint8Array(start[order.length]);
    for (let d = 0; d < order.length; d++) copyBytes(bytes, start[d], this.arena, this.starts[order[d]], this.ends[order[d]]);
    return { bytes, start };
  }
}

/** Mixes the FNV state so that the bits the table uses depend on every byte. */
function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function idHash(src: Uint8Array, s: number, e: number): number {
  let h = FNV_OFFSET;
  for (let p = s; p < e; p++) h = Math.imul(h ^ src[p], FNV_PRIME);
  return finishHash(h);
}

/** Bytes src[at..at+4) little-endian, zero past the end: the in-slot copy of a short id. */
function word(src: Uint8Array, at: number): number {
  let w = 0;
  for (let k = 0; k < 4 && at + k < src.length; k++) w |= src[at + k] << (k << 3);
  return w;
}

class JsonReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  /** Skips JSON whitespace and returns the next byte, -1 at the end. */
  peek(): number {
    const b = this.bytes, len = b.length;
    let p = this.pos;
    while (p < len) {
      const c = b[p];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else {
        this.pos = p;
        return c;
      }
    }
    this.pos = p;
    return -1;
  }

  expect(c: number): void {
    if (this.peek() !== c) throw BAIL;
    this.pos++;
  }

  /**
   * Reads the string token at pos and resolves it in `table`. Plain ASCII ids are hashed in place; ids with
   * escapes or non-ASCII bytes are decoded first so that "c\u0031" and "c1" are the same id.
   */
  id(table: IdTable): number {
    const b = this.bytes, len = b.length;
    const s = this.pos + 1;
    let p = s, h = FNV_OFFSET, w0 = 0, w1 = 0;
    for (;;) {
      if (p >= len) throw BAIL;
      const c = b[p];
      if (c === QUOTE) break;
      if (c === BACKSLASH || c >= 0x80 || c < 0x20) {
        const canon = utf8Encoder.encode(this.stringAt(s - 1));
        return table.find(canon, 0, canon.length, idHash(canon, 0, canon.length), word(canon, 0), word(canon, 4));
      }
      h = Math.imul(h ^ c, FNV_PRIME);
      const k = p - s;
      if (k < 4) w0 |= c << (k << 3);
      else if (k < 8) w1 |= c << ((k - 4) << 3);
      p++;
    }
    this.pos = p + 1;
    return table.find(b, s, p, finishHash(h), w0, w1);
  }

  /** Reads the string token starting at `quoteAt` (general JSON string) and moves past it. */
  stringAt(quoteAt: number): string {
    const b = this.bytes, len = b.length;
    let p = quoteAt + 1;
    for (;;) {
      if (p >= len) throw BAIL;
      const c = b[p];
      if (c === QUOTE) break;
      if (c < 0x20) throw BAIL; // raw control characters are invalid in JSON strings
      p += c === BACKSLASH ? 2 : 1;
    }
    this.pos = p + 1;
    try {
      return JSON.parse(utf8Decoder.decode(b.subarray(quoteAt, p + 1))) as string;
    } catch {
      throw BAIL; // a bad escape: JSON.parse in the fallback will report it
    }
  }

  key(): string {
    if (this.peek() !== QUOTE) throw BAIL;
    const k = this.stringAt(this.pos);
    this.expect(COLON);
    return k;
  }

  /** Ids scanned but not yet resolved (start, end, hash, first 8 bytes), see idArray. */
  private readonly batch = new Int32Array(5 * BATCH);
  private batchLength = 0;
  /** Sink of the warm-up loads, kept so the compiler cannot drop them. */
  warm = 0;

  /**
   * Resolves the pending ids in order. Their slots are loaded first, all together, so that the cache
   * misses of a large table (10M lookups in a 1M-id table for the rankings) overlap instead of queueing
   * one behind the other — JavaScript has no prefetch instruction, independent loads are the next best.
   */
  private flush(table: IdTable, sink: IntList): void {
    const q = this.batch, n = this.batchLength;
    let warm = this.warm;
    for (let k = 0; k < n; k++) warm ^= table.peekSlot(q[5 * k + 2]);
    this.warm = warm;
    const b = this.bytes;
    for (let k = 0; k < n; k++) {
      const at = 5 * k;
      sink.push(table.find(b, q[at], q[at + 1], q[at + 2], q[at + 3], q[at + 4]));
    }
    this.batchLength = 0;
  }

  /**
   * Reads `[ "id", … ]` into `sink` as table entries; returns the number of ids. The hot loop of the
   * reader (20M ids on 1M candidates): position in a local, plain ids hashed while scanned and resolved
   * in batches, no call for the separators of compact JSON.
   */
  idArray(table: IdTable, sink: IntList): number {
    this.expect(OPEN_BRACKET);
    const b = this.bytes, len = b.length, batch = this.batch;
    let p = this.pos;
    let count = 0;
    let c = b[p];
    if (c !== QUOTE) {
      c = this.peek();
      p = this.pos;
      if (c === CLOSE_BRACKET) {
        this.pos = p + 1;
        return 0;
      }
    }
    for (;;) {
      if (c !== QUOTE) throw BAIL;
      const s = p + 1;
      let q = s, h = FNV_OFFSET, w0 = 0, w1 = 0, plain = true;
      for (;;) {
        if (q >= len) throw BAIL;
        const x = b[q];
        if (x === QUOTE) break;
        if (x === BACKSLASH || x >= 0x80 || x < 0x20) {
          plain = false;
          break;
        }
        h = Math.imul(h ^ x, FNV_PRIME);
        const k = q - s;
        if (k < 4) w0 |= x << (k << 3);
        else if (k < 8) w1 |= x << ((k - 4) << 3);
        q++;
      }
      if (plain) {
        const at = 5 * this.batchLength++;
        batch[at] = s;
        batch[at + 1] = q;
        batch[at + 2] = finishHash(h);
        batch[at + 3] = w0;
        batch[at + 4] = w1;
        if (this.batchLength === BATCH) this.flush(table, sink);
      } else {
        // Escapes or non-ASCII: keep the order of the sink, then decode this one.
        this.flush(table, sink);
        this.pos = p;
        sink.push(this.id(table));
        q = this.pos - 1;
      }
      count++;
      p = q + 1;
      if (b[p] === COMMA && b[p + 1] === QUOTE) {
        // Compact JSON: `","` between ids, no call needed.
        p++;
        c = QUOTE;
        continue;
      }
      this.pos = p;
      c = this.peek();
      if (c === CLOSE_BRACKET) {
        this.pos++;
        this.flush(table, sink);
        return count;
      }
      if (c !== COMMA) throw BAIL;
      this.pos++;
      c = this.peek();
      p = this.pos;
    }
  }

  /** A JSON number, by JSON.parse's own conversion of the exact token (strict grammar). */
  number(): number {
    const b = this.bytes, len = b.length, s = this.pos;
    let p = s;
    const digits = () => {
      const d0 = p;
      while (p < len && b[p] >= 0x30 && b[p] <= 0x39) p++;
      if (p === d0) throw BAIL;
    };
    if (b[p] === 0x2d) p++;
    if (b[p] === 0x30) p++;
    else digits();
    if (b[p] === 0x2e) {
      p++;
      digits();
    }
    if (b[p] === 0x65 || b[p] === 0x45) {
      p++;
      if (b[p] === 0x2b || b[p] === 0x2d) p++;
      digits();
    }
    this.pos = p;
    return Number(utf8Decoder.decode(b.subarray(s, p)));
  }

  /** Validates and skips any JSON value (fields the schema ignores). */
  skipValue(depth: number): void {
    if (depth > MAX_SKIP_DEPTH) throw BAIL;
    const c = this.peek();
    if (c === QUOTE) this.stringAt(this.pos);
    else if (c === OPEN_BRACE) {
      this.pos++;
      if (this.peek() === CLOSE_BRACE) {
        this.pos++;
        return;
      }
      for (;;) {
        this.key();
        this.skipValue(depth + 1);
        const d = this.peek();
        this.pos++;
        if (d === CLOSE_BRACE) return;
        if (d !== COMMA) throw BAIL;
      }
    } else if (c === OPEN_BRACKET) {
      this.pos++;
      if (this.peek() === CLOSE_BRACKET) {
        this.pos++;
        return;
      }
      for (;;) {
        this.skipValue(depth + 1);
        const d = this.peek();
        this.pos++;
        if (d === CLOSE_BRACKET) return;
        if (d !== COMMA) throw BAIL;
      }
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.number();
    else {
      for (const word of ['true', 'false', 'null']) {
        if (utf8Decoder.decode(this.bytes.subarray(this.pos, this.pos + word.length)) === word) {
          this.pos += word.length;
          return;
        }
      }
      throw BAIL;
    }
  }

  /** Iterates the members of an object: calls `member` with the reader positioned on each key's quote. */
  object(member: () => void): void {
    this.expect(OPEN_BRACE);
    if (this.peek() === CLOSE_BRACE) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.peek() !== QUOTE) throw BAIL;
      member();
      const d = this.peek();
      this.pos++;
      if (d === CLOSE_BRACE) return;
      if (d !== COMMA) throw BAIL;
    }
  }
}

/**
 * Reads the `guichet stable` JSON input from its bytes. Returns null when the input is not valid JSON of
 * the expected shape (the caller then reports the problem through JSON.parse + its schema); throws
 * StableJsonError for ids that are unknown or defined twice.
 */
export function readStableJson(bytes: Uint8Array): StableIdInstance | null {
  const r = new JsonReader(bytes);
  const candidates = new IdTable();
  const offers = new IdTable();
  const candidateEntry = new IntList(); // table entry of each candidate, in definition order
  const listEnd = new IntList(); // end of each candidate's list in listValues
  const listValues = new IntList(); // offer table entries
  const offerEntry = new IntList();
  const rankingEnd = new IntList();
  const rankingValues = new IntList(); // candidate table entries
  const capacities = new IntList();
  let seenCandidates = false, seenOffers = false;

  try {
    r.object(() => {
      const field = r.key();
      if (field === 'candidates') {
        if (seenCandidates) throw BAIL;
        seenCandidates = true;
        r.object(() => {
          const t = r.id(candidates);
          if (!candidates.define(t)) throw new StableJsonError(['candidates', candidates.idString(t)], DUPLICATE_ID);
          candidateEntry.push(t);
          r.expect(COLON);
          r.idArray(offers, listValues);
          listEnd.push(listValues.length);
        });
      } else if (field === 'offers') {
        if (seenOffers) throw BAIL;
        seenOffers = true;
        r.object(() => {
          const t = r.id(offers);
          if (!offers.define(t)) throw new StableJsonError(['offers', offers.idString(t)], DUPLICATE_ID);
          offerEntry.push(t);
          r.expect(COLON);
          let capacity = -1, hasRanking = false;
          r.object(() => {
            const name = r.key();
            if (name === 'capacity') {
              if (capacity >= 0 || r.peek() === QUOTE) throw BAIL;
              const v = r.number();
              if (!(Number.isSafeInteger(v) && v >= 0)) throw BAIL;
              capacity = Math.min(v, MAX_CAPACITY);
            } else if (name === 'ranking') {
              if (hasRanking) throw BAIL;
              hasRanking = true;
              r.idArray(candidates, rankingValues);
              rankingEnd.push(rankingValues.length);
            } else r.skipValue(0);
          });
          if (capacity < 0 || !hasRanking) throw BAIL;
          capacities.push(capacity);
        });
      } else r.skipValue(0);
    });
    if (r.peek() !== -1 || !seenCandidates || !seenOffers) throw BAIL;
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }

  const n = candidateEntry.length, m = offerEntry.length;
  // Every referenced id must be defined: report the first unknown one, candidate lists first.
  if (offers.count > m) {
    for (let i = 0, p = 0; i < n; i++) {
      for (let k = 0; p < listEnd.data[i]; p++, k++) {
        const t = listValues.data[p];
        if (offers.definedAs[t] < 0) throw new StableJsonError(['candidates', candidates.idString(candidateEntry.data[i]), k], unknownOffer(offers.idString(t)));
      }
    }
  }
  if (candidates.count > n) {
    for (let j = 0, p = 0; j < m; j++) {
      for (let k = 0; p < rankingEnd.data[j]; p++, k++) {
        const t = rankingValues.data[p];
        if (candidates.definedAs[t] < 0) throw new StableJsonError(['offers', offers.idString(offerEntry.data[j]), 'ranking', k], unknownCandidate(candidates.idString(t)));
      }
    }
  }
  // Table entries were numbered in order of first appearance; renumber in definition (input) order.
  const candidateOffers = listValues.data.slice(0, listValues.length);
  for (let p = 0; p < candidateOffers.length; p++) candidateOffers[p] = offers.definedAs[candidateOffers[p]];
  const offerCandidates = rankingValues.data.slice(0, rankingValues.length);
  let identity = true;
  for (let i = 0; i < n && identity; i++) identity = candidateEntry.data[i] === i;
  if (!identity) for (let p = 0; p < offerCandidates.length; p++) offerCandidates[p] = candidates.definedAs[offerCandidates[p]];

  const candidateStart = new Int32Array(n + 1);
  candidateStart.set(listEnd.data.subarray(0, n), 1);
  const offerStart = new Int32Array(m + 1);
  offerStart.set(rankingEnd.data.subarray(0, m), 1);
  return {
    instance: {
      candidateCount: n,
      offerCount: m,
      candidateStart,
      candidateOffers,
      offerCapacity: capacities.data.slice(0, m),
      offerStart,
      offerCandidates,
    },
    candidateIds: candidates.idList(candidateEntry.data.subarray(0, n)),
    offerIds: offers.idList(offerEntry.data.subarray(0, m)),
  };
}

/** Copies src[s..e) to dst at `at` and returns the new end; a loop beats subarray + set for ids of a few bytes. */
function copyBytes(dst: Uint8Array, at: number, src: Uint8Array, s: number, e: number): number {
  for (let p = s; p < e; p++) dst[at++] = src[p];
  return at;
}

/**
 * The ids as JSON string literals, byte for byte what JSON.stringify writes: plain ASCII ids are quoted
 * by copying; others go through JSON.stringify.
 */
export function jsonQuotedIds(ids: IdList): IdList {
  const count = idCount(ids);
  const parts: Uint8Array[] = [];
  const start = new Int32Array(count + 1);
  let plainBytes = 0;
  const plain = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    let ok = 1;
    for (let p = ids.start[k]; p < ids.start[k + 1]; p++) {
      const c = ids.bytes[p];
      if (c < 0x20 || c > 0x7f || c === QUOTE || c === BACKSLASH) {
        ok = 0;
        break;
      }
    }
    plain[k] = ok;
    if (ok) plainBytes += ids.start[k + 1] - ids.start[k] + 2;
    else parts[k] = utf8Encoder.encode(JSON.stringify(idAt(ids, k)));
  }
  let size = plainBytes;
  for (const p of parts) if (p) size += p.length;
  const bytes = new Uint8Array(size);
  for (let k = 0, at = 0; k < count; k++) {
    start[k] = at;
    if (plain[k]) {
      bytes[at++] = QUOTE;
      at = copyBytes(bytes, at, ids.bytes, ids.start[k], ids.start[k + 1]);
      bytes[at++] = QUOTE;
    } else {
      bytes.set(parts[k], at);
      at += parts[k].length;
    }
    start[k + 1] = at;
  }
  return { bytes, start };
}

/**
 * `{ "matching": { "<candidate>": "<offer>" | null, … } }` with every candidate in input order, formatted
 * exactly as JSON.stringify(value, null, 2) plus a final newline, built as bytes (a 1M-candidate
 * answer is ~25 MB; JSON.stringify would also reorder integer-like keys).
 */
export function formatMatchingJson(ids: StableIdInstance, offerOfCandidate: Int32Array): Uint8Array {
  const cand = jsonQuotedIds(ids.candidateIds);
  const off = jsonQuotedIds(ids.offerIds);
  const n = idCount(ids.candidateIds);
  if (n === 0) return utf8Encoder.encode('{\n  "matching": {}\n}\n');
  const head = utf8Encoder.encode('{\n  "matching": {\n');
  const tail = utf8Encoder.encode('\n  }\n}\n');
  let size = head.length + tail.length;
  for (let i = 0; i < n; i++) {
    const j = offerOfCandidate[i];
    size += 4 + (cand.start[i + 1] - cand.start[i]) + 2 + (j < 0 ? 4 : off.start[j + 1] - off.start[j]) + (i < n - 1 ? 2 : 0);
  }
  const out = new Uint8Array(size);
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < n; i++) {
    out[at++] = 0x20;
    out[at++] = 0x20;
    out[at++] = 0x20;
    out[at++] = 0x20;
    at = copyBytes(out, at, cand.bytes, cand.start[i], cand.start[i + 1]);
    out[at++] = COLON;
    out[at++] = 0x20;
    const j = offerOfCandidate[i];
    if (j < 0) {
      out[at++] = 0x6e; // null
      out[at++] = 0x75;
      out[at++] = 0x6c;
      out[at++] = 0x6c;
    } else {
      at = copyBytes(out, at, off.bytes, off.start[j], off.start[j + 1]);
    }
    if (i < n - 1) {
      out[at++] = COMMA;
      out[at++] = 0x0a;
    }
  }
  out.set(tail, at);
  return out;
}
