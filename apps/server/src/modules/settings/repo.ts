import type { GoLiveSettings } from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';

export { readGoLiveSettings } from '../../http/go-live.ts';

/** Raw stored value of a setting, or undefined. */
export async function readSetting(db: Db | Trx, key: string): Promise<unknown> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Insert or replace a setting. */
export async function writeSetting(
  trx: Trx,
  key: string,
  value: unknown,
  userId: number | null,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value), updated_at: now, updated_by: userId })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now, updated_by: userId }),
    )
    .execute();
}

/** Sets the school's go-live date and per-rule starts (the institution row). */
export async function writeGoLiveSettings(trx: Trx, value: GoLiveSettings): Promise<void> {
  await trx
    .updateTable('institution')
    .set({ go_live_date: value.goLiveDate, rule_starts: JSON.stringify(value.ruleStarts) })
    .execute();
}
