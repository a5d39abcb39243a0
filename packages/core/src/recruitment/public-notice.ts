/**
 * 公示 periods in working days (Monday to Friday). Statutory holidays and their make-up working days (调休)
 * change every year and are not known to the platform: a notice that spans a holiday must be set longer by
 * hand, which the form allows (the end date is editable; the count shown is the weekdays in the period).
 */
import { addDays, type IsoDate } from '../dates.ts';

const isWeekday = (d: IsoDate): boolean => {
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
};

/** Weekdays from `startOn` to `endOn`, both included; 0 when the end is before the start. */
export function workingDaysBetween(startOn: IsoDate, endOn: IsoDate): number {
  let n = 0;
  for (let d = startOn; d <= endOn; d = addDays(d, 1)) if (isWeekday(d)) n++;
  return n;
}

/**
 * The last day of a notice of `workingDays` working days starting on `startOn` (a notice starting on a
 * weekend starts counting on the Monday).
 */
export function publicNoticeEnd(startOn: IsoDate, workingDays: number): IsoDate {
  let d = startOn;
  let n = isWeekday(d) ? 1 : 0;
  while (n < workingDays) {
    d = addDays(d, 1);
    if (isWeekday(d)) n++;
  }
  return d;
}
