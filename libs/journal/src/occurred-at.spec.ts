import { parseOccurredAt } from './occurred-at';

describe('parseOccurredAt', () => {
  const now = new Date('2026-12-01T22:30:00Z'); // 23:30 in Amsterdam, 1 December

  it('takes a date as 00:00 Amsterdam time, up to and including today', () => {
    expect(parseOccurredAt('2026-12-01', now)).toEqual({
      ok: true,
      instant: new Date('2026-11-30T23:00:00Z'),
      dateOnly: true,
    });
    expect(parseOccurredAt('2026-06-15', now)).toEqual({
      ok: true,
      instant: new Date('2026-06-14T22:00:00Z'), // summer time
      dateOnly: true,
    });
    // 2 December has begun in UTC+14 but not in Amsterdam.
    expect(parseOccurredAt('2026-12-02', now)).toEqual({
      ok: false,
      message: 'occurredAt lies in the future',
    });
  });

  it('takes a date-time as given, a few minutes ahead at most', () => {
    expect(parseOccurredAt('2026-12-01T23:34:00+01:00', now)).toMatchObject({ ok: true, dateOnly: false });
    expect(parseOccurredAt('2026-12-01T23:36:00+01:00', now)).toMatchObject({ ok: false });
    expect(parseOccurredAt('2026-12-01T10:00:00Z', now)).toEqual({
      ok: true,
      instant: new Date('2026-12-01T10:00:00Z'),
      dateOnly: false,
    });
  });

  it('refuses what is not an ISO date', () => {
    for (const bad of ['gisteren', '2026-02-30', '2026-12-01T10:00:00', '01-12-2026']) {
      expect(parseOccurredAt(bad, now).ok).toBe(false);
    }
  });
});
