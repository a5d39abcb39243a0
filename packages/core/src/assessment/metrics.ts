/**
 * The metrics an indicator can be computed from: figures the server reads from records the platform already
 * holds for the round's period and reference date ("最多报一次": nothing a branch types again). Each names the
 * records it reads, so a score can open them. Nothing here counts photos, uploads, log-ins, online time or
 * likes (RULES.md §14, 《整治形式主义为基层减负若干规定》); metrics.test.ts keeps it so.
 *
 * Values: a `ratio` is 0–1 (shown as %), a `count` a whole number ≥ 0, `days` whole days ≥ 0. A value is null
 * when the metric does not apply to the org (no 发展党员 step was due, not a 教工党支部, nothing to rectify):
 * the indicator then scores as its `notApplicable` says.
 */
import type { AssessedLevel } from './dictionaries.ts';

export const metricUnits = ['ratio', 'count', 'days'] as const;
export type MetricUnit = (typeof metricUnits)[number];

export const metricUnitLabels = {
  ratio: '比例',
  count: '个数',
  days: '天数',
} as const satisfies Record<MetricUnit, string>;

/** Whether a larger value is better (a completion rate) or worse (open findings, days overdue). */
export const metricDirections = ['higher_better', 'lower_better'] as const;
export type MetricDirection = (typeof metricDirections)[number];

export const metricDirectionLabels = {
  higher_better: '越高越好',
  lower_better: '越低越好',
} as const satisfies Record<MetricDirection, string>;

/** One record-computed metric the server provides. */
export interface MetricInfo {
  label: string;
  unit: MetricUnit;
  direction: MetricDirection;
  /** What records it reads and how it is counted, for the provenance a score shows. */
  reads: string;
  appliesTo: readonly AssessedLevel[];
}

const branch = ['branch'] as const;
const secondary = ['secondary'] as const;
const both = ['branch', 'secondary'] as const;

/** Every metric the server computes, by key. */
export const metricCatalogue = {
  three_meetings_one_lecture_rate: {
    label: '“三会一课”按期完成率',
    unit: 'ratio',
    direction: 'higher_better',
    reads:
      '考核期内已归档的支部党员大会、支委会、党小组会、党课记录：按组织生活合规规则应开展的期次中已按期开展的比例（成立前的期次不计）',
    appliesTo: branch,
  },
  theme_day_rate: {
    label: '主题党日按月开展率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '考核期内已归档的主题党日记录：应开展的月份中已开展的比例',
    appliesTo: branch,
  },
  review_meeting_held: {
    label: '组织生活会召开次数',
    unit: 'count',
    direction: 'higher_better',
    reads: '考核期内已归档的组织生活会记录数',
    appliesTo: branch,
  },
  member_appraisal_held: {
    label: '民主评议党员开展次数',
    unit: 'count',
    direction: 'higher_better',
    reads: '考核期内已归档的民主评议党员记录数',
    appliesTo: branch,
  },
  member_appraisal_done: {
    label: '民主评议党员完成次数',
    unit: 'count',
    direction: 'higher_better',
    reads:
      '考核期内的年度民主评议党员：经个人自评、民主测评、支委会提出，由党员大会决定评定等次而完成的次数（只启动未完成的不计）',
    appliesTo: branch,
  },
  talk_coverage: {
    label: '谈心谈话覆盖率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '考核期内的谈心谈话记录：参加过至少一次谈心谈话的党员占应谈党员的比例',
    appliesTo: branch,
  },
  life_attendance_rate: {
    label: '组织生活出席率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '考核期内已归档的本支部组织生活记录的出席情况：出席人次占应出席人次的比例（请假不计为出席）',
    appliesTo: branch,
  },
  members_absent_six_months: {
    label: '连续6个月未参加组织生活的党员数',
    unit: 'count',
    direction: 'lower_better',
    reads: '参照日仍未解决的“连续6个月不参加组织生活”预警所涉党员数',
    appliesTo: branch,
  },
  findings_open: {
    label: '未解决的监测预警数',
    unit: 'count',
    direction: 'lower_better',
    reads: '参照日本组织仍未解决的监测预警（错误、警告级）条数',
    appliesTo: both,
  },
  findings_resolved_rate: {
    label: '监测预警解决率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '考核期内产生的本组织监测预警中，参照日前已解决的比例',
    appliesTo: both,
  },
  recruitment_steps_on_time_rate: {
    label: '发展党员程序按期率',
    unit: 'ratio',
    direction: 'higher_better',
    reads:
      '考核期内到期的发展党员程序步骤（谈话、考察、转正讨论、审批等）中按期办理的比例，二级党组织含所属支部；无到期步骤时不适用',
    appliesTo: both,
  },
  review_meeting_rate: {
    label: '所属支部组织生活会召开率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '所属党支部中考核期内已归档组织生活会记录的支部比例',
    appliesTo: secondary,
  },
  member_appraisal_rate: {
    label: '所属支部民主评议党员开展率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '所属党支部中考核期内已归档民主评议党员记录的支部比例',
    appliesTo: secondary,
  },
  branch_life_rate: {
    label: '所属支部“三会一课”按期完成率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '所属党支部“三会一课”应开展期次中已按期开展的比例（合并计算）',
    appliesTo: secondary,
  },
  term_overdue_days: {
    label: '超期未换届天数',
    unit: 'days',
    direction: 'lower_better',
    reads: '参照日届次记录：已过届满日期（经批准延期的按延期日期）仍未换届的天数，按期换届为0',
    appliesTo: both,
  },
  terms_in_order_rate: {
    label: '所属支部按期换届率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '参照日所属党支部中届次记录按期（未超过届满或批准延期日期）的比例',
    appliesTo: secondary,
  },
  team_findings_open: {
    label: '班子配备问题数',
    unit: 'count',
    direction: 'lower_better',
    reads: '参照日未解决的班子配备预警（应设未设支委会、委员人数不符、书记空缺）条数',
    appliesTo: both,
  },
  dual_leader_secretary: {
    label: '书记为“双带头人”',
    unit: 'count',
    direction: 'higher_better',
    reads: '参照日届次记录中书记的“双带头人”标记：是为1，否为0；非教工党支部不适用',
    appliesTo: branch,
  },
  dual_leader_rate: {
    label: '所属教工党支部书记“双带头人”比例',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '参照日所属教工党支部中书记为“双带头人”的比例；无教工党支部时不适用',
    appliesTo: secondary,
  },
  first_topic_rate: {
    label: '“第一议题”按月落实率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '考核期内党总支委员会会议、党务工作例会、中心组学习记录中议程列为“第一议题”的月份比例',
    appliesTo: secondary,
  },
  study_group_sessions: {
    label: '理论学习中心组学习次数',
    unit: 'count',
    direction: 'higher_better',
    reads: '考核期内已归档的理论学习中心组学习记录数',
    appliesTo: secondary,
  },
  leadership_review_meeting_held: {
    label: '民主生活会召开次数',
    unit: 'count',
    direction: 'higher_better',
    reads: '考核期内已归档的民主生活会记录数',
    appliesTo: secondary,
  },
  dual_life_missing: {
    label: '未过双重组织生活的领导干部党员数',
    unit: 'count',
    direction: 'lower_better',
    reads: '参照日未解决的“双重组织生活”预警所涉领导干部党员数',
    appliesTo: secondary,
  },
  rectifications_closed_on_time_rate: {
    label: '整改事项按期销号率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '期限在考核期内的本组织整改事项中，在期限（含批准延期）内销号的比例；无到期事项时不适用',
    appliesTo: both,
  },
  rectifications_overdue: {
    label: '逾期未销号的整改事项数',
    unit: 'count',
    direction: 'lower_better',
    reads: '参照日已过期限仍未销号的本组织整改事项数',
    appliesTo: both,
  },
  supervised_tasks_on_time_rate: {
    label: '督办事项按期办结率',
    unit: 'ratio',
    direction: 'higher_better',
    reads: '期限在考核期内、由本组织牵头的督办事项中按期办结的比例；无到期事项时不适用',
    appliesTo: both,
  },
  transfers_overdue: {
    label: '超期未办结的组织关系转接数',
    unit: 'count',
    direction: 'lower_better',
    reads: '参照日超期未接收或未办结的组织关系转接预警条数',
    appliesTo: both,
  },
  duty_review_grade: {
    label: '书记抓党建述职评议考核等次',
    unit: 'count',
    direction: 'higher_better',
    reads:
      '考核期末所在年度已公布的述职评议考核中本组织书记的等次，按 好 4、较好 3、一般 2、差 1 计（当年未开展或未公布的不适用）',
    appliesTo: both,
  },
} as const satisfies Record<string, MetricInfo>;

export type MetricKey = keyof typeof metricCatalogue;
export const metricKeys = Object.keys(metricCatalogue) as MetricKey[];

/** True when `key` names a metric of the catalogue. */
export function isMetricKey(key: string): key is MetricKey {
  return Object.hasOwn(metricCatalogue, key);
}

/** The value range of a unit: ratios 0–1, counts and days from 0 up. */
export function metricRange(unit: MetricUnit): { min: number; max: number | null } {
  return unit === 'ratio' ? { min: 0, max: 1 } : { min: 0, max: null };
}

/** A metric's value for people: 87.5%, 3 个, 120 天; 不适用 for null. */
export function formatMetricValue(key: MetricKey, value: number | null): string {
  if (value === null) return '不适用';
  const unit = metricCatalogue[key].unit;
  if (key === 'duty_review_grade') return ['差', '一般', '较好', '好'][value - 1] ?? `${value}`;
  if (unit === 'ratio') return `${Math.round(value * 1000) / 10}%`;
  return unit === 'days' ? `${value} 天` : `${value}`;
}

/** The catalogue as a list, for a level (the system editor offers these). */
export function metricsForLevel(level: AssessedLevel): (MetricInfo & { key: MetricKey })[] {
  return metricKeys
    .map((key) => ({ key, ...metricCatalogue[key] }))
    .filter((m) => (m.appliesTo as readonly AssessedLevel[]).includes(level));
}
