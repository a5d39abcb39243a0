/**
 * 党建工作概览 (GET /api/overview): what a 校领导 or the 组织部 reads first. Every figure of the year is taken
 * from the service of the list it links to, with that list's own filters, so the number and the list's total
 * cannot disagree; the same figure a year earlier comes from the same service on last year's dates, or — for
 * the roster and the org tree, which lists only show as they are today — from the dates the records keep
 * (repo.ts). The scope is the caller's throughout.
 */
import {
  AppError,
  activityListQuery,
  addMonths,
  type ComplianceRateDto,
  type IsoDate,
  memberListQuery,
  type OrgType,
  type Overview,
  type OverviewCompletion,
  type OverviewFigure,
  type OverviewFindingUnit,
  type OverviewLink,
  orgTypeLabels,
  orgTypes,
  type PartyStatus,
  type RecruitmentMilestone,
  recruitmentListQuery,
  recruitmentStageLabels,
  recruitmentStages,
  rectificationListQuery,
  type Severity,
  severities,
  supervisedTaskListQuery,
} from '@dangjian/core';
import type { Actor, Db } from '../../http/context.ts';
import { listActivities } from '../activities/service.ts';
import { openFindingsByUnit } from '../alerts/service.ts';
import { getComplianceRates } from '../compliance/service.ts';
import { listMembers } from '../members/service.ts';
import { listOrgs } from '../org/service.ts';
import { getPipeline, listDossiers } from '../recruitment/service.ts';
import { listRectifications } from '../rectification/service.ts';
import { getRuleSettings } from '../settings/service.ts';
import { listTasks } from '../supervision/service.ts';
import * as repo from './repo.ts';

/** The days a year's figures run between, and the same days a year earlier. */
interface Window {
  year: number;
  /** This year: figures to today, which lists can show; a past year: figures to 31 December. */
  isCurrent: boolean;
  from: IsoDate;
  asOf: IsoDate;
  lastFrom: IsoDate;
  lastYearAsOf: IsoDate;
}

/** The window of `year` on `today`; a year still to come has no figures. */
export function overviewWindow(year: number, today: IsoDate): Window {
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear) {
    const message = `年度：不能晚于今年（${thisYear}年）`;
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ path: 'year', message }] });
  }
  const asOf = year === thisYear ? today : `${year}-12-31`;
  return {
    year,
    isCurrent: year === thisYear,
    from: `${year}-01-01`,
    asOf,
    lastFrom: `${year - 1}-01-01`,
    // Whole months back, so 29 February compares with 28 February.
    lastYearAsOf: addMonths(asOf, -12),
  };
}

const link = (page: OverviewLink['page'], params: Record<string, string | undefined> = {}): OverviewLink => ({
  page,
  params: Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)),
});

type Figure = Omit<OverviewFigure, 'detail' | 'note'> & { detail?: string | null; note?: string | null };
const figure = (f: Figure): OverviewFigure => ({ ...f, detail: f.detail ?? null, note: f.note ?? null });

/** Why a past year's roster and org figures open no list. */
const pastRosterNote =
  '名册和组织架构只列今天的情况；往年的数字按入党、转正、转接、离开和成立、撤销的日期推算';

/** 党员总数, 正式党员, 预备党员: today's roster (its totals), or the roster rebuilt on 31 December of a past year. */
async function memberFigures(db: Db, actor: Actor, w: Window, today: IsoDate): Promise<OverviewFigure[]> {
  const rosterTotal = async (partyStatus?: PartyStatus) =>
    (await listMembers(db, actor, memberListQuery.parse({ partyStatus, pageSize: 1 }), today)).total;
  const [then, now] = await Promise.all([
    repo.membersOn(db, actor.scope, w.lastYearAsOf),
    w.isCurrent
      ? Promise.all([rosterTotal(), rosterTotal('full'), rosterTotal('probationary')]).then(
          ([total, full, probationary]) => ({ total, full, probationary }),
        )
      : repo.membersOn(db, actor.scope, w.asOf).then((m) => ({ ...m, total: m.full + m.probationary })),
  ]);
  const rows: [string, string, number, number, PartyStatus | undefined][] = [
    ['members.total', '党员总数', now.total, then.full + then.probationary, undefined],
    ['members.full', '正式党员', now.full, then.full, 'full'],
    ['members.probationary', '预备党员', now.probationary, then.probationary, 'probationary'],
  ];
  return rows.map(([key, label, value, lastYear, partyStatus]) =>
    figure({
      key,
      group: 'members',
      label,
      kind: 'count',
      unit: '人',
      value,
      lastYear,
      link: w.isCurrent ? link('members', { partyStatus }) : null,
      note: w.isCurrent ? null : pastRosterNote,
    }),
  );
}

/** Orgs by type (the 党委 itself left out): today's tree, or the tree rebuilt on 31 December of a past year. */
async function orgFigures(db: Db, actor: Actor, w: Window): Promise<OverviewFigure[]> {
  const [then, now] = await Promise.all([
    repo.orgsOn(db, actor.scope, w.lastYearAsOf),
    w.isCurrent
      ? listOrgs(db, actor, {}).then((orgs) => {
          const counts = new Map<OrgType, number>();
          for (const o of orgs) counts.set(o.type, (counts.get(o.type) ?? 0) + 1);
          return counts;
        })
      : repo.orgsOn(db, actor.scope, w.asOf),
  ]);
  return orgTypes
    .filter((type) => type !== 'committee' && ((now.get(type) ?? 0) > 0 || (then.get(type) ?? 0) > 0))
    .map((type) =>
      figure({
        key: `orgs.${type}`,
        group: 'orgs',
        label: orgTypeLabels[type],
        kind: 'count',
        unit: '个',
        value: now.get(type) ?? 0,
        lastYear: then.get(type) ?? 0,
        link: w.isCurrent ? link('orgs', { type }) : null,
        note: w.isCurrent ? null : pastRosterNote,
      }),
    );
}

/**
 * 入党申请, 接收预备党员 and 转为正式党员 in the year to `asOf` and in last year to the same day: the dossier list
 * filtered by the day each dossier reached the milestone (core milestoneDate), whatever became of it since.
 */
async function recruitmentFigures(db: Db, actor: Actor, w: Window, today: IsoDate) {
  const settings = await getRuleSettings(db);
  const reachedIn = async (reached: RecruitmentMilestone, from: IsoDate, to: IsoDate) => {
    const query = recruitmentListQuery.parse({
      outcome: 'all',
      reached,
      reachedFrom: from,
      reachedTo: to,
      pageSize: 1,
    });
    return (await listDossiers(db, actor, query, settings, today)).total;
  };
  const rows: [RecruitmentMilestone, string][] = [
    ['applications', '入党申请'],
    ['admitted', '接收预备党员'],
    ['confirmed', '转为正式党员'],
  ];
  return Promise.all(
    rows.map(async ([milestone, label]) => {
      const [value, lastYear] = await Promise.all([
        reachedIn(milestone, w.from, w.asOf),
        reachedIn(milestone, w.lastFrom, w.lastYearAsOf),
      ]);
      return figure({
        key: `recruitment.${milestone}`,
        group: 'recruitment',
        label,
        kind: 'count',
        unit: '人',
        value,
        lastYear,
        link: link('recruitment', {
          outcome: 'all',
          reached: milestone,
          reachedFrom: w.from,
          reachedTo: w.asOf,
        }),
      });
    }),
  );
}

const sumRates = (items: readonly ComplianceRateDto[]) => {
  const met = items.reduce((n, r) => n + r.met, 0);
  const required = items.reduce((n, r) => n + r.required, 0);
  return { met, required, rate: required > 0 ? met / required : null };
};

/**
 * 已开展组织生活: records archived (closed) of meetings held in the year to `asOf`, against the same days of last
 * year — a record archived late counts on the day it was held, in both years. 组织生活完成率: met ÷ due
 * requirements over the same days (the compliance matrix), against the matrix of last year as it stood then.
 */
async function lifeFigures(
  db: Db,
  actor: Actor,
  w: Window,
  rates: { now: readonly ComplianceRateDto[]; lastYear: readonly ComplianceRateDto[] },
): Promise<OverviewFigure[]> {
  const held = async (from: IsoDate, to: IsoDate) =>
    (await listActivities(db, actor, activityListQuery.parse({ status: 'closed', from, to, pageSize: 1 })))
      .total;
  const [value, lastYear] = await Promise.all([held(w.from, w.asOf), held(w.lastFrom, w.lastYearAsOf)]);
  const now = sumRates(rates.now);
  const then = sumRates(rates.lastYear);
  return [
    figure({
      key: 'life.activities',
      group: 'life',
      label: '已开展组织生活',
      kind: 'count',
      unit: '次',
      value,
      lastYear,
      link: link('activities', { status: 'closed', from: w.from, to: w.asOf }),
    }),
    figure({
      key: 'life.completion',
      group: 'life',
      label: '组织生活完成率',
      kind: 'rate',
      unit: '',
      value: now.rate,
      lastYear: then.rate,
      detail: `完成 ${now.met} / 应完成 ${now.required} 项`,
      link: link('compliance', { from: w.from, to: w.asOf }),
      note: then.rate === null ? '去年同期没有应开展的组织生活（或尚未启用本平台），无法比较' : null,
    }),
  ];
}

/** Why the follow-up figures have no 去年同期. */
const followupNote = '逾期和待审核是今天的状态，不与去年同期比较';

/**
 * 整改与督办 today (only in the current year, and each only with the permission to read its list): rectification
 * items overdue and those submitted and waiting for 销号, and supervised tasks overdue.
 */
async function followupFigures(db: Db, actor: Actor, w: Window, today: IsoDate): Promise<OverviewFigure[]> {
  if (!w.isCurrent) return [];
  const figures: OverviewFigure[] = [];
  if (actor.permissions.has('rectification:item:view')) {
    const count = async (q: Record<string, string>) =>
      (await listRectifications(db, actor, rectificationListQuery.parse({ ...q, pageSize: 1 }), today)).total;
    const [overdue, submitted] = await Promise.all([
      count({ overdue: 'true' }),
      count({ status: 'submitted' }),
    ]);
    figures.push(
      figure({
        key: 'followup.rectification.overdue',
        group: 'followup',
        label: '逾期未整改',
        kind: 'count',
        unit: '项',
        value: overdue,
        lastYear: null,
        link: link('rectifications', { overdue: 'true' }),
        note: followupNote,
      }),
      figure({
        key: 'followup.rectification.submitted',
        group: 'followup',
        label: '待审核销号',
        kind: 'count',
        unit: '项',
        value: submitted,
        lastYear: null,
        link: link('rectifications', { status: 'submitted' }),
        note: followupNote,
      }),
    );
  }
  if (actor.permissions.has('supervision:task:view')) {
    const overdue = (
      await listTasks(db, actor, supervisedTaskListQuery.parse({ overdue: 'true', pageSize: 1 }), today)
    ).total;
    figures.push(
      figure({
        key: 'followup.supervision.overdue',
        group: 'followup',
        label: '督办事项逾期',
        kind: 'count',
        unit: '项',
        value: overdue,
        lastYear: null,
        link: link('supervised-tasks', { overdue: 'true' }),
        note: followupNote,
      }),
    );
  }
  return figures;
}

/** Rates per 党总支 (and the 党委 with its 直属党支部), lowest first, beside last year's on the same day. */
function completionRows(
  w: Window,
  rates: { now: readonly ComplianceRateDto[]; lastYear: readonly ComplianceRateDto[] },
): OverviewCompletion[] {
  const before = new Map(rates.lastYear.map((r) => [r.superiorId, r.rate]));
  return rates.now
    .map((r) => ({
      superiorId: r.superiorId,
      name: r.superiorName ?? '党委本级及直属党支部',
      orgCount: r.orgCount,
      required: r.required,
      met: r.met,
      rate: r.rate,
      lastYearRate: before.get(r.superiorId) ?? null,
      link: link('compliance', {
        orgId: r.superiorId === null ? undefined : String(r.superiorId),
        from: w.from,
        to: w.asOf,
      }),
    }))
    .sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Open findings per unit, each count linked to the alert list of that unit and severity. */
async function findingRows(db: Db, actor: Actor): Promise<Overview['findings']> {
  const units = await openFindingsByUnit(db, actor);
  const zero = () => Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  const totals = zero();
  for (const u of units) for (const s of severities) totals[s] += u.counts[s];
  const linksOf = (base: Record<string, string | undefined>) =>
    Object.fromEntries(severities.map((s) => [s, link('alerts', { ...base, severity: s })])) as Record<
      Severity,
      OverviewLink
    >;
  return {
    units: units.map((u): OverviewFindingUnit => {
      const base = { orgId: String(u.org.id), orgOnly: u.own ? 'true' : undefined };
      return {
        org: u.org,
        own: u.own,
        counts: u.counts,
        total: u.total,
        links: linksOf(base),
        totalLink: link('alerts', base),
      };
    }),
    totals: { ...totals, total: severities.reduce((n, s) => n + totals[s], 0) },
    totalLinks: linksOf({}),
  };
}

/** GET /api/overview for the caller's scope. */
export async function getOverview(
  db: Db,
  actor: Actor,
  query: { year?: number | undefined },
  today: IsoDate,
): Promise<Overview> {
  const w = overviewWindow(query.year ?? Number(today.slice(0, 4)), today);
  const [ratesNow, ratesThen] = await Promise.all([
    getComplianceRates(db, actor, w.year, today),
    getComplianceRates(db, actor, w.year - 1, w.lastYearAsOf),
  ]);
  const rates = { now: ratesNow.items, lastYear: ratesThen.items };
  const [members, orgs, recruitment, life, followup, findings, pipeline] = await Promise.all([
    memberFigures(db, actor, w, today),
    orgFigures(db, actor, w),
    recruitmentFigures(db, actor, w, today),
    lifeFigures(db, actor, w, rates),
    followupFigures(db, actor, w, today),
    findingRows(db, actor),
    getPipeline(db, actor, {}, today),
  ]);
  return {
    year: w.year,
    today,
    asOf: w.asOf,
    lastYearAsOf: w.lastYearAsOf,
    figures: [...members, ...orgs, ...recruitment, ...life, ...followup],
    findings,
    completion: completionRows(w, rates),
    pipeline: recruitmentStages.map((stage) => ({
      stage,
      label: recruitmentStageLabels[stage],
      count: pipeline.totals[stage],
      link: link('recruitment', { stage }),
    })),
  };
}
