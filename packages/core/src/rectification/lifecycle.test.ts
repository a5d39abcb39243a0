import { describe, expect, it } from 'vitest';
import {
  type RectificationStatus,
  type RectificationTransition,
  rectificationStatuses,
  rectificationTransitions,
} from './dictionaries.ts';
import {
  allowedRectificationActions,
  applyRectificationTransition,
  isRectificationOverdue,
  type RectificationFacts,
  type RectificationState,
  rectificationNextDue,
  rectificationPlanProblems,
  rectificationSides,
  rectificationVerifierLevel,
} from './lifecycle.ts';

const base: RectificationState = {
  status: 'pending',
  deadline: '2026-06-30',
  originalDeadline: '2026-06-30',
  extensions: 0,
  extensionRequest: null,
  milestones: [],
  reopenCount: 0,
};
const pendingRequest = { until: '2026-07-31', reason: '换届选举须等上级批复' };
/** Facts with everything any transition needs. */
const complete: RectificationFacts = {
  today: '2026-06-01',
  measures: '补开支部委员会，按月召开',
  result: '6月已召开支委会并归档',
  evidenceCount: 1,
  reason: '理由',
  until: '2026-07-31',
};

/** The legal transitions and the status each leads to (extension decisions need a pending request). */
const legal: Record<RectificationStatus, Partial<Record<RectificationTransition, RectificationStatus>>> = {
  pending: {
    start: 'in_progress',
    request_extension: 'pending',
    approve_extension: 'pending',
    reject_extension: 'pending',
  },
  in_progress: {
    submit: 'submitted',
    request_extension: 'in_progress',
    approve_extension: 'in_progress',
    reject_extension: 'in_progress',
  },
  submitted: { verify: 'closed', return: 'in_progress' },
  closed: { reopen: 'in_progress' },
};

function stateFor(status: RectificationStatus, t: RectificationTransition): RectificationState {
  const decides = t === 'approve_extension' || t === 'reject_extension';
  return { ...base, status, extensionRequest: decides ? pendingRequest : null };
}

describe('rectification state machine', () => {
  for (const status of rectificationStatuses)
    for (const t of rectificationTransitions) {
      const to = legal[status][t];
      it(`${status} × ${t} → ${to ?? 'refused'}`, () => {
        const r = applyRectificationTransition(stateFor(status, t), t, complete);
        if (to === undefined) {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.violations).toHaveLength(1);
            expect(r.violations[0]!.kind).toBe('conflict');
            expect(r.violations[0]!.message).toMatch(/^该整改事项.+，不能/);
          }
        } else {
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.state.status).toBe(to);
        }
      });
    }

  it('starts only with measures, submits only with measures, a result and evidence', () => {
    const none = { ...complete, measures: ' ', result: null, evidenceCount: 0 };
    const start = applyRectificationTransition(base, 'start', none);
    expect(start.ok || start.violations.map((v) => v.path)).toEqual(['measures']);
    const submit = applyRectificationTransition({ ...base, status: 'in_progress' }, 'submit', none);
    expect(submit.ok || submit.violations.map((v) => v.path)).toEqual(['measures', 'result', 'evidence']);
  });

  it('a long-term item is submitted only when every milestone is done', () => {
    const milestones = [
      { title: '制定制度', dueOn: '2026-05-01', doneOn: '2026-04-20' },
      { title: '执行满一学期', dueOn: '2026-07-15', doneOn: null },
    ];
    const s: RectificationState = { ...base, status: 'in_progress', milestones };
    const r = applyRectificationTransition(s, 'submit', complete);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.violations[0]!.message).toContain('执行满一学期');
    expect(rectificationNextDue(s)).toBe('2026-07-15');
    expect(isRectificationOverdue(s, '2026-07-16')).toBe(true);
    const done = { ...s, milestones: milestones.map((m) => ({ ...m, doneOn: '2026-07-10' })) };
    expect(applyRectificationTransition(done, 'submit', complete).ok).toBe(true);
    expect(rectificationNextDue(done)).toBe(base.deadline);
  });

  it('an approved extension moves the deadline and keeps the first one; a refused one keeps both', () => {
    const asked = applyRectificationTransition(
      { ...base, status: 'in_progress' },
      'request_extension',
      complete,
    );
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    expect(asked.state.extensionRequest).toEqual({ until: '2026-07-31', reason: '理由' });
    const again = applyRectificationTransition(asked.state, 'request_extension', complete);
    expect(again.ok || again.violations[0]!.message).toBe('已有延期申请等待审核，不能重复申请');
    const approved = applyRectificationTransition(asked.state, 'approve_extension', complete);
    expect(approved.ok && approved.state).toMatchObject({
      deadline: '2026-07-31',
      originalDeadline: '2026-06-30',
      extensions: 1,
      extensionRequest: null,
    });
    const refused = applyRectificationTransition(asked.state, 'reject_extension', complete);
    expect(refused.ok && refused.state).toMatchObject({
      deadline: '2026-06-30',
      extensions: 0,
      extensionRequest: null,
    });
    const noReason = applyRectificationTransition(asked.state, 'reject_extension', {
      ...complete,
      reason: '',
    });
    expect(noReason.ok || noReason.violations[0]!.path).toBe('reason');
  });

  it('an extension must be later than the deadline and today, with a reason', () => {
    const s: RectificationState = { ...base, status: 'in_progress' };
    for (const until of ['2026-06-30', '2026-06-15', undefined]) {
      const r = applyRectificationTransition(s, 'request_extension', { ...complete, until });
      expect(r.ok || r.violations.map((v) => v.path)).toEqual(['until']);
    }
    const late = applyRectificationTransition({ ...s, deadline: '2026-05-01' }, 'request_extension', {
      ...complete,
      until: '2026-05-20',
    });
    expect(late.ok || late.violations.map((v) => v.path)).toEqual(['until']);
    const r = applyRectificationTransition(s, 'request_extension', { ...complete, reason: '  ' });
    expect(r.ok || r.violations.map((v) => v.path)).toEqual(['reason']);
  });

  it('a 回头看 reopens a closed item with a reason and a new deadline, counting the rebound', () => {
    const closed: RectificationState = { ...base, status: 'closed' };
    const r = applyRectificationTransition(closed, 'reopen', { ...complete, until: '2026-08-31' });
    expect(r.ok && r.state).toMatchObject({ status: 'in_progress', deadline: '2026-08-31', reopenCount: 1 });
    const bad = applyRectificationTransition(closed, 'reopen', {
      ...complete,
      reason: '',
      until: '2026-05-01',
    });
    expect(bad.ok || bad.violations.map((v) => v.path)).toEqual(['reason', 'until']);
  });

  it('overdue only while still being rectified', () => {
    for (const status of rectificationStatuses)
      expect(isRectificationOverdue({ ...base, status }, '2026-07-01')).toBe(
        status === 'pending' || status === 'in_progress',
      );
    expect(isRectificationOverdue(base, '2026-06-30')).toBe(false);
  });

  it('the org rectifies, the level above verifies', () => {
    const submitted: RectificationState = { ...base, status: 'submitted' };
    expect(allowedRectificationActions(submitted, { responsible: true, verifier: false })).toMatchObject({
      verify: false,
      return: false,
      edit: false,
    });
    expect(allowedRectificationActions(submitted, { responsible: false, verifier: true })).toMatchObject({
      verify: true,
      return: true,
    });
    const working: RectificationState = { ...base, status: 'in_progress', extensionRequest: pendingRequest };
    expect(allowedRectificationActions(working, { responsible: true, verifier: false })).toMatchObject({
      edit: true,
      submit: true,
      request_extension: false,
      approve_extension: false,
    });
    expect(allowedRectificationActions(working, { responsible: false, verifier: true })).toMatchObject({
      edit: false,
      approve_extension: true,
      reject_extension: true,
    });
  });

  it('a 总支 verifies its branches; the 组织部 verifies 总支 and 直属支部', () => {
    expect(rectificationVerifierLevel('branch', 'general_branch')).toBe('parent');
    expect(rectificationVerifierLevel('joint_branch', 'general_branch')).toBe('parent');
    expect(rectificationVerifierLevel('branch', 'committee')).toBe('committee');
    expect(rectificationVerifierLevel('general_branch', 'committee')).toBe('committee');
    expect(rectificationVerifierLevel('committee', null)).toBe('committee');
    expect(rectificationVerifierLevel('group', 'branch')).toBe('parent');
  });

  it.each<[string, Parameters<typeof rectificationSides>[0], 'parent' | 'committee', string]>([
    // A branch secretary and its own item (verified by the 总支): responsible.
    ['branch secretary, own branch', reach({ coversOrg: true }), 'parent', 'responsible'],
    // The 总支 secretary and a branch's item: the verifier, never also the one who submits.
    ['总支 secretary, a branch', reach({ coversOrg: true, coversParent: true }), 'parent', 'verifier'],
    // The 总支 secretary and the 总支's own item (verified by the 组织部): responsible.
    ['总支 secretary, own 总支', reach({ coversOrg: true, coversParent: false }), 'committee', 'responsible'],
    [
      '组织部, a 总支',
      reach({ coversOrg: true, coversParent: true, coversCollege: true }),
      'committee',
      'verifier',
    ],
    [
      '组织部, a branch under a 总支',
      reach({ coversOrg: true, coversParent: true, coversCollege: true }),
      'parent',
      'verifier',
    ],
    ['a branch secretary, its 党小组', reach({ coversOrg: true, coversParent: true }), 'parent', 'verifier'],
    ['another 总支', reach({}), 'parent', 'none'],
    [
      'view only (校领导)',
      reach({ mayEdit: false, mayVerify: false, coversOrg: true, coversParent: true, coversCollege: true }),
      'committee',
      'none',
    ],
    [
      'edit without verify over the parent',
      reach({ mayVerify: false, coversOrg: true, coversParent: true }),
      'parent',
      'responsible',
    ],
    // A branch secretary whose branch is a 协办 org of another branch's item.
    ['a 协办 branch', reach({ coversAssisting: true }), 'parent', 'assisting'],
    ['a 协办 branch, view only', reach({ mayEdit: false, coversAssisting: true }), 'parent', 'none'],
    // Covering the item's org or its verifier wins over assisting it.
    ['the 协办 is also the org', reach({ coversOrg: true, coversAssisting: true }), 'parent', 'responsible'],
    [
      'the 协办 lies under the verifier',
      reach({ coversOrg: true, coversParent: true, coversAssisting: true }),
      'parent',
      'verifier',
    ],
  ])('%s → %s', (_name, r, level, side) => {
    const s = rectificationSides(r, level);
    expect([s.responsible, s.verifier, s.assisting].filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(s.responsible ? 'responsible' : s.verifier ? 'verifier' : s.assisting ? 'assisting' : 'none').toBe(
      side,
    );
  });

  it('a 协办 org adds progress notes while the item is being rectified, and takes no step', () => {
    const assisting = { responsible: false, verifier: false, assisting: true };
    for (const status of ['pending', 'in_progress'] as const) {
      const actions = allowedRectificationActions({ ...base, status }, assisting);
      expect(actions.progress).toBe(true);
      expect(Object.entries(actions).filter(([k, v]) => v && k !== 'progress')).toEqual([]);
    }
    for (const status of ['submitted', 'closed'] as const)
      expect(allowedRectificationActions({ ...base, status }, assisting).progress).toBe(false);
    expect(
      allowedRectificationActions({ ...base, status: 'in_progress' }, { responsible: true, verifier: false }),
    ).toMatchObject({ edit: true, progress: true });
    expect(
      allowedRectificationActions({ ...base, status: 'in_progress' }, { responsible: false, verifier: true }),
    ).toMatchObject({ edit: false, progress: false });
  });
});

describe('the plan of an item', () => {
  const milestones = [
    { title: '制定制度', dueOn: '2026-05-01', doneOn: '2026-04-20' },
    { title: '执行满一学期', dueOn: '2026-07-15', doneOn: null },
  ];
  it('accepts milestones within the deadline, done by today', () => {
    expect(rectificationPlanProblems({ deadline: '2026-07-31', milestones }, '2026-06-01', true)).toEqual([]);
  });

  it('refuses a deadline set in the past, a milestone after the deadline and one done in the future', () => {
    const plan = {
      deadline: '2026-05-31',
      milestones: [milestones[0]!, { ...milestones[1]!, doneOn: '2026-06-02' }],
    };
    expect(rectificationPlanProblems(plan, '2026-06-01', true).map((p) => p.path)).toEqual([
      'deadline',
      'milestones.1.dueOn',
      'milestones.1.doneOn',
    ]);
    // A past deadline not being set (an overdue item's milestones edited) is not refused again.
    expect(rectificationPlanProblems(plan, '2026-06-01', false).map((p) => p.path)).not.toContain('deadline');
  });
});

function reach(
  r: Partial<Parameters<typeof rectificationSides>[0]>,
): Parameters<typeof rectificationSides>[0] {
  return {
    mayEdit: true,
    mayVerify: true,
    coversOrg: false,
    coversParent: false,
    coversCollege: false,
    ...r,
  };
}
