import { describe, expect, it } from 'vitest';
import { defaultReportDueOn } from './procedure.ts';
import { evaluateReportRules, type PendingReportFact } from './rules.ts';

const pending = (reportDueOn: string): PendingReportFact => ({
  campaignId: 7,
  campaignTitle: '2026年度党支部书记抓党建述职评议考核',
  year: 2026,
  org: { id: 3, name: '软件教工党支部' },
  secretaryName: '张三',
  reportDueOn,
});

describe('evaluateReportRules: a 述职报告 not submitted', () => {
  it.each([
    // today, due, rule (null: nothing yet)
    ['2026-11-22', '2026-11-30', null],
    ['2026-11-23', '2026-11-30', 'duty_review.report_due'],
    ['2026-11-30', '2026-11-30', 'duty_review.report_due'],
    ['2026-12-01', '2026-11-30', 'duty_review.report_overdue'],
    ['2027-01-10', '2026-11-30', 'duty_review.report_overdue'],
  ] as const)('on %s, due %s: %s', (today, due, rule) => {
    const found = evaluateReportRules([pending(due)], today);
    expect(found.map((f) => f.ruleId)).toEqual(rule ? [rule] : []);
    if (rule) {
      expect(found[0]).toMatchObject({
        orgId: 3,
        dueDate: due,
        subject: 'duty-review-report-7',
        period: '2026',
        clause: { article: '第二条' },
      });
      expect(found[0]!.message).toContain('张三');
      expect(found[0]!.severity).toBe(rule === 'duty_review.report_due' ? 'info' : 'error');
    }
  });

  it('one finding per report pending, none for none', () => {
    expect(evaluateReportRules([], '2026-12-01')).toEqual([]);
    expect(
      evaluateReportRules([pending('2026-11-30'), { ...pending('2026-12-03'), campaignId: 8 }], '2026-12-01'),
    ).toHaveLength(2);
  });
});

describe('defaultReportDueOn: the 30th day of the campaign, never after its end', () => {
  it.each([
    // starts, ends, launched on, due
    ['2026-11-01', '2026-12-31', '2026-10-20', '2026-11-30'],
    ['2026-11-01', '2026-12-31', '2026-11-01', '2026-11-30'],
    ['2026-12-15', '2026-12-31', '2026-12-01', '2026-12-31'],
    ['2026-11-01', '2026-11-30', '2026-11-01', '2026-11-30'],
    ['2026-11-01', '2026-11-29', '2026-11-01', '2026-11-29'],
    ['2026-12-20', '2027-01-31', '2026-12-20', '2027-01-18'],
    // launched late: 30 days from the launch, still not after the end
    ['2026-11-01', '2026-12-31', '2026-11-20', '2026-12-19'],
    ['2026-11-01', '2026-12-31', '2026-12-10', '2026-12-31'],
  ])('%s – %s launched %s: %s', (startsOn, endsOn, today, due) => {
    expect(defaultReportDueOn(startsOn, endsOn, today)).toBe(due);
  });
});
