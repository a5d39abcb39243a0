/**
 * 年轻干部储备 (后备干部, issue 18 item 5): candidates nominated, taken into the pool, trained to a development plan
 * (学习培训, 实践锻炼/挂职, 轮岗, 导师帮带) and reviewed yearly, until used (提任) or taken out. Core decides every step
 * (`applyReserveStep`) with the school's settings; this file loads rows, checks the person's scope, writes the step
 * with its event in the caller's transaction, and reads a candidate's 学时 through the trainings module
 * (`trainingHoursOf`, never entered here) and their current post through the cadres module. Read by the 组织部 and
 * 校领导 (cadre:file:view, the whole school), written by the 组织部 (cadre:file:manage).
 */
import {
  AppError,
  activeReserveStatuses,
  ageOn,
  allowedReserveSteps,
  applyReserveStep,
  type CreateReserveCandidateBody,
  type CreateReservePlanItemBody,
  type CreateReserveRotationBody,
  type CreateReserveSecondmentBody,
  type IsoDate,
  isOverReserveAge,
  isPlanItemOverdue,
  type Page,
  type ReserveCandidateDetail,
  type ReserveCandidateItem,
  type ReserveListQuery,
  type ReserveSettings,
  type ReserveState,
  type ReserveStatus,
  type ReserveStepBody,
  type ReserveViolation,
  reserveMaxAge,
  reserveReviewDueOn,
  reserveStepLabels,
  secondmentPhase,
  secondmentProblem,
  trainingHourSources,
  type UpdateReserveCandidateBody,
  type UpdateReservePlanItemBody,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { requirePeopleInScope } from '../../http/scope.ts';
import { cadresOfPeople } from '../cadres/service.ts';
import { getReserveSettings } from '../settings/service.ts';
import { trainingHoursOf } from '../trainings/service.ts';
import * as repo from './repo.ts';

type CandidateRow = NonNullable<Awaited<ReturnType<typeof repo.getCandidate>>>;
type PlanRow = Awaited<ReturnType<typeof repo.planItems>>[number];
type SecondmentRow = Awaited<ReturnType<typeof repo.secondments>>[number];

const notFound = () => new AppError('NOT_FOUND', '该后备干部不存在');
const changed = () => new AppError('CONFLICT', '该后备干部档案已被他人修改，请刷新后重试');
const isActive = (s: ReserveStatus) => (activeReserveStatuses as readonly ReserveStatus[]).includes(s);

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** A refusal of core's: the wrong status (409), or what the step still needs (400). */
function refusal(violations: readonly ReserveViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  return new AppError('VALIDATION_FAILED', violations[0]!.message, {
    fields: violations.map((v) => ({ path: v.path ?? '', message: v.message })),
  });
}

export function stateOf(r: Pick<CandidateRow, 'status' | 'level' | 'since' | 'reviewed_on'>): ReserveState {
  return { status: r.status, level: r.level, since: r.since, reviewedOn: r.reviewed_on };
}

function presentItem(
  r: CandidateRow,
  ctx: {
    items: readonly PlanRow[];
    secondments: readonly SecondmentRow[];
    cadre: { cadreId: number; currentPosts: { title: string; unitName: string }[] } | undefined;
    settings: ReserveSettings;
  },
  today: IsoDate,
): ReserveCandidateItem {
  // A 挂职 under way is marked while the candidate is in the pool (the record stays in the history either way).
  const current = isActive(r.status)
    ? ctx.secondments.find((s) => secondmentPhase(s.from_on, s.to_on, today) === 'current')
    : undefined;
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    gender: r.gender,
    age: ageOn(r.birth_date, today),
    orgName: r.org_name,
    unitName: r.unit_name,
    position: r.position,
    level: r.level,
    status: r.status,
    nominatedOn: r.nominated_on,
    since: r.since,
    reviewDueOn: reserveReviewDueOn(stateOf(r), ctx.settings),
    overAge: isActive(r.status) && isOverReserveAge(r.birth_date, r.level, today, ctx.settings),
    overdueItems: ctx.items.filter((i) =>
      isPlanItemOverdue({ dueOn: i.due_on, doneOn: i.done_on }, r.status, today),
    ).length,
    secondedTo: current ? `${current.place}（${current.post}）` : null,
    cadre: ctx.cadre
      ? { id: ctx.cadre.cadreId, posts: ctx.cadre.currentPosts.map((p) => `${p.unitName}${p.title}`) }
      : null,
    version: r.version,
  };
}

function matches(i: ReserveCandidateItem, q: Omit<ReserveListQuery, 'page' | 'pageSize'>): boolean {
  if (q.status && i.status !== q.status) return false;
  if (q.level && i.level !== q.level) return false;
  if (q.overdue !== undefined && i.overdueItems > 0 !== q.overdue) return false;
  if (q.overAge !== undefined && i.overAge !== q.overAge) return false;
  return true;
}

/** Every candidate the filters hold, with the pool's next review day. */
export async function candidateRows(
  db: Db,
  query: Omit<ReserveListQuery, 'page' | 'pageSize'>,
  today: IsoDate,
): Promise<{ items: ReserveCandidateItem[]; poolReviewDueOn: IsoDate | null }> {
  const rows = await repo.listCandidates(db, query.q);
  const ids = rows.map((r) => r.id);
  const [settings, items, secondments, cadres] = await Promise.all([
    getReserveSettings(db),
    repo.planItems(db, ids),
    repo.secondments(db, ids),
    cadresOfPeople(
      db,
      rows.map((r) => r.person_id),
      today,
    ),
  ]);
  const all = rows.map((r) =>
    presentItem(
      r,
      {
        items: items.filter((i) => i.candidate_id === r.id),
        secondments: secondments.filter((s) => s.candidate_id === r.id),
        cadre: cadres.get(r.person_id),
        settings,
      },
      today,
    ),
  );
  const dues = all.map((i) => i.reviewDueOn).filter((d): d is string => d !== null);
  return {
    items: all.filter((i) => matches(i, query)),
    poolReviewDueOn: dues.length > 0 ? dues.reduce((a, b) => (a < b ? a : b)) : null,
  };
}

/** GET /api/cadre-reserve: the pool, filtered and paged. */
export async function listCandidates(
  db: Db,
  query: ReserveListQuery,
  today: IsoDate,
): Promise<Page<ReserveCandidateItem> & { today: string; poolReviewDueOn: string | null }> {
  const { items, poolReviewDueOn } = await candidateRows(db, query, today);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: items.slice(start, start + query.pageSize),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
    today,
    poolReviewDueOn,
  };
}

/** GET /api/cadre-reserve/{id}: one candidate with plan, 挂职, 轮岗, steps, 学时 and abilities. */
export async function getCandidateDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<ReserveCandidateDetail> {
  const r = await repo.getCandidate(db, id);
  if (!r) throw notFound();
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const from = r.nominated_on < yearStart ? r.nominated_on : yearStart;
  const [settings, items, secondments, rotations, events, cadres, hours] = await Promise.all([
    getReserveSettings(db),
    repo.planItems(db, [id]),
    repo.secondments(db, [id]),
    repo.rotations(db, id),
    repo.events(db, id),
    cadresOfPeople(db, [r.person_id], today),
    trainingHoursOf(db, { personIds: [r.person_id], from, to: today }),
  ]);
  const item = presentItem(r, { items, secondments, cadre: cadres.get(r.person_id), settings }, today);
  const counted = (hours.get(r.person_id)?.items ?? []).filter((h) => h.counted);
  const sum = (xs: readonly { hours: number }[]) => Math.round(xs.reduce((a, h) => a + h.hours, 0) * 10) / 10;
  const thisYear = counted.filter((h) => h.onDate >= yearStart);
  const manage = actor.permissions.has('cadre:file:manage');
  return {
    ...item,
    nominationSource: r.nomination_source,
    note: r.note,
    maxAge: reserveMaxAge(r.level, settings),
    usedPost: r.used_post,
    endReason: r.end_reason,
    planItems: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      dueOn: i.due_on,
      doneOn: i.done_on,
      mentorName: i.mentor_name,
      overdue: isPlanItemOverdue({ dueOn: i.due_on, doneOn: i.done_on }, r.status, today),
    })),
    secondments: secondments.map((s) => ({
      id: s.id,
      place: s.place,
      post: s.post,
      fromOn: s.from_on,
      toOn: s.to_on,
      phase: secondmentPhase(s.from_on, s.to_on, today),
      note: s.note,
    })),
    rotations: rotations.map((x) => ({
      id: x.id,
      fromPost: x.from_post,
      toUnit: x.to_unit,
      toPost: x.to_post,
      onDate: x.on_date,
      note: x.note,
    })),
    events: events.map((e) => ({
      id: Number(e.id),
      step: e.step,
      on: e.on_date,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      actorName: e.actor_name,
    })),
    trainingHours: {
      year,
      yearTotal: sum(thisYear),
      sinceNominated: sum(counted.filter((h) => h.onDate >= r.nominated_on)),
      bySource: Object.fromEntries(
        trainingHourSources.map((s) => [s, sum(thisYear.filter((h) => h.source === s))]),
      ) as ReserveCandidateDetail['trainingHours']['bySource'],
      items: (hours.get(r.person_id)?.items ?? [])
        .filter((h) => h.onDate >= r.nominated_on)
        .sort((a, b) => (a.onDate < b.onDate ? 1 : -1))
        .map((h) => ({
          source: h.source,
          title: h.title,
          onDate: h.onDate,
          hours: h.hours,
          counted: h.counted,
        })),
    },
    abilities: { manage, steps: allowedReserveSteps(stateOf(r), manage) },
  };
}

// Writing

/** Locks the candidate and loads it; refuses a version other than the one read. */
async function loadForChange(trx: Trx, id: number, version: number): Promise<CandidateRow> {
  if (!(await repo.lockCandidate(trx, id))) throw notFound();
  const r = (await repo.getCandidate(trx, id))!;
  if (r.version !== version) throw changed();
  return r;
}

/** Bumps the candidate's version after a write to its plan, 挂职 or 轮岗 (one writer at a time). */
async function touch(trx: Trx, r: CandidateRow, now: Date): Promise<void> {
  if (!(await repo.updateCandidate(trx, r.id, r.version, { updated_at: now }))) throw changed();
}

function audit(change: AuditChange, id: number, summary: string, before: unknown, after: unknown): void {
  change.targetType = 'cadre_reserve';
  change.targetId = id;
  change.summary = summary;
  change.before = before;
  change.after = after;
}

/** POST /api/cadre-reserve: nominates a person in scope (提名); a person is in the pool once at a time. */
export async function createCandidate(
  trx: Trx,
  actor: Actor,
  body: CreateReserveCandidateBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  await requirePeopleInScope(trx, actor, [body.personId], 'personId', '人员');
  if (body.nominatedOn > today) throw fieldError('nominatedOn', '提名日期：不能晚于今天');
  const id = await repo.insertCandidate(trx, {
    person_id: body.personId,
    level: body.level,
    nominated_on: body.nominatedOn,
    nomination_source: body.nominationSource,
    since: body.nominatedOn,
    note: body.note,
    updated_at: now,
  });
  if (id === null) throw new AppError('CONFLICT', '人员：已在后备干部库中（提名、入库或培养中）');
  await repo.insertEvent(trx, {
    candidate_id: id,
    at: now,
    step: 'nominate',
    on_date: body.nominatedOn,
    from_status: null,
    to_status: 'nominated',
    note: body.nominationSource,
    actor_id: actor.accountless ? null : actor.userId,
    actor_name: actor.displayName,
  });
  audit(change, id, `提名后备干部（${body.nominationSource}）`, null, body);
  return id;
}

/** PATCH /api/cadre-reserve/{id}: the level, 推荐方式 or note, at the version read. */
export async function updateCandidate(
  trx: Trx,
  id: number,
  body: UpdateReserveCandidateBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, id, body.version);
  if (body.level !== undefined && body.level !== r.level && r.status !== 'nominated')
    throw fieldError('level', '后备层级：入库后不能修改（入库时已按该层级核对年龄条件），请调出后重新提名');
  const values = {
    updated_at: now,
    ...(body.level !== undefined ? { level: body.level } : {}),
    ...(body.nominationSource !== undefined ? { nomination_source: body.nominationSource } : {}),
    ...(body.note !== undefined ? { note: body.note } : {}),
  };
  if (!(await repo.updateCandidate(trx, id, body.version, values))) throw changed();
  audit(
    change,
    id,
    '修改后备干部档案',
    { level: r.level, nominationSource: r.nomination_source, note: r.note, version: r.version },
    body,
  );
}

/** POST /api/cadre-reserve/{id}/steps: 入库, 开始培养, 年度动态调整, 提任使用 or 调出, decided by core. */
export async function stepCandidate(
  trx: Trx,
  actor: Actor,
  id: number,
  body: ReserveStepBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, id, body.version);
  const settings = await getReserveSettings(trx);
  const before = stateOf(r);
  const result = applyReserveStep(
    before,
    body.step,
    {
      today,
      on: body.on,
      birthDate: r.birth_date,
      planItems: await repo.countPlanItems(trx, id),
      post: body.post,
      reason: body.reason,
    },
    settings,
  );
  if (!result.ok) throw refusal(result.violations);
  const s = result.state;
  const ok = await repo.updateCandidate(trx, id, body.version, {
    status: s.status,
    since: s.since,
    reviewed_on: s.reviewedOn,
    updated_at: now,
    ...(body.step === 'appoint' ? { used_post: body.post!.trim() } : {}),
    ...(body.step === 'withdraw' ? { end_reason: body.reason!.trim() } : {}),
  });
  if (!ok) throw changed();
  const note = body.step === 'appoint' ? (body.post ?? null) : (body.reason ?? null);
  await repo.insertEvent(trx, {
    candidate_id: id,
    at: now,
    step: body.step,
    on_date: body.on,
    from_status: before.status,
    to_status: s.status,
    note,
    actor_id: actor.accountless ? null : actor.userId,
    actor_name: actor.displayName,
  });
  audit(change, id, `后备干部${reserveStepLabels[body.step]}`, { status: before.status }, body);
}

/** POST /api/cadre-reserve/{id}/plan-items: an item of the development plan (in the pool only). */
export async function addPlanItem(
  trx: Trx,
  id: number,
  body: CreateReservePlanItemBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, id, body.version);
  if (!isActive(r.status)) throw new AppError('CONFLICT', '该后备干部已提任或已调出，不能再制定培养计划');
  if (body.dueOn < r.nominated_on) throw fieldError('dueOn', '完成时限：不能早于提名日期');
  await repo.insertPlanItem(trx, {
    candidate_id: id,
    kind: body.kind,
    title: body.title,
    due_on: body.dueOn,
    mentor_name: body.kind === 'mentoring' ? body.mentorName : null,
  });
  await touch(trx, r, now);
  audit(change, id, `培养计划增加：${body.title}`, null, body);
}

/** PATCH /api/cadre-reserve/{id}/plan-items/{itemId}: marks an item done (or reopens it), or moves its due date. */
export async function updatePlanItem(
  trx: Trx,
  id: number,
  itemId: number,
  body: UpdateReservePlanItemBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, id, body.version);
  const item = await repo.getPlanItem(trx, id, itemId);
  if (!item) throw new AppError('NOT_FOUND', '该培养计划事项不存在');
  if (!isActive(r.status)) throw new AppError('CONFLICT', '该后备干部已提任或已调出，培养计划不再修改');
  if (body.doneOn && body.doneOn > today) throw fieldError('doneOn', '完成日期：不能晚于今天');
  if (body.dueOn !== undefined && body.dueOn < r.nominated_on)
    throw fieldError('dueOn', '完成时限：不能早于提名日期');
  await repo.updatePlanItem(trx, itemId, {
    ...(body.doneOn !== undefined ? { done_on: body.doneOn } : {}),
    ...(body.dueOn !== undefined ? { due_on: body.dueOn } : {}),
  });
  await touch(trx, r, now);
  audit(
    change,
    id,
    body.doneOn ? `培养计划完成：${item.title}` : `修改培养计划：${item.title}`,
    { doneOn: item.done_on, dueOn: item.due_on },
    body,
  );
}

/** POST /api/cadre-reserve/{id}/secondments: a 挂职 of the school's length, not overlapping another. */
export async function addSecondment(
  trx: Trx,
  id: number,
  body: CreateReserveSecondmentBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, id, body.version);
  if (!isActive(r.status)) throw new AppError('CONFLICT', '该后备干部已提任或已调出，不能再安排挂职');
  const problem = secondmentProblem(body.fromOn, body.toOn, await getReserveSettings(trx));
  if (problem) throw fieldError('toOn', problem);
  const others = await repo.secondments(trx, [id]);
  if (others.some((s) => s.from_on <= body.toOn && body.fromOn <= s.to_on))
    throw fieldError('fromOn', '挂职开始日期：与已有的挂职时间重叠');
  await repo.insertSecondment(trx, {
    candidate_id: id,
    place: body.place,
    post: body.post,
    from_on: body.fromOn,
    to_on: body.toOn,
    note: body.note,
  });
  await touch(trx, r, now);
  audit(change, id, `挂职：${body.place}${body.post}`, null, body);
}

/** POST /api/cadre-reserve/{id}/rotations: a 轮岗 record (not before the nomination, not in the future). */
export async function addRotation(
  trx: Trx,
  id: number,
  body: CreateReserveRotationBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, id, body.version);
  if (!isActive(r.status)) throw new AppError('CONFLICT', '该后备干部已提任或已调出，不能再登记轮岗');
  if (body.onDate > today) throw fieldError('onDate', '轮岗日期：不能晚于今天');
  await repo.insertRotation(trx, {
    candidate_id: id,
    from_post: body.fromPost,
    to_unit: body.toUnit,
    to_post: body.toPost,
    on_date: body.onDate,
    note: body.note,
  });
  await touch(trx, r, now);
  audit(change, id, `轮岗：${body.toUnit}${body.toPost}`, null, body);
}
