import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules/catalogue.ts';
import { evaluateRectificationRules, type RectificationAlertFacts } from './alerts.ts';
import type { RectificationState } from './lifecycle.ts';

const today = '2026-06-15';
const state: RectificationState = {
  status: 'in_progress',
  deadline: '2026-06-30',
  originalDeadline: '2026-06-30',
  extensions: 0,
  extensionRequest: null,
  milestones: [],
  reopenCount: 0,
};
const item = (over: Partial<RectificationAlertFacts> & { s?: Partial<RectificationState> } = {}) => {
  const { s, ...rest } = over;
  return {
    id: 7,
    org: { id: 10, name: '甲支部' },
    verifierOrg: { id: 2, name: '某学院党总支' },
    source: 'upper_check',
    problem: '支委会未按月召开，会议记录不完整',
    state: { ...state, ...s },
    submittedOn: null,
    ...rest,
  } satisfies RectificationAlertFacts;
};
const rules = (i: RectificationAlertFacts) => evaluateRectificationRules([i], today).map((f) => f.ruleId);

describe('evaluateRectificationRules', () => {
  it.each([
    ['due in 16 days: nothing yet', { deadline: '2026-07-01' }, []],
    ['due in 8 days: nothing yet', { deadline: '2026-06-23' }, []],
    ['due in 7 days: reminds', { deadline: '2026-06-22' }, ['rectification.due_soon']],
    ['due today: reminds', { deadline: today }, ['rectification.due_soon']],
    ['due yesterday: overdue', { deadline: '2026-06-14' }, ['rectification.overdue']],
    ['pending and overdue', { status: 'pending', deadline: '2026-06-01' }, ['rectification.overdue']],
    ['submitted: no deadline finding', { status: 'submitted', deadline: '2026-06-01' }, []],
    ['closed: nothing', { status: 'closed', deadline: '2026-06-01', extensions: 3 }, []],
    ['extended once', { extensions: 1 }, []],
    ['extended twice', { extensions: 2, originalDeadline: '2026-03-31' }, ['rectification.extended_twice']],
    [
      'extended three times and overdue',
      { extensions: 3, deadline: '2026-06-10' },
      ['rectification.overdue', 'rectification.extended_twice'],
    ],
    [
      'a milestone due in 3 days reminds before the deadline',
      { milestones: [{ title: '召开专题组织生活会', dueOn: '2026-06-18', doneOn: null }] },
      ['rectification.due_soon'],
    ],
    [
      'a done milestone does not',
      { milestones: [{ title: '召开专题组织生活会', dueOn: '2026-06-10', doneOn: '2026-06-09' }] },
      [],
    ],
  ] as const)('%s', (_, s, want) => {
    expect(rules(item({ s: s as Partial<RectificationState> }))).toEqual(want);
  });

  it('an overdue item of a 巡察 feedback cites the 巡视工作条例 第二十七条', () => {
    const [f] = evaluateRectificationRules(
      [item({ source: 'inspection', s: { deadline: '2026-06-01' } })],
      today,
    );
    expect(f?.ruleId).toBe('rectification.inspection_overdue');
    expect(f?.clause.article).toBe('第二十七条');
    expect(f?.message).toContain('已逾期14天（期限 2026-06-01）');
    expect(f?.dueDate).toBe('2026-06-01');
  });

  it('names the milestone that is due and keys every finding by its item', () => {
    const [f] = evaluateRectificationRules(
      [item({ s: { milestones: [{ title: '补开支委会', dueOn: '2026-06-12', doneOn: null }] } })],
      today,
    );
    expect(f).toMatchObject({
      ruleId: 'rectification.overdue',
      orgId: 10,
      subject: 'rectification-7',
      dueDate: '2026-06-12',
    });
    expect(f?.message).toContain('整改阶段“补开支委会”已逾期3天');
  });

  it('a submission waiting 14 days goes to the verifier, not before', () => {
    const submitted = (on: string) =>
      evaluateRectificationRules([item({ s: { status: 'submitted' }, submittedOn: on })], today);
    expect(submitted('2026-06-02')).toEqual([]);
    const [f] = submitted('2026-06-01');
    expect(f).toMatchObject({ ruleId: 'rectification.verification_late', orgId: 2, severity: 'warning' });
    expect(f?.message).toBe(
      '甲支部的整改事项“支委会未按月召开，会议记录不完整”于 2026-06-01 提交销号，已14天未审核。',
    );
    // The day of a past evaluation before the submission finds nothing.
    expect(submitted('2026-06-20')).toEqual([]);
  });

  it('quotes a long problem shortened; every rule is in the catalogue with a clause', () => {
    const [f] = evaluateRectificationRules(
      [item({ problem: '一二三四五六七八九十一二三四五六七八九十一二三四五六', s: { deadline: today } })],
      today,
    );
    expect(f?.message).toContain('“一二三四五六七八九十一二三四五六七八九十一二三四…”');
    expect(f?.message).toContain('今天到期');
    for (const id of [
      'rectification.due_soon',
      'rectification.overdue',
      'rectification.inspection_overdue',
      'rectification.extended_twice',
      'rectification.verification_late',
    ] as const)
      expect(ruleCatalogue[id].clause.text.length).toBeGreaterThan(10);
  });
});
