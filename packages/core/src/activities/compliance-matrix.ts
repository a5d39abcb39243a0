/**
 * The compliance matrix (orgs × months or quarters) and the deadlines still open, built on the same
 * requirements as the findings (compliance.ts), so that a cell, a reminder and an alert always agree.
 */
import type { IsoDate } from '../dates.ts';
import { isBranchType, type OrgType } from '../dictionaries.ts';
import { type GoLiveSettings, isReportable } from '../rules/go-live.ts';
import type { RuleSettings } from '../settings.ts';
import {
  indexLifeCounts,
  type LifeCounts,
  type LifeFacts,
  type LifeItem,
  type LifeOrgFacts,
  type LifeRequirement,
  lifeItemRules,
  lifeRequirementsOf,
  requiredFrom,
} from './compliance.ts';
import { daysLeft, type Period, type PeriodUnit, periodOf, periodsBetween } from './periods.ts';

/** One requirement instance shown in a cell: `needed` of `item` in the period `periodKey`. */
export interface RequirementStatus {
  item: LifeItem;
  periodKey: string;
  periodLabel: string;
  needed: number;
  count: number;
  met: boolean;
  /** The period is not over yet (and the requirement may still be met). */
  pending: boolean;
  dueDate: IsoDate;
}

/**
 * - ok: everything due is met;
 * - open: nothing overdue is missing, but something of a period still under way is;
 * - partial: something overdue is missing and something else is met (or still open);
 * - missing: something overdue is missing and nothing is met;
 * - none: nothing is required (before the org's activeFrom, in the future, or not an org type that owes).
 */
export type ComplianceCellState = 'ok' | 'partial' | 'missing' | 'open' | 'none';

/** One org in one column period. */
export interface ComplianceCell {
  periodKey: string;
  label: string;
  /** Closed activities held on days of this column, per item (items with none are left out). */
  held: Partial<Record<LifeItem, number>>;
  /** Items required of requirement periods ending in this column. */
  required: LifeItem[];
  /** Required items not (yet) met. */
  missing: LifeItem[];
  /**
   * The requirement instances behind `required`: a requirement belongs to the column in which its period
   * ends (a quarter's 党员大会 in its last month, a year's 组织生活会 in December or Q4, a term's 党课 in
   * February/August or Q1/Q3), and is met by activities anywhere in its own period.
   */
  requirements: RequirementStatus[];
  state: ComplianceCellState;
}

/** One org's row. */
export interface ComplianceRow {
  orgId: number;
  orgName: string;
  type: OrgType;
  parentId: number | null;
  /** The nearest 党总支 or 党委 above (a 党小组 goes through its branch), for grouping and rates. */
  superiorId: number | null;
  superiorName: string | null;
  path?: string;
  cells: ComplianceCell[];
  /** Requirement instances due (finished, or already met while under way). */
  required: number;
  met: number;
  /** Instances under way and not yet met (left out of `required`). */
  pending: number;
}

export interface ComplianceMatrix {
  unit: 'month' | 'quarter';
  columns: Period[];
  rows: ComplianceRow[];
}

export interface ComplianceMatrixOptions {
  from: IsoDate;
  to: IsoDate;
  unit: 'month' | 'quarter';
  /** The college's today: decides which periods are over, under way or to come. */
  today: IsoDate;
  /**
   * The school's go-live date and the rules' own starts: a requirement of a period that ended before them is
   * not asked for (as the findings do not report it).
   */
  goLive?: GoLiveSettings | null;
}

function superiorOf(org: LifeOrgFacts, byId: ReadonlyMap<number, LifeOrgFacts>): LifeOrgFacts | null {
  let p = org.parentId === null ? undefined : byId.get(org.parentId);
  while (p && (p.type === 'group' || isBranchType(p.type)))
    p = p.parentId === null ? undefined : byId.get(p.parentId);
  return p ?? null;
}

/** Requirement periods of each unit that end within the column: the same for every org. */
function instancesIn(column: Period): Record<PeriodUnit, Period[]> {
  const within = (unit: PeriodUnit) =>
    periodsBetween(column.start, column.end, unit).filter((p) => p.end <= column.end);
  return { month: within('month'), quarter: within('quarter'), term: within('term'), year: within('year') };
}

function statusOf(
  org: LifeOrgFacts,
  req: LifeRequirement,
  p: Period,
  counts: LifeCounts,
  settings: RuleSettings,
  today: IsoDate,
): RequirementStatus | null {
  if (p.start > today || org.activeFrom > requiredFrom(p, settings)) return null;
  const count = counts.count(org.id, req.item, p);
  return {
    item: req.item,
    periodKey: p.key,
    periodLabel: p.label,
    needed: req.needed,
    count,
    met: count >= req.needed,
    pending: p.end >= today,
    dueDate: p.end,
  };
}

function cellState(reqs: readonly RequirementStatus[]): ComplianceCellState {
  if (reqs.length === 0) return 'none';
  let met = 0;
  let overdue = 0;
  let open = 0;
  for (const r of reqs) {
    if (r.met) met += 1;
    else if (r.pending) open += 1;
    else overdue += 1;
  }
  if (overdue === 0) return open === 0 ? 'ok' : 'open';
  return met + open > 0 ? 'partial' : 'missing';
}

/**
 * The compliance matrix of every org that owes something (branches, 党小组, and the 党委/党总支 when the
 * 第一议题 is required) over the columns of [from, to]. Rows keep the order of `facts.orgs`.
 */
export function complianceMatrix(
  facts: LifeFacts,
  settings: RuleSettings,
  options: ComplianceMatrixOptions,
): ComplianceMatrix {
  const { unit, today } = options;
  const columns = periodsBetween(options.from, options.to, unit);
  const counts = indexLifeCounts(facts.activities);
  const byId = new Map(facts.orgs.map((o) => [o.id, o]));
  const instances = columns.map(instancesIn);
  const rows: ComplianceRow[] = [];
  for (const org of facts.orgs) {
    const reqs = lifeRequirementsOf(org, settings);
    if (reqs.length === 0) continue;
    const superior = superiorOf(org, byId);
    const row: ComplianceRow = {
      orgId: org.id,
      orgName: org.name,
      type: org.type,
      parentId: org.parentId,
      superiorId: superior?.id ?? null,
      superiorName: superior?.name ?? null,
      cells: [],
      required: 0,
      met: 0,
      pending: 0,
    };
    if (org.path !== undefined) row.path = org.path;
    for (const [c, column] of columns.entries()) {
      const held = counts.held(org.id, column);
      const requirements: RequirementStatus[] = [];
      for (const req of reqs) {
        for (const p of instances[c]![req.unit]) {
          if (
            options.goLive &&
            !isReportable({ ruleId: lifeItemRules[req.item], period: p.key }, options.goLive, today)
          )
            continue;
          const s = statusOf(org, req, p, counts, settings, today);
          if (s) requirements.push(s);
        }
      }
      const required = [...new Set(requirements.map((r) => r.item))];
      const missing = [...new Set(requirements.filter((r) => !r.met).map((r) => r.item))];
      for (const r of requirements) {
        if (r.met) row.met += 1;
        if (r.met || !r.pending) row.required += 1;
        else row.pending += 1;
      }
      row.cells.push({
        periodKey: column.key,
        label: column.label,
        held,
        required,
        missing,
        requirements,
        state: cellState(requirements),
      });
    }
    rows.push(row);
  }
  return { unit, columns, rows };
}

/** Met over due requirement instances of the rows under one 党总支 or 党委. */
export interface ComplianceRate {
  superiorId: number | null;
  superiorName: string | null;
  orgCount: number;
  required: number;
  met: number;
  /** met / required, or null when nothing was due. */
  rate: number | null;
}

/** What the rates read of a row: the matrix's own rows, or the rows of GET /api/compliance as the web has them. */
export type RateRow = Pick<
  ComplianceRow,
  'orgId' | 'orgName' | 'type' | 'superiorId' | 'superiorName' | 'required' | 'met'
>;

/** The group a row's rate counts in: a 党总支 with its own row, the 党委 with its own row and 直属支部. */
function rateGroupOf(row: RateRow): { id: number | null; name: string | null; isCommittee: boolean } {
  if (row.type === 'general_branch') return { id: row.orgId, name: row.orgName, isCommittee: false };
  if (row.type === 'committee') return { id: row.orgId, name: row.orgName, isCommittee: true };
  return { id: row.superiorId, name: row.superiorName, isCommittee: row.superiorId === null };
}

/**
 * Aggregates a matrix per 党总支 (its branches, 党小组 and its own 第一议题 row) and for the 党委 (its
 * own row and its 直属党支部), in order of first appearance.
 */
export function complianceRates(matrix: { rows: readonly RateRow[] }): ComplianceRate[] {
  const committeeIds = new Set(matrix.rows.filter((r) => r.type === 'committee').map((r) => r.orgId));
  const bySuperior = new Map<number | null, ComplianceRate>();
  for (const row of matrix.rows) {
    const group = rateGroupOf(row);
    let r = bySuperior.get(group.id);
    if (!r) {
      const isCommittee = group.isCommittee || (group.id !== null && committeeIds.has(group.id));
      r = {
        superiorId: group.id,
        superiorName: isCommittee ? '党委本级及直属党支部' : group.name,
        orgCount: 0,
        required: 0,
        met: 0,
        rate: null,
      };
      bySuperior.set(group.id, r);
    }
    r.orgCount += 1;
    r.required += row.required;
    r.met += row.met;
  }
  const out = [...bySuperior.values()];
  for (const r of out) r.rate = r.required > 0 ? r.met / r.required : null;
  return out;
}

/** One requirement of the period under way that is still unmet and due soon. */
export interface Deadline {
  item: LifeItem;
  periodKey: string;
  periodLabel: string;
  dueDate: IsoDate;
  daysLeft: number;
  count: number;
  needed: number;
}

/** The deadlines of one org, soonest first. */
export interface OrgDeadlines {
  orgId: number;
  orgName: string;
  type: OrgType;
  path?: string;
  items: Deadline[];
}

/**
 * Per org, the requirements of the periods under way that end within `days` days (default the school's
 * lifeReminderDays) and are still unmet — for the reminders each secretary gets. Orgs with none are left
 * out. Member-level items (谈心谈话, 双重组织生活) are findings only.
 */
export function upcomingDeadlines(
  facts: LifeFacts,
  settings: RuleSettings,
  today: IsoDate,
  days: number = settings.lifeReminderDays,
): OrgDeadlines[] {
  const counts = indexLifeCounts(facts.activities);
  const current = new Map<PeriodUnit, Period>();
  const periodNow = (unit: PeriodUnit): Period => {
    let p = current.get(unit);
    if (!p) {
      p = periodOf(today, unit);
      current.set(unit, p);
    }
    return p;
  };
  const out: OrgDeadlines[] = [];
  for (const org of facts.orgs) {
    const items: Deadline[] = [];
    for (const req of lifeRequirementsOf(org, settings)) {
      const p = periodNow(req.unit);
      const left = daysLeft(p, today);
      if (left > days || org.activeFrom > requiredFrom(p, settings)) continue;
      const count = counts.count(org.id, req.item, p);
      if (count >= req.needed) continue;
      items.push({
        item: req.item,
        periodKey: p.key,
        periodLabel: p.label,
        dueDate: p.end,
        daysLeft: left,
        count,
        needed: req.needed,
      });
    }
    if (items.length === 0) continue;
    items.sort((a, b) => a.daysLeft - b.daysLeft);
    const o: OrgDeadlines = { orgId: org.id, orgName: org.name, type: org.type, items };
    if (org.path !== undefined) o.path = org.path;
    out.push(o);
  }
  return out;
}
