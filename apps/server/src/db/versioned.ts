// Optimistic concurrency: a row read at a version is written back only if it still has that version.
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from './schema.ts';

/** The tables whose rows carry a `version` (optimistic concurrency). */
export type VersionedTable = {
  [T in keyof Database]: 'version' extends keyof Database[T] ? T : never;
}[keyof Database];

/** The columns that name one row of `T` (its id, or the parts of its key), with their values. */
export type RowKey<T extends VersionedTable> = Partial<Selectable<Database[T]>>;

/** Any table as one update statement sees it: columns by name (the public signature keeps the real types). */
type AnyTables = Record<string, Record<string, unknown>>;

/**
 * Writes `values` to the row of `table` that `key` names, only if it still has `version`, and bumps the version
 * in the same statement. False when the row moved on meanwhile (or is gone): the caller answers the conflict
 * (409, "已被他人修改，请刷新后重试") and nothing was written.
 */
export async function updateAtVersion<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  key: RowKey<T>,
  version: number,
  values: Updateable<Database[T]>,
): Promise<boolean> {
  const entries = Object.entries(key);
  if (entries.length === 0) throw new Error(`updateAtVersion(${table}): no key`);
  const name: string = table;
  const result = await (db as unknown as Kysely<AnyTables>)
    .updateTable(name)
    .set({ ...values, version: sql<number>`version + 1` })
    .where((eb) =>
      eb.and([eb(sql.ref('version'), '=', version), ...entries.map(([c, v]) => eb(sql.ref(c), '=', v))]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
