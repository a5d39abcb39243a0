import { describe, expect, it } from 'vitest';
import {
  type AssessmentStatus,
  type AssessmentTransition,
  assessmentStatuses,
  assessmentTransitions,
} from './dictionaries.ts';
import {
  type AssessmentReach,
  type AssessmentTransitionFacts,
  allowedAssessmentActions,
  applyAssessmentTransition,
  initialOrgAssessmentState,
  isVetoProvisional,
  judgingLevel,
  mayRecompute,
  type OrgAssessmentState,
  provisionalVetoIds,
} from './procedure.ts';
import { ratingEligibility } from './results.ts';
import type { VetoScore } from './scoring.ts';

const base: OrgAssessmentState = {
  status: 'self_assessment',
  hasGeneralBranch: true,
  notRatedReason: null,
  decidedOn: '2026-11-30',
  noticeStartOn: '2026-12-01',
  noticeEndOn: '2026-12-07',
  history: [],
};

const complete: AssessmentTransitionFacts = {
  actor: { id: 7, name: '张三' },
  at: '2026-12-10T02:00:00.000Z',
  today: '2026-12-10',
  reason: '请补充说明',
  decidedOn: '2026-12-09',
  noticeStartOn: '2026-12-10',
  noticeWorkingDays: 5,
  pendingItems: [],
};

/** Every legal move, by whether the org has a 总支 above it. */
const legal = (
  withGeneralBranch: boolean,
): Record<AssessmentStatus, Partial<Record<AssessmentTransition, AssessmentStatus>>> => ({
  self_assessment: { submit_self: withGeneralBranch ? 'general_branch_review' : 'department_review' },
  general_branch_review: {
    general_branch_approve: 'department_review',
    general_branch_return: 'self_assessment',
  },
  department_review: {
    department_approve: 'committee_decision',
    department_return: withGeneralBranch ? 'general_branch_review' : 'self_assessment',
  },
  committee_decision: { record_decision: 'public_notice', decision_return: 'department_review' },
  public_notice: { finalise: 'final', objection: 'department_review' },
  final: {},
  not_rated: {},
});

describe('the round procedure of one org', () => {
  for (const hasGeneralBranch of [true, false])
    for (const status of assessmentStatuses)
      for (const t of assessmentTransitions) {
        const to = legal(hasGeneralBranch)[status][t];
        it(`${hasGeneralBranch ? 'under a 总支' : 'no 总支'}: ${status} × ${t} → ${to ?? 'refused'}`, () => {
          const r = applyAssessmentTransition({ ...base, status, hasGeneralBranch }, t, complete);
          if (to === undefined) {
            expect(r.ok).toBe(false);
            if (!r.ok) {
              expect(r.violations).toHaveLength(1);
              expect(r.violations[0]!.kind).toBe('conflict');
              expect(r.violations[0]!.message).toMatch(/^该党组织的考核.+，不能/);
            }
          } else {
            expect(r.ok).toBe(true);
            if (r.ok) {
              expect(r.state.status).toBe(to);
              expect(r.state.history.at(-1)).toEqual({
                transition: t,
                from: status,
                to,
                byId: 7,
                byName: '张三',
                at: '2026-12-10T02:00:00.000Z',
                reason: '请补充说明',
              });
            }
          }
        });
      }

  it('a refusal names the status and the step', () => {
    const r = applyAssessmentTransition({ ...base, status: 'final' }, 'objection', complete);
    expect(r.ok || r.violations[0]!.message).toBe('该党组织的考核已确定，不能公示有异议，退回复核');
  });

  it('an org too young starts and stays 不参评', () => {
    const s = initialOrgAssessmentState(ratingEligibility('2026-05-01', '2026-12-31', 12), true);
    expect(s).toMatchObject({ status: 'not_rated', notRatedReason: expect.stringContaining('不满1年') });
    expect(initialOrgAssessmentState({ eligible: true }, false)).toMatchObject({
      status: 'self_assessment',
      hasGeneralBranch: false,
      history: [],
    });
  });

  it.each(['general_branch_return', 'department_return', 'decision_return', 'objection'] as const)(
    '%s needs a reason',
    (t) => {
      const from = {
        general_branch_return: 'general_branch_review',
        department_return: 'department_review',
        decision_return: 'committee_decision',
        objection: 'public_notice',
      } as const;
      const r = applyAssessmentTransition({ ...base, status: from[t] }, t, { ...complete, reason: '  ' });
      expect(r.ok || r.violations.map((v) => [v.kind, v.path])).toEqual([['field', 'reason']]);
    },
  );

  it('the 自评 and the 组织部’s approval need every item judged', () => {
    const pendingItems = ['A4', 'B4', 'C5', 'D3', 'E2', 'E3'];
    const self = applyAssessmentTransition(base, 'submit_self', { ...complete, pendingItems });
    expect(self.ok || self.violations).toEqual([
      { kind: 'rule', path: null, message: '自评未完成：还有 6 项未评分（A4、B4、C5、D3、E2等）' },
    ]);
    const dept = applyAssessmentTransition({ ...base, status: 'department_review' }, 'department_approve', {
      ...complete,
      pendingItems: ['F1'],
    });
    expect(dept.ok || dept.violations[0]!.message).toBe('评分未完成：还有 1 项未评分（F1）');
    expect(
      applyAssessmentTransition({ ...base, status: 'general_branch_review' }, 'general_branch_approve', {
        ...complete,
        pendingItems,
      }).ok,
    ).toBe(true);
  });

  it('the decision sets a 公示 of 5 working days by default, longer when asked', () => {
    const r = applyAssessmentTransition({ ...base, status: 'committee_decision' }, 'record_decision', {
      ...complete,
      decidedOn: '2026-12-03',
      noticeStartOn: '2026-12-04',
    });
    // Friday 4 December + 5 working days → Thursday 10 December.
    expect(r.ok && [r.state.decidedOn, r.state.noticeStartOn, r.state.noticeEndOn]).toEqual([
      '2026-12-03',
      '2026-12-04',
      '2026-12-10',
    ]);
    const longer = applyAssessmentTransition({ ...base, status: 'committee_decision' }, 'record_decision', {
      ...complete,
      decidedOn: '2026-12-03',
      noticeStartOn: '2026-12-04',
      noticeEndOn: '2026-12-15',
      noticeWorkingDays: 7,
    });
    expect(longer.ok && longer.state.noticeEndOn).toBe('2026-12-15');
  });

  it.each<[string, Partial<AssessmentTransitionFacts>, string]>([
    ['no decision date', { decidedOn: undefined }, 'decidedOn'],
    ['a decision in the future', { decidedOn: '2026-12-11', noticeStartOn: '2026-12-11' }, 'decidedOn'],
    ['no 公示 start', { noticeStartOn: undefined }, 'noticeStartOn'],
    ['a 公示 before the decision', { decidedOn: '2026-12-09', noticeStartOn: '2026-12-08' }, 'noticeStartOn'],
    [
      'a 公示 shorter than 5 working days',
      { noticeStartOn: '2026-12-10', noticeEndOn: '2026-12-15' },
      'noticeEndOn',
    ],
  ])('the decision is refused with %s', (_what, change, path) => {
    const r = applyAssessmentTransition({ ...base, status: 'committee_decision' }, 'record_decision', {
      ...complete,
      ...change,
    });
    expect(r.ok || r.violations.map((v) => [v.kind, v.path])).toEqual([['field', path]]);
  });

  it('the result is final only after the last day of the 公示', () => {
    const notice = {
      ...base,
      status: 'public_notice' as const,
      noticeStartOn: '2026-12-04',
      noticeEndOn: '2026-12-10',
    };
    const early = applyAssessmentTransition(notice, 'finalise', { ...complete, today: '2026-12-10' });
    expect(early.ok || early.violations).toEqual([
      {
        kind: 'rule',
        path: null,
        message: '公示期未满：公示至 2026-12-10（5 个工作日），期满后才能确定结果',
      },
    ]);
    expect(applyAssessmentTransition(notice, 'finalise', { ...complete, today: '2026-12-11' }).ok).toBe(true);
  });

  it('an objection during the 公示 clears the decision and sends it back to the 组织部', () => {
    const r = applyAssessmentTransition({ ...base, status: 'public_notice' }, 'objection', complete);
    expect(r.ok && r.state).toMatchObject({
      status: 'department_review',
      decidedOn: null,
      noticeStartOn: null,
      noticeEndOn: null,
    });
  });

  describe('quotas at the decision and at the end', () => {
    const quota = (selfStars: number, others: number) => ({
      quotas: [{ minStars: 5, maxPercent: 30 }],
      ratedCount: 10,
      decidedOthers: Array.from({ length: others }, (_, i) => ({
        orgId: i + 1,
        orgName: `第${i + 1}支部`,
        stars: 5,
      })),
      self: { orgId: 50, orgName: '本支部', stars: selfStars },
    });
    const decide = (q: ReturnType<typeof quota>) =>
      applyAssessmentTransition({ ...base, status: 'committee_decision' }, 'record_decision', {
        ...complete,
        quota: q,
      });

    it('the third 五星级 of 10 passes; the fourth is refused, naming the rule and the orgs', () => {
      expect(decide(quota(5, 2)).ok).toBe(true);
      const r = decide(quota(5, 3));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.violations[0]!.kind).toBe('rule');
        expect(r.violations[0]!.message).toBe(
          '超出比例限制：五星级不超过参评党组织的30%：参评 10 个，最多 3 个，现有 4 个（第1支部、第2支部、第3支部、本支部）',
        );
        expect(r.violations[0]!.quota?.orgs.map((o) => o.orgId)).toEqual([1, 2, 3, 50]);
      }
    });

    it('a lower result is never refused by a quota already full', () => {
      expect(decide(quota(4, 3)).ok).toBe(true);
    });

    it('the final step checks again (an org already counted is not counted twice)', () => {
      const notice = { ...base, status: 'public_notice' as const };
      const q = quota(5, 2);
      const withSelf = { ...q, decidedOthers: [...q.decidedOthers, q.self] };
      expect(applyAssessmentTransition(notice, 'finalise', { ...complete, quota: withSelf }).ok).toBe(true);
      expect(applyAssessmentTransition(notice, 'finalise', { ...complete, quota: quota(5, 3) }).ok).toBe(
        false,
      );
    });
  });

  it('the whole walk keeps who and when of every step', () => {
    let s = initialOrgAssessmentState({ eligible: true }, true);
    const steps: [AssessmentTransition, string][] = [
      ['submit_self', '支部书记'],
      ['general_branch_return', '总支书记'],
      ['submit_self', '支部书记'],
      ['general_branch_approve', '总支书记'],
      ['department_approve', '组织部'],
      ['record_decision', '组织部'],
      ['finalise', '组织部'],
    ];
    steps.forEach(([t, name], i) => {
      const today = t === 'finalise' ? '2026-12-20' : '2026-12-10';
      const r = applyAssessmentTransition(s, t, { ...complete, today, actor: { id: i, name }, at: `t${i}` });
      if (!r.ok) throw new Error(r.violations[0]!.message);
      s = r.state;
    });
    expect(s.status).toBe('final');
    expect(s.history.map((h) => [h.transition, h.byName, h.at])).toEqual(
      steps.map(([t, name], i) => [t, name, `t${i}`]),
    );
  });
});

describe('who may do what', () => {
  const none: AssessmentReach = { org: false, general_branch: false, department: false };
  const org = { ...none, org: true };
  const zongzhi = { ...none, general_branch: true };
  const zzb = { ...none, department: true };

  it.each<[AssessmentStatus, AssessmentReach, AssessmentTransition[], string | null]>([
    ['self_assessment', org, ['submit_self'], 'self'],
    ['self_assessment', zongzhi, [], null],
    ['self_assessment', zzb, [], null],
    ['general_branch_review', zongzhi, ['general_branch_approve', 'general_branch_return'], 'general_branch'],
    ['general_branch_review', org, [], null],
    ['general_branch_review', zzb, [], null],
    ['department_review', zzb, ['department_approve', 'department_return'], 'department'],
    ['department_review', zongzhi, [], null],
    ['committee_decision', zzb, ['record_decision', 'decision_return'], null],
    ['public_notice', zzb, ['objection', 'finalise'], null],
    ['public_notice', org, [], null],
    ['final', zzb, [], null],
    ['not_rated', zzb, [], null],
  ])('%s, %o → %o, judges as %s', (status, reach, allowed, judge) => {
    const a = allowedAssessmentActions({ status }, reach);
    expect(assessmentTransitions.filter((t) => a[t])).toEqual(allowed);
    expect(a.judge).toBe(judge);
    expect(a.adjust).toBe(judge === 'general_branch' || judge === 'department');
  });

  it('judging levels follow the status; computed items follow the records until the 组织部 approves', () => {
    expect(assessmentStatuses.map((s) => [s, judgingLevel(s), mayRecompute(s)])).toEqual([
      ['self_assessment', 'self', true],
      ['general_branch_review', 'general_branch', true],
      ['department_review', 'department', true],
      ['committee_decision', null, false],
      ['public_notice', null, false],
      ['final', null, false],
      ['not_rated', null, false],
    ]);
  });
});

describe('provisional vetoes (暂定)', () => {
  const veto = (id: string, triggered: boolean, kind: VetoScore['provenance']['kind']): VetoScore =>
    ({
      id,
      title: id,
      triggered,
      cap: { kind: 'max_stars', stars: 2 },
      provenance:
        kind === 'metric'
          ? {
              kind,
              notApplicable: false,
              computed: {
                metric: 'review_meeting_held',
                value: 0,
                display: '0',
                detail: null,
                records: [],
                band: null,
                missing: false,
              },
            }
          : { kind: 'default' },
    }) as VetoScore;
  const score = {
    vetoes: [veto('V1', true, 'metric'), veto('V2', false, 'metric'), veto('V3', true, 'default')],
  };
  const at = (status: AssessmentStatus, computedOn: string | null) => ({
    status,
    computedOn,
    periodEnd: '2026-12-31',
  });

  it.each([
    ['a figure of the records, its period still running', at('self_assessment', '2026-12-06'), ['V1']],
    ['on the period’s last day it may still be met', at('department_review', '2026-12-31'), ['V1']],
    ['computed after the period ended: it stands', at('self_assessment', '2027-01-05'), []],
    ['approved by the 组织部: the score is frozen', at('committee_decision', '2026-12-06'), []],
    ['final', at('final', '2026-12-06'), []],
    ['never computed', at('self_assessment', null), []],
  ] as const)('%s', (_, when, ids) => {
    expect(provisionalVetoIds(score, when)).toEqual(ids);
  });

  it('a reviewer’s finding or an override is never provisional; no score, none', () => {
    const judged = { vetoes: [veto('V3', true, 'default')] };
    expect(provisionalVetoIds(judged, at('self_assessment', '2026-12-06'))).toEqual([]);
    expect(provisionalVetoIds(null, at('self_assessment', '2026-12-06'))).toEqual([]);
  });

  it('the veto result is provisional only when every triggered veto is', () => {
    expect(isVetoProvisional(score, ['V1'])).toBe(false);
    expect(isVetoProvisional({ vetoes: [veto('V1', true, 'metric')] }, ['V1'])).toBe(true);
    expect(isVetoProvisional({ vetoes: [veto('V2', false, 'metric')] }, [])).toBe(false);
    expect(isVetoProvisional(null, [])).toBe(false);
  });
});
