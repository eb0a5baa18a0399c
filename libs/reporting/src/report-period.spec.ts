import { DomainException } from '@koers/errors';
import { oneDecimal, quartileDays, resolvePeriod, secondsToDays } from './report-period';

const DAY = 86_400;

describe('resolvePeriod', () => {
  const now = new Date('2031-03-08T10:00:00Z');

  it('takes Amsterdam days, `to` inclusive: [start of from, start of the day after to)', () => {
    const period = resolvePeriod({ from: '2031-01-01', to: '2031-06-30' }, now, '2031-03-08');
    expect(period.fromInstant.toISOString()).toBe('2030-12-31T23:00:00.000Z');
    // Summer time: the day after 30 June starts at 22:00 UTC.
    expect(period.toInstant.toISOString()).toBe('2031-06-30T22:00:00.000Z');
    // The end (and the caseload date, defaulting to `to`) lie after now: measured now.
    expect(period.endInstant).toEqual(now);
    expect(period.at).toBe('2031-06-30');
    expect(period.atInstant).toEqual(now);
  });

  it('defaults to this calendar year up to today, and the caseload at the end of `at`', () => {
    const period = resolvePeriod({ at: '2031-02-01' }, now, '2031-03-08');
    expect({ from: period.from, to: period.to, at: period.at }).toEqual({
      from: '2031-01-01',
      to: '2031-03-08',
      at: '2031-02-01',
    });
    expect(period.atInstant.toISOString()).toBe('2031-02-01T23:00:00.000Z');
  });

  it('takes `from` alone up to today, or a future `from` as a one-day period', () => {
    expect(resolvePeriod({ from: '2030-07-01' }, now, '2031-03-08').to).toBe('2031-03-08');
    expect(resolvePeriod({ from: '2032-01-01' }, now, '2031-03-08').to).toBe('2032-01-01');
  });

  it('refuses `from` after `to` with a 400 naming the field', () => {
    expect(() => resolvePeriod({ from: '2031-02-01', to: '2031-01-31' }, now, '2031-03-08')).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        details: [expect.objectContaining({ field: 'from', message: 'from must not be after to' })],
      }) as DomainException,
    );
  });
});

describe('statistics in days', () => {
  it('turns seconds into days with one decimal', () => {
    expect(secondsToDays(25 * DAY)).toBe(25);
    expect(secondsToDays(17.5 * DAY + 3)).toBe(17.5);
    expect(secondsToDays(0.04 * DAY)).toBe(0);
    expect(secondsToDays(null)).toBeNull();
    expect(secondsToDays(undefined)).toBeNull();
    expect(secondsToDays(Number.NaN)).toBeNull();
  });

  it('reads percentile_cont(ARRAY[0.25, 0.5, 0.75]) as first quartile, median and third quartile', () => {
    expect(quartileDays([17.5 * DAY, 25 * DAY, 32.5 * DAY])).toEqual({
      q1Days: 17.5,
      medianDays: 25,
      q3Days: 32.5,
    });
    // No rows: PostgreSQL answers NULL for the whole array, or NULL elements.
    expect(quartileDays(null)).toEqual({ q1Days: null, medianDays: null, q3Days: null });
    expect(quartileDays([null, null, null])).toEqual({ q1Days: null, medianDays: null, q3Days: null });
  });

  it('rounds score means to one decimal', () => {
    expect(oneDecimal(12.25)).toBe(12.3);
    expect(oneDecimal(-2)).toBe(-2);
    expect(oneDecimal(null)).toBeNull();
  });
});
