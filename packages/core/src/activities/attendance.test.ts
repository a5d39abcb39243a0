import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import { defaultRuleSettings } from '../settings.ts';
import {
  type AbsenceLevel,
  type AttendanceRow,
  absenceLevel,
  absenceStreak,
  monthlyAttendance,
  nationalAbsenceMonths,
} from './attendance.ts';

/**
 * Rows from a compact script: one entry per month from `firstMonth` on, each a string of activity marks —
 * P present, L approved leave, R refused leave, A absent, E expected (never signed in), '' neutral.
 */
function script(firstMonth: string, months: string[]): AttendanceRow[] {
  const rows: AttendanceRow[] = [];
  let [y, m] = firstMonth.split('-').map(Number) as [number, number];
  let id = 1;
  for (const marks of months) {
    let d = 5;
    for (const mark of marks) {
      const onDate = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      d += 7;
      const row: AttendanceRow = {
        activityId: id++,
        onDate,
        status:
          mark === 'P'
            ? 'present'
            : mark === 'L' || mark === 'R'
              ? 'leave'
              : mark === 'E'
                ? 'expected'
                : 'absent',
      };
      if (mark === 'L') row.leaveApproved = true;
      if (mark === 'R') row.leaveApproved = false;
      rows.push(row);
    }
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return rows;
}

const longAgo: IsoDate = '2020-01-01';
const today: IsoDate = '2026-12-31';

describe('monthlyAttendance', () => {
  it('classifies each month with something expected; neutral months do not appear', () => {
    const months = monthlyAttendance(script('2026-01', ['PA', 'LA', 'AA', '', 'RE', 'LP']), longAgo, today);
    expect(months.map((m) => [m.month, m.state, m.expected, m.present, m.leave, m.absent])).toEqual([
      ['2026-01', 'attended', 2, 1, 0, 1],
      ['2026-02', 'excused', 2, 0, 1, 1],
      ['2026-03', 'absent', 2, 0, 0, 2],
      ['2026-05', 'absent', 2, 0, 0, 2],
      ['2026-06', 'attended', 2, 1, 1, 0],
    ]);
    expect(months[0]?.label).toBe('2026年1月');
  });

  it('a leave without an approval flag counts as approved', () => {
    const rows: AttendanceRow[] = [{ activityId: 1, onDate: '2026-03-02', status: 'leave' }];
    expect(monthlyAttendance(rows, longAgo, today)[0]?.state).toBe('excused');
  });

  it('ignores rows before memberSince and after today', () => {
    const rows = script('2026-01', ['A', 'A', 'A', 'A']);
    expect(monthlyAttendance(rows, '2026-02-06', '2026-04-04').map((m) => m.month)).toEqual(['2026-03']);
    expect(monthlyAttendance(rows, '2026-02-05', '2026-04-05').map((m) => m.month)).toEqual([
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
  });

  it('sorts rows given in any order', () => {
    const rows = script('2026-01', ['A', 'P', 'A']).reverse();
    expect(monthlyAttendance(rows, longAgo, today).map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });
});

describe('absenceStreak', () => {
  it.each<[string, string[], number, string[]]>([
    ['nothing expected', [], 0, []],
    ['all attended', ['P', 'P', 'P'], 0, []],
    ['latest month attended', ['A', 'A', 'P'], 0, []],
    ['latest month excused by approved leave', ['A', 'A', 'L'], 0, []],
    ['a refused leave is an absence', ['P', 'R'], 1, ['2026-02']],
    ['never signed in on a closed record is an absence', ['P', 'E'], 1, ['2026-02']],
    ['one presence in a month among absences breaks it', ['A', 'AAP', 'A'], 1, ['2026-03']],
    ['exactly 3', ['P', 'A', 'A', 'A'], 3, ['2026-02', '2026-03', '2026-04']],
    ['exactly 5', ['P', 'A', 'A', 'A', 'A', 'A'], 5, ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06']],
    [
      'exactly 6',
      ['L', 'A', 'A', 'A', 'A', 'A', 'A'],
      6,
      ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'],
    ],
    ['neutral months neither count nor break', ['P', 'A', '', '', 'A', ''], 2, ['2026-02', '2026-05']],
    ['broken then restarted', ['A', 'A', 'A', 'A', 'P', 'A', 'A'], 2, ['2026-06', '2026-07']],
    ['broken by leave then restarted', ['A', 'A', 'A', 'L', 'A'], 1, ['2026-05']],
    ['the streak runs back to the first expected month', ['', 'A', 'A'], 2, ['2026-02', '2026-03']],
  ])('%s', (_name, months, length, keys) => {
    const s = absenceStreak(script('2026-01', months), longAgo, today);
    expect(s.length).toBe(length);
    expect(s.months.map((m) => m.month)).toEqual(keys);
  });

  it('crosses the year', () => {
    const s = absenceStreak(script('2026-10', ['P', 'A', 'A', 'A', 'A']), longAgo, '2027-03-01');
    expect(s.months.map((m) => m.month)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it.each<[string, IsoDate, number]>([
    // Absent in every month from January to June 2026.
    ['a member since long ago: 6', longAgo, 6],
    ['joined on 1 March: March to June, 4', '2026-03-01', 4],
    ['joined after the March meeting (5 March): April to June, 3', '2026-03-06', 3],
    ['joined on the day of the March meeting: counts March', '2026-03-05', 4],
    ['joined in July: nothing yet', '2026-07-01', 0],
  ])('joined mid-period — %s', (_name, memberSince, length) => {
    const rows = script('2026-01', ['A', 'A', 'A', 'A', 'A', 'A']);
    expect(absenceStreak(rows, memberSince, today).length).toBe(length);
  });

  it('counts up to today only: a month whose activity is after today is not yet there', () => {
    const rows = script('2026-01', ['P', 'A', 'A', 'A']);
    expect(absenceStreak(rows, longAgo, '2026-04-04').length).toBe(2);
    expect(absenceStreak(rows, longAgo, '2026-04-05').length).toBe(3);
  });

  it('a later presence in the current month ends the streak', () => {
    const rows = script('2026-01', ['A', 'A', 'AP']);
    expect(absenceStreak(rows, longAgo, '2026-03-11').length).toBe(3);
    expect(absenceStreak(rows, longAgo, '2026-03-12').length).toBe(0);
  });
});

describe('absenceLevel', () => {
  it.each<[number, number, AbsenceLevel]>([
    [0, 3, 'none'],
    [2, 3, 'none'],
    [3, 3, 'warning'],
    [5, 3, 'warning'],
    [6, 3, 'lapsed'],
    [9, 3, 'lapsed'],
    [1, 1, 'warning'],
    [0, 1, 'none'],
    [4, 5, 'none'],
    [5, 5, 'warning'],
    [6, 5, 'lapsed'],
  ])('%i months with a warning at %i: %s', (length, absenceWarningMonths, level) => {
    expect(absenceLevel(length, { absenceWarningMonths })).toBe(level);
  });

  it('the national threshold is 6 and the default warning 3', () => {
    expect(nationalAbsenceMonths).toBe(6);
    expect(absenceLevel(3, defaultRuleSettings)).toBe('warning');
  });
});
