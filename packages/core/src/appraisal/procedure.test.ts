import { describe, expect, it } from 'vitest';
import { correctionDeadlineState, correctionOutcomeViolations } from './correction-plan.ts';
import {
  type AppraisalFacts,
  type AppraisalGradeEntry,
  type AppraisalRollEntry,
  type AppraisalStatus,
  type AppraisalTransition,
  allowedAppraisalTransitions,
  applyAppraisalTransition,
  appraisalStatuses,
  appraisalTransitions,
  excellentQuota,
  gradeViolations,
  latestCorrectionDeadline,
  planViolations,
} from './procedure.ts';
import { evaluateAppraisalRules } from './rules.ts';

const rollOf = (full: number, probationary = 0): AppraisalRollEntry[] => [
  ...Array.from({ length: full }, (_, i) => ({ personId: i + 1, name: `正式${i + 1}`, probationary: false })),
  ...Array.from({ length: probationary }, (_, i) => ({
    personId: 1000 + i,
    name: `预备${i + 1}`,
    probationary: true,
  })),
];
/** `excellent` of the full members 优秀, the rest 合格. */
const gradesOf = (roll: readonly AppraisalRollEntry[], excellent: number): AppraisalGradeEntry[] =>
  roll
    .filter((r) => !r.probationary)
    .map((r, i) => ({ personId: r.personId, grade: i < excellent ? 'excellent' : 'qualified' }));

describe('优秀 at most one third of those graded', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 1],
    [5, 1],
    [6, 2],
    [9, 3],
    [10, 3],
    [12, 4],
    [30, 10],
    [31, 10],
    [33, 11],
  ])('%i graded → at most %i 优秀', (graded, max) => {
    expect(excellentQuota(graded)).toBe(max);
  });

  it.each([
    [3, 1],
    [10, 3],
    [31, 10],
  ])('of %i full members %i 优秀 pass and one more is refused with the rule', (n, max) => {
    const roll = rollOf(n);
    expect(gradeViolations(roll, gradesOf(roll, max))).toEqual([]);
    const over = gradeViolations(roll, gradesOf(roll, max + 1));
    expect(over).toHaveLength(1);
    expect(over[0]!.message).toContain('不超过参加评议的正式党员人数的三分之一');
    expect(over[0]!.message).toContain(`参评正式党员${n}名，优秀至多${max}名，现为${max + 1}名`);
  });

  it('预备党员 are outside the count: 3 full and 3 probationary allow one 优秀', () => {
    const roll = rollOf(3, 3);
    expect(gradeViolations(roll, gradesOf(roll, 1))).toEqual([]);
    expect(gradeViolations(roll, gradesOf(roll, 2))).toHaveLength(1);
  });
});

describe('grades', () => {
  const roll = rollOf(4, 1);
  it('预备党员 get no grade', () => {
    const v = gradeViolations(roll, [...gradesOf(roll, 0), { personId: 1000, grade: 'qualified' }]);
    expect(v.map((x) => x.message)).toEqual(['评定等次：预备1是预备党员，参加民主评议但不评定等次']);
  });
  it('every full member exactly one grade', () => {
    expect(gradeViolations(roll, gradesOf(roll, 0).slice(1))[0]!.message).toContain('正式1尚未评定');
    expect(
      gradeViolations(roll, [...gradesOf(roll, 0), { personId: 2, grade: 'excellent' }])[0]!.message,
    ).toContain('正式2只能评定一个等次');
  });
  it('nobody off the roll', () => {
    expect(gradeViolations(roll, [...gradesOf(roll, 0), { personId: 77, grade: 'qualified' }])).toHaveLength(
      1,
    );
  });
  it('不合格 needs its reason', () => {
    const g = gradesOf(roll, 0);
    g[0] = { personId: 1, grade: 'unqualified' };
    expect(gradeViolations(roll, g)[0]!.message).toBe('评定等次：正式1评为不合格，须写明理由');
    g[0] = { personId: 1, grade: 'unqualified', reason: '长期不参加组织生活' };
    expect(gradeViolations(roll, g)).toEqual([]);
  });
});

describe('限期改正 plans', () => {
  const roll = rollOf(4);
  const grades: AppraisalGradeEntry[] = [
    { personId: 1, grade: 'unqualified', reason: '理由' },
    ...gradesOf(roll, 0).slice(1),
  ];
  const plan = { personId: 1, deadline: '2027-06-30', measures: '按月谈心', contactPersonId: 2 };
  it('the deadline at most one year (第三十条)', () => {
    expect(latestCorrectionDeadline('2026-12-20')).toBe('2027-12-20');
    expect(planViolations('2026-12-20', roll, grades, [{ ...plan, deadline: '2027-12-20' }])).toEqual([]);
    const v = planViolations('2026-12-20', roll, grades, [{ ...plan, deadline: '2027-12-21' }]);
    expect(v[0]!.message).toContain('不超过一年');
    expect(v[0]!.message).toContain('第三十条');
    expect(planViolations('2026-12-20', roll, grades, [{ ...plan, deadline: '2026-12-20' }])).toHaveLength(1);
  });
  it('each 不合格 has one; nobody else has one', () => {
    expect(planViolations('2026-12-20', roll, grades, [])[0]!.message).toContain('须制定限期改正计划');
    expect(planViolations('2026-12-20', roll, grades, [plan, { ...plan, personId: 3 }])).toHaveLength(1);
  });
  it('the contact person is someone else', () => {
    expect(planViolations('2026-12-20', roll, grades, [{ ...plan, contactPersonId: 1 }])).toHaveLength(1);
  });
  it('outcome: 仍无转变 needs 劝退 or 除名 (第三十一条); 改正 none; closed once', () => {
    expect(correctionOutcomeViolations('open', { outcome: 'corrected', note: '已改正' })).toEqual([]);
    expect(correctionOutcomeViolations('open', { outcome: 'unchanged', note: '无转变' })[0]!.path).toBe(
      'proposal',
    );
    expect(
      correctionOutcomeViolations('open', { outcome: 'unchanged', note: '无转变', proposal: 'remove' }),
    ).toEqual([]);
    expect(
      correctionOutcomeViolations('open', { outcome: 'corrected', note: '好', proposal: 'remove' }),
    ).toHaveLength(1);
    expect(correctionOutcomeViolations('corrected', { outcome: 'corrected', note: '好' })[0]!.kind).toBe(
      'conflict',
    );
  });
  it('due within 30 days, overdue after the deadline, nothing once closed', () => {
    expect(correctionDeadlineState('open', '2027-01-31', '2027-01-01')).toBe('due_soon');
    expect(correctionDeadlineState('open', '2027-02-01', '2027-01-01')).toBe(null);
    expect(correctionDeadlineState('open', '2027-01-01', '2027-01-01')).toBe('due_soon');
    expect(correctionDeadlineState('open', '2026-12-31', '2027-01-01')).toBe('overdue');
    expect(correctionDeadlineState('corrected', '2026-12-31', '2027-01-01')).toBe(null);
  });
});

describe('appraisal state machine', () => {
  const roll = rollOf(3, 1);
  const complete: AppraisalFacts = {
    today: '2026-12-10',
    roll,
    tallyReady: true,
    grades: gradesOf(roll, 1),
    meetingActivityId: 5,
    plans: [],
    reason: '重新研究',
  };
  const legal: Record<AppraisalStatus, Partial<Record<AppraisalTransition, AppraisalStatus>>> = {
    self_assessment: { open_voting: 'voting' },
    peer_review: { open_voting: 'voting' },
    voting: { close_voting: 'proposal' },
    proposal: { propose: 'decision' },
    decision: { decide: 'completed', return_proposal: 'proposal' },
    completed: {},
  };
  for (const status of appraisalStatuses)
    for (const t of appraisalTransitions) {
      const to = legal[status][t];
      it(`${status} × ${t} → ${to ?? 'refused'} (no 互评)`, () => {
        const r = applyAppraisalTransition({ status, peerReview: false }, t, complete);
        expect(allowedAppraisalTransitions({ status, peerReview: false })[t]).toBe(to !== undefined);
        if (to === undefined) {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.violations).toHaveLength(1);
            expect(r.violations[0]!.kind).toBe('conflict');
          }
        } else {
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.state.status).toBe(to);
        }
      });
    }

  it('with 互评 the order is 自评 → 互评 → 测评', () => {
    const s = { status: 'self_assessment', peerReview: true } as const;
    expect(applyAppraisalTransition(s, 'open_voting', complete).ok).toBe(false);
    const r = applyAppraisalTransition(s, 'open_peer_review', complete);
    expect(r.ok && r.state.status).toBe('peer_review');
    expect(allowedAppraisalTransitions(s)).toMatchObject({ open_peer_review: true, open_voting: false });
  });
  it('closing the vote needs the tally counted', () => {
    const r = applyAppraisalTransition({ status: 'voting', peerReview: false }, 'close_voting', {
      ...complete,
      tallyReady: false,
    });
    expect(r.ok).toBe(false);
  });
  it('the proposal and the decision keep the rules; the decision needs its 党员大会 record and plans', () => {
    const over = { ...complete, grades: gradesOf(roll, 2) };
    const p = applyAppraisalTransition({ status: 'proposal', peerReview: false }, 'propose', over);
    expect(!p.ok && p.violations[0]!.message).toContain('三分之一');
    const d = applyAppraisalTransition({ status: 'decision', peerReview: false }, 'decide', {
      ...complete,
      meetingActivityId: null,
    });
    expect(!d.ok && d.violations.map((v) => v.path)).toEqual(['meetingActivityId']);
    const unq = applyAppraisalTransition({ status: 'decision', peerReview: false }, 'decide', {
      ...complete,
      grades: [{ personId: 1, grade: 'unqualified', reason: '理由' }, ...gradesOf(roll, 0).slice(1)],
    });
    expect(!unq.ok && unq.violations.map((v) => v.path)).toEqual(['plans']);
    const back = applyAppraisalTransition({ status: 'decision', peerReview: false }, 'return_proposal', {
      ...complete,
      reason: '',
    });
    expect(!back.ok && back.violations[0]!.path).toBe('reason');
  });
});

describe('findings', () => {
  const org = { id: 7, name: '第一党支部' };
  it('an appraisal not completed after its year ends; none before', () => {
    const a = [{ id: 1, org, year: 2026, status: 'voting' as const }];
    expect(evaluateAppraisalRules(a, [], '2026-12-31')).toEqual([]);
    const f = evaluateAppraisalRules(a, [], '2027-01-01');
    expect(f.map((x) => x.ruleId)).toEqual(['appraisal.not_completed']);
    expect(f[0]!.clause.article).toBe('第十八条');
    expect(evaluateAppraisalRules([{ ...a[0]!, status: 'completed' }], [], '2027-01-01')).toEqual([]);
  });
  it('a 不合格 member under 限期改正 (第三十条), the plan due and overdue', () => {
    const p = {
      id: 3,
      org,
      personId: 9,
      personName: '张三',
      year: 2025,
      status: 'open' as const,
      deadline: '2026-12-31',
    };
    const far = evaluateAppraisalRules([], [p], '2026-06-01');
    expect(far.map((x) => x.ruleId)).toEqual(['appraisal.unqualified_member']);
    expect(far[0]!.clause.article).toBe('第三十条');
    expect(far[0]!.personId).toBe(9);
    expect(evaluateAppraisalRules([], [p], '2026-12-10').map((x) => x.ruleId)).toEqual([
      'appraisal.unqualified_member',
      'appraisal.plan_due',
    ]);
    expect(evaluateAppraisalRules([], [p], '2027-01-01').map((x) => x.ruleId)).toEqual([
      'appraisal.unqualified_member',
      'appraisal.plan_overdue',
    ]);
    expect(evaluateAppraisalRules([], [{ ...p, status: 'corrected' }], '2027-01-01')).toEqual([]);
  });
});
