/**
 * Training (培训) dictionaries: the four classes of the 干部教育培训规划 a course is planned for, where a person's
 * hours come from, a course attendee's status, and the classes whose yearly 学时 the regulations set.
 */

/** The classes of the school's 干部教育培训规划 a course is planned for (the seeds' four). */
export const trainingTargetGroups = [
  'middle_cadre',
  'young_reserve',
  'dual_leader_secretary',
  'party_worker',
] as const;
export type TrainingTargetGroup = (typeof trainingTargetGroups)[number];
export const trainingTargetGroupLabels = {
  middle_cadre: '中层干部',
  young_reserve: '年轻储备干部',
  dual_leader_secretary: '双带头人书记',
  party_worker: '党务工作者',
} as const satisfies Record<TrainingTargetGroup, string>;

/** Where an hour comes from; each is read from its own record, so nothing is entered twice. */
export const trainingHourSources = ['course', 'external', 'lecture', 'theme_day'] as const;
export type TrainingHourSource = (typeof trainingHourSources)[number];
export const trainingHourSourceLabels = {
  course: '培训班',
  external: '外部培训',
  lecture: '党课',
  theme_day: '主题党日（学习）',
} as const satisfies Record<TrainingHourSource, string>;

/** A person on a course: enrolled (not signed in yet), present (signed in; the hours missed recorded) or absent. */
export const trainingAttendanceStatuses = ['enrolled', 'present', 'absent'] as const;
export type TrainingAttendanceStatus = (typeof trainingAttendanceStatuses)[number];
export const trainingAttendanceStatusLabels = {
  enrolled: '待签到',
  present: '已签到',
  absent: '缺席',
} as const satisfies Record<TrainingAttendanceStatus, string>;

/**
 * The classes whose 学时 a regulation sets: party members (32 a year), 基层党组织书记 and 班子成员 (56 a year), cadres
 * of 乡科级 and below (90 a year) and 县处级 cadres and above (550 in 5 years). A person may be in several.
 */
export const trainingClasses = ['member', 'org_leader', 'cadre', 'senior_cadre'] as const;
export type TrainingClass = (typeof trainingClasses)[number];
export const trainingClassLabels = {
  member: '党员',
  org_leader: '基层党组织书记和班子成员',
  cadre: '干部（乡科级及以下）',
  senior_cadre: '县处级以上干部',
} as const satisfies Record<TrainingClass, string>;

/** The posts whose party work counts as service workload (服务工作量). */
export const incentivePosts = ['secretary', 'committee', 'group_leader'] as const;
export type IncentivePost = (typeof incentivePosts)[number];
export const incentivePostLabels = {
  secretary: '支部书记',
  committee: '支部委员',
  group_leader: '党小组长',
} as const satisfies Record<IncentivePost, string>;
