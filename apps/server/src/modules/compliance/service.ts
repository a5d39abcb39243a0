/**
 * Compliance of organisational life: loads the facts with a few set-based queries, asks the engine in
 * packages/core (evaluateLifeRules, complianceMatrix, complianceRates, upcomingDeadlines) and keeps what
 * the caller's scope may see. Facts and results are cached per database until the next write.
 */
import {
  AppError,
  type AttendanceRow,
  addDays,
  addMonths,
  type ComplianceMatrixResponse,
  type ComplianceRatesResponse,
  type ComplianceReminders,
  complianceMatrix,
  complianceRates,
  evaluateLifeRules,
  type Finding,
  type IsoDate,
  type LifeFacts,
  type LifeRuleId,
  lifeItemLabels,
  lookbackStart,
  type MemberLifeFacts,
  periodOf,
  type RuleSettings,
  upcomingDeadlines,
} from '@dangjian/core';
import type { Actor, Db, Trx } from '../../http/context.ts';
import { memoByGeneration } from '../../http/generation.ts';
import { readGoLiveSettings } from '../../http/go-live.ts';
import { isPathInScope, subtreePathInScope } from '../../http/scope.ts';
import { getRuleSettings } from '../settings/service.ts';
import { loadActivityFacts, loadOrgFacts, longAgo, periodsStart } from './facts.ts';
import * as repo from './repo.ts';

type Q = Db | Trx;

/** How far ahead the reminders look (the issue: the next 14 days). */
export const reminderDays = 14;

/**
 * Members with their talks and attendance up to today. Attendance comes aggregated per month;
 * the engine reads only a month's outcome (attended / excused / absent) and the number present, so
 * each month becomes that many rows on the month's first record day.
 */
async function loadMemberFacts(
  db: Q,
  talksFrom: IsoDate,
  attendanceFrom: IsoDate,
  today: IsoDate,
  orgIds: repo.OrgFilter = null,
): Promise<MemberLifeFacts[]> {
  const [members, talks, attendance] = await Promise.all([
    repo.lifeMembers(db, today, orgIds),
    repo.talkDays(db, talksFrom, today, orgIds),
    repo.attendanceByMonth(db, attendanceFrom, today, orgIds),
  ]);
  const talksOf = new Map<number, IsoDate[]>();
  for (const t of talks) {
    const list = talksOf.get(t.person_id) ?? [];
    list.push(t.on_date);
    talksOf.set(t.person_id, list);
  }
  const rowsOf = new Map<number, AttendanceRow[]>();
  for (const a of attendance) {
    const list = rowsOf.get(a.person_id) ?? [];
    const add = (status: AttendanceRow['status'], n: number) => {
      for (let i = 0; i < n; i++) list.push({ activityId: 0, onDate: a.first_on, status });
    };
    add('present', a.present);
    add('leave', a.leave);
    add('absent', a.absent);
    rowsOf.set(a.person_id, list);
  }
  return members.map((m) => ({
    personId: m.id,
    name: m.name,
    orgId: m.org_id!,
    branchId: m.branch_id,
    memberSince: m.since ?? longAgo,
    isLeader: m.is_leader,
    talkDates: talksOf.get(m.id) ?? [],
    attendance: rowsOf.get(m.id) ?? [],
  }));
}

/** Every organisational-life finding of the college on `today` (for GET /api/alerts). */
export async function lifeFindings(
  db: Q,
  today: IsoDate,
  settings: RuleSettings,
  orgIds: repo.OrgFilter = null,
): Promise<Finding<LifeRuleId>[]> {
  const from = lookbackStart(today, settings);
  // The absence streak looks back as far as it runs: 6 months (党章 第九条) before the window.
  const attendanceFrom = addMonths(from, -6);
  const [orgs, activities, members] = await Promise.all([
    loadOrgFacts(db, today, orgIds),
    loadActivityFacts(db, periodsStart(from), today, orgIds),
    loadMemberFacts(db, periodsStart(from), periodOf(attendanceFrom, 'quarter').start, today, orgIds),
  ]);
  return evaluateLifeRules({ orgs, activities, members }, settings, today);
}

/** Orgs and closed records covering [from, to] (members are not needed by the matrix). */
async function matrixFacts(db: Q, from: IsoDate, to: IsoDate, today: IsoDate): Promise<LifeFacts> {
  const [orgs, activities] = await Promise.all([
    loadOrgFacts(db, today),
    loadActivityFacts(db, periodsStart(from), to),
  ]);
  return { orgs, activities, members: [] };
}

/** The matrix of the whole college, uncached (what the cache saves; measured by the benchmark). */
export async function computeCollegeMatrix(
  db: Q,
  from: IsoDate,
  to: IsoDate,
  unit: 'month' | 'quarter',
  today: IsoDate,
) {
  const [facts, settings, goLive] = await Promise.all([
    matrixFacts(db, from, to, today),
    getRuleSettings(db),
    readGoLiveSettings(db),
  ]);
  // Nothing is asked of a period before the school went live (or before the item's rule started).
  return complianceMatrix(facts, settings, { from, to, unit, today, goLive });
}

/** The matrix of the whole college, cached until the next write. */
async function collegeMatrix(db: Db, from: IsoDate, to: IsoDate, unit: 'month' | 'quarter', today: IsoDate) {
  return memoByGeneration(
    db,
    `compliance:${from}:${to}:${unit}:${today}`,
    () => computeCollegeMatrix(db, from, to, unit, today),
    matrixSources,
  );
}

/** The tables the matrix is made from: records, orgs and their terms, the rule settings and go-live date. */
export const matrixSources = [
  'activity',
  'org',
  'term',
  'setting',
  'institution',
  'member_appraisal',
] as const;

/** The default window: the last 12 months up to the end of this month (or this quarter). */
function defaultWindow(today: IsoDate, unit: 'month' | 'quarter'): { from: IsoDate; to: IsoDate } {
  const end = periodOf(today, unit).end;
  return { from: periodOf(addMonths(`${today.slice(0, 7)}-01`, -11), unit).start, to: end };
}

/** The rows the actor may see, under `orgId` when given (404 outside the scope). */
async function visibleRows<R extends { path?: string }>(
  db: Db,
  actor: Actor,
  rows: readonly R[],
  orgId: number | undefined,
): Promise<R[]> {
  const under = orgId === undefined ? undefined : await subtreePathInScope(db, actor, orgId);
  return rows.filter(
    (r) => r.path !== undefined && isPathInScope(actor.scope, r.path) && (!under || r.path.startsWith(under)),
  );
}

/** GET /api/compliance: the matrix of the caller's scope. */
export async function getComplianceMatrix(
  db: Db,
  actor: Actor,
  query: {
    orgId?: number | undefined;
    unit: 'month' | 'quarter';
    from?: IsoDate | undefined;
    to?: IsoDate | undefined;
  },
  today: IsoDate,
): Promise<ComplianceMatrixResponse> {
  const window = defaultWindow(today, query.unit);
  const from = query.from ?? window.from;
  const to = query.to ?? window.to;
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始日期（from）不能晚于结束日期（to）');
  if (addMonths(from, 36) <= to)
    throw new AppError('VALIDATION_FAILED', '时间范围（from–to）不能超过 36 个月');
  const matrix = await collegeMatrix(db, from, to, query.unit, today);
  const rows = await visibleRows(db, actor, matrix.rows, query.orgId);
  return {
    unit: matrix.unit,
    from,
    to,
    today,
    columns: matrix.columns.map((c) => ({ key: c.key, label: c.label, start: c.start, end: c.end })),
    rows: rows.map((r) => ({
      orgId: r.orgId,
      orgName: r.orgName,
      type: r.type,
      parentId: r.parentId,
      superiorId: r.superiorId,
      superiorName: r.superiorName,
      cells: r.cells.map((c) => ({
        periodKey: c.periodKey,
        held: c.held,
        required: c.required,
        missing: c.missing,
        state: c.state,
      })),
      required: r.required,
      met: r.met,
      pending: r.pending,
      rate: r.required > 0 ? r.met / r.required : null,
    })),
  };
}

/** Met / due per 党总支 (or 党委 for 直属支部) in a year, up to today, within the caller's scope. */
export async function getComplianceRates(
  db: Db,
  actor: Actor,
  year: number,
  today: IsoDate,
): Promise<ComplianceRatesResponse> {
  const end = `${year}-12-31`;
  const to = end < today ? end : today;
  if (`${year}-01-01` > today) return { year, items: [] };
  const matrix = await collegeMatrix(db, `${year}-01-01`, to, 'month', today);
  const rows = await visibleRows(db, actor, matrix.rows, undefined);
  return { year, items: complianceRates({ rows }) };
}

/**
 * Deadlines of periods under way in the next `reminderDays` days for the orgs in the caller's scope,
 * and the records planned in those days.
 */
export async function getReminders(db: Db, actor: Actor, today: IsoDate): Promise<ComplianceReminders> {
  const until = addDays(today, reminderDays);
  const [deadlines, planned] = await Promise.all([
    memoByGeneration(
      db,
      `compliance:deadlines:${today}`,
      async () => {
        const [settings, facts] = await Promise.all([
          getRuleSettings(db),
          matrixFacts(db, periodsStart(today), today, today),
        ]);
        return upcomingDeadlines(facts, settings, today, reminderDays);
      },
      matrixSources,
    ),
    repo.plannedActivities(db, today, until),
  ]);
  const orgs = await visibleRows(db, actor, deadlines, undefined);
  return {
    today,
    days: reminderDays,
    deadlines: orgs
      .flatMap((o) => o.items.map((i) => ({ orgId: o.orgId, orgName: o.orgName, ...i })))
      .sort((a, b) => a.daysLeft - b.daysLeft || a.orgName.localeCompare(b.orgName, 'zh-CN')),
    planned: planned
      .filter((p) => isPathInScope(actor.scope, p.path))
      .map((p) => ({
        id: p.id,
        orgId: p.org_id,
        orgName: p.org_name,
        kind: p.kind,
        title: p.title,
        onDate: p.on_date,
        status: p.status,
      })),
  };
}

/**
 * What the rules found missing in each month (1–12) of `year` for a branch and its 党小组: requirements
 * whose period ended in that month unmet, in words (for the 汇总 sheet of the ledger).
 */
export async function missingByMonth(
  db: Db,
  orgId: number,
  year: number,
  today: IsoDate,
): Promise<Map<number, string[]>> {
  const matrix = await collegeMatrix(db, `${year}-01-01`, `${year}-12-31`, 'month', today);
  const out = new Map<number, string[]>();
  for (const row of matrix.rows) {
    if (row.orgId !== orgId && row.parentId !== orgId) continue;
    const prefix = row.orgId === orgId ? '' : row.orgName;
    row.cells.forEach((cell, i) => {
      for (const r of cell.requirements) {
        if (r.met || r.pending) continue;
        const when = r.periodKey === cell.periodKey ? '' : `（${r.periodLabel}）`;
        const list = out.get(i + 1) ?? [];
        list.push(`${prefix}${lifeItemLabels[r.item]}${when}`);
        out.set(i + 1, list);
      }
    });
  }
  return out;
}

/** The assessment metrics of organisational life (a provider of the assessment module). */
export { computeLifeMetrics, lifeMetricKeys } from './metrics.ts';
