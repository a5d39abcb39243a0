import { describe, expect, it } from 'vitest';
import {
  type AppointmentState,
  applyAppointmentStep,
  appointmentEligibilityProblems,
  defaultAppointmentSettings,
  initialAppointmentState,
  probationEnd,
} from './appointment.ts';
import {
  type AppointmentAlertFacts,
  appointmentDue,
  evaluateAppointmentRules,
} from './appointment-alerts.ts';
import {
  appointmentSettingsFrom,
  appointmentSettingsSchema,
  defaultAppointmentSettingsBody,
} from './appointment-settings.ts';

const probation = (probationEndOn: string): AppointmentState => ({
  ...initialAppointmentState,
  status: 'probation',
  decidedOn: '2025-12-01',
  noticeStartOn: '2025-12-02',
  noticeEndOn: '2025-12-08',
  appointedOn: '2025-12-09',
  probationEndOn,
});
const facts = (
  state: AppointmentState,
  extra: Partial<AppointmentAlertFacts> = {},
): AppointmentAlertFacts => ({
  id: 7,
  name: '张三',
  postTitle: '副院长',
  unitName: '机械工程学院',
  org: { id: 1, name: '中共某某学院委员会' },
  state,
  trainingDueOn: null,
  trainingHoursSince: 0,
  trainingHoursRequired: 90,
  ...extra,
});
const rules = (f: AppointmentAlertFacts, today: string) =>
  evaluateAppointmentRules([f], today).map((x) => x.ruleId);

describe('试用期 end (条例第四十二条): one year from the decision, the day before the anniversary', () => {
  it.each([
    ['2026-12-01', 12, '2027-11-30'],
    ['2026-01-31', 12, '2027-01-30'],
    ['2024-02-29', 12, '2025-02-27'],
    ['2026-03-01', 18, '2027-08-31'],
  ])('decided %s, %i months → %s', (on, months, end) => {
    expect(probationEnd(on, months)).toBe(end);
  });
});

describe('试用期 alerts around its end (2026-11-30)', () => {
  const s = probation('2026-11-30');
  it.each([
    ['2026-10-30', []],
    ['2026-10-31', ['cadre_appointment.probation_ending']],
    ['2026-11-30', ['cadre_appointment.probation_ending']],
    ['2026-12-01', ['cadre_appointment.probation_due']],
  ])('on %s → %j', (today, expected) => {
    expect(rules(facts(s), today)).toEqual(expected);
  });
  it('the overdue finding cites 第四十二条', () => {
    const [f] = evaluateAppointmentRules([facts(s)], '2026-12-01');
    expect(f?.clause.article).toBe('第四十二条');
    expect(f?.orgId).toBe(1);
  });
  it('nothing after 转正', () => {
    expect(rules(facts({ ...s, status: 'confirmed' }), '2027-01-01')).toEqual([]);
  });
});

describe('任前公示 over → 任职 due (第四十一条)', () => {
  const s: AppointmentState = {
    ...probation('2026-11-30'),
    status: 'notice',
    appointedOn: null,
    probationEndOn: null,
  };
  it.each([
    ['2025-12-08', null],
    ['2025-12-09', { kind: 'appoint', dueOn: '2025-12-09', overdue: false }],
    ['2025-12-10', { kind: 'appoint', dueOn: '2025-12-09', overdue: true }],
  ])('on %s → %j', (today, due) => {
    expect(appointmentDue(s, today)).toEqual(due);
  });
});

describe('training owed after 提任 (第八条)', () => {
  const s = probation('2026-11-30');
  const owed = { trainingDueOn: '2026-11-30', trainingHoursRequired: 90 };
  it.each([
    ['2026-11-30', 0, false],
    ['2026-12-01', 89, true],
    ['2026-12-01', 90, false],
  ])('on %s with %i 学时 → finding %s', (today, hours, expected) => {
    expect(
      rules(facts({ ...s, status: 'confirmed' }, { ...owed, trainingHoursSince: hours }), today).includes(
        'cadre_appointment.training_owed',
      ),
    ).toBe(expected);
  });
  it('not owed when the requirement was met before 提任', () => {
    expect(rules(facts({ ...s, status: 'confirmed' }), '2027-06-01')).toEqual([]);
  });
});

describe('school settings', () => {
  it('a notice of fewer than 5 working days can never be set', () => {
    const parse = (noticeWorkingDays: number) =>
      appointmentSettingsSchema.safeParse({ ...defaultAppointmentSettingsBody, noticeWorkingDays }).success;
    expect(parse(4)).toBe(false);
    expect(parse(5)).toBe(true);
  });
  it('the vetoes the school switches on are the ones applied', () => {
    expect(appointmentSettingsFrom(defaultAppointmentSettingsBody)).toEqual(defaultAppointmentSettings);
    expect(appointmentSettingsFrom({ ...defaultAppointmentSettingsBody, ethicsVeto: false }).vetoes).toEqual([
      'political',
    ]);
  });
  it('a stricter school: 7 working days refuses 6 (2026-12-02 Wed .. 12-09 Wed = 6)', () => {
    const settings = { ...defaultAppointmentSettings, noticeWorkingDays: 7 };
    const decided = { ...initialAppointmentState, status: 'decided' as const, decidedOn: '2026-12-01' };
    const f = { today: '2026-12-01', noticeStartOn: '2026-12-02' };
    expect(
      applyAppointmentStep(decided, 'publish_notice', { ...f, noticeEndOn: '2026-12-09' }, settings).ok,
    ).toBe(false);
    expect(
      applyAppointmentStep(decided, 'publish_notice', { ...f, noticeEndOn: '2026-12-10' }, settings).ok,
    ).toBe(true);
  });
  it('3 years as 副职 when the school sets 3: 3 years − 1 day refused', () => {
    const settings = { ...defaultAppointmentSettings, deputyYearsBeforePrincipal: 3 };
    const posts = (startOn: string) => [{ level: 'deputy' as const, startOn, endOn: null, promotion: true }];
    const check = {
      targetLevel: 'principal' as const,
      exceptional: false,
      on: '2026-12-01',
      trainingMet: true,
    };
    expect(appointmentEligibilityProblems(posts('2023-12-02'), check, settings)[0]?.message).toContain(
      '第八条',
    );
    expect(appointmentEligibilityProblems(posts('2023-12-01'), check, settings)).toEqual([]);
  });
  it('an ended 副职 post counts up to its end only: 730 days (the 2 years before 2026-12-01) pass, 729 do not', () => {
    const posts = [{ level: 'deputy' as const, startOn: '2023-01-01', endOn: '2024-12-30', promotion: true }];
    const check = {
      targetLevel: 'principal' as const,
      exceptional: false,
      on: '2026-12-01',
      trainingMet: true,
    };
    expect(appointmentEligibilityProblems(posts, check)).toEqual([]);
    expect(
      appointmentEligibilityProblems([{ ...posts[0]!, endOn: '2024-12-29' }], check).map((p) => p.path),
    ).toEqual(['postLevel']);
  });
});
