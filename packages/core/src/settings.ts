import { z } from 'zod';

/**
 * Thresholds of the org and organisational-life rules a school may change. Each bound encodes the national
 * limit, so a school can tighten a national rule but never loosen it (RULES.md §1, §2).
 */
export const ruleSettingsSchema = z
  .strictObject({
    /** 支部条例 ch.2: a branch generally has no more than 50 members; a school may set lower. */
    branchMaxMembers: z.int().min(3).max(50),
    /** 高校教师支部意见: teacher branches generally ≤30 (common). */
    staffBranchMaxMembers: z.int().min(3).max(50),
    /** School rule for student branches (configurable). */
    studentBranchMaxMembers: z.int().min(3).max(50),
    /** 支部条例 ch.6: ≥7 full members must elect a committee; a school may require one earlier. */
    committeeRequiredAt: z.int().min(3).max(7),
    /** Common: the superior reminds this many months before a term ends. */
    termReminderMonths: z.int().min(1).max(12),
    /** Common: the branch sends its 换届请示 this many months before the term ends. */
    electionRequestMonths: z.int().min(1).max(12),
    /** 选举条例 art. 3: postponement by at most 1 year; a school may allow less. */
    maxPostponementMonths: z.int().min(0).max(12),
    /** Whether a 二级学院 must have a 组织员 (common practice). */
    organiserRequired: z.boolean(),
    /** Check 党课 per term (lecturesPerTerm) instead of once a quarter (school rule). */
    lectureByTerm: z.boolean(),
    /** 党课 a term when checked per term; at least 2, since once a quarter (common) is ~2 a term. */
    lecturesPerTerm: z.int().min(2).max(6),
    /** Whether the 党委 and 党总支 must put the 第一议题 on an agenda every month (school rule). */
    firstTopicRequired: z.boolean(),
    /** Months of absence without leave in a row before a warning; 党章 第九条 treats 6 as 自行脱党. */
    absenceWarningMonths: z.int().min(1).max(5),
    /** Month (9–12) from which a yearly item still missing this year (组织生活会、民主评议、谈心谈话) warns. */
    yearlyWarningFromMonth: z.int().min(9).max(12),
    /** How many months back finished periods are checked for missing organisational life. */
    complianceLookbackMonths: z.int().min(3).max(24),
    /** Activities of their own branch a party-member leader attends each quarter (双重组织生活). */
    dualLifePerQuarter: z.int().min(1).max(3),
    /** Days before a month/quarter/term ends from which a still-missing activity is reminded. */
    lifeReminderDays: z.int().min(0).max(31),
    /**
     * Months an applicant waits after the application before being made an 入党积极分子 (school rule, RULES §4
     * step 3: commonly 3 or 6; the 发展细则 sets no minimum). Default 3: a three-year 高职 student who applies
     * in the first term can then be admitted before the final three months before graduation (发展细则
     * 第十九条); 6 would push admission past that point.
     */
    recruitmentMinMonthsBeforeActivist: z.int().min(0).max(12),
    /** Months a 政治审查 conclusion stays valid on the 支部大会 date (school rule, commonly 1 year). */
    politicalReviewValidMonths: z.int().min(1).max(12),
    /** Working days of the 公示 before 积极分子, 发展对象, 接收预备党员 and 转正 (common: at least 5). */
    publicNoticeWorkingDays: z.int().min(5).max(15),
    /** Days before the 预备期 ends from which the confirmation is reminded. */
    probationReminderDays: z.int().min(0).max(90),
  })
  .refine((s) => s.electionRequestMonths <= s.termReminderMonths, {
    path: ['electionRequestMonths'],
    message: '换届请示提前月数不能大于换届提醒提前月数',
  })
  .refine((s) => s.staffBranchMaxMembers <= s.branchMaxMembers, {
    path: ['staffBranchMaxMembers'],
    message: '教工党支部人数上限不能超过党支部人数上限',
  })
  .refine((s) => s.studentBranchMaxMembers <= s.branchMaxMembers, {
    path: ['studentBranchMaxMembers'],
    message: '学生党支部人数上限不能超过党支部人数上限',
  });
export type RuleSettings = z.infer<typeof ruleSettingsSchema>;

export const defaultRuleSettings: RuleSettings = {
  branchMaxMembers: 50,
  staffBranchMaxMembers: 30,
  studentBranchMaxMembers: 30,
  committeeRequiredAt: 7,
  termReminderMonths: 6,
  electionRequestMonths: 4,
  maxPostponementMonths: 12,
  organiserRequired: true,
  lectureByTerm: false,
  lecturesPerTerm: 2,
  firstTopicRequired: true,
  absenceWarningMonths: 3,
  yearlyWarningFromMonth: 10,
  complianceLookbackMonths: 12,
  dualLifePerQuarter: 1,
  lifeReminderDays: 14,
  recruitmentMinMonthsBeforeActivist: 3,
  politicalReviewValidMonths: 12,
  publicNoticeWorkingDays: 5,
  probationReminderDays: 30,
};

/** Chinese names of the rule settings, for forms and error messages. */
export const ruleSettingLabels = {
  branchMaxMembers: '党支部人数上限',
  staffBranchMaxMembers: '教工党支部人数上限',
  studentBranchMaxMembers: '学生党支部人数上限',
  committeeRequiredAt: '应设支部委员会的正式党员人数',
  termReminderMonths: '换届提醒提前月数',
  electionRequestMonths: '换届请示提前月数',
  maxPostponementMonths: '延期换届最长月数',
  organiserRequired: '二级学院须配备组织员',
  lectureByTerm: '党课按学期检查',
  lecturesPerTerm: '每学期党课次数（按学期检查时）',
  firstTopicRequired: '党委、党总支每月落实“第一议题”',
  absenceWarningMonths: '连续未参加组织生活预警月数',
  yearlyWarningFromMonth: '年度组织生活会、民主评议、谈心谈话预警起始月份',
  complianceLookbackMonths: '组织生活检查回溯月数',
  dualLifePerQuarter: '领导干部每季度参加所在支部组织生活次数',
  lifeReminderDays: '组织生活到期提醒提前天数',
  recruitmentMinMonthsBeforeActivist: '递交入党申请书后确定入党积极分子的最少月数',
  politicalReviewValidMonths: '政治审查结论有效月数',
  publicNoticeWorkingDays: '发展党员公示工作日数',
  probationReminderDays: '预备期满提醒提前天数',
} as const satisfies Record<keyof RuleSettings, string>;

/**
 * Security policy set by the security administrator. Floors follow 等保 2.0 level-2/3 practice:
 * complex passwords, lockout after repeated failures, idle timeout.
 */
export const securityPolicySchema = z.strictObject({
  passwordMinLength: z.int().min(8).max(64),
  /** How many of the four classes (lower, upper, digit, symbol) a password needs. */
  passwordMinClasses: z.int().min(3).max(4),
  lockoutThreshold: z.int().min(3).max(10),
  lockoutMinutes: z.int().min(5).max(1440),
  idleTimeoutMinutes: z.int().min(5).max(120),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const defaultSecurityPolicy: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 30,
};

export const securityPolicyLabels = {
  passwordMinLength: '密码最小长度',
  passwordMinClasses: '密码须包含的字符类别数',
  lockoutThreshold: '连续登录失败锁定次数',
  lockoutMinutes: '锁定时长（分钟）',
  idleTimeoutMinutes: '空闲超时（分钟）',
} as const satisfies Record<keyof SecurityPolicy, string>;

/** How many earlier passwords a user may not reuse (besides the current one), 等保 2.0 common practice. */
export const passwordHistoryCount = 5;

/** Problems with a password under the policy, in Chinese; empty when it is acceptable. */
export function checkPassword(password: string, policy: SecurityPolicy, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < policy.passwordMinLength)
    problems.push(`密码长度至少 ${policy.passwordMinLength} 位`);
  if (password.length > 128) problems.push('密码长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.passwordMinClasses)
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.passwordMinClasses} 类`);
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('密码不能包含用户名');
  return problems;
}
