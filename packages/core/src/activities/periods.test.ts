import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import {
  daysLeft,
  localDateOfInstant,
  monthKeyOf,
  monthKeysOf,
  nextPeriod,
  type Period,
  type PeriodUnit,
  parsePeriodKey,
  periodOf,
  periodState,
  periodsBetween,
  periodUnits,
} from './periods.ts';

describe('periodOf', () => {
  it.each<[IsoDate, PeriodUnit, Omit<Period, 'unit'>]>([
    // Months: first day, last day, leap and common February.
    ['2026-03-01', 'month', { key: '2026-03', start: '2026-03-01', end: '2026-03-31', label: '2026年3月' }],
    ['2026-03-31', 'month', { key: '2026-03', start: '2026-03-01', end: '2026-03-31', label: '2026年3月' }],
    ['2026-04-30', 'month', { key: '2026-04', start: '2026-04-01', end: '2026-04-30', label: '2026年4月' }],
    ['2026-12-31', 'month', { key: '2026-12', start: '2026-12-01', end: '2026-12-31', label: '2026年12月' }],
    ['2028-02-29', 'month', { key: '2028-02', start: '2028-02-01', end: '2028-02-29', label: '2028年2月' }],
    ['2026-02-15', 'month', { key: '2026-02', start: '2026-02-01', end: '2026-02-28', label: '2026年2月' }],
    ['2100-02-01', 'month', { key: '2100-02', start: '2100-02-01', end: '2100-02-28', label: '2100年2月' }],
    ['2000-02-01', 'month', { key: '2000-02', start: '2000-02-01', end: '2000-02-29', label: '2000年2月' }],
    // Quarters: each boundary.
    [
      '2026-01-01',
      'quarter',
      { key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', label: '2026年第一季度' },
    ],
    [
      '2026-03-31',
      'quarter',
      { key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', label: '2026年第一季度' },
    ],
    [
      '2026-04-01',
      'quarter',
      { key: '2026-Q2', start: '2026-04-01', end: '2026-06-30', label: '2026年第二季度' },
    ],
    [
      '2026-06-30',
      'quarter',
      { key: '2026-Q2', start: '2026-04-01', end: '2026-06-30', label: '2026年第二季度' },
    ],
    [
      '2026-07-01',
      'quarter',
      { key: '2026-Q3', start: '2026-07-01', end: '2026-09-30', label: '2026年第三季度' },
    ],
    [
      '2026-12-31',
      'quarter',
      { key: '2026-Q4', start: '2026-10-01', end: '2026-12-31', label: '2026年第四季度' },
    ],
    // Terms: autumn crosses the year and ends on the last day of February.
    [
      '2026-09-01',
      'term',
      { key: '2026-2027-1', start: '2026-09-01', end: '2027-02-28', label: '2026-2027学年第一学期' },
    ],
    [
      '2026-12-31',
      'term',
      { key: '2026-2027-1', start: '2026-09-01', end: '2027-02-28', label: '2026-2027学年第一学期' },
    ],
    [
      '2027-01-01',
      'term',
      { key: '2026-2027-1', start: '2026-09-01', end: '2027-02-28', label: '2026-2027学年第一学期' },
    ],
    [
      '2027-02-28',
      'term',
      { key: '2026-2027-1', start: '2026-09-01', end: '2027-02-28', label: '2026-2027学年第一学期' },
    ],
    [
      '2027-03-01',
      'term',
      { key: '2026-2027-2', start: '2027-03-01', end: '2027-08-31', label: '2026-2027学年第二学期' },
    ],
    [
      '2027-08-31',
      'term',
      { key: '2026-2027-2', start: '2027-03-01', end: '2027-08-31', label: '2026-2027学年第二学期' },
    ],
    [
      '2027-09-01',
      'term',
      { key: '2027-2028-1', start: '2027-09-01', end: '2028-02-29', label: '2027-2028学年第一学期' },
    ],
    [
      '2028-02-29',
      'term',
      { key: '2027-2028-1', start: '2027-09-01', end: '2028-02-29', label: '2027-2028学年第一学期' },
    ],
    [
      '2026-08-31',
      'term',
      { key: '2025-2026-2', start: '2026-03-01', end: '2026-08-31', label: '2025-2026学年第二学期' },
    ],
    // Years.
    ['2026-01-01', 'year', { key: '2026', start: '2026-01-01', end: '2026-12-31', label: '2026年' }],
    ['2026-12-31', 'year', { key: '2026', start: '2026-01-01', end: '2026-12-31', label: '2026年' }],
  ])('%s by %s', (date, unit, expected) => {
    expect(periodOf(date, unit)).toEqual({ unit, ...expected });
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-1', '', '2026-02-29'])('refuses %j', (date) => {
    expect(() => periodOf(date, 'month')).toThrow();
  });

  it('every period contains the day it was built from, for every day of two years', () => {
    for (const unit of periodUnits) {
      let date = '2027-01-01';
      for (let i = 0; i < 731; i++) {
        const p = periodOf(date, unit);
        expect(p.start <= date && date <= p.end).toBe(true);
        expect(parsePeriodKey(p.key)).toEqual(p);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const next = new Date(Date.UTC(y, m - 1, d + 1));
        date = next.toISOString().slice(0, 10);
      }
    }
  });
});

describe('nextPeriod', () => {
  it.each<[string, string]>([
    ['2026-12', '2027-01'],
    ['2026-01', '2026-02'],
    ['2026-Q4', '2027-Q1'],
    ['2026-Q1', '2026-Q2'],
    ['2026-2027-1', '2026-2027-2'],
    ['2026-2027-2', '2027-2028-1'],
    ['2026', '2027'],
  ])('after %s comes %s', (key, next) => {
    expect(nextPeriod(parsePeriodKey(key)!).key).toBe(next);
  });

  it('periods of a unit tile the calendar: each starts the day after the previous ends', () => {
    for (const unit of periodUnits) {
      let p = periodOf('2024-01-01', unit);
      for (let i = 0; i < 30; i++) {
        const n = nextPeriod(p);
        const [y, m, d] = p.end.split('-').map(Number) as [number, number, number];
        expect(n.start).toBe(new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10));
        p = n;
      }
    }
  });
});

describe('periodsBetween', () => {
  it.each<[IsoDate, IsoDate, PeriodUnit, string[]]>([
    ['2026-03-15', '2026-03-15', 'month', ['2026-03']],
    ['2026-01-31', '2026-03-01', 'month', ['2026-01', '2026-02', '2026-03']],
    ['2026-11-30', '2027-01-01', 'month', ['2026-11', '2026-12', '2027-01']],
    ['2026-03-31', '2026-04-01', 'quarter', ['2026-Q1', '2026-Q2']],
    ['2026-01-01', '2026-12-31', 'quarter', ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']],
    ['2026-02-28', '2026-03-01', 'term', ['2025-2026-1', '2025-2026-2']],
    ['2026-01-01', '2026-12-31', 'term', ['2025-2026-1', '2025-2026-2', '2026-2027-1']],
    ['2026-05-01', '2028-01-01', 'year', ['2026', '2027', '2028']],
    ['2026-03-02', '2026-03-01', 'month', []],
  ])('%s to %s by %s', (from, to, unit, keys) => {
    expect(periodsBetween(from, to, unit).map((p) => p.key)).toEqual(keys);
  });

  it('refuses an invalid bound', () => {
    expect(() => periodsBetween('2026-01-01', '2026-02-30', 'month')).toThrow();
  });
});

describe('parsePeriodKey', () => {
  it.each<[string, string | null]>([
    ['2026-03', '2026年3月'],
    ['2026-Q4', '2026年第四季度'],
    ['2026-2027-1', '2026-2027学年第一学期'],
    ['2026-2027-2', '2026-2027学年第二学期'],
    ['2026', '2026年'],
    ['2026-13', null],
    ['2026-00', null],
    ['2026-Q5', null],
    ['2026-Q0', null],
    ['2026-2028-1', null],
    ['2026-2027-3', null],
    ['2026-3', null],
    ['26', null],
    ['', null],
    ['2026-03-01', null],
  ])('%j → %j', (key, label) => {
    expect(parsePeriodKey(key)?.label ?? null).toBe(label);
  });

  it('a spring term key starts in March of its second year', () => {
    expect(parsePeriodKey('2025-2026-2')).toMatchObject({ start: '2026-03-01', end: '2026-08-31' });
  });
});

describe('month keys', () => {
  it('monthKeyOf takes the first seven characters', () => {
    expect(monthKeyOf('2026-03-31')).toBe('2026-03');
  });

  it.each<[string, string[]]>([
    ['2026-05', ['2026-05']],
    ['2026-Q4', ['2026-10', '2026-11', '2026-12']],
    ['2026-2027-1', ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02']],
    ['2026', Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)],
  ])('monthKeysOf(%s)', (key, months) => {
    expect(monthKeysOf(parsePeriodKey(key)!)).toEqual(months);
  });
});

describe('localDateOfInstant (Asia/Shanghai, UTC+8)', () => {
  it.each<[string, IsoDate]>([
    ['2026-12-31T15:59:59Z', '2026-12-31'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-12-31T16:30:00Z', '2027-01-01'],
    ['2026-03-31T16:00:00Z', '2026-04-01'],
    ['2028-02-28T16:00:00Z', '2028-02-29'],
    ['2026-06-30T23:59:59+08:00', '2026-06-30'],
  ])('%s is %s in Shanghai', (instant, date) => {
    expect(localDateOfInstant(new Date(instant))).toBe(date);
  });

  it('the Shanghai day decides the month of an instant near midnight', () => {
    expect(periodOf(localDateOfInstant(new Date('2026-12-31T16:30:00Z')), 'year').key).toBe('2027');
  });
});

describe('daysLeft and periodState', () => {
  const march = periodOf('2026-03-10', 'month');
  it.each<[IsoDate, number, string]>([
    ['2026-02-28', 31, 'future'],
    ['2026-03-01', 30, 'current'],
    ['2026-03-30', 1, 'current'],
    ['2026-03-31', 0, 'current'],
    ['2026-04-01', -1, 'past'],
  ])('March 2026 on %s: %i days left, %s', (today, left, state) => {
    expect(daysLeft(march, today)).toBe(left);
    expect(periodState(march, today)).toBe(state);
  });

  it('counts the leap day', () => {
    expect(daysLeft(periodOf('2028-02-01', 'month'), '2028-02-01')).toBe(28);
    expect(daysLeft(periodOf('2027-09-01', 'term'), '2028-02-01')).toBe(28);
  });
});
