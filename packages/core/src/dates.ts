/**
 * Calendar-day arithmetic on ISO dates ('YYYY-MM-DD'). Core never reads the clock: callers pass
 * `today` (the college's local date, Asia/Shanghai).
 */

/** A calendar day as 'YYYY-MM-DD'. */
export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar day in 'YYYY-MM-DD' form. */
export function isIsoDate(value: string): boolean {
  const m = isoDatePattern.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return utc(year, month + 1, 0).getUTCDate();
}

/** Midnight UTC of a calendar day; unlike Date.UTC, years 0–99 are not read as 1900–1999. */
function utc(year: number, month: number, day: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t;
}

function parts(date: IsoDate): [number, number, number] {
  const m = isoDatePattern.exec(date);
  if (!m) throw new Error(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** '2026-06-15' → '2026年6月15日', as documents print a date. */
export function formatChineseDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日`;
}

/** Adds whole months; a day past the end of the target month is clamped (01-31 + 1 month = 02-28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Adds whole days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  const t = utc(y, m, d + days);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((utc(y2, m2, d2).getTime() - utc(y1, m1, d1).getTime()) / 86_400_000);
}

/** The calendar day of an instant in a time zone (default the college's, Asia/Shanghai). */
/** Building a formatter is costly; one per time zone is kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function toLocalDate(instant: Date, timeZone = 'Asia/Shanghai'): IsoDate {
  // Read the parts rather than the formatted string: en-CA's 'YYYY-MM-DD' layout has changed between ICU versions.
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return format(Number(p.year), Number(p.month), Number(p.day));
}

/** Whole years completed from `from` to `on`; someone born on 29 February completes a year on 1 March. */
export function completedYears(from: IsoDate, on: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(on);
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years -= 1;
  return years;
}
