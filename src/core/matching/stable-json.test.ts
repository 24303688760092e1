import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StableIdInstance } from './stable-json.ts';
import { StableJsonError, formatJsonPath, formatMatchingJson, idAt, idCount, readStableJson, stableInstanceFromIds } from './stable-json.ts';
import { stableMatching } from './stable.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const ids = (l: StableIdInstance['candidateIds']) => Array.from({ length: idCount(l) }, (_, k) => idAt(l, k));

type Doc = { candidates: Record<string, string[]>; offers: Record<string, { capacity: number; ranking: string[] }> };

/** The reference path: JSON.parse, then the Map-based builder. */
function viaObjects(text: string): StableIdInstance {
  const doc = JSON.parse(text) as Doc;
  return stableInstanceFromIds(Object.entries(doc.candidates), Object.entries(doc.offers));
}

function plain(x: StableIdInstance) {
  const i = x.instance;
  return {
    candidates: ids(x.candidateIds),
    offers: ids(x.offerIds),
    candidateStart: Array.from(i.candidateStart),
    candidateOffers: Array.from(i.candidateOffers),
    offerCapacity: Array.from(i.offerCapacity),
    offerStart: Array.from(i.offerStart),
    offerCandidates: Array.from(i.offerCandidates),
  };
}

function errorOf(f: () => unknown): StableJsonError {
  try {
    f();
  } catch (e) {
    if (e instanceof StableJsonError) return e;
    throw e;
  }
  throw new Error('expected a StableJsonError');
}

const sample = '{"candidates":{"c1":["o2","o1"],"c2":["o1"],"c3":[]},"offers":{"o1":{"capacity":1,"ranking":["c2","c1"]},"o2":{"ranking":["c1"],"capacity":3}}}';

describe('formatJsonPath', () => {
  it('writes plain keys with dots, indices in brackets and quotes other keys', () => {
    expect(formatJsonPath(['offers', 'o1', 'capacity'])).toBe('offers.o1.capacity');
    expect(formatJsonPath(['candidates', 'c-1', 2])).toBe('candidates.c-1[2]');
    expect(formatJsonPath(['candidates', 'a b', 0])).toBe('candidates["a b"][0]');
    expect(formatJsonPath([])).toBe('');
  });
});

describe('readStableJson', () => {
  it('reads ids in input order into CSR arrays', () => {
    const x = readStableJson(enc(sample))!;
    expect(plain(x)).toEqual({
      candidates: ['c1', 'c2', 'c3'],
      offers: ['o1', 'o2'],
      candidateStart: [0, 2, 3, 3],
      candidateOffers: [1, 0, 0],
      offerCapacity: [1, 3],
      offerStart: [0, 2, 3],
      offerCandidates: [1, 0, 0],
    });
    expect(plain(x)).toEqual(plain(viaObjects(sample)));
  });

  it('accepts offers before candidates, whitespace, escapes, unicode and unknown fields', () => {
    const text = ` \n{ "note" : [1, {"a": null}, true, false, -2.5e3, "x\\"y"],
      "offers" : { "o\\u0031" : { "capacity" : 2e0 , "ranking" : [ "ç" , "c\\u0032" ] , "site": {"m2": 1200} } } ,
      "candidates" : { "c2" : [ "o1" ] , "\\u00e7" : [ "o1" ] }
    }\r\n`;
    const x = readStableJson(enc(text))!;
    expect(x).not.toBeNull();
    expect(plain(x)).toEqual(plain(viaObjects(text)));
    expect(ids(x.candidateIds)).toEqual(['c2', 'ç']);
    expect(Array.from(x.instance.offerCandidates)).toEqual([1, 0]);
    expect(Array.from(x.instance.offerCapacity)).toEqual([2]);
  });

  it('keeps integer-like ids in input order (JSON.parse objects would sort them first)', () => {
    const x = readStableJson(enc('{"candidates":{"b":[],"10":[],"2":[]},"offers":{}}'))!;
    expect(ids(x.candidateIds)).toEqual(['b', '10', '2']);
  });

  it('handles many long ids sharing their first 8 bytes (arena comparison, table growth)', () => {
    const n = 6_000; // > 2,048: the table grows and rehashes twice
    const c = Array.from({ length: n }, (_, i) => `candidate-${String(i).padStart(6, '0')}`);
    const doc: Doc = {
      candidates: Object.fromEntries(c.map((id, i) => [id, [`offer-number-${i % 97}`]])),
      offers: Object.fromEntries(Array.from({ length: 97 }, (_, j) => [`offer-number-${j}`, { capacity: 5, ranking: c.filter((_, i) => i % 97 === j).reverse() }])),
    };
    const text = JSON.stringify(doc);
    expect(JSON.stringify(plain(readStableJson(enc(text))!))).toBe(JSON.stringify(plain(viaObjects(text))));
  });

  it('clamps capacities above the Int32 range (no offer can hold more candidates than exist)', () => {
    const x = readStableJson(enc('{"candidates":{"c":["o"]},"offers":{"o":{"capacity":9007199254740991,"ranking":["c"]}}}'))!;
    expect(x.instance.offerCapacity[0]).toBe(0x7fffffff);
  });

  it('returns null for anything but the expected shape, leaving the message to the schema', () => {
    const bad = [
      '',
      '[]',
      '{}',
      '{"candidates":{}}',
      '{"candidates":{},"offers":{}} x',
      '{"candidates":{"c":["o",]},"offers":{}}',
      '{"candidates":{"c":"o"},"offers":{}}',
      '{"candidates":{"c":[1]},"offers":{}}',
      '{"candidates":{},"offers":{"o":{"capacity":1.5,"ranking":[]}}}',
      '{"candidates":{},"offers":{"o":{"capacity":-1,"ranking":[]}}}',
      '{"candidates":{},"offers":{"o":{"capacity":"2","ranking":[]}}}',
      '{"candidates":{},"offers":{"o":{"capacity":01,"ranking":[]}}}',
      '{"candidates":{},"offers":{"o":{"capacity":1e400,"ranking":[]}}}',
      '{"candidates":{},"offers":{"o":{"ranking":[]}}}',
      '{"candidates":{},"offers":{"o":{"capacity":1}}}',
      '{"candidates":{},"offers":{"o":{"capacity":1,"capacity":2,"ranking":[]}}}',
      '{"candidates":{},"candidates":{},"offers":{}}',
      '{"candidates":{"c\\x":[]},"offers":{}}',
      '{"candidates":{"c\u0001":[]},"offers":{}}',
      '\ufeff{"candidates":{},"offers":{}}',
      '{"candidates":{},"offers":{},"x":tru}',
    ];
    for (const text of bad) expect(readStableJson(enc(text)), text).toBeNull();
  });

  it('names unknown and repeated ids, candidate lists first', () => {
    const unknownOffer = errorOf(() => readStableJson(enc('{"offers":{"o1":{"capacity":1,"ranking":["zz"]}},"candidates":{"c1":["o1","o9"]}}')));
    expect(unknownOffer.message).toBe('candidates.c1[1]: unknown offer "o9" (not a key of "offers")');
    const unknownCandidate = errorOf(() => readStableJson(enc('{"candidates":{"c1":["o1"]},"offers":{"o1":{"capacity":1,"ranking":["c1","zz"]}}}')));
    expect(unknownCandidate.message).toBe('offers.o1.ranking[1]: unknown candidate "zz" (not a key of "candidates")');
    expect(errorOf(() => readStableJson(enc('{"candidates":{"c1":[],"c\\u0031":[]},"offers":{}}'))).message).toBe('candidates.c1: duplicate id (each id may appear once)');
    expect(errorOf(() => readStableJson(enc('{"candidates":{},"offers":{"o":{"capacity":1,"ranking":[]},"o":{"capacity":1,"ranking":[]}}}'))).path).toEqual(['offers', 'o']);
    // The object path words its errors the same way.
    expect(errorOf(() => viaObjects('{"offers":{"o1":{"capacity":1,"ranking":["zz"]}},"candidates":{"c1":["o1","o9"]}}')).message).toBe(unknownOffer.message);
    expect(errorOf(() => viaObjects('{"candidates":{"c1":["o1"]},"offers":{"o1":{"capacity":1,"ranking":["c1","zz"]}}}')).message).toBe(unknownCandidate.message);
  });

  it('agrees with JSON.parse + the object builder on random documents and layouts', () => {
    const id = fc.oneof(fc.constantFrom('a', 'b', 'c1', 'o1', '10', '2', 'é', 'x y', 'q"t', 'back\\slash', 'long-identifier-0001', 'long-identifier-0002'), fc.string({ maxLength: 12 }));
    const doc = fc
      .record({ cands: fc.uniqueArray(id, { maxLength: 8 }), offs: fc.uniqueArray(id, { maxLength: 5 }) })
      .chain(({ cands, offs }) =>
        fc.record({
          candidates: fc.tuple(...cands.map((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray(offs)))),
          offers: fc.tuple(...offs.map((o) => fc.tuple(fc.constant(o), fc.record({ capacity: fc.nat(4), ranking: fc.shuffledSubarray(cands) })))),
          offersFirst: fc.boolean(),
          indent: fc.constantFrom(undefined, 0, 1, '\t', ' \r\n'),
          escapeAll: fc.boolean(),
        }),
      );
    fc.assert(
      fc.property(doc, ({ candidates, offers, offersFirst, indent, escapeAll }) => {
        // Skip documents with integer-like keys: JSON.parse reorders them, which is what the reader avoids.
        if ([...candidates, ...offers].some(([k]) => /^(0|[1-9]\d*)$/.test(k))) return;
        const c = Object.fromEntries(candidates);
        const o = Object.fromEntries(offers);
        let text = JSON.stringify(offersFirst ? { offers: o, candidates: c } : { candidates: c, offers: o }, null, indent as never);
        // Letters only occur inside strings here (ids and field names): escaping them all is still the same JSON.
        if (escapeAll) text = text.replace(/[a-z]/g, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`);
        const fast = readStableJson(enc(text));
        expect(fast).not.toBeNull();
        expect(plain(fast!)).toEqual(plain(viaObjects(text)));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('formatMatchingJson', () => {
  it('prints exactly JSON.stringify(…, null, 2) in input order', () => {
    const x = readStableJson(enc(sample))!;
    const r = stableMatching(x.instance);
    const text = new TextDecoder().decode(formatMatchingJson(x, r.offerOfCandidate));
    expect(text).toBe(JSON.stringify({ matching: { c1: 'o2', c2: 'o1', c3: null } }, null, 2) + '\n');
  });

  it('escapes ids that need it and handles the empty matching', () => {
    const x = stableInstanceFromIds([['a"b', ['é\n']], ['\\', []]], [['é\n', { capacity: 1, ranking: ['a"b'] }]]);
    const text = new TextDecoder().decode(formatMatchingJson(x, stableMatching(x.instance).offerOfCandidate));
    expect(JSON.parse(text)).toEqual({ matching: { 'a"b': 'é\n', '\\': null } });
    expect(text).toBe(JSON.stringify({ matching: { 'a"b': 'é\n', '\\': null } }, null, 2) + '\n');
    const empty = stableInstanceFromIds([], []);
    expect(new TextDecoder().decode(formatMatchingJson(empty, new Int32Array(0)))).toBe('{\n  "matching": {}\n}\n');
  });
});
