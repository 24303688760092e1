import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cefrFromScore,
  checkTypingPlausibility,
  normaliseAnswer,
  rubricProblems,
  scoreAttempt,
  scoreRubric,
  telephoneRolePlayRubric,
  typingMeasures,
  typingPoints,
  type ScoringItem,
} from './scoring.ts';

const reference = 'Bonjour, je vous appelle au sujet de votre commande numéro 4521 passée le douze mars.';

describe('typingMeasures', () => {
  it('counts five characters a word and penalises errors through accuracy', () => {
    // 60 characters in 30 s = 12 words in half a minute = 24 wpm
    const exact = typingMeasures(reference, reference.slice(0, 60), 30_000);
    expect(exact.grossWpm).toBeCloseTo(24, 9);
    expect(exact.accuracy).toBe(1);
    const typo = typingMeasures(reference, reference.slice(0, 59) + 'X', 30_000);
    expect(typo.accuracy).toBeCloseTo(59 / 60, 9);
    expect(typo.netWpm).toBeCloseTo(24 * (59 / 60), 9);
    expect(typingMeasures(reference, '', 30_000)).toEqual({ grossWpm: 0, accuracy: 0, netWpm: 0 });
  });
});

describe('checkTypingPlausibility', () => {
  const honest = (typedText: string, elapsedMs: number) => {
    const m = typingMeasures(reference, typedText, elapsedMs);
    return { reference, typedText, elapsedMs, wpm: m.netWpm, accuracy: m.accuracy, serverElapsedMs: elapsedMs + 500 };
  };

  it('accepts figures that match the text and the time', () => {
    expect(checkTypingPlausibility(honest(reference.slice(0, 70), 40_000))).toEqual([]);
  });

  it('refuses inflated figures, impossible speed and times longer than the server saw', () => {
    expect(checkTypingPlausibility({ ...honest(reference.slice(0, 70), 40_000), wpm: 95 })).toContain('wpm does not match the text typed in that time');
    expect(checkTypingPlausibility({ ...honest(reference.slice(0, 70), 40_000), accuracy: 1, typedText: 'x'.repeat(70) }).join()).toMatch(/accuracy/);
    expect(checkTypingPlausibility({ ...honest(reference, 5_000), wpm: 140 }).join()).toMatch(/more than 150 wpm/);
    expect(checkTypingPlausibility({ ...honest(reference.slice(0, 70), 40_000), serverElapsedMs: 10_000 }).join()).toMatch(/longer than the time/);
    expect(checkTypingPlausibility(honest(reference.slice(0, 10), 1_000)).join()).toMatch(/at least 5000/);
    expect(checkTypingPlausibility({ ...honest(reference.slice(0, 70), 40_000), wpm: 500 }).join()).toMatch(/between 0 and 150/);
  });
});

describe('scoreAttempt', () => {
  const items: ScoringItem[] = [
    { id: 'q1', kind: 'multiple_choice', prompt: '?', correctChoice: 2, acceptedAnswers: [] },
    { id: 'q2', kind: 'search_task', prompt: '?', correctChoice: null, acceptedAnswers: ['14 h 30', '14h30'] },
    { id: 'q3', kind: 'multiple_choice', prompt: '?', correctChoice: 0, acceptedAnswers: [] },
    { id: 'q4', kind: 'typing', prompt: reference, correctChoice: null, acceptedAnswers: [] },
  ];

  it('gives each item the same weight, never trusting a client score', () => {
    // 80 characters in 24 s = 40 net wpm: the full typing points
    const typedText = reference.slice(0, 80);
    const r = scoreAttempt(items, [
      { itemId: 'q1', choice: 2 },
      { itemId: 'q2', text: ' 14H30. ' },
      { itemId: 'q3', choice: 1 },
      { itemId: 'q4', typing: { typedText, elapsedMs: 24_000, wpm: 40, accuracy: 1 } },
    ]);
    expect(r.items.map((i) => i.points)).toEqual([1, 1, 0, 1]);
    expect(r.score).toBe(75);
    expect(r.typing).toEqual({ netWpm: 40, accuracy: 1 });
  });

  it('scores unanswered items 0 and ignores answers to items not in the test', () => {
    expect(scoreAttempt(items, [{ itemId: 'zz', choice: 2 }]).score).toBe(0);
    expect(scoreAttempt([], []).score).toBe(0);
  });

  it('always lands in 0..100', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ choice: fc.integer({ min: -1, max: 5 }), text: fc.string() }), { minLength: 4, maxLength: 4 }), (given) => {
        const r = scoreAttempt(items.slice(0, 3), given.map((g, i) => ({ itemId: `q${i + 1}`, ...g })));
        return r.score >= 0 && r.score <= 100 && Number.isInteger(r.score);
      }),
      { seed: 7 },
    );
  });
});

describe('normaliseAnswer, typingPoints, cefrFromScore', () => {
  it('compares answers without case, accents or spaces', () => {
    expect(normaliseAnswer('Gare d’Amiens')).not.toBe(normaliseAnswer('gare amiens'));
    expect(normaliseAnswer(' Éléphant ')).toBe('elephant');
    expect(normaliseAnswer('12,50 €')).toBe(normaliseAnswer('12.50€'));
  });

  it('caps typing points at 1 and maps language scores to CEFR levels', () => {
    expect(typingPoints(20)).toBe(0.5);
    expect(typingPoints(80)).toBe(1);
    expect([0, 14, 15, 30, 44, 45, 60, 75, 89, 90, 100].map(cefrFromScore)).toEqual([null, null, 'A1', 'A2', 'A2', 'B1', 'B2', 'C1', 'C1', 'C2', 'C2']);
  });
});

describe('telephone role-play rubric', () => {
  const all = (level: number) => Object.fromEntries(telephoneRolePlayRubric.criteria.map((c) => [c, level]));

  it('scores the sum of levels over the maximum', () => {
    expect(scoreRubric(telephoneRolePlayRubric, all(4))).toBe(100);
    expect(scoreRubric(telephoneRolePlayRubric, all(0))).toBe(0);
    expect(scoreRubric(telephoneRolePlayRubric, { ...all(2), greeting: 4 })).toBe(Math.round((100 * 14) / 24));
  });

  it('lists missing, out-of-range and unknown criteria', () => {
    const { greeting: _g, ...missing } = all(2);
    expect(rubricProblems(telephoneRolePlayRubric, missing)).toEqual(['greeting: missing']);
    expect(rubricProblems(telephoneRolePlayRubric, { ...all(2), closing: 5, extra: 1 })).toEqual(['closing: must be an integer from 0 to 4', 'extra: not a criterion of telephone_role_play_v1']);
    expect(() => scoreRubric(telephoneRolePlayRubric, missing)).toThrow(RangeError);
  });
});
