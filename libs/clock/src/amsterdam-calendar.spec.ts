import { amsterdamDate, calendarDaysBetween } from './amsterdam-calendar';

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
