import { describe, expect, it } from 'vitest';
import { requiredAgents } from '../../src/core/staffing/required-agents.ts';
import { naiveRequiredAgents } from './naive.ts';

describe('naive benchmark reference', () => {
  it('agrees with the engine from 0 to 5,000 Erlangs', () => {
    for (const erlangs of [0, 0.01, 1, 2.5, 10, 48, 100, 777, 5000]) {
      const options = { ahtSeconds: 180, targetAnswerSeconds: 20, serviceLevel: 0.8 };
      const engine = requiredAgents({ ...options, intervalMinutes: 30, callsPerInterval: (erlangs * 1800) / 180 });
      expect(naiveRequiredAgents({ ...options, trafficErlangs: engine.trafficErlangs })).toBe(engine.agents);
    }
  });
});
