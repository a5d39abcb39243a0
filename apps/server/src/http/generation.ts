import type { Db, Trx } from './context.ts';

/**
 * A per-database counter bumped by every write this process commits and by every change another process
 * NOTIFYs, so derived data (the compliance matrix, subtree counts) can be cached until the next write; caches
 * keyed on it also expire after a few seconds.
 */
const generations = new WeakMap<object, number>();

export function bumpGeneration(db: Db): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

export function generationOf(db: Db): number {
  return generations.get(db) ?? 0;
}

const memo = new WeakMap<
  object,
  Map<string, { generation: number; at: number; value?: unknown; pending?: Promise<unknown> }>
>();
const memoMaxAgeMs = 5000;

/**
 * The value of `compute()` for this database and key, reused until the next write through this process (or a
 * NOTIFY from another: change-listener.ts) or for at most a few seconds. Readers that arrive while it is being
 * computed share that one computation: at most one of a kind runs at a time. Inside a transaction nothing is
 * cached.
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
  if (hit && hit.generation === generation) {
    if (hit.pending) return hit.pending as Promise<T>;
    if (Date.now() - hit.at < memoMaxAgeMs) return hit.value as T;
  }
  const entry: { generation: number; at: number; value?: unknown; pending?: Promise<unknown> } = {
    generation,
    at: Date.now(),
  };
  const pending = compute().then(
    (value) => {
      entry.value = value;
      entry.at = Date.now();
      delete entry.pending;
      return value;
    },
    (error: unknown) => {
      if (entries.get(key) === entry) entries.delete(key);
      throw error;
    },
  );
  entry.pending = pending;
  entries.set(key, entry);
  return pending;
}
