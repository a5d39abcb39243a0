import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOffsetClock, readOffsetMs } from './clock.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dj-clock-'));
  dirs.push(dir);
  return path.join(dir, 'offset');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('test clock (DJ_CLOCK_FILE)', () => {
  it('reads whole days, optionally with a time of day shift; missing or blank is 0, anything else is refused', () => {
    const file = tempFile();
    expect(readOffsetMs(file)).toBe(0);
    const day = 86_400_000;
    const minute = 60_000;
    for (const [text, ms] of [
      ['', 0],
      [' 400\n', 400 * day],
      ['-3', -3 * day],
      ['0 +08:30', 510 * minute],
      ['2 -11:05', 2 * day - 665 * minute],
      ['-1 +23:59', -day + 1439 * minute],
      ['1.5', null],
      ['abc', null],
      ['0 8:30', null],
      ['0 +24:00', null],
      ['0 +08:60', null],
      ['+08:30', null],
    ] as const) {
      writeFileSync(file, text);
      expect(readOffsetMs(file), text).toBe(ms);
    }
  });

  it('adds the offset to the system clock and sees a new file after at most a second', () => {
    const file = tempFile();
    let system = Date.parse('2026-11-21T02:00:00Z');
    const clock = createOffsetClock(file, () => new Date(system));
    expect(clock.today()).toBe('2026-11-21');
    writeFileSync(file, '400');
    utimesSync(file, new Date(system), new Date(system + 5000));
    // Looked at less than a second ago: still the old offset.
    system += 500;
    expect(clock.today()).toBe('2026-11-21');
    system += 600;
    expect(clock.today()).toBe('2027-12-26');
    expect(clock.now().getTime()).toBe(system + 400 * 86_400_000);
    // A typo keeps the previous offset rather than jumping.
    writeFileSync(file, 'x');
    utimesSync(file, new Date(system), new Date(system + 9000));
    system += 1100;
    expect(clock.today()).toBe('2027-12-26');
    // Days and a time of day shift: 02:00Z + 10:30 is 12:30Z, 20:30 in Shanghai, still the same day there.
    writeFileSync(file, '400 +10:30');
    utimesSync(file, new Date(system), new Date(system + 13_000));
    system += 1100;
    expect(clock.now().getTime()).toBe(system + 400 * 86_400_000 + 630 * 60_000);
    rmSync(file);
    system += 1100;
    expect(clock.today()).toBe('2026-11-21');
  });
});
