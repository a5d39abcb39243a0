/**
 * The demo's findings have a past: the college was evaluated six weeks ago (findings first seen then), the
 * zhibu branch secretary acknowledged one of his with a comment and the 总支 secretary assigned another,
 * and today's evaluation resolved what the records since then fixed and found what is new. So 监测预警
 * shows every state, first-seen dates that differ, and histories, on first start.
 */
import { createClock } from '../http/clock.ts';
import type { Clock, Db } from '../http/context.ts';
import { evaluateAllFindings } from '../http/findings-store.ts';
import { acknowledgeAs, assignAs } from '../modules/alerts/service.ts';

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
    createClock(() => back(42)),
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
  await evaluateAllFindings(db, clock, 'demo');
}
