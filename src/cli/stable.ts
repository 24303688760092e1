import { z } from 'zod';
import type { Command } from './command.ts';
import { CliError } from './command.ts';
import { StableInputError, stableMatching } from '../core/matching/stable.ts';
import type { StableIdInstance } from '../core/matching/stable-json.ts';
import { StableJsonError, formatJsonPath, formatMatchingJson, idAt, readStableJson, stableInstanceFromIds } from '../core/matching/stable-json.ts';

const help = `Usage: guichet stable FILE
       guichet stable -          (read standard input)

Candidate-optimal stable matching with capacities (candidate-proposing deferred acceptance).

Input (JSON):
  {
    "candidates": { "c1": ["o2", "o1"], "c2": ["o1"], ... },
    "offers": {
      "o1": { "capacity": 2, "ranking": ["c2", "c1"] },
      "o2": { "capacity": 1, "ranking": ["c1"] }
    }
  }
  candidates.<id>      the offers the candidate accepts, most preferred first (may be empty).
  offers.<id>.capacity seats, a non-negative integer.
  offers.<id>.ranking  the candidates the offer accepts, best first. A candidate missing from an offer's
                       ranking is unacceptable to it; ranking a candidate who did not apply is allowed
                       (the entry is never used).
  Ids are any strings. Other fields are ignored.

Errors (exit code 1, one line per problem on standard error, naming the field):
  - invalid JSON or a wrong type, e.g. "offers.o1.capacity: must be a non-negative integer";
  - an unknown offer id in a candidate's list, e.g. 'candidates.c1[1]: unknown offer "o9" ...';
  - an unknown candidate id in an offer's ranking, e.g. 'offers.o1.ranking[0]: unknown candidate "c9" ...';
  - the same offer twice in a candidate's list, or the same candidate twice in a ranking (preferences
    must be strict: there are no ties to break);
  - the same id twice as a key of "candidates" or of "offers".

Output (JSON, on standard output, exit code 0):
  { "matching": { "c1": "o2", "c2": null, ... } }
  Every input candidate appears once, in input order, with its offer or null when unmatched. The
  matching is stable (no candidate and offer would both rather be together), respects capacities,
  and is the best stable matching for every candidate. With strict preferences it is unique, so the
  output does not depend on any processing order.
`;

const NON_NEGATIVE_INTEGER = 'must be a non-negative integer';
const required = (what: string) => (iss: { input?: unknown }) => (iss.input === undefined ? `is required (${what})` : `must be ${what}`);

/** The input shape: validates the fallback path and names the field in error messages. */
export const StableInput = z.object(
  {
    candidates: z.record(
      z.string(),
      z.array(z.string({ error: 'must be a string (an offer id)' }), { error: 'must be an array of offer ids' }),
      { error: required('an object mapping candidate ids to arrays of offer ids') },
    ),
    offers: z.record(
      z.string(),
      z.object(
        {
          capacity: z
            .number({ error: required('a non-negative integer') })
            .int({ error: NON_NEGATIVE_INTEGER })
            .min(0, { error: NON_NEGATIVE_INTEGER }),
          ranking: z.array(z.string({ error: 'must be a string (a candidate id)' }), { error: required('an array of candidate ids') }),
        },
        { error: 'must be an object { "capacity": …, "ranking": [...] }' },
      ),
      { error: required('an object mapping offer ids to { "capacity", "ranking" }') },
    ),
  },
  { error: 'the input must be a JSON object { "candidates": {...}, "offers": {...} }' },
);

const MAX_ISSUES = 10;

/**
 * JSON.parse + schema, for inputs the byte reader does not accept: reports every problem (up to 10) with
 * its path, and builds the instance when the input is valid after all (e.g. a field given twice, which
 * JSON.parse resolves as "last wins").
 */
function readSlow(bytes: Uint8Array): StableIdInstance {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new CliError(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = StableInput.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const lines = issues.slice(0, MAX_ISSUES).map((i) => {
      const path = formatJsonPath(i.path.map((p) => (typeof p === 'number' ? p : String(p))));
      return path ? `${path}: ${i.message}` : i.message;
    });
    if (issues.length > MAX_ISSUES) lines.push(`… and ${issues.length - MAX_ISSUES} more problems`);
    throw new CliError(lines.join('\n'));
  }
  return stableInstanceFromIds(Object.entries(parsed.data.candidates), Object.entries(parsed.data.offers));
}

/**
 * Reads the whole file (or standard input for `-`) as bytes — the reader works on bytes, not a string —
 * without a leading UTF-8 byte-order mark, which some editors write and JSON does not allow.
 */
async function readBytes(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    bytes = Buffer.concat(chunks);
  } else {
    const { readFile } = await import('node:fs/promises');
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Names an index-level error of the solver with the ids of the input. */
function describeInputError(e: StableInputError, ids: StableIdInstance): string {
  const inst = ids.instance;
  if (e.kind === 'duplicate-offer') {
    const offer = inst.candidateOffers[inst.candidateStart[e.index] + e.position];
    return formatJsonPath(['candidates', idAt(ids.candidateIds, e.index), e.position]) + `: offer "${idAt(ids.offerIds, offer)}" is listed twice`;
  }
  if (e.kind === 'duplicate-candidate') {
    const cand = inst.offerCandidates[inst.offerStart[e.index] + e.position];
    return formatJsonPath(['offers', idAt(ids.offerIds, e.index), 'ranking', e.position]) + `: candidate "${idAt(ids.candidateIds, cand)}" is ranked twice (rankings must be strict)`;
  }
  return e.message; // other kinds cannot come from validated JSON
}

/**
 * Reads the input: the byte reader first, JSON.parse + schema when it gives up (or when `fast` is false,
 * which tests use to check that both paths agree). Input errors are thrown as CliError.
 */
export function readStableInput(bytes: Uint8Array, { fast = true } = {}): StableIdInstance {
  try {
    return (fast ? readStableJson(bytes) : null) ?? readSlow(bytes);
  } catch (e) {
    if (e instanceof StableJsonError) throw new CliError(e.message);
    throw e;
  }
}

/** The whole command on bytes: input → matching JSON (as bytes), or a CliError naming the problem. */
export function solveStableJson(bytes: Uint8Array, options: { fast?: boolean } = {}): Uint8Array {
  const ids = readStableInput(bytes, options);
  let offerOfCandidate: Int32Array;
  try {
    offerOfCandidate = stableMatching(ids.instance).offerOfCandidate;
  } catch (e) {
    if (e instanceof StableInputError) throw new CliError(describeInputError(e, ids));
    throw e;
  }
  return formatMatchingJson(ids, offerOfCandidate);
}

const command: Command = {
  name: 'stable',
  summary: 'candidate-optimal stable matching with capacities (JSON in, JSON out)',
  help,
  async run(args) {
    const positional = args.filter((a) => a === '-' || !a.startsWith('-'));
    const unknown = args.filter((a) => a !== '-' && a.startsWith('-'));
    if (unknown.length > 0) throw new CliError(`unknown option ${unknown[0]}\n\n${help}`);
    if (positional.length !== 1) throw new CliError(`expected one FILE (or - for standard input)\n\n${help}`);
    const out = solveStableJson(await readBytes(positional[0]));
    process.stdout.write(out);
    return 0;
  },
};

export default command;
