import {
  addAmsterdamDays,
  addCalendarDays,
  addCalendarMonths,
  amsterdamDate,
  amsterdamInstant,
  amsterdamOffsetMinutes,
  calendarDaysBetween,
  dueInstant,
} from './amsterdam-calendar';

describe('Amsterdam calendar', () => {
  it('uses the local date, not the UTC date', () => {
    // 23:30 UTC on 31 December is already 1 January in Amsterdam (UTC+1).
    expect(amsterdamDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 22:30 UTC in summer is 00:30 the next day (UTC+2).
    expect(amsterdamDate(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });

  it('counts calendar days across a DST change', () => {
    // Clocks go forward on 29 March 2026: that day has 23 hours, still one calendar day.
    expect(
      calendarDaysBetween(new Date('2026-03-28T12:00:00+01:00'), new Date('2026-03-29T12:00:00+02:00')),
    ).toBe(1);
    expect(
      calendarDaysBetween(new Date('2026-03-28T23:59:00+01:00'), new Date('2026-03-29T00:01:00+01:00')),
    ).toBe(1);
    expect(calendarDaysBetween(new Date('2026-05-01T08:00:00Z'), new Date('2026-05-01T20:00:00Z'))).toBe(0);
  });
});

describe('deadline calendar arithmetic', () => {
  it('lets a date-only deadline fall due at 09:00 Amsterdam time, winter and summer', () => {
    expect(dueInstant('2026-12-01').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(dueInstant('2026-07-01').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    // On the DST weekends themselves.
    expect(dueInstant('2026-03-29').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(dueInstant('2026-10-25').toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('takes a date-time with offset exactly as given', () => {
    expect(dueInstant('2026-12-01T14:30:00+01:00').toISOString()).toBe('2026-12-01T13:30:00.000Z');
    expect(dueInstant('2026-12-01T14:30:00Z').toISOString()).toBe('2026-12-01T14:30:00.000Z');
  });

  it('adds months clamped to the end of the month', () => {
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-12-15', -12)).toBe('2025-12-15');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('keeps the local time when adding days across a DST change', () => {
    // Saturday 28 March 2026 10:00 (UTC+1) + 1 day = Sunday 10:00 (UTC+2): only 23 hours later.
    const saturday = new Date('2026-03-28T09:00:00Z');
    expect(addAmsterdamDays(saturday, 1).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    // Autumn: 24 October 10:00 (UTC+2) + 1 day = 25 October 10:00 (UTC+1): 25 hours later.
    expect(addAmsterdamDays(new Date('2026-10-24T08:00:00Z'), 1).toISOString()).toBe(
      '2026-10-25T09:00:00.000Z',
    );
    expect(addAmsterdamDays(new Date('2026-11-02T09:00:00Z'), 21).toISOString()).toBe(
      '2026-11-23T09:00:00.000Z',
    );
  });

  it('resolves wall-clock times in the skipped and the repeated hour', () => {
    expect(amsterdamOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(amsterdamOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(120);
    // 02:30 does not exist on 29 March: taken an hour later, 03:30 CEST.
    expect(amsterdamInstant('2026-03-29', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October: the first (CEST) is taken.
    expect(amsterdamInstant('2026-10-25', 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
