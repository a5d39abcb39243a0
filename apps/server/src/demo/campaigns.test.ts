import {
  addDays,
  applyCampaignTransition,
  applyRectificationTransition,
  type CampaignOrgState,
  campaignItemSource,
  campaignNoProblemsStatement,
  campaignSubmissionStatus,
  countCampaignFigures,
  evaluateCampaignRules,
  type RectificationState,
  type RectificationTransition,
  rectificationNextDue,
  rectificationTransitions,
  toLocalDate,
} from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { buildDemoCampaigns, itemOn } from './campaigns.ts';
import { generateCollege } from './generate.ts';
import { createRandom } from './random.ts';
import { buildDemoRectifications, milestonesOn } from './rectification.ts';
import type { CollegeData, DemoRectification } from './types.ts';

const data = generateCollege({ scale: 1, today: '2026-12-06' });
/** Other days of the year the demo may be opened on: what is planted does not hang on the season. */
const others = ['2026-03-05', '2026-07-20'].map((day) => generateCollege({ scale: 1, today: day }));
const colleges = [data, ...others];

const dayOf = (instant: string) => toLocalDate(new Date(instant));
const isTransition = (kind: string): kind is RectificationTransition =>
  (rectificationTransitions as readonly string[]).includes(kind);

/** An item's status and next due date at the end of `day`, by replaying its timeline through core up to then. */
function replayedOn(r: DemoRectification, day: string) {
  let state: RectificationState = {
    status: 'pending',
    deadline: r.originalDeadline,
    originalDeadline: r.originalDeadline,
    extensions: 0,
    extensionRequest: null,
    milestones: [],
    reopenCount: 0,
  };
  let evidence = 0;
  for (const e of r.events.slice(1)) {
    const on = dayOf(e.at);
    if (on > day) break;
    if (e.kind === 'evidence_added') evidence++;
    if (!isTransition(e.kind)) continue;
    const result = applyRectificationTransition(
      { ...state, milestones: milestonesOn(r.milestones, on) },
      e.kind,
      {
        today: on,
        measures: r.measures,
        result: r.result,
        evidenceCount: evidence,
        reason: e.note ?? undefined,
        until: e.until ?? undefined,
      },
    );
    if (!result.ok) throw new Error(`item ${r.id}: ${e.kind} on ${on}`);
    state = result.state;
  }
  const milestones = milestonesOn(r.milestones, day);
  return { status: state.status, nextDue: rectificationNextDue({ ...state, milestones }) };
}

/**
 * Replays an org's history through core's campaign machine: each step is accepted with the items it had registered
 * by then, and leads to where the row stands.
 */
function checkRow(college: CollegeData, campaignId: number, orgId: number) {
  const c = college.campaigns.find((x) => x.id === campaignId)!;
  const row = c.orgs.find((o) => o.orgId === orgId)!;
  const items = college.rectifications.filter((r) => r.campaignId === campaignId && r.orgId === orgId);
  let state: CampaignOrgState = { listSubmitted: false, summarySubmitted: false };
  let last = c.createdAt;
  for (const e of row.events) {
    expect(new Date(e.at).getTime(), `${c.name} ${orgId}`).toBeGreaterThan(new Date(last).getTime());
    last = e.at;
    const registered = items.filter((i) => i.createdAt < e.at).length;
    const result = applyCampaignTransition(state, e.kind, {
      itemCount: registered,
      noProblems: e.note?.startsWith(campaignNoProblemsStatement) ?? false,
      summary: row.summary?.text,
      reason: e.note ?? undefined,
    });
    if (!result.ok) throw new Error(`${c.name} org ${orgId}: ${e.kind} ${JSON.stringify(result.violations)}`);
    state = result.state;
    if (e.kind === 'submit_list')
      expect(e.note!.startsWith(registered === 0 ? campaignNoProblemsStatement : `${registered}个问题`)).toBe(
        true,
      );
  }
  expect(state).toEqual({ listSubmitted: row.list !== null, summarySubmitted: row.summary !== null });
  expect(row.version).toBe(row.events.length);
  // No item joins a list after it went in.
  if (row.list) for (const i of items) expect(i.createdAt < row.list.at, `item ${i.id}`).toBe(true);
  // The summary's figures are the items' as they stood that day.
  if (row.summary) {
    const day = dayOf(row.summary.at);
    expect(row.summary.figures).toEqual(
      countCampaignFigures(
        items.map((i) => replayedOn(i, day)),
        day,
      ),
    );
    for (const i of items) expect(itemOn(i, day)).toEqual(replayedOn(i, day));
  }
}

describe('buildDemoCampaigns', () => {
  it('is deterministic', () => {
    const build = () => {
      let out: unknown;
      const items = buildDemoRectifications(data, createRandom(3), (hooks) => {
        out = buildDemoCampaigns(data, createRandom(5), hooks);
      });
      return { items, out };
    };
    expect(build()).toEqual(build());
  });

  it.each(colleges.map((c) => [c.today, c] as const))(
    'on %s: every org’s history replays through core, items join open lists only, figures are the records’',
    (_, college) => {
      const orgById = new Map(college.orgs.map((o) => [o.id, o]));
      for (const c of college.campaigns) {
        expect(c.issuedOn < college.today).toBe(true);
        for (const row of c.orgs) {
          const org = orgById.get(row.orgId)!;
          expect(['general_branch', 'branch', 'joint_branch', 'temporary_branch']).toContain(org.type);
          expect(org.foundedOn === null || org.foundedOn <= c.issuedOn).toBe(true);
          for (const e of row.events) expect(dayOf(e.at) < college.today).toBe(true);
          checkRow(college, c.id, row.orgId);
        }
        const items = college.rectifications.filter((r) => r.campaignId === c.id);
        for (const i of items) {
          expect(c.orgs.some((o) => o.orgId === i.orgId)).toBe(true);
          expect(i.source).toBe(campaignItemSource[c.kind]);
          expect(i.sourceLabel).toBe(c.name);
          expect(dayOf(i.createdAt) > c.issuedOn).toBe(true);
        }
      }
    },
  );

  it('the year’s “个个过关、全面过硬” list: most in on time, a few late, two missing, one returned and sent again', () => {
    for (const college of colleges) {
      const [allPass] = college.campaigns;
      const year =
        Number(college.today.slice(0, 4)) - (college.today > `${college.today.slice(0, 4)}-07-25` ? 0 : 1);
      expect(allPass).toMatchObject({
        name: `${year}年“个个过关、全面过硬”问题清单`,
        kind: 'all_pass_check',
        listDueOn: `${year}-04-15`,
        summaryDueOn: `${year}-07-05`,
      });
      const status = (part: 'list' | 'summary') =>
        allPass!.orgs.map((o) =>
          campaignSubmissionStatus(
            o[part] ? dayOf(o[part]!.at) : null,
            part === 'list' ? allPass!.listDueOn : allPass!.summaryDueOn,
            college.today,
          ),
        );
      const lists = status('list');
      expect(lists.filter((s) => s === 'submitted').length / lists.length).toBeGreaterThan(0.8);
      expect(lists.filter((s) => s === 'submitted_late')).toHaveLength(2);
      expect(lists.filter((s) => s === 'overdue')).toHaveLength(2);
      const summaries = status('summary');
      expect(summaries.filter((s) => s === 'submitted_late').length).toBeGreaterThanOrEqual(1);
      expect(summaries.filter((s) => s === 'overdue').length).toBeGreaterThanOrEqual(4);
      expect(allPass!.orgs.some((o) => o.list?.noProblems)).toBe(true);
      const returned = allPass!.orgs.filter((o) => o.events.some((e) => e.kind === 'return_list'));
      expect(returned).toHaveLength(1);
      expect(returned[0]!.events.map((e) => e.kind)).toEqual([
        'submit_list',
        'return_list',
        'submit_list',
        'submit_summary',
      ]);
      // Returned by the 总支 (the zongzhi account).
      const zongzhi = college.accounts.findIndex((a) => a.username === 'zongzhi') + 1;
      expect(returned[0]!.events[1]!.actorId).toBe(zongzhi);
      const items = college.rectifications.filter((r) => r.campaignId === allPass!.id);
      expect(items.some((r) => r.status === 'closed')).toBe(true);
      expect(items.some((r) => r.source === 'all_pass_visit')).toBe(true);
    }
  });

  it('zhibu’s branch: its list and summary of the year in on time; the current list open with a problem, due within the week', () => {
    for (const college of colleges) {
      const zhibu = college.cases['term.overdue'];
      const account = college.accounts.findIndex((a) => a.username === 'zhibu') + 1;
      const [allPass, current] = college.campaigns;
      const own = allPass!.orgs.find((o) => o.orgId === zhibu)!;
      expect(own.list).toMatchObject({ byId: account, noProblems: false });
      expect(dayOf(own.list!.at) <= allPass!.listDueOn).toBe(true);
      expect(dayOf(own.summary!.at) <= allPass!.summaryDueOn).toBe(true);
      expect(own.summary!.figures.items).toBe(2);

      expect(current!.kind).toBe('self_check');
      expect(current!.listDueOn > college.today && current!.listDueOn <= addDays(college.today, 7)).toBe(
        true,
      );
      const open = current!.orgs.find((o) => o.orgId === zhibu)!;
      expect(open.list).toBeNull();
      const registered = college.rectifications.filter(
        (r) => r.campaignId === current!.id && r.orgId === zhibu,
      );
      expect(registered).toHaveLength(1);
      expect(registered[0]!.events[0]!.actorId).toBe(account);
      const [finding] = evaluateCampaignRules(
        [
          {
            campaign: { ...current!, id: current!.id },
            org: { id: zhibu, name: 'zhibu' },
            listSubmittedOn: null,
            summarySubmittedOn: null,
          },
        ],
        college.today,
      );
      expect(finding!.ruleId).toBe('campaign.list_due_soon');
      // Some have sent theirs, some with nothing found.
      const sent = current!.orgs.filter((o) => o.list);
      expect(sent.length).toBeGreaterThanOrEqual(5);
      expect(sent.length).toBeLessThan(current!.orgs.length / 2);
      expect(sent.some((o) => o.list!.noProblems)).toBe(true);
    }
  });
});
