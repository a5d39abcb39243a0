/**
 * 发展党员 statistics (GET /api/recruitment/pipeline): dossiers per stage per 总支 and branch, time spent in
 * each stage, the year's funnel and 入党申请人 as a share of students and staff. The dossiers are loaded once
 * (`loadDossiers`, also used by the ledger, the reminders and the alerts); the numbers come from the pure
 * functions below, computed from the stored core state.
 */
import {
  daysBetween,
  type IsoDate,
  isOverdue,
  isReminding,
  milestoneDate,
  nextDue,
  type RecruitmentDue,
  type RecruitmentOutcome,
  type RecruitmentPipeline,
  type RecruitmentStage,
  type RecruitmentState,
  type RecruitmentStep,
  type RuleSettings,
  recruitmentMilestoneLabels,
  recruitmentMilestones,
  recruitmentStages,
  recruitmentStepInfo,
  recruitmentSteps,
} from '@dangjian/core';
import type { Actor, Db, ResolvedScope, Trx } from '../../http/context.ts';
import { pathInScope, subtreePathInScope } from '../../http/scope.ts';
import { getRuleSettings } from '../settings/service.ts';
import * as repo from './repo.ts';
import { dueFacts, parseState } from './state.ts';

type Q = Db | Trx;

/** One dossier with its person and branch, as the reports read it. */
export interface Dossier {
  id: number;
  personId: number;
  personName: string;
  gender: string | null;
  birthDate: IsoDate | null;
  category: string;
  unitId: number | null;
  orgId: number;
  orgName: string;
  orgPath: string;
  outcome: RecruitmentOutcome;
  state: RecruitmentState;
}

/**
 * Dossiers whose branch lies in the scope (and under `underPath` when given), ordered by branch then
 * application date. `inProgressOnly` keeps the open ones.
 */
export async function loadDossiers(
  db: Q,
  opts: {
    scope: ResolvedScope;
    underPath?: string | undefined;
    inProgressOnly?: boolean;
    /** Only the dossiers of these orgs (the findings store's re-evaluation of a few orgs). */
    orgIds?: readonly number[];
  },
): Promise<Dossier[]> {
  const rows = await repo.dossierSummaryRows(db, pathInScope(opts.scope, 'o.path'), opts);
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    gender: r.gender,
    birthDate: r.birth_date,
    category: r.category,
    unitId: r.unit_id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    outcome: r.outcome,
    state: parseState(r.state),
  }));
}

/** Deadlines of an open dossier today (core nextDue); none for a closed one. */
export function duesOf(d: Dossier, settings: RuleSettings, today: IsoDate): RecruitmentDue[] {
  if (d.outcome !== 'in_progress') return [];
  return nextDue(d.state, dueFacts(settings, today, d.birthDate), today);
}

/** The stage a dossier is in (the stage of its last recorded step). */
export function stageOf(state: RecruitmentState): RecruitmentStage | null {
  return state.currentStep === null ? null : recruitmentStepInfo[state.currentStep].stage;
}

type StageCounts = Record<RecruitmentStage, number>;
const zeroCounts = (): StageCounts => Object.fromEntries(recruitmentStages.map((s) => [s, 0])) as StageCounts;

/** The first step of each stage (steps cannot be skipped, so its date is the day the stage began). */
const firstStepOf = Object.fromEntries(
  recruitmentStages.map((stage) => [
    stage,
    recruitmentSteps.find((s) => recruitmentStepInfo[s].stage === stage),
  ]),
) as Record<RecruitmentStage, RecruitmentStep>;

/** The day a stage began, or null when the dossier never reached it. */
export function stageStart(state: RecruitmentState, stage: RecruitmentStage): IsoDate | null {
  return state.stepDates[firstStepOf[stage]] ?? null;
}

/**
 * The day a stage was left: the start of the next stage; for the last stage, the day the superior approved
 * 转正 (the procedure's aim reached). Null while still in it or when the procedure closed inside it.
 */
export function stageEnd(state: RecruitmentState, stage: RecruitmentStage): IsoDate | null {
  const next = recruitmentStages[recruitmentStages.indexOf(stage) + 1];
  if (next) return stageStart(state, next);
  return state.confirmedOn !== null ? (state.stepDates.confirmation_approval ?? null) : null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const mean = (xs: readonly number[]): number | null =>
  xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
/** Median; the mean of the two middle values for an even count. */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round1(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

/**
 * Per stage: the dossiers (any outcome) that left it, with the median and mean days from its first day to
 * the first day of the next stage; and the open dossiers in it now with their mean days so far.
 */
export function timeInStage(
  dossiers: readonly Pick<Dossier, 'outcome' | 'state'>[],
  today: IsoDate,
): RecruitmentPipeline['timeInStage'] {
  return recruitmentStages.map((stage) => {
    const done: number[] = [];
    const now: number[] = [];
    for (const d of dossiers) {
      const start = stageStart(d.state, stage);
      if (start === null) continue;
      const end = stageEnd(d.state, stage);
      if (end !== null) done.push(daysBetween(start, end));
      else if (d.outcome === 'in_progress' && stageOf(d.state) === stage) now.push(daysBetween(start, today));
    }
    return {
      stage,
      completed: done.length,
      medianDays: median(done),
      meanDays: mean(done),
      current: now.length,
      currentMeanDays: mean(now),
    };
  });
}

/**
 * How many dossiers (any outcome) reached each milestone in `year` (core milestoneDate: the application, the
 * 积极分子 and 发展对象 decisions, the approved admission and the approved 转正).
 */
export function funnel(
  dossiers: readonly Pick<Dossier, 'state'>[],
  year: number,
): RecruitmentPipeline['funnel'] {
  const inYear = (d: IsoDate | null) => d?.startsWith(`${year}-`) ?? false;
  return {
    year,
    steps: recruitmentMilestones.map((key) => ({
      key,
      label: recruitmentMilestoneLabels[key],
      count: dossiers.filter((d) => inYear(milestoneDate(d.state, key))).length,
    })),
  };
}

/** An org as the grouping needs it. */
export interface OrgNode {
  id: number;
  name: string;
  type: string;
  path: string;
}

/** Name of the row that gathers the 党委's 直属党支部. */
export const directBranchesLabel = '党委直属党支部';

/**
 * The 总支 row a branch counts under: its nearest 党总支 ancestor, otherwise the 党委 at the top of its
 * path (its 直属 branches are grouped under the 党委, as the compliance rates do).
 */
export function groupOf(branch: OrgNode, orgs: ReadonlyMap<number, OrgNode>): { id: number; name: string } {
  const ancestors = branch.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((id) => id !== branch.id);
  for (const id of [...ancestors].reverse()) {
    const o = orgs.get(id);
    if (o?.type === 'general_branch') return { id: o.id, name: o.name };
  }
  const top = ancestors[0] === undefined ? undefined : orgs.get(ancestors[0]);
  return top ? { id: top.id, name: directBranchesLabel } : { id: branch.id, name: branch.name };
}

/**
 * Rows of open dossiers: one per 总支 (or the 党委's 直属 branches together) followed by its branches,
 * each with counts per stage and the number of dossiers with something overdue.
 */
export function pipelineRows(
  dossiers: readonly { orgId: number; stage: RecruitmentStage | null; overdue: boolean }[],
  orgs: ReadonlyMap<number, OrgNode>,
): RecruitmentPipeline['rows'] {
  type Row = RecruitmentPipeline['rows'][number];
  const groups = new Map<number, { row: Row; branches: Map<number, Row> }>();
  for (const d of dossiers) {
    const branch = orgs.get(d.orgId);
    if (!branch || d.stage === null) continue;
    const g = groupOf(branch, orgs);
    let group = groups.get(g.id);
    if (!group) {
      group = {
        row: { org: g, level: 'general_branch', parentId: null, counts: zeroCounts(), overdue: 0 },
        branches: new Map(),
      };
      groups.set(g.id, group);
    }
    let row = group.branches.get(branch.id);
    if (!row) {
      row = {
        org: { id: branch.id, name: branch.name },
        level: 'branch',
        parentId: g.id,
        counts: zeroCounts(),
        overdue: 0,
      };
      group.branches.set(branch.id, row);
    }
    for (const r of [group.row, row]) {
      r.counts[d.stage] += 1;
      if (d.overdue) r.overdue += 1;
    }
  }
  return [...groups.values()].flatMap((g) => [g.row, ...g.branches.values()]);
}

/** A unit with its headcounts (null when not filled in). */
export interface UnitHeadcount {
  id: number;
  name: string;
  studentCount: number | null;
  staffCount: number | null;
}

/**
 * 入党申请人 (open, not yet admitted) per unit by category, against the unit's students and staff; units with
 * applicants, plus (`allUnits`) every unit with a headcount; then a school-wide row (unit null) summing the
 * units whose headcount is known — applicants of units without one are left out of that ratio.
 */
export function applicantShares(
  applicants: readonly { unitId: number | null; category: string }[],
  units: readonly UnitHeadcount[],
  allUnits: boolean,
): RecruitmentPipeline['shares'] {
  const tally = new Map<number, { students: number; staff: number }>();
  for (const a of applicants) {
    if (a.unitId === null || (a.category !== 'student' && a.category !== 'staff')) continue;
    const t = tally.get(a.unitId) ?? { students: 0, staff: 0 };
    if (a.category === 'student') t.students += 1;
    else t.staff += 1;
    tally.set(a.unitId, t);
  }
  const rows: RecruitmentPipeline['shares'] = [];
  const school = { students: 0, studentApplicants: 0, staff: 0, staffApplicants: 0, known: [false, false] };
  for (const u of units) {
    const t = tally.get(u.id) ?? { students: 0, staff: 0 };
    if (u.studentCount !== null) {
      school.students += u.studentCount;
      school.studentApplicants += t.students;
      school.known[0] = true;
    }
    if (u.staffCount !== null) {
      school.staff += u.staffCount;
      school.staffApplicants += t.staff;
      school.known[1] = true;
    }
    const hasHeadcount = u.studentCount !== null || u.staffCount !== null;
    if (!tally.has(u.id) && !(allUnits && hasHeadcount)) continue;
    rows.push({
      unit: { id: u.id, name: u.name },
      students: u.studentCount,
      studentApplicants: t.students,
      staff: u.staffCount,
      staffApplicants: t.staff,
    });
  }
  rows.push({
    unit: null,
    students: school.known[0] ? school.students : null,
    studentApplicants: school.studentApplicants,
    staff: school.known[1] ? school.staff : null,
    staffApplicants: school.staffApplicants,
  });
  return rows;
}

/** Whether a dossier has something overdue, or (otherwise) something reminding today. */
export function dueState(dues: readonly RecruitmentDue[], today: IsoDate): 'overdue' | 'soon' | null {
  if (dues.some((d) => isOverdue(d, today))) return 'overdue';
  if (dues.some((d) => isReminding(d, today))) return 'soon';
  return null;
}

/** Every org (any state), for grouping branches under their 总支. */
export async function loadOrgNodes(db: Q): Promise<Map<number, OrgNode>> {
  const rows = await repo.allOrgNodes(db);
  return new Map(rows.map((o) => [o.id, o]));
}

/**
 * GET /api/recruitment/pipeline for the caller's scope or the subtree of `orgId` (404 outside the scope).
 * `overdue` counts open dossiers with an overdue item; `dueSoon` those with none overdue but one reminding.
 */
export async function getPipeline(
  db: Db,
  actor: Actor,
  query: { orgId?: number | undefined; year?: number | undefined },
  today: IsoDate,
): Promise<RecruitmentPipeline> {
  const underPath = query.orgId === undefined ? undefined : await subtreePathInScope(db, actor, query.orgId);
  const [dossiers, orgs, units, settings] = await Promise.all([
    loadDossiers(db, { scope: actor.scope, underPath }),
    loadOrgNodes(db),
    repo.unitHeadcounts(db),
    getRuleSettings(db),
  ]);
  const open = dossiers
    .filter((d) => d.outcome === 'in_progress')
    .map((d) => ({ d, stage: stageOf(d.state), due: dueState(duesOf(d, settings, today), today) }));
  const totals = zeroCounts();
  for (const o of open) if (o.stage) totals[o.stage] += 1;
  return {
    totals,
    rows: pipelineRows(
      open.map((o) => ({ orgId: o.d.orgId, stage: o.stage, overdue: o.due === 'overdue' })),
      orgs,
    ),
    timeInStage: timeInStage(dossiers, today),
    funnel: funnel(dossiers, query.year ?? Number(today.slice(0, 4))),
    shares: applicantShares(
      open.filter((o) => o.d.state.probationStartOn === null).map((o) => o.d),
      units.map((u) => ({
        id: u.id,
        name: u.name,
        studentCount: u.student_count,
        staffCount: u.staff_count,
      })),
      actor.scope.kind === 'all' && underPath === undefined,
    ),
    overdue: open.filter((o) => o.due === 'overdue').length,
    dueSoon: open.filter((o) => o.due === 'soon').length,
  };
}
