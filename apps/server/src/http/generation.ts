import type { Db } from './context.ts';

/**
 * A per-database counter bumped by every write this process commits, so derived data (rule
 * findings) can be cached until the next write. Several server processes on one database would each
 * miss the others' writes, so caches keyed on it also expire after a few seconds.
 */
const generations = new WeakMap<object, number>();

export function bumpGeneration(db: Db): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

export function generationOf(db: Db): number {
  return generations.get(db) ?? 0;
}
