import { isValidBsn } from './bsn';
import { isIsoDate, isIsoDateOrDateTime } from './iso-date';

describe('BSN 11-test', () => {
  it.each(['111222333', '123456782', '010000446'])('accepts %s', (bsn) => expect(isValidBsn(bsn)).toBe(true));
  it.each(['123456789', '111222334', '000000000', '12345678a', '1234567890', ''])('refuses %s', (bsn) =>
    expect(isValidBsn(bsn)).toBe(false),
  );
});

describe('ISO dates', () => {
  it('accepts real dates and date-times with an offset', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDateOrDateTime('2026-12-01T14:30:00+01:00')).toBe(true);
    expect(isIsoDateOrDateTime('2026-12-01T14:30:00.123Z')).toBe(true);
  });
  it('refuses impossible dates, missing offsets and non-strings', () => {
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDateOrDateTime('2026-12-01T14:30:00')).toBe(false);
    expect(isIsoDateOrDateTime('1 december')).toBe(false);
    expect(isIsoDateOrDateTime(20261201)).toBe(false);
    expect(isIsoDateOrDateTime('2026-12-01T10:00:00+0100')).toBe(false);
    expect(isIsoDateOrDateTime('2026-12-01T10:00:00+23:00')).toBe(false);
    expect(isIsoDate('2026-12-01T10:00:00Z')).toBe(false);
  });
});
