import { parseMeasuredAt } from './measured-at';

describe('parseMeasuredAt', () => {
  const now = new Date('2026-12-01T22:30:00Z'); // 23:30 in Amsterdam, 1 December

  it('takes a date as 00:00 Amsterdam time, up to and including today', () => {
    expect(parseMeasuredAt('2026-12-01', now)).toEqual({
      ok: true,
      instant: new Date('2026-11-30T23:00:00Z'),
      dateOnly: true,
    });
    expect(parseMeasuredAt('2026-12-02', now)).toEqual({
      ok: false,
      message: 'measuredAt lies in the future',
    });
  });

  it('takes a date-time as given, a few minutes ahead at most, and refuses what is not ISO', () => {
    expect(parseMeasuredAt('2026-12-01T10:00:00Z', now)).toEqual({
      ok: true,
      instant: new Date('2026-12-01T10:00:00Z'),
      dateOnly: false,
    });
    expect(parseMeasuredAt('2026-12-01T23:36:00+01:00', now).ok).toBe(false);
    for (const bad of ['gisteren', '2026-02-30', '0999-01-01', '2026-12-01T10:00:00']) {
      expect(parseMeasuredAt(bad, now).ok).toBe(false);
    }
  });
});
