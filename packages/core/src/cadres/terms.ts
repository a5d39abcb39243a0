/**
 * Terms and rotation of 中层干部 (RULES.md §11): a term's length is the school's (默认 5 years); after two
 * consecutive terms in one post a cadre is not reappointed to it (党政领导干部职务任期暂行规定); after 10
 * years in one post the cadre must rotate (党政领导干部交流工作规定). Reminders start 6 months ahead.
 */
import { addDays, addMonths, type IsoDate } from '../dates.ts';

export interface TermSettings {
  termYears: number;
  maxConsecutiveTerms: number;
  rotationYears: number;
  reminderMonths: number;
}

export const defaultTermSettings: TermSettings = {
  termYears: 5,
  maxConsecutiveTerms: 2,
  rotationYears: 10,
  reminderMonths: 6,
};

/** The end of a term started on `startOn`: the day before its anniversary. */
export function termEnd(startOn: IsoDate, settings: TermSettings = defaultTermSettings): IsoDate {
  return addDays(addMonths(startOn, 12 * settings.termYears), -1);
}

/** The day a cadre in one post since `inPostSince` must have rotated by (the 10th anniversary). */
export function rotationDueOn(inPostSince: IsoDate, settings: TermSettings = defaultTermSettings): IsoDate {
  return addMonths(inPostSince, 12 * settings.rotationYears);
}

export type RotationStatus = 'ok' | 'reminder' | 'due';

/** `due` from the 10th anniversary on, `reminder` from 6 months before it, else `ok`. */
export function rotationStatus(
  inPostSince: IsoDate,
  today: IsoDate,
  settings: TermSettings = defaultTermSettings,
): RotationStatus {
  const due = rotationDueOn(inPostSince, settings);
  if (today >= due) return 'due';
  if (today >= addMonths(due, -settings.reminderMonths)) return 'reminder';
  return 'ok';
}

/** Whether one more term in the same post is allowed after `consecutiveTerms` consecutive terms. */
export function reappointmentProblem(
  consecutiveTerms: number,
  settings: TermSettings = defaultTermSettings,
): string | null {
  return consecutiveTerms >= settings.maxConsecutiveTerms
    ? `同一职位连续任职已满${settings.maxConsecutiveTerms}个任期，不再推荐、提名或者任命担任同一职务（党政领导干部职务任期暂行规定）`
    : null;
}
