import { toLocalDate } from '@dangjian/core';
import type { Clock } from './context.ts';

/** The system clock, or a fixed/adjustable one for tests and the demo. */
export function createClock(now: () => Date = () => new Date()): Clock {
  return { now, today: () => toLocalDate(now()) };
}
