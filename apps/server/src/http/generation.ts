import type { Db, Trx } from './context.ts';

/**
 * A per-database counter bumped by every write this process commits and by every change another process
 * NOTIFYs, so derived data (the compliance matrix, subtree counts) can be cached until the next write; caches
 * keyed on it also expire after a few seconds.
 */
/** Per database: a counter for changes of unknown extent, and one per fact table (the dirty marks' sources). */
const generations = new WeakMap<object, { all: number; bySource: Map<string, number> }>();

function countersOf(db: Db) {
  let c = generations.get(db);
  if (!c) {
    c = { all: 0, bySource: new Map() };
    generations.set(db, c);
  }
  return c;
}

/**
 * Records a change: of these fact tables (the `source` of the marks a write left), or of anything when none are
 * named. Caches that depend on other tables stay valid.
 */
export function bumpGeneration(db: Db, sources?: readonly string[]): void {
  const c = countersOf(db);
  if (!sources) c.all += 1;
  else for (const s of sources) c.bySource.set(s, (c.bySource.get(s) ?? 0) + 1);
}

/** A version of the data `deps` names (every table when absent): it changes whenever they may have. */
export function generationOf(db: Db, deps?: readonly string[]): number {
  const c = countersOf(db);
  let n = c.all;
  if (deps) for (const d of deps) n += c.bySource.get(d) ?? 0;
  else for (const v of c.bySource.values()) n += v;
  return n;
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
export async function memoByGeneration<T>(
  db: Db | Trx,
  key: string,
  compute: () => Promise<T>,
  /** The fact tables the value is made from (the dirty marks' sources); any change invalidates it when absent. */
  deps?: readonly string[],
): Promise<T> {
  if (db.isTransaction) return compute();
  const generation = generationOf(db as Db, deps);
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
