import { z } from 'zod';

/**
 * The school's training settings (组织部): how recorded 组织生活 converts to 学时, when the year's shortfall starts
 * to be reminded, and the party-work incentives for HR. No national number exists for any of them (RULES.md §11:
 * the incentives are the seeds' school rule), so each is configurable within a sensible range.
 */
export const trainingSettingsSchema = z.strictObject({
  /** 学时 one attended 党课 counts (1 次 = N 学时). */
  lectureHours: z.number().min(0).max(8).multipleOf(0.5),
  /** 学时 one attended 主题党日 with a study part (学习环节) counts. */
  themeDayStudyHours: z.number().min(0).max(8).multipleOf(0.5),
  /** Month (9–12) from which a person still under the year's requirement is reminded. */
  reminderFromMonth: z.int().min(9).max(12),
  /** 服务工作量 a year of a 支部书记 (seed 000: 10). */
  secretaryWorkload: z.int().min(0).max(200),
  /** 服务工作量 a year of a 支部委员 (seed 000: 10). */
  committeeWorkload: z.int().min(0).max(200),
  /** 服务工作量 a year of a 党小组长 (seed 000: 10). */
  groupLeaderWorkload: z.int().min(0).max(200),
  /** 课时减免 a year of a 双带头人 支部书记 (seed 000: 60). */
  dualLeaderReduction: z.int().min(0).max(500),
});
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

export const defaultTrainingSettings: TrainingSettings = {
  lectureHours: 2,
  themeDayStudyHours: 1,
  reminderFromMonth: 10,
  secretaryWorkload: 10,
  committeeWorkload: 10,
  groupLeaderWorkload: 10,
  dualLeaderReduction: 60,
};

/** Chinese names of the settings, for validation messages and the settings form. */
export const trainingSettingsLabels = {
  lectureHours: '每次党课折算学时',
  themeDayStudyHours: '每次主题党日（学习环节）折算学时',
  reminderFromMonth: '学时不足提醒起始月份',
  secretaryWorkload: '支部书记服务工作量',
  committeeWorkload: '支部委员服务工作量',
  groupLeaderWorkload: '党小组长服务工作量',
  dualLeaderReduction: '双带头人书记课时减免',
} as const satisfies Record<keyof TrainingSettings, string>;
