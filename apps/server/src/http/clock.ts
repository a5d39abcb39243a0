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
 * Reads the offset file: a whole number of days, optionally followed by a signed time of day shift `±HH:MM`
 * ('3', '-1', '0 +08:30', '2 -11:05'); missing or blank = 0. Answers milliseconds, or null when the file holds
 * anything else (the clock then keeps its previous offset rather than jumping on a typo).
 */
export function readOffsetMs(file: string): number | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return 0;
  }
  if (text === '') return 0;
  const m = /^(-?\d+)(?:\s+([+-])([01]\d|2[0-3]):([0-5]\d))?$/.exec(text);
  if (!m) return null;
  const days = Number(m[1]);
  if (!Number.isSafeInteger(days)) return null;
  const minutes = m[2] ? (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4])) : 0;
  return days * dayMs + minutes * 60_000;
}

/**
 * A test clock for end-to-end runs (DJ_CLOCK_FILE): the system clock moved by the offset in `file` (days, and
 * optionally hours and minutes: see readOffsetMs). The file's mtime is checked at most once per second and the
 * file re-read when it changed, so a test moves the server's clock by writing the file.
 */
export function createOffsetClock(file: string, system: () => Date = () => new Date()): Clock {
  let checkedAt = Number.NEGATIVE_INFINITY;
  let mtime = -1;
  let offset = 0;
  const offsetMs = (): number => {
    const t = system().getTime();
    if (t - checkedAt < recheckMs) return offset;
    checkedAt = t;
    let m: number;
    try {
      m = statSync(file).mtimeMs;
    } catch {
      m = 0;
    }
    if (m !== mtime) {
      mtime = m;
      offset = m === 0 ? 0 : (readOffsetMs(file) ?? offset);
    }
    return offset;
  };
  return createClock(() => new Date(system().getTime() + offsetMs()));
}
