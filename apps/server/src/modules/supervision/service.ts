/**
 * Supervised tasks (督办事项): a decision of a 党委会, 党务工作例会 or 党政联席会 record becomes a task in one step,
 * issued by the org that held the meeting (the assigner: the 组织部 for the 党委's meetings, the 总支 for its own) to a lead
 * unit below it, with assisting units, a deadline and a progress-report cadence. The lead unit's secretaries
 * accept it, report progress and report it done; the assigner confirms it done, returns it and decides
 * extensions. Core decides every step (`applySupervisedTaskTransition`, `allowedSupervisedTaskActions`); this
 * file loads the rows, checks scope and sides, and writes the result with its timeline entry and notifications in
 * the caller's transaction.
 */
import {
  AppError,
  allowedSupervisedTaskActions,
  applySupervisedTaskTransition,
  type CreateSupervisedTask,
  type IsoDate,
  type Page,
  type SupervisedTaskAbilities,
  type SupervisedTaskDetail,
  type SupervisedTaskEventKind,
  type SupervisedTaskItem,
  type SupervisedTaskListQuery,
  type SupervisedTaskStatus,
  type SupervisedTaskTransitionBody,
  type SupervisedTaskViolation,
  supervisedTaskFieldLabels,
  supervisedTaskStatusLabels,
  supervisedTaskTransitionActor,
  supervisedTaskTransitionLabels,
  supervisionSourceLabel,
  toLocalDate,
  type UpdateSupervisedTask,
} from '@dangjian/core';
import type { Actor, AuditChange, Clock, Db, Trx } from '../../http/context.ts';
import { isPathInScope, outOfScope, pathInScope, subtreePathInScope } from '../../http/scope.ts';
import { notify, secretariesOf } from '../notifications/service.ts';
import { presentDetail, presentItem, stateOf } from './presenter.ts';
import * as repo from './repo.ts';

type Row = repo.DetailRow;

const notFound = () => new AppError('NOT_FOUND', '该督办事项不存在');
const changed = () => new AppError('CONFLICT', '该督办事项已被他人修改，请刷新后重试');
const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);
const linkOf = (id: number) => `/supervised-tasks/${id}`;

/**
 * Which side of the task the actor is on, never both: the assigner covers the issuing org (the 组织部 the 党委,
 * a 总支 secretary their 总支); the lead is a secretary whose role is granted on the lead unit itself.
 */
export function sidesOf(
  actor: Actor,
  r: Pick<Row, 'issuer_path' | 'org_id'>,
): { assigner: boolean; lead: boolean } {
  const assigner =
    actor.permissions.has('supervision:task:assign') && isPathInScope(actor.scope, r.issuer_path);
  const lead =
    !assigner &&
    actor.permissions.has('supervision:task:handle') &&
    actor.scope.kind === 'subtrees' &&
    actor.scope.orgIds.includes(r.org_id);
  return { assigner, lead };
}

/** What the actor may do with the task now; the UI shows buttons from this and the server checks the same. */
function abilitiesOf(actor: Actor, r: Row): SupervisedTaskAbilities {
  const sides = sidesOf(actor, r);
  return {
    ...allowedSupervisedTaskActions(stateOf(r), sides),
    edit: sides.assigner && r.status === 'awaiting_acceptance',
  };
}

/** The task if the actor's scope holds its issuer, its lead or an assisting unit; NOT_FOUND otherwise. */
async function loadInScope(db: Db | Trx, actor: Actor, id: number): Promise<Row> {
  const r = await repo.findTask(db, id);
  if (!r) throw notFound();
  if (isPathInScope(actor.scope, r.issuer_path) || isPathInScope(actor.scope, r.lead_path)) return r;
  const assisting = await repo.orgsByIds(db, r.assisting_org_ids);
  if (assisting.some((o) => isPathInScope(actor.scope, o.path))) return r;
  throw notFound();
}

/** Locks the task and loads it (NOT_FOUND out of scope); refuses a version other than the one read. */
async function loadForChange(trx: Trx, actor: Actor, id: number, version?: number): Promise<Row> {
  if (!(await repo.lockTask(trx, id))) throw notFound();
  const r = await loadInScope(trx, actor, id);
  if (version !== undefined && r.version !== version) throw changed();
  return r;
}

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** A refusal of core's: the wrong status or a step asked twice (409), or what the step still needs (400). */
function refusal(violations: readonly SupervisedTaskViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  return new AppError('VALIDATION_FAILED', violations[0]!.message, {
    fields: violations.map((v) => ({ path: v.path ?? '', message: v.message })),
  });
}

// Reading

/** Tasks the actor's scope holds, filtered and paged (overdue first). */
export async function listTasks(
  db: Db,
  actor: Actor,
  query: SupervisedTaskListQuery,
  today: IsoDate,
): Promise<Page<SupervisedTaskItem> & { today: string }> {
  const { rows, total } = await repo.taskPage(db, await filtersOf(db, actor, query, today), today, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((r) => presentItem(r, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    today,
  };
}

/** The list's filters, resolved against the actor's scope. */
export async function filtersOf(
  db: Db,
  actor: Actor,
  query: Omit<SupervisedTaskListQuery, 'page' | 'pageSize'>,
  today: IsoDate,
): Promise<repo.TaskFilters> {
  return {
    inScope: (column) => pathInScope(actor.scope, column),
    leadSubtreePath: query.leadOrgId ? await subtreePathInScope(db, actor, query.leadOrgId) : undefined,
    status: query.status,
    overdueOn: query.overdue ? today : undefined,
    activityId: query.activityId,
    q: query.q || undefined,
  };
}

/** One task in the actor's scope with its timeline and abilities. */
export async function getTaskDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<SupervisedTaskDetail> {
  const r = await loadInScope(db, actor, id);
  const [assisting, events] = await Promise.all([
    repo.orgsByIds(db, r.assisting_org_ids),
    repo.eventsOf(db, id),
  ]);
  return presentDetail(r, { assistingOrgs: assisting, events, abilities: abilitiesOf(actor, r) }, today);
}

// Issuing

/**
 * Checks the lead and assisting units of a task issued by the org at `issuerPath`: below it, not archived, not a
 * 党小组, the lead not among the assisting ones. Unknown ids answer as out of scope.
 */
async function checkUnits(
  trx: Trx,
  issuer: { id: number; path: string },
  leadOrgId: number,
  assistingOrgIds: readonly number[],
): Promise<{ leadName: string }> {
  const orgs = new Map((await repo.orgsByIds(trx, [leadOrgId, ...assistingOrgIds])).map((o) => [o.id, o]));
  const below = (id: number) => {
    const o = orgs.get(id);
    return o && o.id !== issuer.id && o.path.startsWith(issuer.path) ? o : undefined;
  };
  const lead = below(leadOrgId);
  if (!lead) throw outOfScope('leadOrgId', supervisedTaskFieldLabels.leadOrgId);
  for (const id of assistingOrgIds)
    if (!below(id)) throw outOfScope('assistingOrgIds', supervisedTaskFieldLabels.assistingOrgIds);
  for (const o of [lead, ...assistingOrgIds.map((id) => orgs.get(id)!)]) {
    const path = o.id === lead.id ? 'leadOrgId' : 'assistingOrgIds';
    const label = supervisedTaskFieldLabels[path];
    if (o.archived_at !== null) throw fieldError(path, `${label}：${o.name}已撤销`);
    if (o.type === 'group') throw fieldError(path, `${label}：督办事项交给党总支或党支部，不交给党小组`);
  }
  if (assistingOrgIds.includes(leadOrgId))
    throw fieldError('assistingOrgIds', '协办单位：不能包含牵头单位本身');
  return { leadName: lead.name };
}

/**
 * POST /api/supervised-tasks: one decision of a 党委会 / 党务工作例会 / 党政联席会 record (held or archived) becomes a task
 * (待签收) issued by the org that held the meeting, which the actor must cover; returns its id.
 */
export async function createTask(
  trx: Trx,
  actor: Actor,
  body: CreateSupervisedTask,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const a = await repo.sourceRecord(trx, body.activityId);
  if (!a || !isPathInScope(actor.scope, a.path))
    throw outOfScope('activityId', supervisedTaskFieldLabels.activityId);
  const sourceLabel = supervisionSourceLabel(a.kind, a.org_type);
  if (!sourceLabel)
    throw fieldError(
      'activityId',
      '议定事项的会议记录：只有党委会、党委和党总支的党务工作例会、党总支的党政联席会的议定事项可以督办',
    );
  if (a.status !== 'held' && a.status !== 'closed')
    throw fieldError('activityId', '议定事项的会议记录：会议召开后才能督办其议定事项');
  const resolution =
    body.resolutionId === null ? null : await repo.resolutionOf(trx, a.id, body.resolutionId);
  if (body.resolutionId !== null && !resolution)
    throw outOfScope('resolutionId', supervisedTaskFieldLabels.resolutionId);
  if (resolution?.outcome === 'failed') throw fieldError('resolutionId', '决议事项：未通过的决议不能督办');
  if (body.deadline <= today) throw fieldError('deadline', '办结期限：须晚于今天');
  const { leadName } = await checkUnits(
    trx,
    { id: a.org_id, path: a.path },
    body.leadOrgId,
    body.assistingOrgIds,
  );
  const id = await repo.insertTask(trx, {
    issuer_org_id: a.org_id,
    org_id: body.leadOrgId,
    activity_id: a.id,
    resolution_id: body.resolutionId,
    title: body.title,
    content: body.content,
    assisting_org_ids: [...body.assistingOrgIds],
    cadence: body.cadence,
    status: 'awaiting_acceptance',
    issued_on: today,
    deadline: body.deadline,
    original_deadline: body.deadline,
    created_by: actor.userId,
    updated_at: now,
  });
  await event(trx, actor, id, now, {
    kind: 'created',
    to: 'awaiting_acceptance',
    note: `${sourceLabel}：${a.title}（${a.on_date}）`,
    until: body.deadline,
  });
  await tell(trx, [body.leadOrgId, ...body.assistingOrgIds], actor.userId, now, {
    kind: 'supervised_task.assigned',
    key: `supervised_task.assigned:${id}`,
    title: `新的督办事项：${short(body.title)}`,
    body: `${sourceLabel}议定事项，牵头单位${leadName}，办结期限 ${body.deadline}。请牵头单位签收。`,
    link: linkOf(id),
  });
  Object.assign(change, {
    targetType: 'supervised_task',
    targetId: id,
    summary: `交办督办事项：${short(body.title)}（牵头单位 ${leadName}）`,
    after: {
      activityId: a.id,
      resolutionId: body.resolutionId,
      title: body.title,
      leadOrgId: body.leadOrgId,
      assistingOrgIds: [...body.assistingOrgIds],
      deadline: body.deadline,
      cadence: body.cadence,
      status: 'awaiting_acceptance',
    },
  });
  return id;
}

// Editing

/**
 * PATCH /api/supervised-tasks/{id}: the assigner corrects the task while it waits to be accepted (title,
 * requirements, units, deadline, cadence); afterwards the deadline moves only by an extension.
 */
export async function updateTask(
  trx: Trx,
  actor: Actor,
  id: number,
  body: UpdateSupervisedTask,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, id, body.version);
  if (!sidesOf(actor, r).assigner)
    throw new AppError('FORBIDDEN', `修改督办事项由交办单位（${r.issuer_name}）办理`);
  if (r.status !== 'awaiting_acceptance')
    throw new AppError(
      'CONFLICT',
      `该督办事项${supervisedTaskStatusLabels[r.status]}，不能再修改；办结期限可经延期调整`,
    );
  if (body.deadline !== undefined && body.deadline <= today)
    throw fieldError('deadline', '办结期限：须晚于今天');
  if (body.leadOrgId !== undefined || body.assistingOrgIds !== undefined)
    await checkUnits(
      trx,
      { id: r.issuer_org_id, path: r.issuer_path },
      body.leadOrgId ?? r.org_id,
      body.assistingOrgIds ?? r.assisting_org_ids,
    );
  const fields = (
    ['title', 'content', 'leadOrgId', 'assistingOrgIds', 'deadline', 'cadence'] as const
  ).filter((k) => body[k] !== undefined);
  const was = {
    title: r.title,
    content: r.content,
    leadOrgId: r.org_id,
    assistingOrgIds: r.assisting_org_ids,
    deadline: r.deadline,
    cadence: r.cadence,
  };
  const ok = await repo.updateTask(trx, id, r.version, {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.content !== undefined ? { content: body.content } : {}),
    ...(body.leadOrgId !== undefined ? { org_id: body.leadOrgId } : {}),
    ...(body.assistingOrgIds !== undefined ? { assisting_org_ids: body.assistingOrgIds } : {}),
    ...(body.deadline !== undefined ? { deadline: body.deadline, original_deadline: body.deadline } : {}),
    ...(body.cadence !== undefined ? { cadence: body.cadence } : {}),
    updated_at: now,
  });
  if (!ok) throw changed();
  const labels = fields.map((k) => supervisedTaskFieldLabels[k]).join('、');
  await event(trx, actor, id, now, { kind: 'edited', note: `修改了${labels}`, until: body.deadline ?? null });
  Object.assign(change, {
    targetType: 'supervised_task',
    targetId: id,
    summary: `修改督办事项（${labels}）：${short(r.title)}`,
    before: Object.fromEntries(fields.map((k) => [k, was[k]])),
    after: Object.fromEntries(fields.map((k) => [k, body[k]])),
  });
}

// Transitions and progress

/**
 * POST /api/supervised-tasks/{id}/transitions: one step of core's state machine under the task's row lock. The
 * wrong status answers 409 with core's message, the wrong side 403, what the step still needs 400 naming it.
 */
export async function transitionTask(
  trx: Trx,
  actor: Actor,
  id: number,
  body: SupervisedTaskTransitionBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, id, body.version);
  const t = body.transition;
  const label = supervisedTaskTransitionLabels[t];
  const state = stateOf(r);
  const sides = sidesOf(actor, r);
  const side = supervisedTaskTransitionActor[t];
  const result = applySupervisedTaskTransition(state, t, {
    today,
    result: body.result ?? null,
    reason: body.reason,
    until: body.until,
  });
  if (!result.ok && result.violations.some((v) => v.kind === 'conflict')) throw refusal(result.violations);
  if (side === 'assigner' && !sides.assigner)
    throw new AppError('FORBIDDEN', `${label}由交办单位（${r.issuer_name}）办理`);
  if (side === 'lead' && !sides.lead)
    throw new AppError('FORBIDDEN', `${label}由牵头单位（${r.lead_name}）办理`);
  if (!result.ok) throw refusal(result.violations);
  const next = result.state;
  const ok = await repo.updateTask(trx, id, r.version, {
    status: next.status,
    deadline: next.deadline,
    extensions: next.extensions,
    extension_until: next.extensionRequest?.until ?? null,
    extension_reason: next.extensionRequest?.reason ?? null,
    ...(t === 'accept' ? { accepted_at: now } : {}),
    ...(t === 'report_done' ? { reported_done_at: now, result: body.result!.trim() } : {}),
    ...(t === 'return' ? { reported_done_at: null } : {}),
    ...(t === 'confirm_done' ? { done_at: now } : {}),
    updated_at: now,
  });
  if (!ok) throw changed();
  const until =
    t === 'request_extension' ? (body.until ?? null) : t === 'approve_extension' ? next.deadline : null;
  const note = t === 'report_done' ? body.result!.trim() : body.reason?.trim() || null;
  await event(trx, actor, id, now, { kind: t, from: state.status, to: next.status, note, until });
  const decided: Partial<Record<typeof t, string>> = {
    confirm_done: `${actor.displayName}确认办结，该督办事项已办结。`,
    return: `${actor.displayName}退回继续办理：${body.reason ?? ''}`,
    approve_extension: `${actor.displayName}同意延期，办结期限调整为 ${next.deadline}。`,
    reject_extension: `${actor.displayName}不同意延期，办结期限仍为 ${next.deadline}。理由：${body.reason ?? ''}`,
  };
  if (decided[t])
    await tell(trx, [r.org_id], actor.userId, now, {
      kind: 'supervised_task.decided',
      key: `supervised_task.decided:${id}:${r.version + 1}`,
      title: `${label}：${short(r.title)}`,
      body: decided[t]!,
      link: linkOf(id),
    });
  Object.assign(change, {
    targetType: 'supervised_task',
    targetId: id,
    summary: `${label}：${short(r.title)}（牵头单位 ${r.lead_name}）`,
    before: { status: state.status, deadline: state.deadline },
    after: {
      transition: t,
      status: next.status,
      deadline: next.deadline,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.result ? { result: body.result } : {}),
      ...(until ? { until } : {}),
    },
  });
}

/** POST /api/supervised-tasks/{id}/progress: a progress report of the lead unit while it handles the task. */
export async function addProgress(
  trx: Trx,
  actor: Actor,
  id: number,
  note: string,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, id);
  const sides = sidesOf(actor, r);
  if (!sides.lead) throw new AppError('FORBIDDEN', `报告办理进展由牵头单位（${r.lead_name}）办理`);
  if (!allowedSupervisedTaskActions(stateOf(r), sides).reportProgress)
    throw new AppError(
      'CONFLICT',
      r.status === 'awaiting_acceptance'
        ? '该督办事项尚未签收：请先签收再报告进展'
        : `该督办事项${supervisedTaskStatusLabels[r.status]}，不能再报告进展`,
    );
  if (!(await repo.updateTask(trx, id, r.version, { last_report_on: today, updated_at: now })))
    throw changed();
  await event(trx, actor, id, now, { kind: 'progress', note });
  Object.assign(change, {
    targetType: 'supervised_task',
    targetId: id,
    summary: `报告督办事项进展：${short(r.title)}`,
    after: { note },
  });
}

/** Appends one entry to the task's timeline, by the actor, in the change's transaction. */
async function event(
  trx: Trx,
  actor: Actor,
  id: number,
  now: Date,
  e: {
    kind: SupervisedTaskEventKind;
    from?: SupervisedTaskStatus;
    to?: SupervisedTaskStatus;
    note?: string | null;
    until?: string | null;
  },
): Promise<void> {
  await repo.insertEvent(trx, {
    task_id: id,
    at: now,
    kind: e.kind,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    note: e.note ?? null,
    until: e.until ?? null,
  });
}

// Notifications

/** Tells the secretaries of the orgs (less the one who acted), once per key. */
async function tell(
  trx: Trx,
  orgIds: readonly number[],
  actorUserId: number | null,
  now: Date,
  m: Omit<Parameters<typeof notify>[1], 'userIds'>,
): Promise<void> {
  const users = new Set<number>();
  for (const orgId of orgIds) for (const u of await secretariesOf(trx, orgId)) users.add(u);
  if (actorUserId !== null) users.delete(actorUserId);
  if (users.size > 0) await notify(trx, { ...m, userIds: [...users] }, now);
}

/**
 * Each morning (and on demand in tests): every open task past its deadline is escalated once per deadline to
 * the head of its lead unit — the lead org's secretaries — as 督办事项逾期督促. The reminder before the deadline is
 * the notifications module's 3-day reminder of the task's 即将到期 finding. Returns how many tasks were escalated.
 */
export async function escalateOverdueTasks(db: Db, clock: Clock): Promise<number> {
  const today = clock.today();
  let sent = 0;
  for (const t of await repo.overdueTasks(db, today)) {
    await db.transaction().execute(async (trx) => {
      const users = await secretariesOf(trx, t.org_id);
      if (users.length === 0) return;
      await notify(
        trx,
        {
          kind: 'supervised_task.overdue',
          key: `supervised_task.overdue:${t.id}:${t.deadline}`,
          userIds: users,
          title: `督办事项已逾期：${short(t.title)}`,
          body: `${t.issuer_name}交办、${t.lead_name}牵头的督办事项办结期限为 ${t.deadline}，至今未办结。请抓紧办理并报告办结；确有困难的申请延期。`,
          link: linkOf(t.id),
        },
        clock.now(),
      );
      sent += 1;
    });
  }
  return sent;
}

/** The day of an instant, for the 督办单 and the 台账. */
export const dayOf = (d: Date | string) => toLocalDate(new Date(d));

/** The assessment metrics of this module (a provider of the assessment module). */
export { computeSupervisionMetrics, supervisionMetricKeys } from './metrics.ts';
