import type { RuleKind, Severity } from '../dictionaries.ts';

/** The rules the 年轻干部储备 (后备干部) cite: the school's own 后备干部工作办法, under the national practice. */
export const reserveRegulations = {
  schoolReserveRule: '本校中层干部后备人才队伍建设办法',
  selectionRegulation: '《党政领导干部选拔任用工作条例》（2019）',
} as const;

const reservePoolClause = {
  source: reserveRegulations.schoolReserveRule,
  article: '动态管理',
  text: '后备干部实行动态管理，每年进行一次分析研判和调整：对表现突出的及时使用，对不再适合作为后备干部的及时调出，对超过年龄条件的不再列为后备干部。',
} as const;

/**
 * Rules on the reserve of young cadres (cadres/reserve.ts `evaluateReserveRules`; the catalogue spreads them): a
 * development plan item past its due date and not done, the pool's yearly review (动态调整) due, and a candidate
 * over the age limit of the reserve level still in the pool. Filed on the 党委 (the 组织部's own org), so only
 * those who see the whole school see them; the messages name no candidate (the 待办 of the 组织部 do).
 */
export const reserveRuleCatalogue = {
  'cadre_reserve.plan_item_overdue': {
    title: '后备干部培养计划事项逾期未完成',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: reserveRegulations.schoolReserveRule,
      article: '培养锻炼',
      text: '对后备干部逐人制定培养计划，明确学习培训、实践锻炼（挂职）、轮岗交流和导师帮带等措施及完成时限，组织部跟踪落实。',
    },
  },
  'cadre_reserve.review_due': {
    title: '后备干部库年度动态调整到期',
    kind: 'common',
    severity: 'warning',
    clause: reservePoolClause,
  },
  'cadre_reserve.over_age': {
    title: '后备干部超过年龄条件仍在库',
    kind: 'common',
    severity: 'warning',
    clause: reservePoolClause,
  },
} as const satisfies Record<
  string,
  {
    title: string;
    kind: RuleKind;
    severity: Severity;
    clause: { source: string; article: string; text: string };
  }
>;
/** Identifier of a rule on the cadre reserve. */
export type ReserveRuleId = keyof typeof reserveRuleCatalogue;
