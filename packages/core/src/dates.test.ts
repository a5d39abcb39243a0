import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, formatChineseDate, isIsoDate, toLocalDate } from './dates.ts';

describe('addMonths', () => {
  it.each([
    // [date, months, expected]
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-10', 0, '2026-05-10'],
    ['2023-02-28', 36, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2021-06-30', 60, '2026-06-30'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2026-03-31', -1, '2026-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-31', -2, '2025-11-30'],
    ['2026-02-28', -12, '2025-02-28'],
    ['2026-03-01', -14, '2025-01-01'],
    ['2026-01-01', -13, '2024-12-01'],
    ['2026-08-31', -6, '2026-02-28'],
    ['2026-12-31', -4, '2026-08-31'],
    ['2027-01-31', -36, '2024-01-31'],
  ])('%s %i months = %s (backwards, across years)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('throws on a malformed date', () => {
    expect(() => addMonths('2026-1-1', 1)).toThrow('not an ISO date');
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-01', 0, '2026-01-01'],
    ['2026-01-01', 1, '2026-01-02'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2026-04-01', -100, '2025-12-22'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-01-01', '2026-01-01', 0],
    ['2026-01-01', '2026-01-02', 1],
    ['2026-01-02', '2026-01-01', -1],
    ['2026-02-28', '2026-03-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-01-01', '2027-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-12-31', '2026-01-01', 1],
    // Europe-style DST dates make no difference: arithmetic is on calendar days.
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['0004-02-28', '0004-03-01', 2],
  ])('from %s to %s is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('is the inverse of addDays', () => {
    for (const days of [-400, -31, -1, 0, 1, 29, 59, 366, 1096]) {
      expect(daysBetween('2024-02-29', addDays('2024-02-29', days))).toBe(days);
    }
  });
});

describe('isIsoDate', () => {
  it.each(['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '2026-02-28', '2026-04-30', '0004-02-29'])(
    'accepts %s',
    (value) => {
      expect(isIsoDate(value)).toBe(true);
    },
  );

  it.each([
    '2025-02-29',
    '2100-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-06-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-1-01',
    '2026-01-1',
    '26-01-01',
    '2026/01/01',
    '20260101',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026-01-01 ',
    '2026-01-01\n',
    '+2026-01-01',
    'abcd-ef-gh',
    '',
  ])('refuses %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('toLocalDate', () => {
  it.each([
    // [instant, Shanghai date]: UTC+8, no DST.
    ['2026-03-31T15:59:59.999Z', '2026-03-31'],
    ['2026-03-31T16:00:00Z', '2026-04-01'],
    ['2026-03-31T16:30:00Z', '2026-04-01'],
    ['2026-04-01T00:00:00Z', '2026-04-01'],
    ['2026-04-01T15:59:59Z', '2026-04-01'],
    ['2025-12-31T16:00:00Z', '2026-01-01'],
    ['2025-12-31T15:59:59Z', '2025-12-31'],
    ['2024-02-28T16:00:00Z', '2024-02-29'],
  ])('%s is %s in Shanghai', (instant, expected) => {
    expect(toLocalDate(new Date(instant))).toBe(expected);
  });

  it('defaults to Asia/Shanghai', () => {
    const instant = new Date('2026-03-31T16:30:00Z');
    expect(toLocalDate(instant)).toBe(toLocalDate(instant, 'Asia/Shanghai'));
  });

  it.each([
    ['2026-03-31T16:30:00Z', 'UTC', '2026-03-31'],
    ['2026-04-01T03:00:00Z', 'America/New_York', '2026-03-31'],
    ['2026-03-31T23:30:00Z', 'Asia/Tokyo', '2026-04-01'],
  ])('%s in %s is %s', (instant, timeZone, expected) => {
    expect(toLocalDate(new Date(instant), timeZone)).toBe(expected);
  });

  it('always returns a valid ISO date', () => {
    expect(isIsoDate(toLocalDate(new Date('2026-07-04T12:00:00Z')))).toBe(true);
  });
});

describe('formatChineseDate', () => {
  it('prints the year, month and day without leading zeros', () => {
    expect(formatChineseDate('2026-06-05')).toBe('2026年6月5日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
  });
});
