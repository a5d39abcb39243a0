import { describe, expect, it } from 'vitest';
import { type DutyReviewStatus, dutyReviewStatuses, dutyReviewTransitions } from './dictionaries.ts';
import {
  applyDutyReviewTransition,
  type DutyReviewFacts,
  dutyReviewTransitionFrom,
  gradeProblems,
  nextDutyReviewTransition,
} from './procedure.ts';
import { evaluateDutyReviewRules } from './rules.ts';

const ready: DutyReviewFacts = {
  subjects: [
    { name: '张三', reportSubmitted: true, comments: 2, grade: 'good' },
    { name: '李四', reportSubmitted: true, comments: 1, grade: 'poor' },
  ],
  tallied: true,
};

describe('applyDutyReviewTransition', () => {
  it('walks 启动 → 述职报告 → 述职会 → 测评 → 综合评定 → 审定 → 公布 in order', () => {
    let status = 'launched' as DutyReviewStatus;
    const seen: DutyReviewStatus[] = [status];
    for (let t = nextDutyReviewTransition(status); t; t = nextDutyReviewTransition(status)) {
      const r = applyDutyReviewTransition(status, t, ready);
      if (!r.ok) throw new Error(r.violations[0]!.message);
      status = r.status;
      seen.push(status);
    }
    expect(seen).toEqual([...dutyReviewStatuses]);
  });

  it('refuses every step from every status but its own, as a conflict naming both', () => {
    for (const status of dutyReviewStatuses)
      for (const t of dutyReviewTransitions) {
        if (dutyReviewTransitionFrom[t] === status) continue;
        const r = applyDutyReviewTransition(status, t, ready);
        expect(r.ok, `${status} ${t}`).toBe(false);
        if (!r.ok) expect(r.violations[0]).toMatchObject({ kind: 'conflict' });
      }
  });

  it.each([
    ['hold_meeting', 'reporting', { reportSubmitted: false }, '召开述职会：李四尚未提交述职报告'],
    ['open_voting', 'meeting', { comments: 0 }, '开始民主测评：一述一评：李四尚无点评'],
    ['approve', 'grading', { grade: null }, '党委（党总支）审定：李四尚未综合评定'],
  ] as const)('refuses %s from %s while a secretary lacks what it needs', (t, status, change, message) => {
    const facts = { ...ready, subjects: [ready.subjects[0]!, { ...ready.subjects[1]!, ...change }] };
    expect(applyDutyReviewTransition(status, t, facts)).toEqual({
      ok: false,
      violations: [{ kind: 'field', path: 'transition', message }],
    });
  });

  it('refuses closing the 测评 before its tally, and any step without secretaries', () => {
    expect(applyDutyReviewTransition('voting', 'close_voting', { ...ready, tallied: false })).toMatchObject({
      ok: false,
      violations: [{ message: '结束测评、进入综合评定：测评票尚未结束计票' }],
    });
    expect(
      applyDutyReviewTransition('launched', 'open_reports', { subjects: [], tallied: false }),
    ).toMatchObject({
      ok: false,
    });
  });
});

describe('gradeProblems', () => {
  it.each([
    ['the computed grade', 'good', 'good', null, []],
    ['an override with its reason', 'good', 'fairly_good', '群众反映问题较多', []],
    ['an override without a reason', 'good', 'average', null, ['overrideReason']],
    ['an override with a blank reason', 'good', 'average', '  ', ['overrideReason']],
    ['a grade with nothing computed and no reason', null, 'good', null, ['overrideReason']],
  ] as const)('%s', (_n, computed, grade, reason, paths) => {
    expect(gradeProblems(computed, grade, reason).map((p) => p.path)).toEqual(paths);
  });
});

describe('evaluateDutyReviewRules', () => {
  it('raises one finding per org whose latest grade is 差, citing the clause', () => {
    const base = {
      campaignId: 3,
      campaignTitle: '2025年度述职评议',
      year: 2025,
      secretaryName: '王五',
      rectificationCount: 2,
    };
    const found = evaluateDutyReviewRules([
      { ...base, org: { id: 1, name: '甲支部' }, grade: 'poor' },
      { ...base, org: { id: 2, name: '乙支部' }, grade: 'average' },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'duty_review.poor', orgId: 1, subject: 'duty-review-3' });
    expect(found[0]!.clause.article).toBe('第三条');
    expect(found[0]!.message).toContain('等次为差');
  });
});
