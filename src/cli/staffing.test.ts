import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command: `node bin/guichet.mjs staffing …`, optionally feeding standard input. */
function guichet(args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/guichet.mjs', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const dir = mkdtempSync(join(tmpdir(), 'guichet-staffing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function inputFile(content: unknown): string {
  const path = join(dir, `input-${files++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const classic = { intervalMinutes: 30, ahtSeconds: 180, targetAnswerSeconds: 20, serviceLevel: 0.8 };

describe('guichet staffing', () => {
  it('sizes the classic example and prints exactly the documented fields', async () => {
    const res = await guichet(['staffing', inputFile({ ...classic, calls: [100, 200, 0] })]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out)).toEqual(['intervals', 'peakAgents', 'scheduledPeak', 'agentHours', 'fte', 'seats', 'floorAreaM2']);
    expect(Object.keys(out.intervals[0])).toEqual(['calls', 'agents', 'serviceLevel', 'asa', 'occupancy']);
    expect(out.intervals.map((i: { agents: number }) => i.agents)).toEqual([14, 24, 0]);
    expect(out.intervals[0].serviceLevel).toBeCloseTo(0.8884, 4);
    expect(out.intervals[0].asa).toBeCloseTo(7.836, 3);
    expect(out.intervals[0].occupancy).toBeCloseTo(10 / 14, 12);
    expect(out.intervals[2]).toEqual({ calls: 0, agents: 0, serviceLevel: 1, asa: 0, occupancy: 0 });
    // 38 agent-intervals of 30 min = 19 agent-hours over 1.5 h, scaled to 168 h, at 35 h a week
    expect(out).toMatchObject({ peakAgents: 24, scheduledPeak: 24, agentHours: 19, seats: 24, floorAreaM2: 240 });
    expect(out.fte).toBeCloseTo((19 * (168 / 1.5)) / 35, 10);
  });

  it('reads standard input with -, applies shrinkage, contract hours, seat sharing and m² per seat', async () => {
    const input = { ...classic, calls: [100], shrinkage: 0.3, contractHoursPerWeek: 44, seatSharing: 0.8, m2PerSeat: 12 };
    const res = await guichet(['staffing', '-'], JSON.stringify(input));
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.peakAgents).toBe(14);
    expect(out.scheduledPeak).toBeCloseTo(20, 10);
    expect(out.agentHours).toBeCloseTo(10, 10);
    expect(out.fte).toBeCloseTo((10 * (168 / 0.5)) / 44, 10);
    expect(out.seats).toBe(16);
    expect(out.floorAreaM2).toBe(192);
  });

  it('uses Erlang A with patienceSeconds and reports abandonRate', async () => {
    const res = await guichet(['staffing', inputFile({ ...classic, calls: [100], patienceSeconds: 120 })]);
    expect(res.status).toBe(0);
    const [interval] = JSON.parse(res.stdout).intervals;
    expect(Object.keys(interval)).toEqual(['calls', 'agents', 'serviceLevel', 'asa', 'occupancy', 'abandonRate']);
    expect(interval.agents).toBe(12);
    expect(interval.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(interval.abandonRate).toBeGreaterThan(0);
    expect(interval.abandonRate).toBeLessThan(0.1);
  });

  it('evaluates given staffing levels, with asa null and serviceLevel 0 when unstable', async () => {
    const input = { intervalMinutes: 30, ahtSeconds: 180, targetAnswerSeconds: 20, calls: [100, 100, 100], agents: [14, 10, 0] };
    const res = await guichet(['staffing', inputFile(input)]);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.intervals[0].serviceLevel).toBeCloseTo(0.8884, 4);
    expect(out.intervals[1]).toEqual({ calls: 100, agents: 10, serviceLevel: 0, asa: null, occupancy: 1 });
    expect(out.intervals[2]).toEqual({ calls: 100, agents: 0, serviceLevel: 0, asa: null, occupancy: 0 });
    expect(out.peakAgents).toBe(14);
  });

  it('exits 1 naming the invalid field', async () => {
    const res = await guichet(['staffing', inputFile({ ...classic, calls: [100, 120, 90, -4] })]);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('calls[3]: must be a non-negative number');
  });

  it('rejects unknown fields, mismatched agents, a missing target, bad JSON and missing files', async () => {
    const [unknown, mismatch, noTarget, badJson, missing, noArgs] = await Promise.all([
      guichet(['staffing', inputFile({ ...classic, calls: [1], callz: [2] })]),
      guichet(['staffing', inputFile({ ...classic, calls: [1, 2], agents: [3] })]),
      guichet(['staffing', inputFile({ intervalMinutes: 30, ahtSeconds: 180, targetAnswerSeconds: 20, calls: [1] })]),
      guichet(['staffing', inputFile('{"calls": [1,')]),
      guichet(['staffing', join(dir, 'does-not-exist.json')]),
      guichet(['staffing']),
    ]);
    for (const res of [unknown, mismatch, noTarget, badJson, missing, noArgs]) {
      expect(res.status).toBe(1);
      expect(res.stdout).toBe('');
    }
    expect(unknown.stderr).toContain('unknown field "callz"');
    expect(mismatch.stderr).toContain('agents: must have the same length as calls (2)');
    expect(noTarget.stderr).toContain('serviceLevel: is required');
    expect(badJson.stderr).toContain('not valid JSON');
    expect(missing.stderr).toContain('cannot read');
    expect(noArgs.stderr).toContain('Usage: guichet staffing');
  });

  it('documents the input, output and defaults in --help', async () => {
    const res = await guichet(['staffing', '--help']);
    expect(res.status).toBe(0);
    for (const field of ['intervalMinutes', 'ahtSeconds', 'targetAnswerSeconds', 'serviceLevel', 'calls', 'maxOccupancy', 'asaSeconds', 'patienceSeconds', 'shrinkage', 'contractHoursPerWeek', 'seatSharing', 'm2PerSeat', 'agents', 'abandonRate', 'peakAgents', 'scheduledPeak', 'agentHours', 'fte', 'seats', 'floorAreaM2']) {
      expect(res.stdout).toContain(field);
    }
    expect(res.stdout).toMatch(/shrinkage\?.*default 0/);
    expect(res.stdout).toMatch(/contractHoursPerWeek\?.*default 35/);
    expect(res.stdout).toMatch(/seatSharing\?.*default 1/);
    expect(res.stdout).toMatch(/m2PerSeat\?.*default 10/);
  });
});
