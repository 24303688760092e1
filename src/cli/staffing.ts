/**
 * `guichet staffing FILE|-`: size (or evaluate) one queue from a JSON call forecast.
 * The zod schema below is the single source of truth for the input: it validates, types, and the
 * help text is written from the same defaults.
 */
import { z } from 'zod';
import type { Command } from './command.ts';
import { CliError, readInput } from './command.ts';
import { evaluateStaffing, requiredAgents } from '../core/staffing/required-agents.ts';
import { PLAN_DEFAULTS, planStaffing } from '../core/staffing/plan.ts';
import type { QueueOptions, StaffingEvaluation, StaffingTargets } from '../core/staffing/types.ts';

const positive = (what = 'must be a number > 0') => z.number({ error: what }).gt(0, { error: what });
const nonNegative = (what = 'must be a non-negative number') => z.number({ error: what }).min(0, { error: what });
const fraction = (what: string) => z.number({ error: what }).min(0, { error: what }).max(1, { error: what });

export const StaffingInput = z
  .strictObject({
    intervalMinutes: positive(),
    ahtSeconds: positive(),
    targetAnswerSeconds: nonNegative(),
    serviceLevel: fraction('must be a fraction between 0 and 1').optional(),
    calls: z
      .array(nonNegative(), { error: 'must be an array of non-negative numbers' })
      .min(1, { error: 'must list at least one interval' }),
    maxOccupancy: positive('must be a fraction in (0, 1]').max(1, { error: 'must be a fraction in (0, 1]' }).optional(),
    asaSeconds: positive().optional(),
    patienceSeconds: positive().optional(),
    shrinkage: z
      .number({ error: 'must be a fraction in [0, 1)' })
      .min(0, { error: 'must be a fraction in [0, 1)' })
      .lt(1, { error: 'must be a fraction in [0, 1)' })
      .default(PLAN_DEFAULTS.shrinkage),
    contractHoursPerWeek: positive().default(PLAN_DEFAULTS.contractHoursPerWeek),
    seatSharing: positive().default(PLAN_DEFAULTS.seatSharing),
    m2PerSeat: nonNegative().default(PLAN_DEFAULTS.m2PerSeat),
    agents: z
      .array(
        z
          .number({ error: 'must be a non-negative integer' })
          .int({ error: 'must be a non-negative integer' })
          .min(0, { error: 'must be a non-negative integer' }),
        { error: 'must be an array of non-negative integers' },
      )
      .optional(),
  })
  .check((ctx) => {
    const input = ctx.value;
    if (input.agents !== undefined && input.agents.length !== input.calls.length) {
      ctx.issues.push({
        code: 'custom',
        input: input.agents,
        path: ['agents'],
        message: `must have the same length as calls (${input.calls.length}), got ${input.agents.length}`,
      });
    }
    if (input.agents === undefined && input.serviceLevel === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: input.serviceLevel,
        path: ['serviceLevel'],
        message: 'is required (a fraction between 0 and 1) unless agents are given',
      });
    }
  });

export type StaffingInput = z.infer<typeof StaffingInput>;

export interface StaffingIntervalOutput {
  calls: number;
  agents: number;
  serviceLevel: number;
  asa: number | null;
  occupancy: number;
  abandonRate?: number;
}

export interface StaffingOutput {
  intervals: StaffingIntervalOutput[];
  peakAgents: number;
  scheduledPeak: number;
  agentHours: number;
  fte: number;
  seats: number;
  floorAreaM2: number;
}

const FIELDS = Object.keys(StaffingInput.shape);

/** Formats zod issues as `calls[3]: must be a non-negative number`, one per line. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  return issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => `"${k}"`).join(', ');
        const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
        return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} (allowed: ${FIELDS.join(', ')})`;
      }
      if (issue.code === 'invalid_type' && issue.path.length === 0) return 'input: must be a JSON object';
      const path = issue.path.length > 0 ? formatPath(issue.path) : 'input';
      const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
      return `${path}: ${missing ? 'is required' : issue.message}`;
    })
    .join('\n');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** Pure core of the command: validated input → output document. */
export function runStaffing(input: StaffingInput): StaffingOutput {
  // One options object reused for every interval (a spread per interval costs more than the sizing).
  const sizing: QueueOptions & StaffingTargets = {
    callsPerInterval: 0,
    intervalMinutes: input.intervalMinutes,
    ahtSeconds: input.ahtSeconds,
    targetAnswerSeconds: input.targetAnswerSeconds,
    serviceLevel: input.serviceLevel ?? 0,
  };
  if (input.patienceSeconds !== undefined) sizing.patienceSeconds = input.patienceSeconds;
  if (input.asaSeconds !== undefined) sizing.asaSeconds = input.asaSeconds;
  if (input.maxOccupancy !== undefined) sizing.maxOccupancy = input.maxOccupancy;
  const { agents } = input;
  const evaluations: StaffingEvaluation[] = input.calls.map((callsPerInterval, i) => {
    sizing.callsPerInterval = callsPerInterval;
    return agents !== undefined ? evaluateStaffing({ ...sizing, agents: agents[i] }) : requiredAgents(sizing).evaluation;
  });
  const intervals = evaluations.map((e, i): StaffingIntervalOutput => {
    const row: StaffingIntervalOutput = {
      calls: input.calls[i],
      agents: e.agents,
      serviceLevel: e.serviceLevel,
      asa: e.asaSeconds,
      occupancy: e.occupancy,
    };
    if (input.patienceSeconds !== undefined) row.abandonRate = e.abandonRate ?? 0;
    return row;
  });
  const plan = planStaffing({
    agentsPerInterval: evaluations.map((e) => e.agents),
    intervalMinutes: input.intervalMinutes,
    shrinkage: input.shrinkage,
    contractHoursPerWeek: input.contractHoursPerWeek,
    seatSharing: input.seatSharing,
    m2PerSeat: input.m2PerSeat,
  });
  return {
    intervals,
    peakAgents: plan.peakAgents,
    scheduledPeak: plan.scheduledPeak,
    agentHours: plan.agentHours,
    fte: plan.fte,
    seats: plan.seats,
    floorAreaM2: plan.floorAreaM2,
  };
}

/** Parses and validates the JSON text; throws CliError naming every invalid field. */
export function parseStaffingInput(text: string): StaffingInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`input is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = StaffingInput.safeParse(json);
  if (!parsed.success) throw new CliError(`invalid input\n${formatIssues(parsed.error.issues, json)}`);
  return parsed.data;
}

const help = `Usage: guichet staffing FILE      (FILE = - reads standard input)

Sizes one call-centre queue interval by interval (Erlang C, or Erlang A when patienceSeconds is
given), or evaluates given staffing levels, then derives scheduled staff, FTE, seats and floor area.

Input (JSON object; unknown fields are rejected):
  intervalMinutes       number > 0     length of each interval, minutes (15, 30, 60 …)
  ahtSeconds            number > 0     average handle time, seconds
  targetAnswerSeconds   number ≥ 0     service-level threshold t, seconds
  serviceLevel          0 … 1          target share of offered calls answered within t
                                       (required unless "agents" is given)
  calls                 [number ≥ 0]   calls offered per interval (at least one)
  maxOccupancy?         (0, 1]         occupancy cap, e.g. 0.85
  asaSeconds?           number > 0     ceiling on the average speed of answer, seconds
  patienceSeconds?      number > 0     mean caller patience: switches to Erlang A (M/M/n+M);
                                       an abandoned call counts as not answered
  shrinkage?            [0, 1)         share of paid time off the phones      default ${PLAN_DEFAULTS.shrinkage}
  contractHoursPerWeek? number > 0     hours of one full-time agent          default ${PLAN_DEFAULTS.contractHoursPerWeek}
  seatSharing?          number > 0     seats per scheduled agent at the peak default ${PLAN_DEFAULTS.seatSharing}
  m2PerSeat?            number ≥ 0     floor area per seat, m²               default ${PLAN_DEFAULTS.m2PerSeat}
  agents?               [integer ≥ 0]  evaluate these staffing levels (same length as calls)
                                       instead of sizing; targets are then ignored

Output (JSON):
  intervals[]     { calls, agents, serviceLevel, asa, occupancy, abandonRate? }
                  agents: least agents meeting every target (or the given ones);
                  serviceLevel: share 0–1 answered within t; asa: mean wait of answered calls in
                  seconds, null when infinite (Erlang C with agents ≤ traffic: serviceLevel 0) or
                  when no call is answered; occupancy: carried traffic / agents (1 when unstable,
                  0 with 0 agents); abandonRate: share 0–1 of offered calls abandoning (only with
                  patienceSeconds). Erlang A usually needs fewer agents than Erlang C; with a high
                  target and a long t it can need more, since an abandoned call is not answered.
  peakAgents      most agents in one interval
  scheduledPeak   peakAgents / (1 − shrinkage), not rounded
  agentHours      Σ agents / (1 − shrinkage) × intervalMinutes/60 over the horizon
  fte             agentHours × (168 / horizon hours) / contractHoursPerWeek: the horizon is
                  scaled to one week (a shorter one is taken as repeating)
  seats           ceil(scheduledPeak × seatSharing)
  floorAreaM2     seats × m2PerSeat

Traffic per interval A = calls × ahtSeconds / (intervalMinutes × 60) Erlangs.
Exit status: 0 on success, 1 on invalid input (the message names the field, e.g.
"calls[3]: must be a non-negative number").

Example:
  echo '{"intervalMinutes":30,"ahtSeconds":180,"targetAnswerSeconds":20,"serviceLevel":0.8,"calls":[100]}' \\
    | guichet staffing -        # → 14 agents (10 Erlangs, 80/20)
`;

const staffing: Command = {
  name: 'staffing',
  summary: 'size a call centre from a JSON call forecast (Erlang C / Erlang A)',
  help,
  async run(args: string[]): Promise<number> {
    if (args.length !== 1) throw new CliError(`expected one input file (or -), got ${args.length}\n\n${help}`);
    const [path] = args;
    let text: string;
    try {
      text = await readInput(path);
    } catch (err) {
      throw new CliError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const output = runStaffing(parseStaffingInput(text));
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
    return 0;
  },
};

export default staffing;
