import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules/catalogue.ts';
import {
  allowedCampaignActions,
  applyCampaignTransition,
  type CampaignAlertFacts,
  type CampaignFacts,
  type CampaignOrgState,
  type CampaignTransition,
  campaignDateProblems,
  campaignSubmissionStatus,
  campaignTransitions,
  countCampaignFigures,
  evaluateCampaignRules,
  monthDayLabel,
} from './campaign.ts';

/** The four states of a participating org (a summary is never in without the list). */
const states: Record<string, CampaignOrgState> = {
  nothing: { listSubmitted: false, summarySubmitted: false },
  list: { listSubmitted: true, summarySubmitted: false },
  both: { listSubmitted: true, summarySubmitted: true },
};
const complete: CampaignFacts = {
  itemCount: 2,
  summary: '对照问题清单逐项整改，已销号 2 项。',
  reason: '请补充问题的整改措施',
};

/** Every state × transition: the new state, or the refusal's message. */
const table: Record<string, Record<CampaignTransition, CampaignOrgState | RegExp>> = {
  nothing: {
    submit_list: states.list!,
    return_list: /^问题清单尚未提交，不能退回$/,
    submit_summary: /^请先提交问题清单/,
    return_summary: /^整改总结尚未提交，不能退回$/,
  },
  list: {
    submit_list: /^问题清单已提交，不能重复提交$/,
    return_list: states.nothing!,
    submit_summary: states.both!,
    return_summary: /^整改总结尚未提交，不能退回$/,
  },
  both: {
    submit_list: /^问题清单已提交，不能重复提交$/,
    return_list: /^已提交整改总结，不能退回问题清单/,
    submit_summary: /^整改总结已提交，不能重复提交$/,
    return_summary: states.list!,
  },
};

describe('campaign state machine', () => {
  for (const [name, state] of Object.entries(states))
    for (const t of campaignTransitions) {
      const want = table[name]![t];
      it(`${name} × ${t} → ${want instanceof RegExp ? 'refused' : JSON.stringify(want)}`, () => {
        const r = applyCampaignTransition(state, t, complete);
        if (want instanceof RegExp) {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.violations).toHaveLength(1);
            expect(r.violations[0]!.kind).toBe('conflict');
            expect(r.violations[0]!.message).toMatch(want);
          }
        } else expect(r).toEqual({ ok: true, state: want });
      });
    }

  it.each([
    [
      'an empty list without the statement',
      'submit_list',
      { itemCount: 0 },
      'noProblems',
      /经自查未发现问题/,
    ],
    [
      'the statement with items registered',
      'submit_list',
      { itemCount: 3, noProblems: true },
      'noProblems',
      /已登记 3 个问题/,
    ],
    ['a summary without text', 'submit_summary', { itemCount: 1, summary: '  ' }, 'summary', /整改总结/],
    ['a return without a reason', 'return_list', { itemCount: 1 }, 'reason', /退回理由/],
    ['a summary returned without a reason', 'return_summary', { itemCount: 1, reason: '' }, 'reason', /退回/],
  ] as const)('refuses %s, naming the field', (_, t, facts, path, message) => {
    const from = t === 'return_summary' ? states.both! : t === 'submit_list' ? states.nothing! : states.list!;
    const r = applyCampaignTransition(from, t, facts);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.violations.map((v) => [v.kind, v.path])).toEqual([['field', path]]);
      expect(r.violations[0]!.message).toMatch(message);
    }
  });

  it('accepts an empty list with the statement 经自查未发现问题', () => {
    expect(
      applyCampaignTransition(states.nothing!, 'submit_list', { itemCount: 0, noProblems: true }),
    ).toEqual({
      ok: true,
      state: states.list,
    });
  });

  it('gives the org its submissions and the level above its returns, never items after the list is in', () => {
    const org = { org: true, reviewer: false };
    const reviewer = { org: false, reviewer: true };
    expect(allowedCampaignActions(states.nothing!, org)).toEqual({
      submit_list: true,
      return_list: false,
      submit_summary: false,
      return_summary: false,
      registerItems: true,
    });
    expect(allowedCampaignActions(states.list!, org)).toMatchObject({
      submit_summary: true,
      registerItems: false,
    });
    expect(allowedCampaignActions(states.list!, reviewer)).toEqual({
      submit_list: false,
      return_list: true,
      submit_summary: false,
      return_summary: false,
      registerItems: false,
    });
    expect(allowedCampaignActions(states.both!, reviewer)).toMatchObject({
      return_list: false,
      return_summary: true,
    });
    expect(
      Object.values(allowedCampaignActions(states.both!, { org: false, reviewer: false })),
    ).not.toContain(true);
  });
});

describe('campaignSubmissionStatus', () => {
  it.each([
    [null, '2026-04-14', 'not_submitted'],
    [null, '2026-04-15', 'not_submitted'],
    [null, '2026-04-16', 'overdue'],
    ['2026-04-15', '2026-05-01', 'submitted'],
    ['2026-04-16', '2026-05-01', 'submitted_late'],
  ] as const)('submitted %s, seen on %s: %s', (submittedOn, today, want) => {
    expect(campaignSubmissionStatus(submittedOn, '2026-04-15', today)).toBe(want);
  });
});

describe('campaignDateProblems', () => {
  it.each([
    [{ listDueOn: '2026-04-15', summaryDueOn: '2026-07-05', year: 2026 }, true, []],
    [{ listDueOn: '2026-03-01', summaryDueOn: '2026-07-05', year: 2026 }, true, ['listDueOn']],
    [{ listDueOn: '2026-03-01', summaryDueOn: '2026-07-05', year: 2026 }, false, []],
    [{ listDueOn: '2026-04-15', summaryDueOn: '2026-04-15', year: 2026 }, true, ['summaryDueOn']],
    [{ listDueOn: '2028-04-15', summaryDueOn: '2028-07-05', year: 2026 }, true, ['listDueOn']],
  ] as const)('%j issuing %s → %j', (dates, issuing, paths) => {
    expect(campaignDateProblems(dates, '2026-03-20', issuing).map((p) => p.path)).toEqual(paths);
  });
});

describe('countCampaignFigures', () => {
  it('counts items, 已销号, not yet closed, and overdue among those still being rectified', () => {
    expect(
      countCampaignFigures(
        [
          { status: 'closed', nextDue: '2026-05-01' },
          { status: 'in_progress', nextDue: '2026-06-01' },
          { status: 'pending', nextDue: '2026-06-30' },
          // Submitted for 销号 past its date: not overdue, the level above has it.
          { status: 'submitted', nextDue: '2026-05-15' },
          { status: 'in_progress', nextDue: '2026-06-15' },
        ],
        '2026-06-15',
      ),
    ).toEqual({ items: 5, closed: 1, open: 4, overdue: 1 });
    expect(countCampaignFigures([], '2026-06-15')).toEqual({ items: 0, closed: 0, open: 0, overdue: 0 });
  });
});

describe('evaluateCampaignRules', () => {
  const row = (over: Partial<CampaignAlertFacts> = {}): CampaignAlertFacts => ({
    campaign: {
      id: 7,
      name: '2026年“个个过关、全面过硬”问题清单',
      listDueOn: '2026-04-15',
      summaryDueOn: '2026-07-05',
    },
    org: { id: 3, name: '第一党支部' },
    listSubmittedOn: null,
    summarySubmittedOn: null,
    ...over,
  });
  const rules = (r: CampaignAlertFacts, today: string) =>
    evaluateCampaignRules([r], today).map((f) => [f.ruleId, f.dueDate, f.subject]);

  it.each([
    ['2026-04-07', []],
    ['2026-04-08', [['campaign.list_due_soon', '2026-04-15', 'campaign-7']]],
    ['2026-04-15', [['campaign.list_due_soon', '2026-04-15', 'campaign-7']]],
    ['2026-04-16', [['campaign.list_overdue', '2026-04-15', 'campaign-7']]],
    // The summary is not asked before the list is in: the list's finding says it.
    ['2026-07-10', [['campaign.list_overdue', '2026-04-15', 'campaign-7']]],
  ] as const)('a list not submitted, on %s', (today, want) => {
    expect(rules(row(), today)).toEqual(want);
  });

  it.each([
    ['2026-04-20', []],
    ['2026-06-28', [['campaign.summary_due_soon', '2026-07-05', 'campaign-7']]],
    ['2026-07-06', [['campaign.summary_overdue', '2026-07-05', 'campaign-7']]],
  ] as const)('a list in and no summary, on %s', (today, want) => {
    expect(rules(row({ listSubmittedOn: '2026-04-10' }), today)).toEqual(want);
  });

  it("has nothing once both are in, and cites the school practice with the campaign's own dates", () => {
    expect(
      rules(row({ listSubmittedOn: '2026-04-10', summarySubmittedOn: '2026-07-01' }), '2026-08-01'),
    ).toEqual([]);
    const [f] = evaluateCampaignRules([row()], '2026-04-18');
    expect(f!.message).toBe(
      '《2026年“个个过关、全面过硬”问题清单》：问题清单应于 2026-04-15 前报送，已逾期3天未提交。',
    );
    expect(f!.clause).toEqual(ruleCatalogue['campaign.list_overdue'].clause);
    expect(f!.clause.text).toMatch(/4月15日.*7月5日/);
    expect(f!.orgId).toBe(3);
  });

  it('reads a due date as 4月15日', () => {
    expect(monthDayLabel('2026-04-15')).toBe('4月15日');
    expect(monthDayLabel('2026-12-05')).toBe('12月5日');
  });
});
