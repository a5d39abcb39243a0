/**
 * The reserve of young cadres as alerts, a findings provider: core `evaluateReserveRules` over every candidate —
 * a plan item overdue, a candidate over the age limit still in the pool, the pool's yearly review due — filed on
 * the 党委 (the 组织部's own org), naming no one. A write to a candidate or plan item marks the 党委 (migration
 * 20261218_1200_cadre_reserve).
 */
import {
  evaluateReserveRules,
  type Finding,
  type IsoDate,
  type ReserveRuleId,
  type RuleId,
  reserveRuleCatalogue,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { getReserveSettings } from '../settings/service.ts';
import * as repo from './repo.ts';
import { stateOf } from './service.ts';

export const cadreReserveFindingsProvider: FindingsProvider = {
  id: 'cadre_reserve',
  ruleIds: Object.keys(reserveRuleCatalogue) as ReserveRuleId[],
  reads: ['cadre_reserve', 'person', 'org'],
  evaluate: (db, today, orgIds) => reserveFindings(db, today, orgIds),
};

async function reserveFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const root = await repo.rootOrg(db);
  if (!root || (orgIds !== null && !orgIds.includes(root.id))) return [];
  const rows = await repo.listCandidates(db, undefined);
  const items = await repo.planItems(
    db,
    rows.map((r) => r.id),
  );
  return evaluateReserveRules(
    rows.map((r) => ({
      id: r.id,
      state: stateOf(r),
      birthDate: r.birth_date,
      planItems: items
        .filter((i) => i.candidate_id === r.id)
        .map((i) => ({ id: i.id, kind: i.kind, title: i.title, dueOn: i.due_on, doneOn: i.done_on })),
    })),
    root,
    today,
    await getReserveSettings(db),
  );
}
