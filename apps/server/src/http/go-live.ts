import { type GoLiveSettings, goLiveSettingsSchema } from '@dangjian/core';
import type { Db, Trx } from './context.ts';

/**
 * The school's go-live date and per-rule starts (institution row), or null before set-up. Read by the
 * findings evaluation and the settings module; a stored rule list that no longer validates (a rule
 * retired from the catalogue) is dropped rather than failing every alert.
 */
export async function readGoLiveSettings(db: Db | Trx): Promise<GoLiveSettings | null> {
  const row = await db
    .selectFrom('institution')
    .select(['go_live_date', 'rule_starts'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = goLiveSettingsSchema.safeParse({
    goLiveDate: row.go_live_date,
    ruleStarts: row.rule_starts,
  });
  return parsed.success ? parsed.data : { goLiveDate: row.go_live_date, ruleStarts: [] };
}
