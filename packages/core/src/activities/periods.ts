/**
 * Calendar periods that organisational life is checked against (月、季度、学期、年度). The college is in
 * Asia/Shanghai; every date here is already a local calendar day ('YYYY-MM-DD').
 *
 * Period keys (stable, sortable within a unit, used in URLs and in findings' `period`):
 * - month   'YYYY-MM'         e.g. '2026-03'      label '2026年3月'
 * - quarter 'YYYY-Qn'         e.g. '2026-Q1'      label '2026年第一季度'
 * - term    'YYYY-YYYY-1|2'   e.g. '2026-2027-1'  label '2026-2027学年第一学期' (academic year starting in September)
 * - year    'YYYY'            e.g. '2026'         label '2026年'
 *
 * Terms: 第一学期 (autumn) runs 1 September – last day of February of the next year; 第二学期 (spring)
 * runs 1 March – 31 August. So 2027-03-01 is in '2026-2027-2' and 2027-02-28 in '2026-2027-1'.
 */
import { daysBetween, type IsoDate, isIsoDate, toLocalDate } from '../dates.ts';

/** The college's time zone: organisational life is counted by its calendar days. */
export const collegeTimeZone = 'Asia/Shanghai';

export const periodUnits = ['month', 'quarter', 'term', 'year'] as const;
export type PeriodUnit = (typeof periodUnits)[number];
export const periodUnitLabels = {
  month: '月',
  quarter: '季度',
  term: '学期',
  year: '年度',
} as const satisfies Record<PeriodUnit, string>;

/** One calendar period: its unit, key, first and last day (both inclusive) and Chinese label. */
export interface Period {
  unit: PeriodUnit;
  key: string;
  start: IsoDate;
  end: IsoDate;
  label: string;
}

const quarterNames = ['一', '二', '三', '四'] as const;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function lastDay(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function day(year: number, month: number, d: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(d)}`;
}

function yearMonth(date: IsoDate): [number, number] {
  if (!isIsoDate(date)) throw new Error(`not an ISO date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
}

/** The period of `unit` that contains `date`. */
export function periodOf(date: IsoDate, unit: PeriodUnit): Period {
  const [y, m] = yearMonth(date);
  switch (unit) {
    case 'month':
      return {
        unit,
        key: `${pad(y, 4)}-${pad(m)}`,
        start: day(y, m, 1),
        end: day(y, m, lastDay(y, m)),
        label: `${y}年${m}月`,
      };
    case 'quarter': {
      const q = Math.ceil(m / 3);
      return {
        unit,
        key: `${pad(y, 4)}-Q${q}`,
        start: day(y, q * 3 - 2, 1),
        end: day(y, q * 3, lastDay(y, q * 3)),
        label: `${y}年第${quarterNames[q - 1]}季度`,
      };
    }
    case 'term': {
      // The academic year starts in September: Jan–Feb belong to the autumn term of the previous year.
      const a = m >= 9 ? y : y - 1;
      const autumn = m >= 9 || m <= 2;
      return autumn
        ? {
            unit,
            key: `${pad(a, 4)}-${pad(a + 1, 4)}-1`,
            start: day(a, 9, 1),
            end: day(a + 1, 2, lastDay(a + 1, 2)),
            label: `${a}-${a + 1}学年第一学期`,
          }
        : {
            unit,
            key: `${pad(a, 4)}-${pad(a + 1, 4)}-2`,
            start: day(y, 3, 1),
            end: day(y, 8, 31),
            label: `${a}-${a + 1}学年第二学期`,
          };
    }
    case 'year':
      return { unit, key: pad(y, 4), start: day(y, 1, 1), end: day(y, 12, 31), label: `${y}年` };
  }
}

/** The period after `period`, of the same unit. */
export function nextPeriod(period: Period): Period {
  const [y, m] = yearMonth(period.end);
  return periodOf(m === 12 ? day(y + 1, 1, 1) : day(y, m + 1, 1), period.unit);
}

/** Every period of `unit` that overlaps [from, to] (both inclusive), in order; empty when from > to. */
export function periodsBetween(from: IsoDate, to: IsoDate, unit: PeriodUnit): Period[] {
  yearMonth(from);
  yearMonth(to);
  const out: Period[] = [];
  if (from > to) return out;
  for (let p = periodOf(from, unit); p.start <= to; p = nextPeriod(p)) out.push(p);
  return out;
}

const keyPatterns: [RegExp, PeriodUnit][] = [
  [/^(\d{4})-(\d{2})$/, 'month'],
  [/^(\d{4})-Q([1-4])$/, 'quarter'],
  [/^(\d{4})-(\d{4})-([12])$/, 'term'],
  [/^(\d{4})$/, 'year'],
];

/** The period a key names (see the key formats above), or null when it is not a valid key. */
export function parsePeriodKey(key: string): Period | null {
  for (const [re, unit] of keyPatterns) {
    const m = re.exec(key);
    if (!m) continue;
    const y = Number(m[1]);
    let start: IsoDate;
    if (unit === 'month') {
      const month = Number(m[2]);
      if (month < 1 || month > 12) return null;
      start = day(y, month, 1);
    } else if (unit === 'quarter') {
      start = day(y, Number(m[2]) * 3 - 2, 1);
    } else if (unit === 'term') {
      if (Number(m[2]) !== y + 1) return null;
      start = m[3] === '1' ? day(y, 9, 1) : day(y + 1, 3, 1);
    } else {
      start = day(y, 1, 1);
    }
    return periodOf(start, unit);
  }
  return null;
}

/** The month key ('YYYY-MM') of a date, without validating it (for hot loops over stored dates). */
export function monthKeyOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** Month keys of every month a period covers, in order. */
export function monthKeysOf(period: Period): string[] {
  return periodsBetween(period.start, period.end, 'month').map((p) => p.key);
}

/** The college's calendar day of an instant (a timestamp from the database or the clock). */
export function localDateOfInstant(instant: Date): IsoDate {
  return toLocalDate(instant, collegeTimeZone);
}

/** Days from `today` to the period's last day: 0 on the last day, negative once it is over. */
export function daysLeft(period: Pick<Period, 'end'>, today: IsoDate): number {
  return daysBetween(today, period.end);
}

export type PeriodState = 'past' | 'current' | 'future';

/** Whether a period is over, under way or still to come on `today`. */
export function periodState(period: Pick<Period, 'start' | 'end'>, today: IsoDate): PeriodState {
  if (period.end < today) return 'past';
  return period.start > today ? 'future' : 'current';
}
