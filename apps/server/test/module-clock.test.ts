import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const modulesDir = fileURLToPath(new URL('../src/modules', import.meta.url));

/**
 * Reads of the machine's clock allowed in modules, by file and count, each with why it is not the
 * college's "now" (which comes from the injected clock, so DJ_CLOCK_FILE and the tests agree).
 */
const allowed: Record<string, { count: number; why: string }> = {
  'activities/sign-in.ts': { count: 2, why: 'age of the in-memory sign-in cache (process time, 5 s)' },
};

/** Every non-test .ts file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

// `new Date()` with no argument or `Date.now()`; comments are skipped line by line.
const clockRead = /new Date\(\s*\)|Date\.now\(\s*\)/g;

describe('modules take now from the injected clock', () => {
  it('no module reads the machine clock outside the allow-list', () => {
    const found: Record<string, number> = {};
    for (const file of sourceFiles(modulesDir)) {
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
        .join('\n');
      const n = code.match(clockRead)?.length ?? 0;
      if (n > 0) found[path.relative(modulesDir, file).split(path.sep).join('/')] = n;
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(allowed).map(([f, a]) => [f, a.count])));
  });
});
