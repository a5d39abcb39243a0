/**
 * The demo's findings have a past: the college was evaluated six weeks ago (findings first seen then), the
 * zhibu branch secretary acknowledged one of his with a comment and the 总支 secretary assigned another,
 * and today's evaluation resolved what the records since then fixed and found what is new. So 监测预警
 * shows every state, first-seen dates that differ, and histories, on first start. The rectification items opened
 * from findings (rectification.ts) are linked to them then, and their histories say so.
 */
import { sql } from 'kysely';
import { createClock } from '../http/clock.ts';
import type { Clock, Db } from '../http/context.ts';
import { evaluateAllFindings } from '../http/findings-store.ts';
import { acknowledgeAs, assignAs, recordFindingRectification } from '../modules/alerts/service.ts';
import { firstEvaluationDaysAgo } from './rectification.ts';

const dayMs = 86_400_000;

/** The user and the org of a demo account's first role grant. */
async function account(db: Db, username: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'r.org_id'])
    .where('u.username', '=', username)
    .orderBy('r.id')
    .executeTakeFirst();
}

export async function plantFindingHistory(db: Db, clock: Clock): Promise<void> {
  const back = (days: number) => new Date(clock.now().getTime() - days * dayMs);
  await evaluateAllFindings(
    db,
    createClock(() => back(firstEvaluationDaysAgo)),
    'demo',
  );
  const [zhibu, zongzhi] = await Promise.all([account(db, 'zhibu'), account(db, 'zongzhi')]);
  if (zhibu?.org_id && zongzhi) {
    const open = await db
      .selectFrom('finding')
      .select(['key', 'rule_id'])
      .where('org_id', '=', zhibu.org_id)
      .where('state', '=', 'open')
      .orderBy('severity')
      .orderBy('key')
      .execute();
    // A full member of the branch (placed in the branch or one of its 党小组).
    const member = await db
      .selectFrom('person as p')
      .innerJoin('org as o', 'o.id', 'p.org_id')
      .select('p.id')
      .where((eb) => eb.or([eb('o.id', '=', zhibu.org_id!), eb('o.parent_id', '=', zhibu.org_id!)]))
      .where('p.status', '=', 'active')
      .where('p.party_status', '=', 'full')
      .orderBy('p.id')
      .offset(1)
      .limit(1)
      .executeTakeFirst();
    const [first, second] = open;
    await db.transaction().execute(async (trx) => {
      if (first)
        await acknowledgeAs(
          trx,
          { userId: zhibu.id, name: zhibu.display_name },
          first.key,
          '已列入下次支委会议题，由组织委员牵头落实，月底前完成。',
          back(40),
        );
      if (second && member)
        await assignAs(
          trx,
          { userId: zongzhi.id, name: zongzhi.display_name },
          second.key,
          member.id,
          '请组织委员对照条款逐项整改，完成后在平台登记。',
          back(39),
        );
    });
  }
  await linkRectifications(db);
  await evaluateAllFindings(db, clock, 'demo');
}

/**
 * The demo's items opened from findings (loaded with `source_ref` 'finding:<key>') get their finding, which exists
 * since the first evaluation, and the finding's history records the item opened from it on the item's day.
 */
async function linkRectifications(db: Db): Promise<void> {
  const items = await db
    .selectFrom('rectification as r')
    .innerJoin('finding as f', (j) => j.on(sql<boolean>`'finding:' || f.key = r.source_ref`))
    .innerJoin('rectification_event as e', (j) =>
      j.onRef('e.rectification_id', '=', 'r.id').on('e.kind', '=', 'created'),
    )
    .select(['r.id', 'f.id as finding_id', 'r.created_by', 'e.actor_name', 'e.at', 'r.original_deadline'])
    .where('r.source', '=', 'finding')
    .where('r.finding_id', 'is', null)
    .orderBy('e.at')
    .orderBy('r.id')
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const item of items) {
      await trx
        .updateTable('rectification')
        .set({ finding_id: item.finding_id, source_ref: null })
        .where('id', '=', item.id)
        .execute();
      await recordFindingRectification(trx, {
        findingId: item.finding_id,
        kind: 'rectification_opened',
        rectificationId: item.id,
        by: { userId: item.created_by, name: item.actor_name ?? '' },
        comment: `整改期限 ${item.original_deadline}`,
        at: new Date(item.at),
      });
    }
  });
}
