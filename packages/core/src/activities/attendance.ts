/**
 * Absence from organisational life, month by month (党章 第九条: 党员如果没有正当理由，连续六个月不参加党的
 * 组织生活……就被认为是自行脱党).
 *
 * How a month is counted for one member, from the attendance rows of CLOSED activities they were expected at:
 * - attended: present at one or more of them;
 * - excused: present at none, but on approved leave for one or more (请假须经书记批准);
 * - absent (无故缺席): expected at one or more, present at none, no approved leave for any. On a closed record an
 *   'expected' row means the member never signed in, so it counts as absent, as does a leave not approved;
 * - neutral: no activity expected of the member that month. Neutral months neither count nor break a
 *   streak, so "consecutive" means consecutive among the months that had something to attend.
 * Rows before `memberSince` (the day the member joined this branch) or after `today` are ignored.
 */
import type { IsoDate } from '../dates.ts';
import type { RuleSettings } from '../settings.ts';
import type { AttendanceStatus } from './dictionaries.ts';
import { monthKeyOf } from './periods.ts';

/** 党章 第九条: six months in a row without good reason is treated as 自行脱党. */
export const nationalAbsenceMonths = 6;

/** One attendance row of a closed activity the member was expected at. */
export interface AttendanceRow {
  activityId: number;
  /** The activity's day (Asia/Shanghai). */
  onDate: IsoDate;
  status: AttendanceStatus;
  /** For a 'leave' row: false when the leave was refused (then it is an absence). Missing means approved. */
  leaveApproved?: boolean;
}

export type MonthAttendanceState = 'attended' | 'excused' | 'absent';

/** One month in which the member was expected at something. */
export interface MonthAttendance {
  /** Month key 'YYYY-MM'. */
  month: string;
  label: string;
  state: MonthAttendanceState;
  expected: number;
  present: number;
  leave: number;
  absent: number;
}

/** Month-by-month attendance of one member, oldest first; only months with something expected appear. */
export function monthlyAttendance(
  rows: readonly AttendanceRow[],
  memberSince: IsoDate,
  today: IsoDate,
): MonthAttendance[] {
  const months = new Map<string, MonthAttendance>();
  for (const r of rows) {
    if (r.onDate < memberSince || r.onDate > today) continue;
    const key = monthKeyOf(r.onDate);
    let m = months.get(key);
    if (!m) {
      m = { month: key, label: '', state: 'absent', expected: 0, present: 0, leave: 0, absent: 0 };
      months.set(key, m);
    }
    m.expected += 1;
    if (r.status === 'present') m.present += 1;
    else if (r.status === 'leave' && r.leaveApproved !== false) m.leave += 1;
    else m.absent += 1;
  }
  const out = [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
  for (const m of out) {
    m.label = `${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5, 7))}月`;
    m.state = m.present > 0 ? 'attended' : m.leave > 0 ? 'excused' : 'absent';
  }
  return out;
}

/** The current run of months absent without leave. */
export interface AbsenceStreak {
  /** Months in the run (neutral months in between are not counted). */
  length: number;
  /** The months of the run, oldest first. */
  months: MonthAttendance[];
}

/**
 * The current streak: counted back from the latest month (up to today) in which the member was expected
 * at something, over months absent without leave, until a month attended or excused. Zero when the latest
 * such month was attended or excused, or when nothing was ever expected.
 */
export function absenceStreak(
  rows: readonly AttendanceRow[],
  memberSince: IsoDate,
  today: IsoDate,
): AbsenceStreak {
  const months = monthlyAttendance(rows, memberSince, today);
  let i = months.length;
  while (i > 0 && months[i - 1]?.state === 'absent') i -= 1;
  const run = months.slice(i);
  return { length: run.length, months: run };
}

export type AbsenceLevel = 'none' | 'warning' | 'lapsed';

/**
 * How serious a streak is: 'lapsed' from 6 months (党章 第九条, national), 'warning' from the school's
 * absenceWarningMonths (default 3), else 'none'.
 */
export function absenceLevel(
  length: number,
  settings: Pick<RuleSettings, 'absenceWarningMonths'>,
): AbsenceLevel {
  if (length >= nationalAbsenceMonths) return 'lapsed';
  return length >= settings.absenceWarningMonths ? 'warning' : 'none';
}
