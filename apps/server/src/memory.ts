import { setFlagsFromString } from 'node:v8';

/**
 * How much V8 lets the heap grow past what the last full collection kept before it collects again. Its own
 * choice (up to 4×, more under a high allocation rate) let a server whose live data is ~70 MB at ten times
 * the demo reach 420 MB of RSS under the mixed load, nearly all of it garbage awaiting collection; at 1.5× the
 * peak stays under 300 MB for a few per cent more time in the collector (BENCHMARKS.md, mixed load).
 * `DJ_HEAP_GROWING_PERCENT` overrides it (0 gives V8 its own choice back).
 */
export function tuneHeap(env: NodeJS.ProcessEnv = process.env): void {
  const raw = env.DJ_HEAP_GROWING_PERCENT;
  const percent = raw === undefined || raw === '' ? 50 : Number(raw);
  if (!Number.isInteger(percent) || percent < 0 || percent > 1000)
    throw new Error(`DJ_HEAP_GROWING_PERCENT must be an integer from 0 to 1000, not "${raw}"`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
