import type { RuleKind, Severity } from '../dictionaries.ts';

/** The regulations the training rules cite. */
export const trainingRegulations = {
  educationRegulation: '《中国共产党党员教育管理工作条例》（2019）',
  educationPlan: '《2019—2023年全国党员教育培训工作规划》',
  cadreTrainingRegulation: '《干部教育培训工作条例》（2023）',
} as const;

/**
 * Rules on training hours (training/rules.ts; the catalogue spreads them): a party member or a 基层党组织书记 /
 * 班子成员 still under the year's 学时 near its end (a reminder to the branch, per person, never a ranking), and a
 * new secretary not trained within 6 months of taking office; a 中层干部 of the cadre roster under the year's 90, and
 * one whose post is marked 县处级 under 550 over the 5 calendar years ending with the year.
 */
export const trainingRuleCatalogue = {
  'training.member_hours_short': {
    title: '党员年度学习培训学时不足',
    kind: 'national',
    severity: 'info',
    clause: {
      source: trainingRegulations.educationRegulation,
      article: '第二十条',
      text: '党员每年集中学习培训时间一般不少于32学时。',
    },
  },
  'training.leader_hours_short': {
    title: '基层党组织书记和班子成员年度培训学时不足',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: trainingRegulations.educationPlan,
      article: '基层党组织带头人队伍培训',
      text: '基层党组织书记和班子成员每年集中学习培训时间不少于56学时。（条文尚待与官方文本核对）',
    },
  },
  'training.cadre_hours_short': {
    title: '中层干部年度教育培训学时不足',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: trainingRegulations.cadreTrainingRegulation,
      article: '教育培训时间',
      text: '乡科级及以下干部每年参加教育培训的时间累计不少于12天或者90学时。',
    },
  },
  'training.senior_cadre_hours_short': {
    title: '县处级干部5年教育培训学时不足',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: trainingRegulations.cadreTrainingRegulation,
      article: '教育培训时间',
      text: '县处级以上领导干部每5年参加组织调训累计不少于3个月或者550学时。',
    },
  },
  'training.new_secretary_untrained': {
    title: '新任党组织书记任职6个月内未参加培训',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: trainingRegulations.educationPlan,
      article: '基层党组织带头人队伍培训',
      text: '新任基层党组织书记一般在任职后6个月内参加集中培训。（条文尚待与官方文本核对）',
    },
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
/** Identifier of a rule on training hours. */
export type TrainingRuleId = keyof typeof trainingRuleCatalogue;
