/**
 * 中层干部选拔任用 (issue 18 item 2): the 组织部 raises a 动议 for a person and a post of a unit, then takes core's steps
 * (`applyAppointmentStep`) — 民主推荐, 考察 with the school's vetoes, 党委讨论决定 linked to a 党委会 record of the 党委 (its
 * date is the decision date; the eligibility rules are read on it: 副职 → 正职 after the years set, no 破格 within a
 * year of the last promotion; training owed when not met), 任前公示, 任职 (the post goes into the roster through the
 * cadres service), 转正 or 免去试任职务 (the roster post follows), 终止. Every step is taken under the row lock at
 * the version read and written with its history entry in the caller's transaction. 校领导 read; no one else.
 */
import {
  AppError,
  type AppointmentSettings,
  type AppointmentState,
  type AppointmentStep,
  type AppointmentViolation,
  addDays,
  addMonths,
  allowedAppointmentSteps,
  applyAppointmentStep,
  appointmentDue,
  appointmentEligibilityProblems,
  appointmentSettingsFrom,
  appointmentStatusLabels,
  appointmentStepLabels,
  type CadreAppointmentDetail,
  type CadreAppointmentItem,
  type CadreAppointmentListQuery,
  type CadreAppointmentStepBody,
  type CreateCadreAppointmentBody,
  cadrePostLevelLabels,
  cadreVetoes,
  cadreVetoLabels,
  type IsoDate,
  type Page,
  termEnd,
  trainingRequirements,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { isPathInScope, outOfScope, pathInScope, requirePeopleInScope } from '../../http/scope.ts';
import {
  cadreIdsOfPeople,
  heldPostsOf,
  recordAppointedPost,
  settleProbationPost,
} from '../cadres/service.ts';
import { getAppointmentSettings, getCadreTermSettings } from '../settings/service.ts';
import { trainingHoursOf } from '../trainings/service.ts';
import { listUnits } from '../units/service.ts';
import * as repo from './repo.ts';

type Row = repo.AppointmentRow;

const notFound = () => new AppError('NOT_FOUND', '该选拔任用不存在');
const changed = () => new AppError('CONFLICT', '该选拔任用已被他人办理，请刷新后重试');
export const appointmentLink = (id: number) => `/cadre-appointments/${id}`;

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** A refusal of core's: the wrong status (409), or what the step still needs (400, naming the field). */
function refusal(violations: readonly AppointmentViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  return new AppError('VALIDATION_FAILED', violations[0]!.message, {
    fields: violations.map((v) => ({ path: v.path ?? '', message: v.message })),
  });
}

/** The school's settings as core reads them. */
export async function appointmentSettingsOf(db: Db | Trx): Promise<AppointmentSettings> {
  return appointmentSettingsFrom(await getAppointmentSettings(db));
}

export function stateOf(r: Row): AppointmentState {
  return {
    status: r.status,
    decidedOn: r.decided_on,
    noticeStartOn: r.notice_start_on,
    noticeEndOn: r.notice_end_on,
    appointedOn: r.appointed_on,
    probationEndOn: r.probation_end_on,
  };
}

function presentItem(r: Row, cadreId: number | null, today: IsoDate): CadreAppointmentItem {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    cadreId,
    unit: { id: r.unit_id, name: r.unit_name },
    committee: { id: r.org_id, name: r.org_name },
    postTitle: r.post_title,
    level: r.level,
    track: r.track,
    exceptional: r.exceptional,
    status: r.status,
    motionOn: r.motion_on,
    decidedOn: r.decided_on,
    noticeStartOn: r.notice_start_on,
    noticeEndOn: r.notice_end_on,
    appointedOn: r.appointed_on,
    probationEndOn: r.probation_end_on,
    documentNo: r.document_no,
    trainingDueOn: r.training_due_on,
    due: appointmentDue(stateOf(r), today),
    version: r.version,
  };
}

/** The appointment if the actor's scope holds its 党委; NOT_FOUND otherwise. */
async function loadInScope(db: Db | Trx, actor: Actor, id: number): Promise<Row> {
  const r = await repo.findAppointment(db, id);
  if (!r || !isPathInScope(actor.scope, r.org_path)) throw notFound();
  return r;
}

// Reading

export async function listAppointments(
  db: Db,
  actor: Actor,
  query: CadreAppointmentListQuery,
  today: IsoDate,
): Promise<Page<CadreAppointmentItem> & { today: string }> {
  const rows = await repo.listAppointments(db, {
    inScope: (c) => pathInScope(actor.scope, c),
    status: query.status,
    unitId: query.unitId,
    level: query.level,
    q: query.q,
  });
  const cadres = await cadreIdsOfPeople(
    db,
    rows.map((r) => r.person_id),
  );
  const items = rows
    .map((r) => presentItem(r, cadres.get(r.person_id) ?? null, today))
    .filter((i) => query.due === undefined || (i.due !== null) === query.due);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: items.slice(start, start + query.pageSize),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
    today,
  };
}

/** The 学时 of the year up to `on` against the cadre requirement (干部教育培训工作条例: 90 a year). */
async function trainingOf(db: Db | Trx, personId: number, on: IsoDate) {
  const required = trainingRequirements.cadre.hours;
  const hours =
    (await trainingHoursOf(db, { personIds: [personId], from: addDays(addMonths(on, -12), 1), to: on })).get(
      personId,
    )?.total ?? 0;
  return { hours, required, met: hours >= required };
}

/** What keeps the person from the post on `on` (the decision date, or today before it), each citing its clause. */
async function eligibilityOf(
  db: Db | Trx,
  r: Pick<Row, 'person_id' | 'level' | 'exceptional'>,
  on: IsoDate,
  settings: AppointmentSettings,
) {
  const [posts, training] = await Promise.all([
    heldPostsOf(db, r.person_id),
    trainingOf(db, r.person_id, on),
  ]);
  const problems = appointmentEligibilityProblems(
    posts,
    { targetLevel: r.level, exceptional: r.exceptional, on, trainingMet: training.met },
    settings,
  );
  return { problems, training };
}

export async function getAppointmentDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<CadreAppointmentDetail> {
  const r = await loadInScope(db, actor, id);
  const settings = await appointmentSettingsOf(db);
  const [events, cadres, eligibility] = await Promise.all([
    repo.eventsOf(db, id),
    cadreIdsOfPeople(db, [r.person_id]),
    eligibilityOf(db, r, r.decided_on ?? today, settings),
  ]);
  const canManage = actor.permissions.has('cadre:file:manage');
  return {
    ...presentItem(r, cadres.get(r.person_id) ?? null, today),
    note: r.note,
    orgName: r.person_org_name,
    meeting:
      r.meeting_id !== null && r.meeting_on !== null
        ? { id: r.meeting_id, title: r.meeting_title ?? '', onDate: r.meeting_on }
        : null,
    vetoResults: r.veto_results,
    reason: r.reason,
    events: events.map((e) => ({
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      onDate: e.on_date,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      note: e.note,
    })),
    allowedSteps: canManage ? allowedAppointmentSteps(stateOf(r)) : [],
    eligibility: eligibility.problems,
    training: eligibility.training,
    noticeWorkingDays: Math.max(5, settings.noticeWorkingDays),
    vetoes: [...settings.vetoes],
    canManage,
  };
}

// 动议

/** POST /api/cadre-appointments: 动议 for a person in scope and a post of a unit, on the 党委 the actor covers. */
export async function createAppointment(
  trx: Trx,
  actor: Actor,
  body: CreateCadreAppointmentBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  await requirePeopleInScope(trx, actor, [body.personId], 'personId', '人员');
  if (!(await listUnits(trx)).some((u) => u.id === body.unitId)) throw outOfScope('unitId', '单位');
  const org = await repo.deciding(trx);
  if (!org || !isPathInScope(actor.scope, org.path))
    throw new AppError('FORBIDDEN', '选拔任用由党委组织部办理：当前用户不在党委的范围内');
  const open = await repo.openAppointmentOf(trx, body.personId);
  if (open)
    throw new AppError(
      'CONFLICT',
      `人员：已有进行中的选拔任用（拟任${open.post_title}），办结或终止后再动议`,
      {
        fields: [{ path: 'personId', message: `人员：已有进行中的选拔任用（拟任${open.post_title}）` }],
      },
    );
  const id = await repo.insertAppointment(trx, {
    org_id: org.id,
    person_id: body.personId,
    unit_id: body.unitId,
    post_title: body.postTitle,
    level: body.level,
    track: body.track,
    exceptional: body.exceptional,
    note: body.note,
    motion_on: today,
    created_by: actor.userId,
    updated_at: now,
  });
  await repo.insertEvent(trx, {
    appointment_id: id,
    at: now,
    kind: 'created',
    on_date: today,
    from_status: null,
    to_status: 'motion',
    actor_id: actor.userId,
    actor_name: actor.displayName,
    note: `${body.exceptional ? '破格提拔，' : ''}拟任${body.postTitle}（${cadrePostLevelLabels[body.level]}）${body.note ? `：${body.note}` : ''}`,
  });
  Object.assign(change, {
    targetType: 'cadre_appointment',
    targetId: id,
    summary: `选拔任用动议：拟任${body.postTitle}`,
    after: { ...body, status: 'motion' },
  });
  return id;
}

// Steps

/** The 党委会 record of a decision: a held 党委会 of the appointment's 党委, in scope; otherwise as missing. */
async function meetingOf(trx: Trx, actor: Actor, r: Row, meetingId: number | undefined) {
  if (meetingId === undefined) return null;
  const m = await repo.meetingRecord(trx, meetingId);
  if (!m || !isPathInScope(actor.scope, m.path)) throw outOfScope('meetingId', '党委会记录');
  if (m.kind !== 'committee_meeting' || m.org_type !== 'committee' || m.org_id !== r.org_id)
    throw fieldError('meetingId', `党委会记录：须为${r.org_name}的党委会`);
  if (m.status !== 'held' && m.status !== 'closed')
    throw fieldError('meetingId', '党委会记录：会议召开后才能据以决定');
  return m;
}

/**
 * POST /api/cadre-appointments/{id}/steps: one step of core's state machine under the row lock at the version
 * read. The wrong status answers 409 with core's message; what the step needs 400 naming the field and clause.
 */
export async function takeStep(
  trx: Trx,
  actor: Actor,
  id: number,
  body: CadreAppointmentStepBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  if (!(await repo.lockAppointment(trx, id))) throw notFound();
  const r = await loadInScope(trx, actor, id);
  if (r.version !== body.version) throw changed();
  const step: AppointmentStep = body.step;
  const settings = await appointmentSettingsOf(trx);
  const state = stateOf(r);
  const meeting = step === 'decide' ? await meetingOf(trx, actor, r, body.meetingId) : null;
  const result = applyAppointmentStep(
    state,
    step,
    {
      today,
      vetoResults: body.vetoResults,
      meetingOn: meeting?.on_date ?? null,
      noticeStartOn: body.noticeStartOn,
      noticeEndOn: body.noticeEndOn,
      reason: body.reason,
    },
    settings,
  );
  if (!result.ok) throw refusal(result.violations);
  const next = result.state;
  const values: Parameters<typeof repo.updateAppointment>[3] = {
    status: next.status,
    decided_on: next.decidedOn,
    notice_start_on: next.noticeStartOn,
    notice_end_on: next.noticeEndOn,
    appointed_on: next.appointedOn,
    probation_end_on: next.probationEndOn,
    updated_at: now,
  };
  let note: string | null = body.note ?? null;
  let onDate: IsoDate = today;
  const words = (...parts: (string | null)[]) => parts.filter(Boolean).join('；') || null;

  if (step === 'inspect') {
    const results = Object.fromEntries(
      cadreVetoes.filter((v) => body.vetoResults?.[v] !== undefined).map((v) => [v, body.vetoResults![v]]),
    );
    values.veto_results = JSON.stringify(results);
    note = words(
      cadreVetoes
        .filter((v) => results[v] !== undefined)
        .map((v) => `${cadreVetoLabels[v]}：${results[v] ? '合格' : '不合格'}`)
        .join('，'),
      next.status === 'vetoed' ? '一票否决，不再提交党委讨论' : null,
      note,
    );
  }
  if (step === 'decide' && meeting) {
    const { problems, training } = await eligibilityOf(trx, r, meeting.on_date, settings);
    const blocking = problems.filter((p) => p.blocking);
    if (blocking.length > 0)
      throw new AppError('VALIDATION_FAILED', blocking[0]!.message, {
        fields: blocking.map((p) => ({ path: p.path, message: p.message })),
      });
    values.meeting_id = meeting.id;
    values.training_due_on = training.met ? null : addDays(addMonths(meeting.on_date, 12), -1);
    onDate = meeting.on_date;
    note = words(
      `${meeting.title}（${meeting.on_date}）`,
      training.met
        ? null
        : `提任前培训${training.hours}学时，未达${training.required}学时：须在 ${values.training_due_on} 前完成（条例第八条）`,
      note,
    );
  }
  if (step === 'publish_notice') {
    onDate = next.noticeStartOn!;
    note = words(`公示 ${next.noticeStartOn} 至 ${next.noticeEndOn}`, note);
  }
  if (step === 'appoint') {
    if (!body.documentNo) throw fieldError('documentNo', '任职文号：任职须填写任职文件的文号');
    const startOn = next.decidedOn!;
    const termSettings = await getCadreTermSettings(trx);
    const { postId } = await recordAppointedPost(
      trx,
      r.person_id,
      {
        unitId: r.unit_id,
        title: r.post_title,
        level: r.level,
        track: r.track,
        documentNo: body.documentNo,
        startOn,
        probationEndOn: next.probationEndOn,
        termEndOn: termEnd(startOn, termSettings),
        countyLevel: false,
      },
      now,
    );
    values.document_no = body.documentNo;
    values.cadre_post_id = postId;
    note = words(`任职文号 ${body.documentNo}，任职自 ${startOn}，试用期至 ${next.probationEndOn}`, note);
  }
  if (step === 'confirm' || step === 'dismiss') {
    const settled =
      r.cadre_post_id !== null &&
      (await settleProbationPost(
        trx,
        r.cadre_post_id,
        step === 'confirm'
          ? { kind: 'confirm', probationEndOn: r.probation_end_on! }
          : { kind: 'dismiss', endOn: today, reason: `免去试任职务：${body.reason}` },
        now,
      ));
    if (!settled)
      throw new AppError('CONFLICT', '干部名册中的该职务已免去或不存在：请先在干部名册核对该干部的任职');
  }
  if (step === 'dismiss' || step === 'withdraw') {
    values.reason = body.reason!.trim();
    note = words(body.reason!.trim(), body.note ?? null);
  }
  if (!(await repo.updateAppointment(trx, id, r.version, values))) throw changed();
  await repo.insertEvent(trx, {
    appointment_id: id,
    at: now,
    kind: step,
    on_date: onDate,
    from_status: state.status,
    to_status: next.status,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    note,
  });
  const { version: _version, ...facts } = body;
  Object.assign(change, {
    targetType: 'cadre_appointment',
    targetId: id,
    summary: `${appointmentStepLabels[step]}：${r.name}（拟任${r.unit_name}${r.post_title}）→ ${appointmentStatusLabels[next.status]}`,
    before: { status: state.status },
    after: {
      ...facts,
      status: next.status,
      ...(values.decided_on ? { decidedOn: values.decided_on } : {}),
      ...(values.probation_end_on ? { probationEndOn: values.probation_end_on } : {}),
      ...(values.training_due_on ? { trainingDueOn: values.training_due_on } : {}),
    },
  });
}
