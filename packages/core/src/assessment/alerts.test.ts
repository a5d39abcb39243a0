import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import { ruleCatalogue } from '../rules/catalogue.ts';
import { type AssessmentAlertFacts, evaluateAssessmentRules } from './alerts.ts';
import type { AssessmentStatus } from './dictionaries.ts';

const gb = { id: 2, name: '信息学院党总支' };
const row = (
  status: AssessmentStatus,
  org: { id: number; name: string },
  due: { selfDueOn?: IsoDate | null; reviewDueOn?: IsoDate | null } = {},
): AssessmentAlertFacts => ({
  round: {
    id: 7,
    title: '2026年度星级党支部评定',
    selfDueOn: due.selfDueOn === undefined ? '2026-11-20' : due.selfDueOn,
    reviewDueOn: due.reviewDueOn === undefined ? '2026-11-30' : due.reviewDueOn,
  },
  org,
  status,
  generalBranch: gb,
});
const a = { id: 11, name: '软件教工党支部' };
const b = { id: 12, name: '网络学生党支部' };

const keys = (rows: AssessmentAlertFacts[], today: IsoDate) =>
  evaluateAssessmentRules(rows, today).map((f) => [f.ruleId, f.orgId, f.dueDate, f.subject]);

describe('evaluateAssessmentRules', () => {
  it.each<[IsoDate, unknown[]]>([
    ['2026-11-12', []],
    ['2026-11-13', [['assessment.self_due_soon', 11, '2026-11-20', 'assessment-7']]],
    ['2026-11-20', [['assessment.self_due_soon', 11, '2026-11-20', 'assessment-7']]],
    ['2026-11-21', [['assessment.self_overdue', 11, '2026-11-20', 'assessment-7']]],
  ])('a 自评 not submitted on %s', (today, want) => {
    expect(keys([row('self_assessment', a)], today)).toEqual(want);
  });

  it('a 自评 submitted, an org not rated and a round without a deadline raise nothing', () => {
    for (const status of ['general_branch_review', 'department_review', 'final', 'not_rated'] as const)
      expect(keys([row(status, a, { reviewDueOn: null })], '2026-12-15')).toEqual([]);
    expect(keys([row('self_assessment', a, { selfDueOn: null })], '2026-12-15')).toEqual([]);
  });

  it("the 总支's review: one finding per round on the 总支, naming the branches waiting", () => {
    const rows = [row('general_branch_review', a), row('general_branch_review', b), row('final', a)];
    expect(keys(rows, '2026-11-22')).toEqual([]);
    expect(keys(rows, '2026-11-23')).toEqual([
      ['assessment.review_due_soon', 2, '2026-11-30', 'assessment-7'],
    ]);
    const [late] = evaluateAssessmentRules(rows, '2026-12-02');
    expect(late).toMatchObject({ ruleId: 'assessment.review_overdue', orgId: 2, orgName: '信息学院党总支' });
    expect(late!.message).toContain('已逾期2天，2 个支部待审核（软件教工党支部、网络学生党支部）');
    expect(late!.clause).toEqual(ruleCatalogue['assessment.review_overdue'].clause);
  });

  it('an org with no 总支 above raises no review finding', () => {
    expect(keys([{ ...row('general_branch_review', a), generalBranch: null }], '2026-12-15')).toEqual([]);
  });
});
