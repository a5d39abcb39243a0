import type { Db, Trx } from './context.ts';

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

const memo = new WeakMap<object, Map<string, { generation: number; at: number; value: unknown }>>();
const memoMaxAgeMs = 5000;

/**
 * The value of `compute()` for this database and key, reused until the next write through this
 * process or for at most a few seconds. Inside a transaction nothing is cached.
 */
export async function memoByGeneration<T>(db: Db | Trx, key: string, compute: () => Promise<T>): Promise<T> {
  if (db.isTransaction) return compute();
  const generation = generationOf(db as Db);
  let entries = memo.get(db);
  if (!entries) {
    entries = new Map();
    memo.set(db, entries);
  }
  const hit = entries.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.at < memoMaxAgeMs) return hit.value as T;
  const value = await compute();
  entries.set(key, { generation, at: Date.now(), value });
  return value;
}
