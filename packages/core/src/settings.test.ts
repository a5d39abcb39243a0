import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  defaultRuleSettings,
  defaultSecurityPolicy,
  type RuleSettings,
  ruleSettingLabels,
  ruleSettingsSchema,
  type SecurityPolicy,
  securityPolicyLabels,
  securityPolicySchema,
} from './settings.ts';

/**
 * The distinct paths of the issues a parse reports, as 'a.b' strings; empty when it succeeds. (Zod runs
 * the cross-field refinements even after a range check failed, so one field can carry two issues.)
 */
function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  if (result.success) return [];
  return [...new Set((result.error?.issues ?? []).map((i) => i.path.map(String).join('.')))];
}

describe('ruleSettingsSchema', () => {
  it('accepts the defaults unchanged', () => {
    expect(ruleSettingsSchema.parse(defaultRuleSettings)).toEqual(defaultRuleSettings);
  });

  it('every setting has a label', () => {
    expect(Object.keys(ruleSettingLabels).sort()).toEqual(Object.keys(defaultRuleSettings).sort());
  });

  it('exposes every setting through .shape (the web form is built from it)', () => {
    expect(Object.keys(ruleSettingsSchema.shape).sort()).toEqual(Object.keys(defaultRuleSettings).sort());
  });

  it.each<[string, Partial<RuleSettings>]>([
    [
      'a lower branch limit',
      { branchMaxMembers: 40, staffBranchMaxMembers: 25, studentBranchMaxMembers: 25 },
    ],
    [
      'the lowest branch limit',
      { branchMaxMembers: 3, staffBranchMaxMembers: 3, studentBranchMaxMembers: 3 },
    ],
    [
      'staff and student limits at the branch limit',
      { staffBranchMaxMembers: 50, studentBranchMaxMembers: 50 },
    ],
    ['a committee required earlier', { committeeRequiredAt: 5 }],
    ['a committee required from 3', { committeeRequiredAt: 3 }],
    ['no postponement at all', { maxPostponementMonths: 0 }],
    ['a shorter postponement', { maxPostponementMonths: 6 }],
    ['request and reminder in the same month', { termReminderMonths: 4, electionRequestMonths: 4 }],
    ['the longest reminder', { termReminderMonths: 12, electionRequestMonths: 12 }],
    ['the shortest reminder', { termReminderMonths: 1, electionRequestMonths: 1 }],
    ['no organiser required', { organiserRequired: false }],
    ['党课 checked per term, twice', { lectureByTerm: true, lecturesPerTerm: 2 }],
    ['党课 checked per term, six times', { lectureByTerm: true, lecturesPerTerm: 6 }],
    ['no 第一议题 check', { firstTopicRequired: false }],
    ['an absence warning after 1 month', { absenceWarningMonths: 1 }],
    ['an absence warning after 5 months', { absenceWarningMonths: 5 }],
    ['yearly warnings from September', { yearlyWarningFromMonth: 9 }],
    ['yearly warnings only in December', { yearlyWarningFromMonth: 12 }],
    ['the shortest lookback', { complianceLookbackMonths: 3 }],
    ['the longest lookback', { complianceLookbackMonths: 24 }],
    ['双重组织生活 three times a quarter', { dualLifePerQuarter: 3 }],
    ['reminders only on the last day', { lifeReminderDays: 0 }],
    ['reminders a month ahead', { lifeReminderDays: 31 }],
    ['积极分子 right after the application', { recruitmentMinMonthsBeforeActivist: 0 }],
    ['积极分子 only after a year', { recruitmentMinMonthsBeforeActivist: 12 }],
    ['a political review valid one month', { politicalReviewValidMonths: 1 }],
    ['a political review valid a year', { politicalReviewValidMonths: 12 }],
    ['a 公示 of 5 working days', { publicNoticeWorkingDays: 5 }],
    ['a 公示 of 15 working days', { publicNoticeWorkingDays: 15 }],
    ['a probation reminder on the last day', { probationReminderDays: 0 }],
    ['a probation reminder 90 days ahead', { probationReminderDays: 90 }],
  ])('accepts tightened or school-set values: %s', (_name, change) => {
    const value = { ...defaultRuleSettings, ...change };
    expect(ruleSettingsSchema.parse(value)).toEqual(value);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a branch of 51 (支部条例: ≤50)', { branchMaxMembers: 51 }, 'branchMaxMembers'],
    ['a staff branch of 51', { staffBranchMaxMembers: 51 }, 'staffBranchMaxMembers'],
    ['a student branch of 51', { studentBranchMaxMembers: 51 }, 'studentBranchMaxMembers'],
    ['a committee only from 8 full members (支部条例: 7)', { committeeRequiredAt: 8 }, 'committeeRequiredAt'],
    [
      'a postponement of 13 months (选举条例: ≤1 year)',
      { maxPostponementMonths: 13 },
      'maxPostponementMonths',
    ],
    ['one 党课 a term (common: once a quarter)', { lecturesPerTerm: 1 }, 'lecturesPerTerm'],
    [
      'an absence warning only at 6 months (党章 第九条: 6 is 自行脱党)',
      { absenceWarningMonths: 6 },
      'absenceWarningMonths',
    ],
    ['no 双重组织生活 at all', { dualLifePerQuarter: 0 }, 'dualLifePerQuarter'],
    ['a 公示 of 4 working days (common: ≥5)', { publicNoticeWorkingDays: 4 }, 'publicNoticeWorkingDays'],
    [
      'a political review valid 13 months (common: 1 year)',
      { politicalReviewValidMonths: 13 },
      'politicalReviewValidMonths',
    ],
  ])('refuses loosening a national limit: %s', (_name, change, path) => {
    expect(issuePaths(ruleSettingsSchema.safeParse({ ...defaultRuleSettings, ...change }))).toEqual([path]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a branch limit below 3',
      { branchMaxMembers: 2, staffBranchMaxMembers: 2, studentBranchMaxMembers: 2 },
      'branchMaxMembers',
    ],
    ['a committee threshold below 3', { committeeRequiredAt: 2 }, 'committeeRequiredAt'],
    ['a reminder of 0 months', { termReminderMonths: 0, electionRequestMonths: 0 }, 'termReminderMonths'],
    ['a reminder of 13 months', { termReminderMonths: 13 }, 'termReminderMonths'],
    ['a negative postponement', { maxPostponementMonths: -1 }, 'maxPostponementMonths'],
    ['a fractional limit', { branchMaxMembers: 40.5 }, 'branchMaxMembers'],
    ['a number as a string', { committeeRequiredAt: '7' }, 'committeeRequiredAt'],
    ['a flag as a string', { organiserRequired: 'true' }, 'organiserRequired'],
    ['a missing field', { maxPostponementMonths: undefined }, 'maxPostponementMonths'],
    ['7 党课 a term', { lecturesPerTerm: 7 }, 'lecturesPerTerm'],
    ['no absence warning', { absenceWarningMonths: 0 }, 'absenceWarningMonths'],
    ['yearly warnings from August', { yearlyWarningFromMonth: 8 }, 'yearlyWarningFromMonth'],
    ['yearly warnings from month 13', { yearlyWarningFromMonth: 13 }, 'yearlyWarningFromMonth'],
    ['a lookback of 2 months', { complianceLookbackMonths: 2 }, 'complianceLookbackMonths'],
    ['a lookback of 25 months', { complianceLookbackMonths: 25 }, 'complianceLookbackMonths'],
    ['双重组织生活 4 times a quarter', { dualLifePerQuarter: 4 }, 'dualLifePerQuarter'],
    ['a negative reminder', { lifeReminderDays: -1 }, 'lifeReminderDays'],
    ['a reminder of 32 days', { lifeReminderDays: 32 }, 'lifeReminderDays'],
    ['a fractional reminder', { lifeReminderDays: 1.5 }, 'lifeReminderDays'],
    ['a term flag as a number', { lectureByTerm: 1 }, 'lectureByTerm'],
    ['a missing first-topic flag', { firstTopicRequired: undefined }, 'firstTopicRequired'],
    [
      'a negative wait before 积极分子',
      { recruitmentMinMonthsBeforeActivist: -1 },
      'recruitmentMinMonthsBeforeActivist',
    ],
    [
      'a wait of 13 months before 积极分子',
      { recruitmentMinMonthsBeforeActivist: 13 },
      'recruitmentMinMonthsBeforeActivist',
    ],
    ['a political review valid 0 months', { politicalReviewValidMonths: 0 }, 'politicalReviewValidMonths'],
    ['a 公示 of 16 working days', { publicNoticeWorkingDays: 16 }, 'publicNoticeWorkingDays'],
    ['a negative probation reminder', { probationReminderDays: -1 }, 'probationReminderDays'],
    ['a probation reminder of 91 days', { probationReminderDays: 91 }, 'probationReminderDays'],
  ])('refuses out-of-range or mistyped values: %s', (_name, change, path) => {
    expect(issuePaths(ruleSettingsSchema.safeParse({ ...defaultRuleSettings, ...change }))).toContain(path);
  });

  it.each<[string, Partial<RuleSettings>, string[]]>([
    [
      'the 换届请示 before the reminder',
      { termReminderMonths: 3, electionRequestMonths: 4 },
      ['electionRequestMonths'],
    ],
    [
      'a staff limit above the branch limit',
      { branchMaxMembers: 40, staffBranchMaxMembers: 41 },
      ['staffBranchMaxMembers'],
    ],
    [
      'a student limit above the branch limit',
      { branchMaxMembers: 40, studentBranchMaxMembers: 45 },
      ['studentBranchMaxMembers'],
    ],
    [
      'both limits above the branch limit',
      { branchMaxMembers: 20 },
      ['staffBranchMaxMembers', 'studentBranchMaxMembers'],
    ],
  ])('refuses inconsistent values: %s', (_name, change, paths) => {
    expect(issuePaths(ruleSettingsSchema.safeParse({ ...defaultRuleSettings, ...change }))).toEqual(paths);
  });

  it('refuses unknown keys', () => {
    const result = ruleSettingsSchema.safeParse({ ...defaultRuleSettings, branchMinMembers: 3 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it.each([null, undefined, 'x', 7, []])('refuses a non-object: %j', (value) => {
    expect(ruleSettingsSchema.safeParse(value).success).toBe(false);
  });
});

describe('securityPolicySchema', () => {
  it('accepts the defaults unchanged', () => {
    expect(securityPolicySchema.parse(defaultSecurityPolicy)).toEqual(defaultSecurityPolicy);
  });

  it('every policy field has a label', () => {
    expect(Object.keys(securityPolicyLabels).sort()).toEqual(Object.keys(defaultSecurityPolicy).sort());
  });

  it.each<[string, Partial<SecurityPolicy>]>([
    [
      'the floors',
      {
        passwordMinLength: 8,
        passwordMinClasses: 3,
        lockoutThreshold: 3,
        lockoutMinutes: 5,
        idleTimeoutMinutes: 5,
      },
    ],
    [
      'the ceilings',
      {
        passwordMinLength: 64,
        passwordMinClasses: 4,
        lockoutThreshold: 10,
        lockoutMinutes: 1440,
        idleTimeoutMinutes: 120,
      },
    ],
    [
      'a stricter policy',
      { passwordMinLength: 12, passwordMinClasses: 4, lockoutThreshold: 3, idleTimeoutMinutes: 10 },
    ],
  ])('accepts %s', (_name, change) => {
    const value = { ...defaultSecurityPolicy, ...change };
    expect(securityPolicySchema.parse(value)).toEqual(value);
  });

  it.each<[Partial<Record<keyof SecurityPolicy, unknown>>, keyof SecurityPolicy]>([
    [{ passwordMinLength: 7 }, 'passwordMinLength'],
    [{ passwordMinLength: 65 }, 'passwordMinLength'],
    [{ passwordMinClasses: 2 }, 'passwordMinClasses'],
    [{ passwordMinClasses: 5 }, 'passwordMinClasses'],
    [{ lockoutThreshold: 2 }, 'lockoutThreshold'],
    [{ lockoutThreshold: 11 }, 'lockoutThreshold'],
    [{ lockoutMinutes: 4 }, 'lockoutMinutes'],
    [{ lockoutMinutes: 1441 }, 'lockoutMinutes'],
    [{ idleTimeoutMinutes: 4 }, 'idleTimeoutMinutes'],
    [{ idleTimeoutMinutes: 121 }, 'idleTimeoutMinutes'],
    [{ idleTimeoutMinutes: 30.5 }, 'idleTimeoutMinutes'],
    [{ passwordMinLength: '8' }, 'passwordMinLength'],
  ])('refuses %j', (change, path) => {
    expect(issuePaths(securityPolicySchema.safeParse({ ...defaultSecurityPolicy, ...change }))).toEqual([
      path,
    ]);
  });

  it('refuses unknown keys', () => {
    const result = securityPolicySchema.safeParse({ ...defaultSecurityPolicy, passwordMaxAgeDays: 90 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('checkPassword', () => {
  const policy = defaultSecurityPolicy;
  const tooShort = '密码长度至少 8 位';
  const tooFewClasses = '密码须包含大写字母、小写字母、数字、符号中的至少 3 类';
  const hasUsername = '密码不能包含用户名';

  it.each<[string, string, string | undefined, string[]]>([
    // [case, password, username, problems]
    ['lower + upper + digit, exactly 8', 'Abcdef12', undefined, []],
    ['lower + digit + symbol', 'abcdef1!', undefined, []],
    ['all four classes', 'Ab1!Ab1!Ab1!', undefined, []],
    ['symbols include spaces and Chinese', 'Ab 党建 12', undefined, []],
    ['7 characters', 'Abcde12', undefined, [tooShort]],
    ['empty', '', undefined, [tooShort, tooFewClasses]],
    ['lower only', 'abcdefghij', undefined, [tooFewClasses]],
    ['lower + upper only', 'abcdEFGHij', undefined, [tooFewClasses]],
    ['digits + symbols only', '12345678!@', undefined, [tooFewClasses]],
    ['short and simple', 'abc', undefined, [tooShort, tooFewClasses]],
    ['exactly 128 characters', `Aa1${'x'.repeat(125)}`, undefined, []],
    ['129 characters', `Aa1${'x'.repeat(126)}`, undefined, ['密码长度不能超过 128 位']],
    ['contains the username', 'zhangsan#2026', 'zhangsan', [hasUsername]],
    ['contains the username in another case', 'ZhangSan#2026', 'zhangsan', [hasUsername]],
    ['username in upper case', 'Xzhangsan#1', 'ZHANGSAN', [hasUsername]],
    ['does not contain the username', 'Lisi#20260101', 'zhangsan', []],
    ['a username shorter than 3 is not checked', 'Ab#12345', 'ab', []],
    ['a 3-letter username is checked', 'Xabc#1234', 'abc', [hasUsername]],
    ['an empty username is not checked', 'Ab#12345', '', []],
    ['every problem at once', 'abc', 'abc', [tooShort, tooFewClasses, hasUsername]],
  ])('%s', (_name, password, username, problems) => {
    expect(checkPassword(password, policy, username)).toEqual(problems);
  });

  it.each<[number, string, number]>([
    // [min length, password, problems]
    [12, 'Abcdefgh123', 1],
    [12, 'Abcdefgh1234', 0],
    [12, 'Abcdefgh12345', 0],
    [64, `Aa1${'x'.repeat(60)}`, 1],
    [64, `Aa1${'x'.repeat(61)}`, 0],
  ])('min length %i: %s has %i problem(s)', (passwordMinLength, password, count) => {
    const problems = checkPassword(password, { ...policy, passwordMinLength });
    expect(problems).toHaveLength(count);
    if (count) expect(problems[0]).toBe(`密码长度至少 ${passwordMinLength} 位`);
  });

  it.each<[string, number]>([
    ['Abcdef12', 1],
    ['Abcdef1!', 0],
    ['abcdef1!', 1],
    ['ABCDEF1!', 1],
  ])('with 4 classes required, %s has %i problem(s)', (password, count) => {
    const problems = checkPassword(password, { ...policy, passwordMinClasses: 4 });
    expect(problems).toEqual(count ? ['密码须包含大写字母、小写字母、数字、符号中的至少 4 类'] : []);
  });
});
