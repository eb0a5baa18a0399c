import { addIsoDuration } from './iso-duration';

describe('ISO 8601 durations', () => {
  const start = new Date('2026-11-02T10:00:00+01:00');
  it.each([
    ['P22D', '2026-11-24T09:00:00.000Z'],
    ['P6W', '2026-12-14T09:00:00.000Z'],
    ['P1M', '2026-12-02T09:00:00.000Z'],
    ['PT2H30M', '2026-11-02T11:30:00.000Z'],
    ['P1DT1S', '2026-11-03T09:00:01.000Z'],
  ])('%s', (duration, expected) => expect(addIsoDuration(start, duration)!.toISOString()).toBe(expected));

  it('keeps the local time across DST and clamps months', () => {
    expect(addIsoDuration(new Date('2026-03-28T10:00:00+01:00'), 'P1D')!.toISOString()).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    expect(addIsoDuration(new Date('2027-01-31T10:00:00+01:00'), 'P1M')!.toISOString()).toBe(
      '2027-02-28T09:00:00.000Z',
    );
  });

  it.each(['P', 'PT', '22D', 'P-1D', 'P1.5D', 'xP1D', ''])('refuses %j', (duration) =>
    expect(addIsoDuration(start, duration)).toBeNull(),
  );
});
