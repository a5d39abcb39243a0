import { describe, expect, it } from 'vitest';
import {
  allowedReserveSteps,
  applyReserveStep,
  defaultReserveSettings,
  evaluateReserveRules,
  isOverReserveAge,
  isPlanItemOverdue,
  type ReserveState,
  type ReserveStatus,
  type ReserveStep,
  type ReserveStepFacts,
  reserveReviewDueOn,
  reserveStatuses,
  reserveStepFrom,
  reserveSteps,
  secondmentPhase,
  secondmentProblem,
} from './reserve.ts';

const today = '2026-12-06';
const base: ReserveState = { status: 'nominated', level: 'principal', since: '2026-03-01', reviewedOn: null };
const facts: ReserveStepFacts = {
  today,
  on: '2026-04-01',
  birthDate: '1990-05-01',
  planItems: 1,
  post: '教务处副处长',
  reason: '个人申请',
};

describe('applyReserveStep: every step from every status', () => {
  const table = reserveStatuses.flatMap((status) => reserveSteps.map((step) => [status, step] as const));
  it.each(table)('%s → %s', (status: ReserveStatus, step: ReserveStep) => {
    const r = applyReserveStep({ ...base, status, reviewedOn: '2026-03-01' }, step, facts);
    const allowed = (reserveStepFrom[step] as readonly ReserveStatus[]).includes(status);
    expect(r.ok).toBe(allowed);
    if (!r.ok) {
      expect(r.violations[0]!.kind).toBe('conflict');
      expect(r.violations[0]!.message).toMatch(/^该后备干部.+，不能.+/);
    }
  });

  it('moves nominated → admitted → in_training → appointed, and review keeps the status', () => {
    const admitted = applyReserveStep(base, 'admit', facts);
    expect(admitted).toEqual({
      ok: true,
      state: { ...base, status: 'admitted', since: '2026-04-01', reviewedOn: '2026-04-01' },
    });
    if (!admitted.ok) return;
    const training = applyReserveStep(admitted.state, 'start_training', { ...facts, on: '2026-05-01' });
    expect(training.ok && training.state.status).toBe('in_training');
    if (!training.ok) return;
    const reviewed = applyReserveStep(training.state, 'review', { ...facts, on: '2026-11-01' });
    expect(reviewed.ok && reviewed.state).toMatchObject({ status: 'in_training', reviewedOn: '2026-11-01' });
    const used = applyReserveStep(training.state, 'appoint', { ...facts, on: '2026-12-01' });
    expect(used.ok && used.state.status).toBe('appointed');
  });
});

describe('applyReserveStep: refusals name their rule', () => {
  const refusal = (state: ReserveState, step: ReserveStep, f: Partial<ReserveStepFacts>) => {
    const r = applyReserveStep(state, step, { ...facts, ...f });
    return r.ok ? null : r.violations[0]!;
  };

  it.each([
    // 正科级: 40 and under; born 1986-04-01 is 40 on 2026-04-01 (allowed), born 1985-04-01 is 41 (refused).
    ['principal', '1986-04-01', true],
    ['principal', '1985-04-02', true],
    ['principal', '1985-04-01', false],
    // 副科级: 35 and under.
    ['deputy', '1991-04-01', true],
    ['deputy', '1990-04-01', false],
  ] as const)('入库 %s born %s on 2026-04-01: allowed %s', (level, birthDate, ok) => {
    const v = refusal({ ...base, level }, 'admit', { birthDate });
    if (ok) expect(v).toBeNull();
    else
      expect(v?.message).toMatch(
        /入库：\d+周岁，超过.+年龄条件（\d+周岁及以下）（本校中层干部后备人才队伍建设办法）/,
      );
  });

  it('the age limits are settings', () => {
    const r = applyReserveStep(
      { ...base, level: 'deputy' },
      'admit',
      { ...facts, birthDate: '1990-04-01' },
      {
        ...defaultReserveSettings,
        deputyMaxAge: 36,
      },
    );
    expect(r.ok).toBe(true);
  });

  it('refuses 入库 without a birth date', () => {
    expect(refusal(base, 'admit', { birthDate: null })).toMatchObject({ path: 'personId', kind: 'field' });
  });

  it('refuses 开始培养 without a plan', () => {
    expect(refusal({ ...base, status: 'admitted' }, 'start_training', { planItems: 0 })?.message).toMatch(
      /须先制定培养计划/,
    );
  });

  it('refuses 提任 without the post and 调出 without a reason', () => {
    expect(refusal({ ...base, status: 'in_training' }, 'appoint', { post: ' ' })?.path).toBe('post');
    expect(refusal(base, 'withdraw', { reason: '' })?.path).toBe('reason');
  });

  it('refuses a step dated in the future or before the last step', () => {
    expect(refusal(base, 'withdraw', { on: '2026-12-07' })?.message).toMatch(/不能晚于今天/);
    expect(refusal(base, 'withdraw', { on: '2026-02-28' })?.message).toMatch(/不能早于上一步/);
    expect(refusal(base, 'withdraw', { on: '2026-03-01' })).toBeNull();
    expect(refusal(base, 'withdraw', { on: today })).toBeNull();
  });

  it('offers the steps of the status to a manager only', () => {
    expect(allowedReserveSteps({ ...base, status: 'admitted' }, true)).toEqual({
      admit: false,
      start_training: true,
      review: true,
      appoint: false,
      withdraw: true,
    });
    expect(Object.values(allowedReserveSteps(base, false)).some(Boolean)).toBe(false);
    expect(Object.values(allowedReserveSteps({ ...base, status: 'appointed' }, true)).some(Boolean)).toBe(
      false,
    );
  });
});

describe('age, review, 挂职 and plan items', () => {
  it('is over the age from the birthday after the limit', () => {
    expect(isOverReserveAge('1985-12-07', 'principal', today)).toBe(false); // 40
    expect(isOverReserveAge('1985-12-06', 'principal', today)).toBe(true); // 41 today
    expect(isOverReserveAge(null, 'principal', today)).toBe(false);
  });

  it('reviews 12 months after the last review, only in the pool', () => {
    expect(reserveReviewDueOn({ status: 'admitted', reviewedOn: '2025-12-06' })).toBe('2026-12-06');
    expect(reserveReviewDueOn({ status: 'in_training', reviewedOn: '2024-02-29' })).toBe('2025-02-28');
    expect(reserveReviewDueOn({ status: 'nominated', reviewedOn: null })).toBeNull();
    expect(reserveReviewDueOn({ status: 'withdrawn', reviewedOn: '2020-01-01' })).toBeNull();
    expect(
      reserveReviewDueOn(
        { status: 'admitted', reviewedOn: '2026-01-01' },
        { ...defaultReserveSettings, reviewIntervalMonths: 6 },
      ),
    ).toBe('2026-07-01');
  });

  it.each([
    ['2026-01-01', '2026-01-01', '挂职结束日期：应晚于开始日期'],
    ['2026-01-01', '2026-06-29', '不少于6个月'],
    ['2026-01-01', '2026-06-30', null],
    ['2026-01-01', '2026-12-31', null],
    ['2026-01-01', '2027-12-31', null],
    ['2026-01-01', '2028-01-01', '不超过24个月'],
  ] as const)('挂职 %s – %s', (from, to, problem) => {
    const p = secondmentProblem(from, to);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });

  it('tells a 挂职 planned, current or done', () => {
    expect(secondmentPhase('2026-12-07', '2027-06-07', today)).toBe('planned');
    expect(secondmentPhase('2026-06-06', today, today)).toBe('current');
    expect(secondmentPhase('2025-06-06', '2026-12-05', today)).toBe('done');
  });

  it('a plan item is overdue the day after its due date, when not done and in the pool', () => {
    expect(isPlanItemOverdue({ dueOn: today, doneOn: null }, 'in_training', today)).toBe(false);
    expect(isPlanItemOverdue({ dueOn: '2026-12-05', doneOn: null }, 'in_training', today)).toBe(true);
    expect(isPlanItemOverdue({ dueOn: '2026-12-05', doneOn: '2026-12-01' }, 'in_training', today)).toBe(
      false,
    );
    expect(isPlanItemOverdue({ dueOn: '2026-12-05', doneOn: null }, 'appointed', today)).toBe(false);
  });
});

describe('evaluateReserveRules', () => {
  const root = { id: 1, name: '中共某某学院委员会' };
  const candidate = (
    id: number,
    state: Partial<ReserveState>,
    birthDate: string | null,
    items = [] as { id: number; dueOn: string; doneOn: string | null }[],
  ) => ({
    id,
    state: { ...base, ...state },
    birthDate,
    planItems: items.map((i) => ({ ...i, kind: 'study' as const, title: '党校中青班' })),
  });

  it('files overdue items, over-age candidates and one pool review, on the 党委, naming no one', () => {
    const findings = evaluateReserveRules(
      [
        candidate(1, { status: 'in_training', reviewedOn: '2025-11-01' }, '1990-01-01', [
          { id: 11, dueOn: '2026-12-05', doneOn: null },
          { id: 12, dueOn: '2026-12-06', doneOn: null },
          { id: 13, dueOn: '2026-01-05', doneOn: '2026-01-04' },
        ]),
        candidate(2, { status: 'admitted', level: 'deputy', reviewedOn: '2025-12-06' }, '1990-12-06'),
        candidate(3, { status: 'admitted', reviewedOn: '2026-06-01' }, '1985-12-07'),
        candidate(4, { status: 'withdrawn', reviewedOn: '2020-01-01' }, '1960-01-01', [
          { id: 41, dueOn: '2021-01-01', doneOn: null },
        ]),
      ],
      root,
      today,
    );
    expect(findings.map((f) => [f.ruleId, f.subject, f.orgId])).toEqual([
      ['cadre_reserve.plan_item_overdue', 'cadre_reserve_plan_item:11', 1],
      ['cadre_reserve.over_age', 'cadre_reserve:2', 1],
      ['cadre_reserve.review_due', 'cadre_reserve_pool', 1],
    ]);
    expect(findings.at(-1)).toMatchObject({ dueDate: '2026-11-01' });
    expect(findings.at(-1)!.message).toContain('2名');
    expect(findings.every((f) => f.clause.source === '本校中层干部后备人才队伍建设办法')).toBe(true);
  });

  it('files nothing for a pool reviewed within the year', () => {
    expect(
      evaluateReserveRules(
        [candidate(1, { status: 'admitted', reviewedOn: '2026-01-01' }, '1995-01-01')],
        root,
        today,
      ),
    ).toEqual([]);
  });
});
