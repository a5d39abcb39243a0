/**
 * Cadre terms and rotation as alerts, a findings provider: core `evaluateCadreTermRules` on every current post —
 * 10 years in one post (reminded `reminderMonths` ahead, due on the 10th anniversary) and a term ended or ending
 * without reappointment or 免职 — all on the 党委, so only the 组织部 and 校领导 read them. The morning reminder
 * of one due within 3 days goes to the 组织部 and opens the cadre's file (`reminderOf`). A write to a post marks
 * the 党委 (migration 20261218_1000_cadre_rotations); the day's re-evaluation moves the dates.
 */
import { type CadreTermRuleId, cadreTermRuleCatalogue } from '@dangjian/core';
import type { Trx } from '../../http/context.ts';
import type { DueFinding, DueReminder, FindingsProvider } from '../../http/findings.ts';
import { cadreIdOfPost } from './repo.ts';
import { cadreManagers, cadreTermFindings } from './service.ts';

export const cadreFindingsProvider: FindingsProvider = {
  id: 'cadre',
  ruleIds: Object.keys(cadreTermRuleCatalogue) as CadreTermRuleId[],
  reads: ['org', 'person', 'unit', 'cadre'],
  evaluate: (db, today, orgIds) => cadreTermFindings(db, today, orgIds),
  reminderOf,
};

/** The 组织部's accounts, to the cadre's file. */
async function reminderOf(trx: Trx, f: DueFinding): Promise<DueReminder | null> {
  const users = await cadreManagers(trx);
  const postId = /^cadre-post-(\d+)-/.exec(f.subject ?? '')?.[1];
  const cadreId = postId ? await cadreIdOfPost(trx, Number(postId)) : null;
  return { userIds: users, link: cadreId ? `/cadres/${cadreId}` : '/cadres' };
}
