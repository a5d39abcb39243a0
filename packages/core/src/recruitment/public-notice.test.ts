import { describe, expect, it } from 'vitest';
import { publicNoticeEnd, workingDaysBetween } from './public-notice.ts';

describe('公示 working days', () => {
  it.each([
    // 2026-11-23 is a Monday.
    ['2026-11-23', '2026-11-27', 5],
    ['2026-11-23', '2026-11-29', 5],
    ['2026-11-23', '2026-11-30', 6],
    ['2026-11-27', '2026-12-03', 5],
    ['2026-11-28', '2026-11-29', 0],
    ['2026-11-24', '2026-11-23', 0],
    ['2024-02-26', '2024-03-01', 5],
  ])('%s – %s has %i', (from, to, n) => {
    expect(workingDaysBetween(from, to)).toBe(n);
  });
  it.each([
    ['2026-11-23', 5, '2026-11-27'],
    ['2026-11-25', 5, '2026-12-01'],
    ['2026-11-28', 5, '2026-12-04'],
    ['2026-11-27', 1, '2026-11-27'],
    ['2024-02-26', 5, '2024-03-01'],
    ['2026-11-23', 15, '2026-12-11'],
  ])('from %s, %i working days end on %s', (from, n, end) => {
    expect(publicNoticeEnd(from, n)).toBe(end);
    expect(workingDaysBetween(from, end)).toBe(n);
  });
});
