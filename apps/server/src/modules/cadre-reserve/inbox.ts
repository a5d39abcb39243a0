/**
 * What the reserve of young cadres leaves waiting (待办) for the 组织部 (cadre:file:manage): each candidate with a
 * plan item overdue, each candidate over the age limit still in the pool, and the pool's yearly review (动态调整)
 * from the reminder days before it is due. Nothing is stored.
 */
import { addDays, type InboxItem, isPlanItemOverdue, reserveLevelLabels } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import { getReserveSettings } from '../settings/service.ts';
import { planItems } from './repo.ts';
import { candidateRows } from './service.ts';

export const cadreReserveInboxProvider: InboxProvider = {
  id: 'cadre_reserve',
  async items(db, actor, today) {
    if (!actor.permissions.has('cadre:file:manage')) return [];
    const settings = await getReserveSettings(db);
    const { items, poolReviewDueOn } = await candidateRows(db, {}, today);
    const out: InboxItem[] = [];
    const plans = await planItems(
      db,
      items.filter((c) => c.overdueItems > 0).map((c) => c.id),
    );
    for (const c of items) {
      if (c.overdueItems > 0) {
        const overdue = plans
          .filter((i) => i.candidate_id === c.id)
          .filter((i) => isPlanItemOverdue({ dueOn: i.due_on, doneOn: i.done_on }, c.status, today))
          .map((i) => ({ title: i.title, dueOn: i.due_on }));
        out.push({
          kind: 'cadre_reserve.plan_item',
          title: `后备干部培养事项逾期：${c.name}`,
          detail: overdue.map((i) => `${i.title}（应于 ${i.dueOn} 完成）`).join('；'),
          orgName: null,
          dueDate: overdue[0]!.dueOn,
          overdue: true,
          link: `/cadre-reserve/${c.id}`,
        });
      }
      if (c.overAge)
        out.push({
          kind: 'cadre_reserve.over_age',
          title: `后备干部超过年龄条件：${c.name}`,
          detail: `${c.age}周岁，超过${reserveLevelLabels[c.level]}干部的年龄条件：及时使用，或在动态调整中调出。`,
          orgName: null,
          dueDate: null,
          overdue: false,
          link: `/cadre-reserve/${c.id}`,
        });
    }
    if (poolReviewDueOn !== null && addDays(today, settings.reviewReminderDays) >= poolReviewDueOn) {
      const due = items.filter(
        (c) => c.reviewDueOn !== null && c.reviewDueOn <= addDays(today, settings.reviewReminderDays),
      );
      out.push({
        kind: 'cadre_reserve.review',
        title: `后备干部库年度动态调整：${due.length}人`,
        detail: `最早应于 ${poolReviewDueOn} 研判：逐人保留、提任使用或调出。`,
        orgName: null,
        dueDate: poolReviewDueOn,
        overdue: poolReviewDueOn < today,
        link: '/cadre-reserve',
      });
    }
    return out;
  },
};
