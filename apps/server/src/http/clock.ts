import { readFileSync, statSync } from 'node:fs';
import { toLocalDate } from '@dangjian/core';
import type { Clock } from './context.ts';

/** The system clock, or a fixed/adjustable one for tests and the demo. */
export function createClock(now: () => Date = () => new Date()): Clock {
  return { now, today: () => toLocalDate(now()) };
}

const dayMs = 86_400_000;
/** The offset file is looked at no more than once per interval (ms). */
const recheckMs = 1000;

/**
 * Reads a whole number of days from an offset file: missing or blank = 0; null when it holds anything else
 * (the clock then keeps its previous offset rather than jumping on a typo).
 */
export function readOffsetDays(file: string): number | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return 0;
  }
  if (text === '') return 0;
  const days = Number(text);
  return Number.isInteger(days) ? days : null;
}

/**
 * A test clock for end-to-end runs (DJ_CLOCK_FILE): the system clock moved forward by the number of days in
 * `file`. The file's mtime is checked at most once per second and the file re-read when it changed, so a test
 * moves the server's clock by writing the file.
 */
export function createOffsetClock(file: string, system: () => Date = () => new Date()): Clock {
  let checkedAt = Number.NEGATIVE_INFINITY;
  let mtime = -1;
  let days = 0;
  const offsetDays = (): number => {
    const t = system().getTime();
    if (t - checkedAt < recheckMs) return days;
    checkedAt = t;
    let m: number;
    try {
      m = statSync(file).mtimeMs;
    } catch {
      m = 0;
    }
    if (m !== mtime) {
      mtime = m;
      days = m === 0 ? 0 : (readOffsetDays(file) ?? days);
    }
    return days;
  };
  return createClock(() => new Date(system().getTime() + offsetDays() * dayMs));
}
