/**
 * 巡察 (inspections): the 巡察办 (the 组织部) registers a round — its units, team, dates and months — and records
 * each unit's feedback, which opens one rectification item per problem through the rectification module's
 * `openRectification` (source 巡察反馈, linked to the round); the unit's secretary submits its 整改报告, whose
 * figures are counted from those items when it is submitted; the 巡察办 may return it, and records the 回头看, where
 * every closed item is confirmed or found back (反弹) and reopened through the item's own `reopen` transition. Core
 * decides every step (`applyInspectionUnitTransition`, `allowedInspectionUnitActions`); this file loads the rows,
 * checks scope and sides, and writes the result with its timeline entry and notifications in the caller's
 * transaction. A unit sees only its own part of a round; the 组织部 and the school's leaders see all of it.
 */
import {
  AppError,
  allowedInspectionUnitActions,
  applyInspectionUnitTransition,
  type CreateInspection,
  feedbackDeadlines,
  type InspectionDetail,
  type InspectionEventKind,
  type InspectionFeedback,
  type InspectionItem,
  type InspectionKind,
  type InspectionListQuery,
  type InspectionLookback,
  type InspectionUnitTransition,
  type IsoDate,
  inspectionFieldLabels,
  inspectionKindLabels,
  inspectionPlanProblems,
  inspectionReportDue,
  inspectionUnitRefusal,
  inspectionUnitTransitionActor,
  inspectionUnitTransitionLabels,
  type Page,
  type TransitionViolation,
  type UpdateInspection,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import {
  isPathInScope,
  outOfScope,
  pathInScope,
  requireOrgsInScope,
  requirePeopleInScope,
} from '../../http/scope.ts';
import { notify, secretariesOf } from '../notifications/service.ts';
import {
  listInspectionRectifications,
  openRectification,
  transitionRectification,
} from '../rectification/service.ts';
import { figuresOf, presentRound, presentRoundDetail, presentUnitDetail, unitStateOf } from './presenter.ts';
import * as repo from './repo.ts';

const notFound = () => new AppError('NOT_FOUND', '该巡察轮次不存在');
const unitNotFound = () => new AppError('NOT_FOUND', '该巡察轮次中没有这个被巡察单位');
const changed = () => new AppError('CONFLICT', '该巡察轮次已被他人修改，请刷新后重试');
const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);
/** The round's page, opened at a unit. */
export const inspectionLink = (id: number, orgId?: number) =>
  orgId === undefined ? `/inspections/${id}` : `/inspections/${id}?unit=${orgId}`;

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** A refusal of core's: the wrong status (409), or what the step still needs (400, every field named). */
function refusal(violations: readonly TransitionViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  return new AppError('VALIDATION_FAILED', violations[0]!.message, {
    fields: violations.map((v) => ({ path: v.path ?? '', message: v.message })),
  });
}

/** The 巡察办: the 组织部, who manage rounds over the whole college. */
function isOffice(actor: Actor): boolean {
  return actor.permissions.has('inspection:round:manage') && actor.scope.kind === 'all';
}

/**
 * Which side of a unit the actor is on, never both: the 巡察办 (组织部), or the unit itself — a secretary whose
 * role is granted on the unit's own org (a 总支 secretary is not the side of a branch inspected in a 专项巡察).
 */
export function sidesOf(actor: Actor, u: { org_id: number }): { office: boolean; unit: boolean } {
  const office = isOffice(actor);
  const unit =
    !office &&
    actor.permissions.has('rectification:item:edit') &&
    actor.scope.kind === 'subtrees' &&
    actor.scope.orgIds.includes(u.org_id);
  return { office, unit };
}

/** The units of a round the actor may see: all of them over the whole college, else those in its scope. */
function visibleOf(actor: Actor, units: readonly repo.UnitRow[]): repo.UnitRow[] {
  return units.filter((u) => isPathInScope(actor.scope, u.org_path));
}

/** A round with its units, if the actor's scope holds one of them; NOT_FOUND otherwise, as for a missing one. */
async function loadRound(db: Db | Trx, actor: Actor, id: number) {
  const round = await repo.findRound(db, id);
  if (!round) throw notFound();
  const units = await repo.unitsOf(db, [id]);
  const visible = visibleOf(actor, units);
  if (visible.length === 0 && actor.scope.kind !== 'all') throw notFound();
  return { round, units, visible };
}

/** A unit of a round, locked, if the actor's scope holds it; NOT_FOUND otherwise (also for a missing round). */
async function loadUnitForChange(trx: Trx, actor: Actor, id: number, orgId: number) {
  const unit = await repo.lockUnit(trx, id, orgId);
  if (!unit || !isPathInScope(actor.scope, unit.org_path)) throw unitNotFound();
  const round = await repo.findRound(trx, id);
  if (!round) throw unitNotFound();
  return { round, unit };
}

/**
 * Runs core's step on a unit: the wrong status answers 409 with core's message, the wrong side 403, what the step
 * still needs 400 naming every field. Returns the new state.
 */
function decide(
  actor: Actor,
  unit: repo.UnitRow,
  t: InspectionUnitTransition,
  facts: Parameters<typeof applyInspectionUnitTransition>[2],
) {
  const result = applyInspectionUnitTransition(unitStateOf(unit), t, facts);
  if (!result.ok && result.violations.some((v) => v.kind === 'conflict')) throw refusal(result.violations);
  const sides = sidesOf(actor, unit);
  const label = inspectionUnitTransitionLabels[t];
  if (inspectionUnitTransitionActor[t] === 'office' && !sides.office)
    throw new AppError('FORBIDDEN', `${label}由巡察办（组织部）办理`);
  if (inspectionUnitTransitionActor[t] === 'unit' && !sides.unit)
    throw new AppError('FORBIDDEN', `${label}由被巡察单位（${unit.org_name}）书记办理`);
  if (!result.ok) throw refusal(result.violations);
  return result.state;
}

// Reading

/** Rounds with a unit in the actor's scope, the latest first, each with the units the actor may see. */
export async function listInspections(
  db: Db,
  actor: Actor,
  query: InspectionListQuery,
  today: IsoDate,
): Promise<Page<InspectionItem> & { today: string }> {
  const { rows, total } = await repo.roundPage(
    db,
    { inScope: (column) => pathInScope(actor.scope, column), kind: query.kind, q: query.q || undefined },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const units = await repo.unitsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const own = units.filter((u) => u.inspection_id === r.id);
      return presentRound(r, visibleOf(actor, own), own.length, today);
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    today,
  };
}

/** The items of the units the actor sees, by unit. */
async function itemsByUnit(db: Db | Trx, id: number, visible: readonly repo.UnitRow[], today: IsoDate) {
  const items = await listInspectionRectifications(
    db,
    id,
    visible.map((u) => u.org_id),
    today,
  );
  return (orgId: number) => items.filter((x) => x.item.orgId === orgId);
}

/** One round in the actor's scope: its team, the units it may see with their items, and the timeline. */
export async function getInspectionDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<InspectionDetail> {
  const { round, units, visible } = await loadRound(db, actor, id);
  const [itemsOf, verdicts, team, events] = await Promise.all([
    itemsByUnit(db, id, visible, today),
    repo.verdictsOf(
      db,
      visible.map((u) => u.id),
    ),
    repo.teamOf(db, id),
    repo.eventsOf(db, id),
  ]);
  const seen = new Set(visible.map((u) => u.org_id));
  return presentRoundDetail(round, {
    units: visible.map((u) =>
      presentUnitDetail(
        u,
        round,
        {
          items: itemsOf(u.org_id),
          verdicts: verdicts.filter((v) => v.inspection_unit_id === u.id),
          abilities: allowedInspectionUnitActions(unitStateOf(u), sidesOf(actor, u)),
        },
        today,
      ),
    ),
    unitCount: units.length,
    team,
    events: events.filter((e) => e.org_id === null || seen.has(e.org_id)),
    editable: isOffice(actor),
  });
}

/** What the round's 台账 prints: the round, the units the actor sees and their items. */
export async function getLedgerData(db: Db, actor: Actor, id: number, today: IsoDate) {
  const { round, visible } = await loadRound(db, actor, id);
  const [itemsOf, verdicts] = await Promise.all([
    itemsByUnit(db, id, visible, today),
    repo.verdictsOf(
      db,
      visible.map((u) => u.id),
    ),
  ]);
  return {
    round,
    units: visible.map((u) => ({
      unit: u,
      items: itemsOf(u.org_id),
      verdicts: new Map(
        verdicts.filter((v) => v.inspection_unit_id === u.id).map((v) => [v.rectification_id, v.outcome]),
      ),
    })),
  };
}

// The round

/**
 * Checks the units of a round of `kind`: in the actor's scope (else answered as missing), not archived, and of a
 * type the kind inspects (core `inspectionUnitRefusal`).
 */
async function checkUnits(trx: Trx, actor: Actor, kind: InspectionKind, orgIds: readonly number[]) {
  await requireOrgsInScope(trx, actor, orgIds, 'orgIds', inspectionFieldLabels.orgIds);
  const orgs = new Map((await repo.orgsByIds(trx, orgIds)).map((o) => [o.id, o]));
  for (const id of orgIds) {
    const o = orgs.get(id)!;
    if (o.archived_at !== null) throw fieldError('orgIds', `被巡察单位：${o.name}已撤销`);
    const refused = inspectionUnitRefusal(kind, { type: o.type, parentType: o.parent_type });
    if (refused) throw fieldError('orgIds', `被巡察单位：${o.name}——${refused}`);
  }
  return orgs;
}

/** The team as stored: a member linked to a person (in scope, else answered as missing) takes the person's name. */
async function teamRows(trx: Trx, actor: Actor, team: CreateInspection['team']) {
  const personIds = team.flatMap((m) => (m.personId === null ? [] : [m.personId]));
  await requirePeopleInScope(trx, actor, personIds, 'team', '巡察组人员');
  const names = await repo.peopleNames(trx, personIds);
  return team.map((m) => ({
    role: m.role,
    name: m.personId === null ? m.name : (names.get(m.personId) ?? m.name),
    title: m.title,
    person_id: m.personId,
  }));
}

/** Refuses a plan core finds wrong (the end before the start, not one 组长, a name twice). */
function checkPlan(plan: Parameters<typeof inspectionPlanProblems>[0]): void {
  const problems = inspectionPlanProblems(plan);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: problems });
}

/** POST /api/inspections: the 巡察办 registers a round with its units (each waiting for its feedback); returns its id. */
export async function createInspection(
  trx: Trx,
  actor: Actor,
  body: CreateInspection,
  now: Date,
  change: AuditChange,
): Promise<number> {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '巡察轮次由巡察办（组织部）登记');
  const orgs = await checkUnits(trx, actor, body.kind, body.orgIds);
  const team = await teamRows(trx, actor, body.team);
  checkPlan({ startsOn: body.startsOn, endsOn: body.endsOn, team });
  const id = await repo.insertRound(trx, {
    name: body.name,
    kind: body.kind,
    starts_on: body.startsOn,
    ends_on: body.endsOn,
    focus: body.focus,
    report_months: body.reportMonths,
    lookback_months: body.lookbackMonths,
    created_by: actor.userId,
    updated_at: now,
  });
  await repo.replaceTeam(trx, id, team);
  await repo.insertUnits(trx, id, body.orgIds, now);
  await event(trx, actor, id, null, now, {
    kind: 'created',
    note: `${inspectionKindLabels[body.kind]}，被巡察单位：${body.orgIds.map((o) => orgs.get(o)!.name).join('、')}`,
  });
  Object.assign(change, {
    targetType: 'inspection',
    targetId: id,
    summary: `登记巡察轮次：${body.name}（${body.orgIds.length}个被巡察单位）`,
    after: {
      name: body.name,
      kind: body.kind,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      orgIds: [...body.orgIds],
      team: team.map((m) => ({ role: m.role, name: m.name })),
      reportMonths: body.reportMonths,
      lookbackMonths: body.lookbackMonths,
    },
  });
  return id;
}

/**
 * PATCH /api/inspections/{id}: the 巡察办 corrects the round — name, dates, focus and team at any time; the kind
 * while its units fit it; units added, and taken off while they wait for their feedback; the months until a unit
 * has its feedback (its report's due day is counted from them).
 */
export async function updateInspection(
  trx: Trx,
  actor: Actor,
  id: number,
  body: UpdateInspection,
  now: Date,
  change: AuditChange,
): Promise<void> {
  if (!(await repo.lockRound(trx, id))) throw notFound();
  const { round: r, units } = await loadRound(trx, actor, id);
  if (r.version !== body.version) throw changed();
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '巡察轮次由巡察办（组织部）修改');
  const kind = body.kind ?? r.kind;
  const orgIds = body.orgIds ?? units.map((u) => u.org_id);
  if (body.kind !== undefined || body.orgIds !== undefined) await checkUnits(trx, actor, kind, orgIds);
  const removed = units.filter((u) => !orgIds.includes(u.org_id));
  const fed = units.filter((u) => u.status !== 'awaiting_feedback');
  for (const u of removed)
    if (u.status !== 'awaiting_feedback')
      throw new AppError('CONFLICT', `${u.org_name}已录入巡察反馈，不能从本轮巡察中移除`);
  const monthsChange =
    (body.reportMonths !== undefined && body.reportMonths !== r.report_months) ||
    (body.lookbackMonths !== undefined && body.lookbackMonths !== r.lookback_months);
  if (monthsChange && fed.length > 0)
    throw new AppError('CONFLICT', '已有单位录入巡察反馈，整改报告期限和回头看时间不能再修改');
  const before = await repo.teamOf(trx, id);
  const team = body.team ? await teamRows(trx, actor, body.team) : before;
  const startsOn = body.startsOn ?? r.starts_on;
  checkPlan({ startsOn, endsOn: body.endsOn ?? r.ends_on, team });
  const firstFeedback = fed.map((u) => u.feedback_on!).sort()[0];
  if (firstFeedback !== undefined && startsOn > firstFeedback)
    throw fieldError('startsOn', `巡察开始日期：不能晚于已录入的反馈日期（${firstFeedback}）`);

  const fields = (
    [
      'name',
      'kind',
      'startsOn',
      'endsOn',
      'focus',
      'orgIds',
      'team',
      'reportMonths',
      'lookbackMonths',
    ] as const
  ).filter((k) => body[k] !== undefined);
  const ok = await repo.updateRound(trx, id, r.version, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.startsOn !== undefined ? { starts_on: body.startsOn } : {}),
    ...(body.endsOn !== undefined ? { ends_on: body.endsOn } : {}),
    ...(body.focus !== undefined ? { focus: body.focus } : {}),
    ...(body.reportMonths !== undefined ? { report_months: body.reportMonths } : {}),
    ...(body.lookbackMonths !== undefined ? { lookback_months: body.lookbackMonths } : {}),
    updated_at: now,
  });
  if (!ok) throw changed();
  if (body.team) await repo.replaceTeam(trx, id, team);
  const added = orgIds.filter((o) => !units.some((u) => u.org_id === o));
  await repo.insertUnits(trx, id, added, now);
  await repo.deleteWaitingUnits(
    trx,
    id,
    removed.map((u) => u.org_id),
  );
  const labels = fields.map((k) => inspectionFieldLabels[k]).join('、');
  await event(trx, actor, id, null, now, { kind: 'edited', note: `修改了${labels}` });
  const was = {
    name: r.name,
    kind: r.kind,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    focus: r.focus,
    orgIds: units.map((u) => u.org_id),
    team: before.map((m) => ({ role: m.role, name: m.name })),
    reportMonths: r.report_months,
    lookbackMonths: r.lookback_months,
  };
  Object.assign(change, {
    targetType: 'inspection',
    targetId: id,
    summary: `修改巡察轮次（${labels}）：${r.name}`,
    before: Object.fromEntries(fields.map((k) => [k, was[k]])),
    after: Object.fromEntries(
      fields.map((k) => [k, k === 'team' ? team.map((m) => ({ role: m.role, name: m.name })) : body[k]]),
    ),
  });
}

// A unit's steps

/**
 * POST /api/inspections/{id}/units/{orgId}/feedback: the 巡察办 records the feedback the unit received; each
 * problem opens a rectification item of the unit (source 巡察反馈, linked to the round) due on its own day or the
 * report's, through the rectification module's one service call. The unit's secretaries are told by when the
 * report is due.
 */
export async function recordFeedback(
  trx: Trx,
  actor: Actor,
  id: number,
  orgId: number,
  body: InspectionFeedback,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { round, unit } = await loadUnitForChange(trx, actor, id, orgId);
  const next = decide(actor, unit, 'record_feedback', {
    today,
    round: { startsOn: round.starts_on, reportMonths: round.report_months },
    feedbackOn: body.feedbackOn,
    problems: body.problems,
  });
  await requirePeopleInScope(
    trx,
    actor,
    body.problems.map((p) => p.responsiblePersonId),
    'problems',
    inspectionFieldLabels.responsiblePersonId,
  );
  const due = inspectionReportDue(body.feedbackOn, round.report_months);
  const deadlines = feedbackDeadlines(body.feedbackOn, round.report_months, body.problems);
  const by = { userId: actor.userId, name: actor.displayName };
  const rectificationIds: number[] = [];
  for (const [i, p] of body.problems.entries())
    rectificationIds.push(
      await openRectification(
        trx,
        by,
        {
          orgId,
          source: 'inspection',
          inspectionId: id,
          sourceLabel: round.name,
          problem: p.problem,
          clause: p.clause,
          responsiblePersonId: p.responsiblePersonId,
          assistingOrgIds: [],
          measures: null,
          deadline: deadlines[i]!,
          milestones: [],
        },
        today,
        now,
      ),
    );
  const ok = await repo.updateUnit(trx, unit.id, unit.version, {
    status: next.status,
    feedback_on: body.feedbackOn,
    summary: body.summary,
    updated_at: now,
  });
  if (!ok) throw changed();
  const n = body.problems.length;
  await event(trx, actor, id, orgId, now, {
    kind: 'record_feedback',
    note: `${body.feedbackOn} 反馈问题${n}项，整改报告应于 ${due} 前报送`,
  });
  await tell(trx, orgId, actor.userId, now, {
    kind: 'inspection.feedback',
    key: `inspection.feedback:${id}:${orgId}`,
    title: `巡察反馈：${round.name}`,
    body: `${unit.org_name}反馈问题${n}项，已逐项生成整改事项。请于 ${due} 前在平台提交整改报告，主要负责人为整改第一责任人。`,
    link: inspectionLink(id, orgId),
  });
  Object.assign(change, {
    targetType: 'inspection',
    targetId: id,
    summary: `录入巡察反馈：${round.name} ${unit.org_name}（问题${n}项）`,
    before: { orgId, status: unit.status },
    after: { orgId, status: next.status, feedbackOn: body.feedbackOn, problems: n, rectificationIds },
  });
}

/**
 * POST /api/inspections/{id}/units/{orgId}/report: the unit's secretary submits the 整改报告; its figures (items in
 * all, closed, still in progress, overdue) are counted from the unit's items now and kept with it.
 */
export async function submitReport(
  trx: Trx,
  actor: Actor,
  id: number,
  orgId: number,
  report: string,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { round, unit } = await loadUnitForChange(trx, actor, id, orgId);
  const next = decide(actor, unit, 'submit_report', {
    today,
    round: { startsOn: round.starts_on, reportMonths: round.report_months },
    report,
  });
  const figures = figuresOf(await listInspectionRectifications(trx, id, [orgId], today));
  const ok = await repo.updateUnit(trx, unit.id, unit.version, {
    status: next.status,
    report_text: report,
    report_submitted_on: today,
    report_by_name: actor.displayName,
    report_figures: JSON.stringify(figures),
    returned_reason: null,
    updated_at: now,
  });
  if (!ok) throw changed();
  await event(trx, actor, id, orgId, now, {
    kind: 'submit_report',
    note: `问题${figures.total}项：已销号${figures.closed}项，整改中${figures.inProgress}项，逾期${figures.overdue}项`,
  });
  Object.assign(change, {
    targetType: 'inspection',
    targetId: id,
    summary: `提交巡察整改报告：${round.name} ${unit.org_name}`,
    before: { orgId, status: unit.status },
    after: { orgId, status: next.status, figures },
  });
}

/** POST /api/inspections/{id}/units/{orgId}/return: the 巡察办 returns the report with what it lacks. */
export async function returnReport(
  trx: Trx,
  actor: Actor,
  id: number,
  orgId: number,
  reason: string,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { round, unit } = await loadUnitForChange(trx, actor, id, orgId);
  const next = decide(actor, unit, 'return_report', {
    today,
    round: { startsOn: round.starts_on, reportMonths: round.report_months },
    reason,
  });
  const ok = await repo.updateUnit(trx, unit.id, unit.version, {
    status: next.status,
    returned_reason: reason,
    updated_at: now,
  });
  if (!ok) throw changed();
  await event(trx, actor, id, orgId, now, { kind: 'return_report', note: reason });
  const due = inspectionReportDue(unit.feedback_on!, round.report_months);
  await tell(trx, orgId, actor.userId, now, {
    kind: 'inspection.report_returned',
    key: `inspection.report_returned:${id}:${orgId}:${unit.version + 1}`,
    title: `巡察整改报告被退回：${round.name}`,
    body: `${actor.displayName}退回了${unit.org_name}的整改报告：${reason}。请修改后重新提交（报告期限 ${due}）。`,
    link: inspectionLink(id, orgId),
  });
  Object.assign(change, {
    targetType: 'inspection',
    targetId: id,
    summary: `退回巡察整改报告：${round.name} ${unit.org_name}`,
    before: { orgId, status: unit.status },
    after: { orgId, status: next.status, reason },
  });
}

/**
 * POST /api/inspections/{id}/units/{orgId}/lookback: the 巡察办 records the 回头看 — its day and findings, and a
 * verdict on every closed item of the unit; each 反弹 item is reopened through the rectification item's `reopen`
 * transition (回头看发现反弹) with the reason and the new deadline, in the same transaction. An id that is not one
 * of the unit's items answers as a missing one.
 */
export async function recordLookback(
  trx: Trx,
  actor: Actor,
  id: number,
  orgId: number,
  body: InspectionLookback,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { round, unit } = await loadUnitForChange(trx, actor, id, orgId);
  const items = await listInspectionRectifications(trx, id, [orgId], today);
  if (body.verdicts.some((v) => !items.some((x) => x.item.id === v.rectificationId)))
    throw outOfScope('verdicts', inspectionFieldLabels.rectificationId);
  const next = decide(actor, unit, 'record_lookback', {
    today,
    round: { startsOn: round.starts_on, reportMonths: round.report_months },
    lookbackOn: body.lookbackOn,
    note: body.note,
    verdicts: body.verdicts,
    items: items.map((x) => ({ id: x.item.id, status: x.item.status })),
  });
  const rebound = body.verdicts.filter((v) => v.outcome === 'rebound');
  // The item's own step, with its own timeline entry, notification and checks (the 组织部 verifies it).
  for (const v of rebound)
    await transitionRectification(
      trx,
      actor,
      v.rectificationId,
      { transition: 'reopen', reason: `${round.name}回头看：${v.reason!}`, until: v.until! },
      today,
      now,
      {},
    );
  await repo.insertVerdicts(
    trx,
    body.verdicts.map((v) => ({
      inspection_unit_id: unit.id,
      rectification_id: v.rectificationId,
      outcome: v.outcome,
      reason: v.outcome === 'rebound' ? v.reason : null,
      until: v.outcome === 'rebound' ? v.until : null,
    })),
  );
  const ok = await repo.updateUnit(trx, unit.id, unit.version, {
    status: next.status,
    lookback_on: body.lookbackOn,
    lookback_note: body.note,
    lookback_by_name: actor.displayName,
    updated_at: now,
  });
  if (!ok) throw changed();
  const confirmed = body.verdicts.length - rebound.length;
  const found =
    body.verdicts.length === 0
      ? '尚无已销号问题'
      : `已销号问题${body.verdicts.length}项：整改到位${confirmed}项，反弹${rebound.length}项`;
  await event(trx, actor, id, orgId, now, {
    kind: 'record_lookback',
    note: `${body.lookbackOn} 回头看，${found}`,
  });
  await tell(trx, orgId, actor.userId, now, {
    kind: 'inspection.lookback',
    key: `inspection.lookback:${id}:${orgId}`,
    title: `巡察整改回头看：${round.name}`,
    body: `${unit.org_name}：${found}${rebound.length > 0 ? '，反弹的问题已重新打开，请重新整改' : ''}。${short(body.note)}`,
    link: inspectionLink(id, orgId),
  });
  Object.assign(change, {
    targetType: 'inspection',
    targetId: id,
    summary: `记录巡察整改回头看：${round.name} ${unit.org_name}（${found}）`,
    before: { orgId, status: unit.status },
    after: {
      orgId,
      status: next.status,
      lookbackOn: body.lookbackOn,
      verdicts: body.verdicts.map((v) => ({ rectificationId: v.rectificationId, outcome: v.outcome })),
      reopened: rebound.map((v) => v.rectificationId),
    },
  });
}

/** Appends one entry to the round's timeline (on a unit, or the round's own), by the actor. */
async function event(
  trx: Trx,
  actor: Actor,
  id: number,
  orgId: number | null,
  now: Date,
  e: { kind: InspectionEventKind; note: string | null },
): Promise<void> {
  await repo.insertEvent(trx, {
    inspection_id: id,
    org_id: orgId,
    at: now,
    kind: e.kind,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    note: e.note,
  });
}

/** Tells the secretaries of the unit (less the one who acted), once per key. */
async function tell(
  trx: Trx,
  orgId: number,
  actorUserId: number,
  now: Date,
  m: Omit<Parameters<typeof notify>[1], 'userIds'>,
): Promise<void> {
  const users = (await secretariesOf(trx, orgId)).filter((u) => u !== actorUserId);
  if (users.length > 0) await notify(trx, { ...m, userIds: users }, now);
}
