// Scoring and validity of recovery instruments (issue 7 item 2), pure: the service validates what is sent and
// stores the total these functions give; the reports and the client page read the same rules.

import type { InstrumentDefinition } from './instruments';

/** Item id → answer. */
export type Answers = Readonly<Record<string, number>>;

export interface AnswerProblem {
  code: 'invalid_answers' | 'unknown_item' | 'answer_out_of_scale' | 'no_answers' | 'unknown_scale';
  field: string;
  message: string;
}

export interface MeasurementScore {
  /** Items with an answer. */
  answered: number;
  itemCount: number;
  /** The instrument's validity rule holds (every item answered): the total counts. */
  complete: boolean;
  /** The sum of the answers when complete; null otherwise (a partial sum would read as a low score). */
  total: number | null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const inRange = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const itemRange = (definition: InstrumentDefinition) =>
  `${definition.items[0].id}–${definition.items[definition.items.length - 1].id}`;

/**
 * What is wrong with a measurement's answers and extra scores, in English for the API (empty when nothing is):
 * `answers` an object of item id → whole number on the scale, at least one item, no unknown items; `extraScores`
 * (optional) an object of scale id → whole number within that scale. A partial set of answers is allowed.
 */
export function answerProblems(
  definition: InstrumentDefinition,
  answers: unknown,
  extraScores: unknown,
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const { min, max } = definition.scale;
  if (!isPlainObject(answers)) {
    problems.push({
      code: 'invalid_answers',
      field: 'answers',
      message: 'answers must be an object of item id → answer, e.g. {"q1": 4}',
    });
  } else {
    const keys = Object.keys(answers);
    if (keys.length === 0) {
      problems.push({
        code: 'no_answers',
        field: 'answers',
        message: 'answers must answer at least one item',
      });
    }
    for (const key of keys) {
      const field = `answers.${key}`;
      if (!definition.items.some((item) => item.id === key)) {
        problems.push({
          code: 'unknown_item',
          field,
          message: `${field} is not an item of ${definition.name} (items ${itemRange(definition)})`,
        });
      } else if (!inRange(answers[key], min, max)) {
        problems.push({
          code: 'answer_out_of_scale',
          field,
          message: `${field} must be a whole number from ${min} to ${max}`,
        });
      }
    }
  }
  if (extraScores !== undefined) {
    if (!isPlainObject(extraScores)) {
      problems.push({
        code: 'invalid_answers',
        field: 'extraScores',
        message: 'extraScores must be an object of scale id → value, e.g. {"vas": 7}',
      });
    } else {
      for (const key of Object.keys(extraScores)) {
        const field = `extraScores.${key}`;
        const scale = definition.extraScales.find((s) => s.id === key);
        if (!scale) {
          const known = definition.extraScales.map((s) => s.id);
          problems.push({
            code: 'unknown_scale',
            field,
            message: `${field} is not a scale of ${definition.name} (${known.length ? `scales: ${known.join(', ')}` : 'it has none'})`,
          });
        } else if (!inRange(extraScores[key], scale.min, scale.max)) {
          problems.push({
            code: 'answer_out_of_scale',
            field,
            message: `${field} must be a whole number from ${scale.min} to ${scale.max}`,
          });
        }
      }
    }
  }
  return problems;
}

/** The validity rule: `all_items_answered`, every item has an answer on the scale. */
export function isValidMeasurement(definition: InstrumentDefinition, answers: Answers): boolean {
  switch (definition.validity.rule) {
    case 'all_items_answered':
      return definition.items.every((item) =>
        inRange(answers[item.id], definition.scale.min, definition.scale.max),
      );
  }
}

/** How many items are answered, whether the total counts, and the total (sum) when it does. */
export function scoreMeasurement(definition: InstrumentDefinition, answers: Answers): MeasurementScore {
  const answeredItems = definition.items.filter((item) =>
    inRange(answers[item.id], definition.scale.min, definition.scale.max),
  );
  const complete = isValidMeasurement(definition, answers);
  let total: number | null = null;
  if (complete) {
    switch (definition.scoring.method) {
      case 'sum':
        total = answeredItems.reduce((sum, item) => sum + answers[item.id], 0);
        break;
    }
  }
  return { answered: answeredItems.length, itemCount: definition.items.length, complete, total };
}

/** Whether a total is at or above the instrument's threshold; null without a total or a threshold. */
export function meetsThreshold(definition: InstrumentDefinition, total: number | null): boolean | null {
  if (total === null || definition.threshold === null) return null;
  return total >= definition.threshold.atLeast;
}

export interface TrendPoint {
  measurementId: string;
  /** ISO instant. */
  measuredAt: string;
  totalScore: number | null;
}

export interface InstrumentTrend {
  count: number;
  completeCount: number;
  /** The earliest and the latest measurement with a total (incomplete ones have none to compare). */
  first: TrendPoint | null;
  last: TrendPoint | null;
  /** last − first, with at least two measurements with a total; null otherwise. */
  change: number | null;
  /** The latest total against the threshold (null without one). */
  lastAboveThreshold: boolean | null;
}

const byTime = (a: TrendPoint, b: TrendPoint) =>
  a.measuredAt.localeCompare(b.measuredAt) || a.measurementId.localeCompare(b.measurementId);

/** The course of one instrument's totals over time (oldest first), and the change from the first to the last. */
export function trendOf(definition: InstrumentDefinition, points: readonly TrendPoint[]): InstrumentTrend {
  const complete = [...points].filter((p) => p.totalScore !== null).sort(byTime);
  const first = complete[0] ?? null;
  const last = complete[complete.length - 1] ?? null;
  return {
    count: points.length,
    completeCount: complete.length,
    first,
    last,
    change: complete.length >= 2 ? last!.totalScore! - first!.totalScore! : null,
    lastAboveThreshold: meetsThreshold(definition, last?.totalScore ?? null),
  };
}

/** A change as the screen shows it: `+5`, `−3`, `0`. */
export function formatChange(change: number): string {
  return change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '0';
}
