import fc from 'fast-check';
import {
  answerProblems,
  formatChange,
  isValidMeasurement,
  meetsThreshold,
  scoreMeasurement,
  trendOf,
} from './instrument-scoring';
import { BARC10, INSTRUMENTS, MHQOL, instrumentById } from './instruments';

const all = (value: number, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`q${i + 1}`, value]));

describe('recovery instruments as data', () => {
  it('BARC-10: ten items scored 1–6, total 10–60, threshold 47; MHQoL: seven items 0–3, total 0–21, a 0–10 scale', () => {
    expect(BARC10.items.map((i) => i.id)).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
      'q5',
      'q6',
      'q7',
      'q8',
      'q9',
      'q10',
    ]);
    expect(BARC10.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([BARC10.scale.min, BARC10.scale.max, BARC10.scoring.range]).toEqual([1, 6, { min: 10, max: 60 }]);
    expect(BARC10.threshold?.atLeast).toBe(47);
    expect(MHQOL.items).toHaveLength(7);
    expect([MHQOL.scale.min, MHQOL.scale.max, MHQOL.scoring.range]).toEqual([0, 3, { min: 0, max: 21 }]);
    expect(MHQOL.extraScales).toEqual([expect.objectContaining({ id: 'vas', min: 0, max: 10 })]);
    expect(MHQOL.threshold).toBeNull();
  });

  it('ships neutral short labels only: every item has one, and no instrument carries wording of its own', () => {
    for (const definition of Object.values(INSTRUMENTS)) {
      for (const item of definition.items) {
        expect(item.shortLabel.length).toBeGreaterThan(3);
        expect(item.shortLabel.length).toBeLessThanOrEqual(30);
        expect(Object.keys(item).sort()).toEqual(['id', 'number', 'shortLabel']);
      }
      expect(definition.scale.labels.map((l) => l.value)).toEqual(
        Array.from(
          { length: definition.scale.max - definition.scale.min + 1 },
          (_, i) => definition.scale.min + i,
        ),
      );
      // Serialisable as the API answers it.
      expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
    }
  });

  it('finds instruments by id only', () => {
    expect(instrumentById('barc10')).toBe(BARC10);
    expect(instrumentById('mhqol')).toBe(MHQOL);
    expect(instrumentById('toString')).toBeUndefined();
    expect(instrumentById('BARC10')).toBeUndefined();
  });
});

describe('scoring and validity', () => {
  it('totals BARC-10 only when all ten items are answered', () => {
    expect(scoreMeasurement(BARC10, all(6, 10))).toEqual({
      answered: 10,
      itemCount: 10,
      complete: true,
      total: 60,
    });
    expect(scoreMeasurement(BARC10, all(1, 10))).toEqual({
      answered: 10,
      itemCount: 10,
      complete: true,
      total: 10,
    });
    const nine = all(5, 9);
    expect(scoreMeasurement(BARC10, nine)).toEqual({
      answered: 9,
      itemCount: 10,
      complete: false,
      total: null,
    });
    expect(isValidMeasurement(BARC10, nine)).toBe(false);
    expect(scoreMeasurement(BARC10, {})).toMatchObject({ answered: 0, total: null });
  });

  it('totals MHQoL 0–21 from its seven items; the 0–10 scale is not part of it', () => {
    expect(scoreMeasurement(MHQOL, all(0, 7)).total).toBe(0);
    expect(scoreMeasurement(MHQOL, all(3, 7)).total).toBe(21);
    expect(scoreMeasurement(MHQOL, { ...all(2, 6) }).total).toBeNull();
  });

  it('keeps every valid total within the instrument’s range (property)', () => {
    for (const definition of Object.values(INSTRUMENTS)) {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: definition.scale.min, max: definition.scale.max }), {
            minLength: definition.items.length,
            maxLength: definition.items.length,
          }),
          (values) => {
            const answers = Object.fromEntries(definition.items.map((item, i) => [item.id, values[i]]));
            const { total, complete } = scoreMeasurement(definition, answers);
            expect(complete).toBe(true);
            expect(total).toBe(values.reduce((a, b) => a + b, 0));
            expect(total!).toBeGreaterThanOrEqual(definition.scoring.range.min);
            expect(total!).toBeLessThanOrEqual(definition.scoring.range.max);
            expect(answerProblems(definition, answers, undefined)).toEqual([]);
          },
        ),
      );
    }
  });

  it('refuses unknown items, answers off the scale, non-integers and an empty set, naming the field', () => {
    expect(answerProblems(BARC10, { q1: 4, q11: 3 }, undefined)).toEqual([
      expect.objectContaining({ code: 'unknown_item', field: 'answers.q11' }),
    ]);
    expect(answerProblems(BARC10, { q1: 0, q2: 7, q3: 2.5, q4: '4' }, undefined).map((p) => p.field)).toEqual(
      ['answers.q1', 'answers.q2', 'answers.q3', 'answers.q4'],
    );
    expect(answerProblems(BARC10, {}, undefined)).toEqual([expect.objectContaining({ code: 'no_answers' })]);
    expect(answerProblems(BARC10, [4, 5], undefined)).toEqual([
      expect.objectContaining({ code: 'invalid_answers' }),
    ]);
    expect(answerProblems(BARC10, null, undefined)).toEqual([expect.objectContaining({ field: 'answers' })]);
    expect(answerProblems(MHQOL, { q1: 3, q2: 4 }, undefined)[0].message).toBe(
      'answers.q2 must be a whole number from 0 to 3',
    );
  });

  it('checks the extra scales: known ids within their range only', () => {
    expect(answerProblems(MHQOL, { q1: 2 }, { vas: 10 })).toEqual([]);
    expect(answerProblems(MHQOL, { q1: 2 }, { vas: 11 })).toEqual([
      expect.objectContaining({ field: 'extraScores.vas', code: 'answer_out_of_scale' }),
    ]);
    expect(answerProblems(MHQOL, { q1: 2 }, { mood: 3 })[0].message).toBe(
      'extraScores.mood is not a scale of MHQoL (scales: vas)',
    );
    expect(answerProblems(BARC10, { q1: 2 }, { vas: 3 })[0].message).toBe(
      'extraScores.vas is not a scale of BARC-10 (it has none)',
    );
    expect(answerProblems(MHQOL, { q1: 2 }, 'vas')).toEqual([
      expect.objectContaining({ field: 'extraScores' }),
    ]);
  });

  it('compares a BARC-10 total with the validation study’s threshold (47 or more)', () => {
    expect(meetsThreshold(BARC10, 47)).toBe(true);
    expect(meetsThreshold(BARC10, 46)).toBe(false);
    expect(meetsThreshold(BARC10, null)).toBeNull();
    expect(meetsThreshold(MHQOL, 21)).toBeNull();
  });
});

describe('trend', () => {
  const point = (id: string, day: string, totalScore: number | null) => ({
    measurementId: id,
    measuredAt: `${day}T10:00:00.000Z`,
    totalScore,
  });

  it('takes the first and last measurement with a total, whatever the order given, and their change', () => {
    const trend = trendOf(BARC10, [
      point('c', '2026-03-01', 48),
      point('a', '2026-01-01', 31),
      point('b', '2026-02-01', null),
    ]);
    expect(trend).toEqual({
      count: 3,
      completeCount: 2,
      first: point('a', '2026-01-01', 31),
      last: point('c', '2026-03-01', 48),
      change: 17,
      lastAboveThreshold: true,
    });
  });

  it('has no change with fewer than two totals', () => {
    expect(trendOf(BARC10, [point('a', '2026-01-01', 40)])).toMatchObject({
      change: null,
      lastAboveThreshold: false,
    });
    expect(trendOf(MHQOL, [point('a', '2026-01-01', null)])).toMatchObject({
      count: 1,
      completeCount: 0,
      first: null,
      last: null,
      change: null,
      lastAboveThreshold: null,
    });
    expect(trendOf(MHQOL, [])).toMatchObject({ count: 0, change: null });
  });

  it('formats a change with its sign', () => {
    expect([formatChange(5), formatChange(-3), formatChange(0)]).toEqual(['+5', '−3', '0']);
  });
});
