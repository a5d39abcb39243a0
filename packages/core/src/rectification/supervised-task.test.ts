import { describe, expect, it } from 'vitest';
import {
  type SupervisedTaskStatus,
  type SupervisedTaskTransition,
  supervisedTaskStatuses,
  supervisedTaskTransitions,
} from './dictionaries.ts';
import {
  allowedSupervisedTaskActions,
  applySupervisedTaskTransition,
  isTaskOverdue,
  nextProgressReportDue,
  type SupervisedTaskFacts,
  type SupervisedTaskState,
} from './supervised-task.ts';

const base: SupervisedTaskState = {
  status: 'awaiting_acceptance',
  deadline: '2026-06-30',
  originalDeadline: '2026-06-30',
  extensions: 0,
  extensionRequest: null,
};
const complete: SupervisedTaskFacts = {
  today: '2026-06-01',
  result: '已完成',
  reason: '理由',
  until: '2026-07-31',
};
const legal: Record<SupervisedTaskStatus, Partial<Record<SupervisedTaskTransition, SupervisedTaskStatus>>> = {
  awaiting_acceptance: {
    accept: 'in_progress',
    request_extension: 'awaiting_acceptance',
    approve_extension: 'awaiting_acceptance',
    reject_extension: 'awaiting_acceptance',
  },
  in_progress: {
    report_done: 'reported_done',
    request_extension: 'in_progress',
    approve_extension: 'in_progress',
    reject_extension: 'in_progress',
  },
  reported_done: { confirm_done: 'done', return: 'in_progress' },
  done: {},
};

describe('supervised task state machine', () => {
  for (const status of supervisedTaskStatuses)
    for (const t of supervisedTaskTransitions) {
      const to = legal[status][t];
      it(`${status} × ${t} → ${to ?? 'refused'}`, () => {
        const decides = t === 'approve_extension' || t === 'reject_extension';
        const state = {
          ...base,
          status,
          extensionRequest: decides ? { until: '2026-07-31', reason: 'r' } : null,
        };
        const r = applySupervisedTaskTransition(state, t, complete);
        if (to === undefined) {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.violations).toHaveLength(1);
            expect(r.violations[0]!.kind).toBe('conflict');
            expect(r.violations[0]!.message).toMatch(/^该督办事项.+，不能/);
          }
        } else {
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.state.status).toBe(to);
        }
      });
    }

  it('reporting done needs the result; returning needs a reason', () => {
    const r = applySupervisedTaskTransition({ ...base, status: 'in_progress' }, 'report_done', {
      ...complete,
      result: '',
    });
    expect(r.ok || r.violations.map((v) => v.path)).toEqual(['result']);
    const back = applySupervisedTaskTransition({ ...base, status: 'reported_done' }, 'return', {
      ...complete,
      reason: undefined,
    });
    expect(back.ok || back.violations.map((v) => v.path)).toEqual(['reason']);
  });

  it('an approved extension keeps the first deadline', () => {
    const asked = applySupervisedTaskTransition(
      { ...base, status: 'in_progress' },
      'request_extension',
      complete,
    );
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    const approved = applySupervisedTaskTransition(asked.state, 'approve_extension', complete);
    expect(approved.ok && approved.state).toMatchObject({
      deadline: '2026-07-31',
      originalDeadline: '2026-06-30',
      extensions: 1,
    });
  });

  it('overdue until it is reported done', () => {
    for (const status of supervisedTaskStatuses)
      expect(isTaskOverdue({ ...base, status }, '2026-07-01')).toBe(
        status === 'awaiting_acceptance' || status === 'in_progress',
      );
  });

  it('progress reports fall due one period after the last, never past the deadline', () => {
    expect(nextProgressReportDue('in_progress', 'monthly', '2026-03-10', null, '2026-12-31')).toBe(
      '2026-04-10',
    );
    expect(nextProgressReportDue('in_progress', 'monthly', '2026-03-10', '2026-04-08', '2026-12-31')).toBe(
      '2026-05-08',
    );
    expect(nextProgressReportDue('in_progress', 'weekly', '2026-03-10', null, '2026-12-31')).toBe(
      '2026-03-17',
    );
    expect(nextProgressReportDue('in_progress', 'quarterly', '2026-03-10', null, '2026-05-31')).toBeNull();
    expect(nextProgressReportDue('in_progress', 'none', '2026-03-10', null, '2026-12-31')).toBeNull();
    expect(nextProgressReportDue('done', 'monthly', '2026-03-10', null, '2026-12-31')).toBeNull();
  });

  it('the lead unit works the task, the assigner confirms it', () => {
    const reported = { ...base, status: 'reported_done' as const };
    expect(allowedSupervisedTaskActions(reported, { lead: true, assigner: false })).toMatchObject({
      confirm_done: false,
      reportProgress: false,
    });
    expect(allowedSupervisedTaskActions(reported, { lead: false, assigner: true })).toMatchObject({
      confirm_done: true,
      return: true,
    });
    expect(
      allowedSupervisedTaskActions({ ...base, status: 'in_progress' }, { lead: true, assigner: false }),
    ).toMatchObject({ report_done: true, reportProgress: true, request_extension: true, accept: false });
  });
});
