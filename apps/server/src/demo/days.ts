import { addDays, type IsoDate } from '@dangjian/core';

/** Moves a Saturday back to Friday and a Sunday on to Monday (days 2–27 stay in their month). */
export function workday(date: IsoDate): IsoDate {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 6 ? addDays(date, -1) : dow === 0 ? addDays(date, 1) : date;
}
