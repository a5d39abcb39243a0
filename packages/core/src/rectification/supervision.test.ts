import { describe, expect, it } from 'vitest';
import type { ProgressReportCadence, SupervisedTaskStatus } from './dictionaries.ts';
import {
  evaluateSupervisedTaskRules,
  progressReportDue,
  type SupervisedTaskAlertFacts,
  supervisionSourceLabel,
} from './supervision.ts';

const today = '2026-06-15';
const task = (
  over: Partial<{
    status: SupervisedTaskStatus;
    deadline: string;
    cadence: ProgressReportCadence;
    lastReportOn: string | null;
  }> = {},
): SupervisedTaskAlertFacts => ({
  id: 7,
  title: '完成党支部标准化规范化建设自查',
  leadOrg: { id: 3, name: '信息学院党总支' },
  state: {
    status: over.status ?? 'in_progress',
    deadline: over.deadline ?? '2026-09-30',
    originalDeadline: over.deadline ?? '2026-09-30',
    extensions: 0,
    extensionRequest: null,
  },
  cadence: over.cadence ?? 'monthly',
  issuedOn: '2026-05-01',
  lastReportOn: over.lastReportOn === undefined ? '2026-06-01' : over.lastReportOn,
});

describe('evaluateSupervisedTaskRules', () => {
  it.each([
    ['far from its deadline, reported: nothing', {}, []],
    ['due in 7 days: due soon', { deadline: '2026-06-22' }, ['supervision.due_soon']],
    ['due today: due soon', { deadline: today }, ['supervision.due_soon']],
    ['due in 8 days: nothing', { deadline: '2026-06-23' }, []],
    ['past its deadline: overdue', { deadline: '2026-06-14' }, ['supervision.overdue']],
    [
      'awaiting acceptance past its deadline: overdue',
      { status: 'awaiting_acceptance', deadline: '2026-06-01' },
      ['supervision.overdue'],
    ],
    ['reported done past its deadline: nothing', { status: 'reported_done', deadline: '2026-06-01' }, []],
    ['done: nothing', { status: 'done', deadline: '2026-06-01' }, []],
    [
      'monthly report missing since 06-01: report missing',
      { lastReportOn: '2026-05-10' },
      ['supervision.report_missing'],
    ],
    [
      'never reported since issue (05-01): report missing',
      { lastReportOn: null },
      ['supervision.report_missing'],
    ],
    ['reports only when done: nothing', { cadence: 'none', lastReportOn: null }, []],
    ['not accepted yet: no report asked', { status: 'awaiting_acceptance', lastReportOn: null }, []],
  ] as const)('%s', (_name, over, rules) => {
    const found = evaluateSupervisedTaskRules([task(over)], today);
    expect(found.map((f) => f.ruleId)).toEqual(rules);
    for (const f of found) expect(f).toMatchObject({ orgId: 3, subject: 'supervised-task-7' });
  });

  it('the overdue finding carries the deadline as its due date and counts the days', () => {
    const [f] = evaluateSupervisedTaskRules([task({ deadline: '2026-06-10' })], today);
    expect(f).toMatchObject({ dueDate: '2026-06-10' });
    expect(f!.message).toContain('已逾期5天');
  });

  it('a report due is the day one period after the last one, not past the deadline', () => {
    expect(progressReportDue(task({ lastReportOn: '2026-05-10' }), today)).toBe('2026-06-10');
    expect(progressReportDue(task({ lastReportOn: '2026-05-10', deadline: '2026-06-10' }), today)).toBeNull();
  });
});

describe('supervisionSourceLabel', () => {
  it.each([
    ['committee_meeting', 'committee', '党委会'],
    ['work_meeting', 'committee', '党务工作例会'],
    ['work_meeting', 'general_branch', '党务工作例会'],
    ['committee_meeting', 'general_branch', null],
    ['work_meeting', 'branch', null],
    ['joint_meeting', 'general_branch', '党政联席会'],
    ['joint_meeting', 'committee', null],
    ['joint_meeting', 'branch', null],
    ['general_meeting', 'committee', null],
  ] as const)('%s of a %s: %s', (kind, orgType, label) => {
    expect(supervisionSourceLabel(kind, orgType)).toBe(label);
  });
});
