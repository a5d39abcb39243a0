/**
 * Rectification campaigns (问题清单, issue 15 item 4): the 组织部 issues a round such as
 * “2026年‘个个过关、全面过硬’问题清单” to the orgs in scope, each of which submits its problem list (the
 * rectification items it registers with the campaign, or the statement that its self-check found none) by one
 * date, and its summary report (整改总结) by a later one. Per participating org, as a pure state machine:
 *
 *   list: not submitted ─submit_list→ submitted ─return_list→ not submitted (returned, with the reason)
 *   summary (after the list): not submitted ─submit_summary→ submitted ─return_summary→ not submitted
 *
 * The org submits (its secretaries: the responsible side of core `rectificationSides`); the level above returns
 * (the verifier side: the 总支 for its branches, the 组织部 for every org). 逾期 is not a state: it is read from the
 * due dates (`campaignSubmissionStatus`). The summary's figures are counted from the items, never typed
 * (`countCampaignFigures`). The campaign's dates are the school's practice (RULES.md §10, seed 002: list by 4-15,
 * summary by 7-05).
 */
import { addDays, daysBetween, type IsoDate } from '../dates.ts';
import type { CampaignRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import type { TransitionViolation } from './deadline.ts';
import type { RectificationSource, RectificationStatus } from './dictionaries.ts';

/** What kind of round a campaign is; it decides the source its items get. */
export const campaignKinds = ['all_pass_check', 'self_check'] as const;
export type CampaignKind = (typeof campaignKinds)[number];

export const campaignKindLabels = {
  all_pass_check: '个个过关、全面过硬',
  self_check: '专项自查',
} as const satisfies Record<CampaignKind, string>;

/** The source of the rectification items a campaign's problem lists hold. */
export const campaignItemSource = {
  all_pass_check: 'all_pass_visit',
  self_check: 'manual',
} as const satisfies Record<CampaignKind, RectificationSource>;

/** The two things a participating org submits: its problem list, then its summary report. */
export const campaignParts = ['list', 'summary'] as const;
export type CampaignPart = (typeof campaignParts)[number];

export const campaignPartLabels = {
  list: '问题清单',
  summary: '整改总结',
} as const satisfies Record<CampaignPart, string>;

/** What can be done to a participating org's submissions. */
export const campaignTransitions = [
  'submit_list',
  'return_list',
  'submit_summary',
  'return_summary',
] as const;
export type CampaignTransition = (typeof campaignTransitions)[number];

export const campaignTransitionLabels = {
  submit_list: '提交问题清单',
  return_list: '退回问题清单',
  submit_summary: '提交整改总结',
  return_summary: '退回整改总结',
} as const satisfies Record<CampaignTransition, string>;

/** Who does each transition: the participating org, or the level above it that reviews. */
export const campaignTransitionActor = {
  submit_list: 'org',
  return_list: 'reviewer',
  submit_summary: 'org',
  return_summary: 'reviewer',
} as const satisfies Record<CampaignTransition, 'org' | 'reviewer'>;

/** Which part each transition is about. */
export const campaignTransitionPart = {
  submit_list: 'list',
  return_list: 'list',
  submit_summary: 'summary',
  return_summary: 'summary',
} as const satisfies Record<CampaignTransition, CampaignPart>;

/** What a participating org's timeline records: every transition. */
export const campaignEventKinds = campaignTransitions;
export type CampaignEventKind = CampaignTransition;

/** The words an org with nothing to report submits its empty list with. */
export const campaignNoProblemsStatement = '经自查未发现问题';

/** How many days ahead a due list or summary starts to remind (监测预警, 待办). */
export const campaignReminderDays = 7;
/** How many days ahead the summary shows in the secretary's 待办 (the list shows from the day it is issued). */
export const campaignSummaryInboxDays = 30;

/** Where one participating org stands: whether each part is submitted now. */
export interface CampaignOrgState {
  listSubmitted: boolean;
  summarySubmitted: boolean;
}

/** What came with the request, and what the records say. */
export interface CampaignFacts {
  /** Items the org registered with the campaign. */
  itemCount: number;
  /** Submitting a list without items: the org states its self-check found none. */
  noProblems?: boolean | undefined;
  /** The summary's text. */
  summary?: string | undefined;
  /** Why it is returned. */
  reason?: string | undefined;
}

/** Why a transition is refused: `conflict` (HTTP 409) for the state, `field` (HTTP 400, on `path`) for what is missing. */
export type CampaignViolation = TransitionViolation;

export type CampaignTransitionResult =
  | { ok: true; state: CampaignOrgState }
  | { ok: false; violations: CampaignViolation[] };

const field = (path: string, message: string): CampaignViolation => ({ kind: 'field', path, message });
const conflict = (message: string): CampaignViolation => ({ kind: 'conflict', path: null, message });

/** The state-only reasons a transition cannot be taken now (none when it can). */
function stateConflict(state: CampaignOrgState, t: CampaignTransition): string | null {
  switch (t) {
    case 'submit_list':
      return state.listSubmitted ? '问题清单已提交，不能重复提交' : null;
    case 'return_list':
      if (!state.listSubmitted) return '问题清单尚未提交，不能退回';
      return state.summarySubmitted ? '已提交整改总结，不能退回问题清单；请先退回整改总结' : null;
    case 'submit_summary':
      if (!state.listSubmitted) return '请先提交问题清单，再提交整改总结';
      return state.summarySubmitted ? '整改总结已提交，不能重复提交' : null;
    case 'return_summary':
      return state.summarySubmitted ? null : '整改总结尚未提交，不能退回';
  }
}

/** What a transition still needs of the request (none when it has it). */
function contentViolations(t: CampaignTransition, f: CampaignFacts): CampaignViolation[] {
  switch (t) {
    case 'submit_list':
      if (f.itemCount === 0 && !f.noProblems)
        return [
          field(
            'noProblems',
            `问题清单：尚未登记问题；确无问题的，请确认“${campaignNoProblemsStatement}”后提交`,
          ),
        ];
      if (f.itemCount > 0 && f.noProblems)
        return [
          field(
            'noProblems',
            `问题清单：已登记 ${f.itemCount} 个问题，不能声明“${campaignNoProblemsStatement}”`,
          ),
        ];
      return [];
    case 'submit_summary':
      return f.summary?.trim() ? [] : [field('summary', '整改总结：提交整改总结须写明整改情况')];
    case 'return_list':
    case 'return_summary':
      return f.reason?.trim() ? [] : [field('reason', '退回理由：退回须说明需要补充或修改的内容')];
  }
}

/**
 * Applies one transition to a participating org: refuses it from the wrong state, or without what it needs (an
 * empty list without the statement, a list with items and the statement, a summary without text, a return
 * without a reason); otherwise returns the new state. Who may ask is the caller's check
 * (`campaignTransitionActor`, `allowedCampaignActions`).
 */
export function applyCampaignTransition(
  state: CampaignOrgState,
  t: CampaignTransition,
  facts: CampaignFacts,
): CampaignTransitionResult {
  const blocked = stateConflict(state, t);
  if (blocked) return { ok: false, violations: [conflict(blocked)] };
  const problems = contentViolations(t, facts);
  if (problems.length > 0) return { ok: false, violations: problems };
  switch (t) {
    case 'submit_list':
      return { ok: true, state: { ...state, listSubmitted: true } };
    case 'return_list':
      return { ok: true, state: { ...state, listSubmitted: false } };
    case 'submit_summary':
      return { ok: true, state: { ...state, summarySubmitted: true } };
    case 'return_summary':
      return { ok: true, state: { ...state, summarySubmitted: false } };
  }
}

/**
 * What the actor may do with one participating org now, and whether items may still be registered with its list
 * (until the list is submitted); the UI shows buttons from these and the server checks the same.
 */
export function allowedCampaignActions(
  state: CampaignOrgState,
  actor: { org: boolean; reviewer: boolean },
): Record<CampaignTransition, boolean> & { registerItems: boolean } {
  const may = (t: CampaignTransition) =>
    actor[campaignTransitionActor[t]] && stateConflict(state, t) === null;
  return {
    submit_list: may('submit_list'),
    return_list: may('return_list'),
    submit_summary: may('submit_summary'),
    return_summary: may('return_summary'),
    registerItems: actor.org && !state.listSubmitted,
  };
}

/** Whether items may be registered with an org's list: only before it is submitted. */
export function campaignListOpen(state: CampaignOrgState): boolean {
  return !state.listSubmitted;
}

/** How a part stands on `today`: 未提交, 逾期未提交, 已提交, 逾期提交 (submitted after the due date). */
export const campaignSubmissionStatuses = [
  'not_submitted',
  'overdue',
  'submitted',
  'submitted_late',
] as const;
export type CampaignSubmissionStatus = (typeof campaignSubmissionStatuses)[number];

export const campaignSubmissionStatusLabels = {
  not_submitted: '未提交',
  overdue: '逾期未提交',
  submitted: '已提交',
  submitted_late: '逾期提交',
} as const satisfies Record<CampaignSubmissionStatus, string>;

/** The status of a part due on `dueOn`, submitted on `submittedOn` (null: not submitted now), seen on `today`. */
export function campaignSubmissionStatus(
  submittedOn: IsoDate | null,
  dueOn: IsoDate,
  today: IsoDate,
): CampaignSubmissionStatus {
  if (submittedOn !== null) return submittedOn > dueOn ? 'submitted_late' : 'submitted';
  return today > dueOn ? 'overdue' : 'not_submitted';
}

/** Problems with a campaign's dates when it is issued (or its dates are changed). */
export function campaignDateProblems(
  dates: { listDueOn: IsoDate; summaryDueOn: IsoDate; year: number },
  today: IsoDate,
  issuing: boolean,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (issuing && dates.listDueOn < today)
    out.push({ path: 'listDueOn', message: '问题清单报送截止日期：不能早于今天' });
  if (dates.summaryDueOn <= dates.listDueOn)
    out.push({ path: 'summaryDueOn', message: '整改总结报送截止日期：须晚于问题清单报送截止日期' });
  const year = Number(dates.listDueOn.slice(0, 4));
  if (year < dates.year - 1 || year > dates.year + 1)
    out.push({ path: 'listDueOn', message: `问题清单报送截止日期：与年度（${dates.year}年）不符` });
  return out;
}

/** An item as the figures count it: its status and its next due date (core `rectificationNextDue`). */
export interface CampaignItemFacts {
  status: RectificationStatus;
  nextDue: IsoDate;
}

/** The figures of an org's problem list: how many items, 已销号, still being rectified, and of those overdue. */
export interface CampaignFigures {
  items: number;
  closed: number;
  open: number;
  overdue: number;
}

/**
 * The figures a summary reports, counted from the records on `today` (“最多报一次”: never typed): every item, those
 * closed (已销号), those not yet closed (整改中, including those submitted for 销号), and of those still being
 * rectified the ones past their next due date.
 */
export function countCampaignFigures(items: readonly CampaignItemFacts[], today: IsoDate): CampaignFigures {
  let closed = 0;
  let overdue = 0;
  for (const i of items) {
    if (i.status === 'closed') closed++;
    else if ((i.status === 'pending' || i.status === 'in_progress') && i.nextDue < today) overdue++;
  }
  return { items: items.length, closed, open: items.length - closed, overdue };
}

/** '4月15日': how a due date reads in a 待办 or a message. */
export function monthDayLabel(day: IsoDate): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** What the rules read of one participating org of a campaign. */
export interface CampaignAlertFacts {
  campaign: { id: number; name: string; listDueOn: IsoDate; summaryDueOn: IsoDate };
  org: { id: number; name: string };
  /** The day its list was submitted (null: not submitted now, perhaps returned). */
  listSubmittedOn: IsoDate | null;
  summarySubmittedOn: IsoDate | null;
}

/**
 * The findings of the participating orgs on `today`, each on the org and keyed by its campaign (`subject`
 * campaign-<id>): the list due within 7 days or passed and not submitted; once the list is in, the same for the
 * summary. Each goes when the submission is recorded (and comes back if it is returned).
 */
export function evaluateCampaignRules(
  rows: readonly CampaignAlertFacts[],
  today: IsoDate,
): Finding<CampaignRuleId>[] {
  const out: Finding<CampaignRuleId>[] = [];
  for (const r of rows) {
    const subject = `campaign-${r.campaign.id}`;
    const named = `《${r.campaign.name}》`;
    const check = (part: CampaignPart, dueOn: IsoDate) => {
      const what = campaignPartLabels[part];
      if (dueOn < today)
        out.push(
          finding(
            part === 'list' ? 'campaign.list_overdue' : 'campaign.summary_overdue',
            r.org,
            `${named}：${what}应于 ${dueOn} 前报送，已逾期${daysBetween(dueOn, today)}天未提交。`,
            part === 'list'
              ? '请尽快登记查摆出的问题并提交问题清单；确无问题的，确认“经自查未发现问题”后提交。'
              : '请尽快撰写整改总结并提交，整改数据由平台按整改事项自动统计。',
            { dueDate: dueOn, subject },
          ),
        );
      else if (dueOn <= addDays(today, campaignReminderDays)) {
        const left = daysBetween(today, dueOn);
        out.push(
          finding(
            part === 'list' ? 'campaign.list_due_soon' : 'campaign.summary_due_soon',
            r.org,
            `${named}：${what}将于 ${dueOn} 截止报送（${left === 0 ? '今天截止' : `还有${left}天`}）。`,
            part === 'list'
              ? '请登记查摆出的问题（每个问题明确责任人、整改措施和期限）后按时提交问题清单。'
              : '请对照问题清单总结整改情况，按时提交整改总结。',
            { dueDate: dueOn, subject },
          ),
        );
      }
    };
    if (r.listSubmittedOn === null) check('list', r.campaign.listDueOn);
    else if (r.summarySubmittedOn === null) check('summary', r.campaign.summaryDueOn);
  }
  return out;
}
