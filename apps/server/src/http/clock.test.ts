import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOffsetClock, readOffsetDays } from './clock.ts';

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
  it('reads whole days; missing or blank is 0, anything else is refused', () => {
    const file = tempFile();
    expect(readOffsetDays(file)).toBe(0);
    for (const [text, days] of [
      ['', 0],
      [' 400\n', 400],
      ['-3', -3],
      ['1.5', null],
      ['abc', null],
    ] as const) {
      writeFileSync(file, text);
      expect(readOffsetDays(file)).toBe(days);
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
    rmSync(file);
    system += 1100;
    expect(clock.today()).toBe('2026-11-21');
  });
});
