import {
  AppError,
  applyStep,
  checkMemberRecord,
  completedYears,
  type createRecruitmentBody,
  expectedSteps,
  type IsoDate,
  initialRecruitmentState,
  isBranchType,
  milestoneDate,
  nextDue,
  parseIdNumber,
  type RecruitmentDetail,
  type RecruitmentDueItem,
  type RecruitmentPage,
  type RecruitmentState,
  type RecruitmentStep,
  type RecruitmentStepInput,
  type RecruitmentStepListItem,
  type RecruitmentStepPage,
  type RecruitmentViolation,
  type RecruitmentViolationOut,
  type RuleSettings,
  recruitmentFieldLabels,
  type recruitmentListQuery,
  recruitmentOutcomeLabels,
  recruitmentStepInfo,
  type recruitmentStepListQuery,
  recruitmentSuperiorSteps,
  type SearchHits,
  type updateRecruitmentBody,
} from '@dangjian/core';
import type { z } from 'zod';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import {
  assertInScope,
  duplicateIdNumberElsewhere,
  isPathInScope,
  pathInScope,
  peopleInScope,
  requireOrgsInScope,
  requirePeopleInScope,
  subtreePathInScope,
} from '../../http/scope.ts';
import { pageOfHits, type SearchPage, type SearchText } from '../../http/search.ts';
import { canViewSensitive, shouldUnmask } from '../../http/sensitive.ts';
import { buildEvent, checkMeetingRecord, loadFacts } from './facts.ts';
import {
  peopleOfEvent,
  presentDocument,
  presentDue,
  presentEvent,
  presentListItem,
  presentMaterials,
  presentSensitive,
  presentViolation,
  type StoredEvent,
} from './presenter.ts';
import * as repo from './repo.ts';
import { applyRosterConsequences, placementGroup } from './roster.ts';
import { dossierColumns, dueFacts, parseState } from './state.ts';

/** The due items of the caller's dossiers; the home dashboard reads them through this service. */
export { recruitmentReminders } from './findings.ts';
/** The 发展党员 assessment metric (a provider of the assessment module). */
export { computeRecruitmentMetrics, recruitmentMetricKeys } from './metrics.ts';
/** 发展统计 (per stage, funnel, time in stage); the overview reads the stage counts through this service. */
export { getPipeline } from './pipeline.ts';

type Row = repo.DossierRow;

function fieldError(
  path: string,
  message: string,
  code: 'VALIDATION_FAILED' | 'RULE_VIOLATION' | 'CONFLICT',
): AppError {
  return new AppError(code, message, { fields: [{ path, message }] });
}

/** 422 with every violated rule and its clause; the message is the first violation's. */
function ruleViolation(violations: readonly RecruitmentViolation[]): AppError {
  const out = violations.map(presentViolation);
  return new AppError('RULE_VIOLATION', out[0]?.message, {
    ruleId: out[0]?.ruleId,
    violations: out,
    fields: out.map((v) => ({ path: v.field, message: v.message })),
  });
}

/** The dossier if its branch is in the actor's scope; 404 otherwise, as for a missing one. */
export async function loadInScope(db: Db | Trx, actor: Actor, id: number): Promise<Row> {
  const r = await repo.findDossier(db, id);
  assertInScope(actor.scope, r?.org_path);
  return r!;
}

/** Whether the actor may record steps and upload documents in this dossier now. */
export function canEdit(actor: Actor, r: Pick<Row, 'org_path' | 'outcome'>): boolean {
  return (
    actor.permissions.has('recruitment:dossier:edit') &&
    isPathInScope(actor.scope, r.org_path) &&
    r.outcome === 'in_progress'
  );
}

/** Writes a dossier only if it still has the version read, bumping it; 409 when another change landed first. */
async function updateVersioned(
  trx: Trx,
  id: number,
  version: number,
  set: Partial<ReturnType<typeof dossierColumns>> & { leaves_on?: IsoDate | null; updated_at: Date },
): Promise<void> {
  const updated = await repo.updateDossierIfVersion(trx, id, version, set);
  if (!updated) throw new AppError('CONFLICT', '该档案已被他人修改，请刷新后重试');
}

function duesOf(
  r: Row,
  state: RecruitmentState,
  settings: RuleSettings,
  today: IsoDate,
): RecruitmentDueItem[] {
  return nextDue(state, dueFacts(settings, today, r.birth_date), today).map((d) => presentDue(d, today));
}

type CreateInput = z.output<typeof createRecruitmentBody>;

/** The new applicant's record checked with the members rules; returns birth date and gender. */
function checkApplicant(
  a: NonNullable<CreateInput['applicant']>,
  orgId: number,
  appliedOn: IsoDate,
  today: IsoDate,
) {
  const parsed = parseIdNumber(a.idNumber, today);
  const problems = checkMemberRecord(
    {
      ...a,
      title: null,
      partyStatus: 'probationary',
      joinedOn: appliedOn,
      confirmedOn: null,
      orgId,
      isMobile: false,
      isAbroad: false,
      isInHardship: false,
      isDualLeader: false,
      dualLeaderKind: null,
      dualLeaderNote: null,
    },
    today,
  ).filter((p) => p.path !== 'joinedOn' && p.path !== 'partyStatus' && p.path !== 'confirmedOn');
  if (problems.length > 0)
    throw new AppError('RULE_VIOLATION', problems.map((p) => p.message).join('；'), {
      fields: problems.map((p) => ({ path: `applicant.${p.path}`, message: p.message })),
    });
  if (!parsed.ok) throw fieldError('applicant.idNumber', `身份证号：${parsed.message}`, 'RULE_VIOLATION');
  return { birthDate: a.birthDate ?? parsed.facts.birthDate, gender: a.gender };
}

/** Opens a dossier for an existing non-member or a new applicant and records step 1; returns its id. */
export async function createDossier(
  trx: Trx,
  actor: Actor,
  b: CreateInput,
  settings: RuleSettings,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const orgLabel = recruitmentFieldLabels.orgId;
  await requireOrgsInScope(trx, actor, [b.orgId], 'orgId', orgLabel);
  // Before anything about the person is read: a foreign person answers exactly like a missing one.
  await requirePeopleInScope(trx, actor, [b.personId], 'personId', recruitmentFieldLabels.personId);
  const org = await repo.getApplicationOrg(trx, b.orgId);
  if (!isBranchType(org.type) || org.archived_at !== null)
    throw fieldError(
      'orgId',
      `${orgLabel}：只能向在建的党支部（联合党支部、临时党支部）提出申请`,
      'RULE_VIOLATION',
    );

  let personId = b.personId;
  let birthDate: IsoDate | null;
  let personName: string;
  if (personId !== null) {
    const p = await repo.findApplicantPerson(trx, personId);
    if (p?.status !== 'active') throw fieldError('personId', '人员：不存在或不在册', 'RULE_VIOLATION');
    if (p.party_status !== null)
      throw fieldError('personId', `人员：${p.name} 已是党员，不能再申请入党`, 'RULE_VIOLATION');
    const open = await repo.openDossierOf(trx, p.id);
    if (open) throw new AppError('CONFLICT', `人员：${p.name} 已有进行中的发展党员档案`);
    const parsed = p.id_number ? parseIdNumber(p.id_number) : null;
    birthDate = p.birth_date ?? (parsed?.ok ? parsed.facts.birthDate : null);
    personName = p.name;
  } else {
    const a = b.applicant!;
    birthDate = checkApplicant(a, org.id, b.appliedOn, today).birthDate;
    personName = a.name;
    const dup = await repo.findPersonByIdNumber(trx, a.idNumber);
    // The name is told only when the caller could see that person anyway.
    if (dup && (await peopleInScope(trx, actor, [dup.id])).has(dup.id))
      throw fieldError('applicant.idNumber', `身份证号：已登记为“${dup.name}”，请选择已有人员`, 'CONFLICT');
    if (dup) throw fieldError('applicant.idNumber', duplicateIdNumberElsewhere, 'CONFLICT');
  }
  if (birthDate === null)
    throw fieldError('personId', '出生日期：该人员未登记出生日期和身份证号', 'RULE_VIOLATION');

  // Step 1 is checked before anything is written: an applicant under 18 leaves no trace.
  const result = applyStep(
    initialRecruitmentState(),
    { step: 'application', date: b.appliedOn, actorId: actor.userId, documents: [] },
    {
      birthDate,
      branchIsTemporary: org.type === 'temporary_branch',
      isFullMember: () => false,
      leavesUnitOn: b.leavesOn,
      settings: dueFacts(settings, today, birthDate).settings,
      today,
    },
  );
  if (!result.ok) throw ruleViolation(result.violations);

  if (personId === null) {
    const a = b.applicant!;
    const row = await repo.insertApplicant(trx, {
      name: a.name,
      gender: a.gender,
      ethnicity: a.ethnicity,
      birth_date: birthDate,
      id_number: a.idNumber,
      phone: a.phone,
      education: a.education,
      category: a.category,
      unit_id: a.unitId,
      major_id: a.majorId,
      grade: a.grade,
      class_name: a.className,
      position: a.position,
      party_status: null,
      org_id: null,
      status: 'active',
      updated_at: now,
    });
    personId = row.id;
  }
  const dossier = await repo.insertDossier(trx, {
    person_id: personId,
    org_id: org.id,
    leaves_on: b.leavesOn,
    ...dossierColumns(result.state),
    version: 0,
    created_by: actor.userId,
    updated_at: now,
  });
  const event: StoredEvent = { step: 'application', date: b.appliedOn, documentIds: [] };
  await repo.insertEvent(trx, {
    recruitment_id: dossier.id,
    seq: 1,
    step: 'application',
    on_date: b.appliedOn,
    event: JSON.stringify({ ...event, actorId: actor.userId, documents: [] }),
    warnings: JSON.stringify(result.warnings.map((w) => w.ruleId)),
    overrides: '[]',
    note: b.note,
    recorded_by: actor.userId,
    recorder_name: actor.displayName,
  });
  change.targetType = 'recruitment';
  change.targetId = dossier.id;
  change.summary = `${org.name}：${personName} 递交入党申请书（${b.appliedOn}）`;
  change.after = { personId, orgId: org.id, appliedOn: b.appliedOn };
  return dossier.id;
}

/** Dossiers in scope, filtered, ordered by the earliest deadline then the application date, and paged. */
export async function listDossiers(
  db: Db,
  actor: Actor,
  query: z.output<typeof recruitmentListQuery>,
  settings: RuleSettings,
  today: IsoDate,
): Promise<RecruitmentPage> {
  const rows = await repo.listDossierRows(db, {
    scope: pathInScope(actor.scope, 'o.path'),
    subtreePath: query.orgId ? await subtreePathInScope(db, actor, query.orgId) : undefined,
    stage: query.stage,
    step: query.step,
    outcome: query.outcome === 'all' ? undefined : query.outcome,
    category: query.category,
    q: query.q || undefined,
  });
  const due = query.due;
  const { reached, reachedFrom, reachedTo } = query;
  const items = rows
    .map((r) => {
      const state = parseState(r.state);
      return { r, state, dues: duesOf(r, state, settings, today) };
    })
    .filter(({ state }) => {
      if (!reached) return true;
      const on = milestoneDate(state, reached);
      return on !== null && (!reachedFrom || on >= reachedFrom) && (!reachedTo || on <= reachedTo);
    })
    .filter(({ dues }) => {
      if (due === 'overdue') return dues.some((d) => d.overdue);
      if (due === 'soon') return dues.some((d) => d.reminding && !d.overdue);
      if (due === 'any') return dues.some((d) => d.reminding);
      return true;
    })
    .sort((a, b) => {
      const da = a.dues[0]?.dueOn ?? '9999-12-31';
      const dbb = b.dues[0]?.dueOn ?? '9999-12-31';
      if (da !== dbb) return da < dbb ? -1 : 1;
      const aa = a.r.applied_on ?? '';
      const ab = b.r.applied_on ?? '';
      return aa !== ab ? (aa < ab ? -1 : 1) : a.r.id - b.r.id;
    });
  const start = (query.page - 1) * query.pageSize;
  return {
    items: items
      .slice(start, start + query.pageSize)
      .map(({ r, state, dues }) => presentListItem(r, state, dues, today)),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One dossier with its history, deadlines, documents, materials and the actor's abilities. */
export async function getDossierDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  settings: RuleSettings,
  today: IsoDate,
  unmasked = false,
): Promise<RecruitmentDetail> {
  const r = await loadInScope(db, actor, id);
  const masked = !shouldUnmask(actor, unmasked);
  const [events, docs] = await Promise.all([repo.eventsOf(db, id), repo.documentsOf(db, id)]);
  const state = parseState(r.state);
  const people = await repo.personNames(db, [
    ...new Set([
      ...state.mentorIds,
      ...state.sponsorIds,
      ...events.flatMap((e) => peopleOfEvent(e.event as StoredEvent)),
    ]),
  ]);
  const docTitles = new Map(docs.map((d) => [d.id, d.title]));
  const dues = duesOf(r, state, settings, today);
  const edit = canEdit(actor, r);
  const ref = (pid: number) => ({ id: pid, name: people.get(pid) ?? `#${pid}` });
  const item = presentListItem(r, state, dues, today);
  return {
    ...item,
    person: {
      ...item.person,
      birthDate: r.birth_date,
      age: r.birth_date ? completedYears(r.birth_date, today) : null,
      ...presentSensitive(r, masked),
      masked,
      grade: r.grade,
      className: r.class_name,
      position: r.position,
      partyStatus: r.party_status,
    },
    leavesOn: r.leaves_on,
    mentors: state.mentorIds.map(ref),
    sponsors: state.sponsorIds.map(ref),
    politicalReviewOn: state.politicalReviewOn,
    probationStartOn: state.probationStartOn,
    extensionMonths: state.extensionMonths,
    expectedSteps: expectedSteps(state),
    dues,
    history: events.map((e) => presentEvent(e, people, docTitles)),
    documents: docs.map(presentDocument),
    materials: presentMaterials(events),
    abilities: {
      edit,
      approve: edit && actor.permissions.has('recruitment:dossier:approve'),
      upload: edit,
      viewSensitive: canViewSensitive(actor),
    },
    version: r.version,
  };
}

/** Changes what lies outside the steps (the day the applicant leaves the unit), with the version read. */
export async function updateDossier(
  trx: Trx,
  actor: Actor,
  id: number,
  b: z.output<typeof updateRecruitmentBody>,
  now: Date,
  change: AuditChange,
): Promise<void> {
  if (!(await repo.lockDossier(trx, id))) throw new AppError('NOT_FOUND');
  const r = await loadInScope(trx, actor, id);
  if (!canEdit(actor, r)) throw new AppError('CONFLICT', '发展程序已终结，档案不能再修改');
  if (r.version !== b.version) throw new AppError('CONFLICT', '该档案已被他人修改，请刷新后重试');
  await updateVersioned(trx, id, b.version, {
    ...(b.leavesOn !== undefined ? { leaves_on: b.leavesOn } : {}),
    updated_at: now,
  });
  change.targetType = 'recruitment';
  change.targetId = id;
  change.summary = `${r.person_name}：修改发展党员档案`;
  change.before = { leavesOn: r.leaves_on };
  change.after = { leavesOn: b.leavesOn ?? r.leaves_on };
}

/**
 * Records the next step: the superior's steps need the approve permission; the event is built and checked
 * by packages/core; on success the event, the new state and the roster consequences are written together.
 * Returns the warnings the step raised.
 */
export async function recordStep(
  trx: Trx,
  actor: Actor,
  id: number,
  b: RecruitmentStepInput,
  settings: RuleSettings,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<RecruitmentViolationOut[]> {
  if (!(await repo.lockDossier(trx, id))) throw new AppError('NOT_FOUND');
  const r = await loadInScope(trx, actor, id);
  const label =
    b.step === 'withdrawal'
      ? '撤回入党申请'
      : `第${recruitmentStepInfo[b.step].no}步“${recruitmentStepInfo[b.step].label}”`;
  if (
    b.step !== 'withdrawal' &&
    recruitmentSuperiorSteps.has(b.step) &&
    !actor.permissions.has('recruitment:dossier:approve')
  )
    throw new AppError('FORBIDDEN', `${label}应由上级党委（组织部）登记`);
  if (r.version !== b.version) throw new AppError('CONFLICT', '该档案已被他人修改，请刷新后重试');
  // 培养联系人 and 入党介绍人 are named from the caller's scope; anyone else answers like a missing id.
  if (b.step === 'mentor_assignment')
    await requirePeopleInScope(trx, actor, b.mentorIds, 'mentorIds', recruitmentFieldLabels.mentorIds);
  if (b.step === 'sponsor_assignment')
    await requirePeopleInScope(trx, actor, b.sponsorIds, 'sponsorIds', recruitmentFieldLabels.sponsorIds);
  const { event, stored } = await buildEvent(trx, id, b, actor.userId);
  const activityId =
    (b.step === 'admission_meeting' || b.step === 'confirmation_meeting') && b.activityId !== null
      ? b.activityId
      : null;
  if (activityId !== null && (b.step === 'admission_meeting' || b.step === 'confirmation_meeting'))
    await checkMeetingRecord(trx, r, activityId, b.date, b.votes);
  const group =
    b.step === 'group_placement' && b.groupId !== null ? await placementGroup(trx, r, b.groupId) : null;
  const facts = await loadFacts(trx, r, event, settings, today);
  const before = parseState(r.state);
  const result = applyStep(before, event, facts);
  if (!result.ok) throw ruleViolation(result.violations);
  const entry = result.state.history.at(-1);
  // The version is checked again by the update itself: a concurrent step that got past the read loses here.
  await updateVersioned(trx, id, r.version, { ...dossierColumns(result.state), updated_at: now });
  const last = await repo.lastEventSeq(trx, id);
  await repo.insertEvent(trx, {
    recruitment_id: id,
    seq: Number(last?.seq ?? 0) + 1,
    step: b.step,
    on_date: b.date,
    event: JSON.stringify({ ...event, documentIds: stored.documentIds }),
    warnings: JSON.stringify(result.warnings.map((w) => w.ruleId)),
    overrides: JSON.stringify(entry?.overrides ?? []),
    note: b.note,
    activity_id: activityId,
    recorded_by: actor.userId,
    recorder_name: actor.displayName,
  });
  await applyRosterConsequences(trx, actor, r, event, group, before, result.state, now);
  change.targetType = 'recruitment';
  change.targetId = id;
  change.summary = `${r.person_name}：${label}（${b.date}）`;
  change.after = {
    step: b.step,
    date: b.date,
    overrides: entry?.overrides ?? [],
    warnings: entry?.warnings ?? [],
  };
  return result.warnings.map(presentViolation);
}

/**
 * 发展党员 dossiers for the global search, by the person's name or exactly by a full ID number: the hit names the
 * person, the branch and the step reached (or how the procedure ended), never the number.
 */
export async function searchDossiers(
  db: Db,
  actor: Actor,
  s: SearchText,
  page: SearchPage,
): Promise<SearchHits> {
  const where = pathInScope(actor.scope, 'o.path');
  const { total, rows } = await pageOfHits((p) => repo.searchDossierRows(db, where, s, p), page);
  return {
    total,
    items: rows.map((r) => {
      const info = r.current_step ? recruitmentStepInfo[r.current_step] : null;
      const reached =
        r.outcome !== 'in_progress'
          ? recruitmentOutcomeLabels[r.outcome]
          : info
            ? `第${info.no}步 ${info.label}`
            : null;
      return {
        kind: 'dossier',
        id: r.id,
        title: r.name,
        subtitle: [r.org_name, reached].filter(Boolean).join(' · '),
        link: `/recruitment/${r.id}`,
      };
    }),
  };
}

/** A recorded step as another module links it (a rectification's evidence), with the path its scope check reads. */
export interface LinkedStep extends RecruitmentStepListItem {
  /** The path of the dossier's branch: an applicant is in scope by it. */
  orgPath: string;
}

function linkedStepOf(r: {
  id: number;
  recruitment_id: number;
  step: RecruitmentStep | 'withdrawal';
  on_date: string;
  person_name: string;
  org_name: string;
  path: string;
}): LinkedStep {
  const info = r.step === 'withdrawal' ? null : recruitmentStepInfo[r.step];
  return {
    id: r.id,
    recruitmentId: r.recruitment_id,
    personName: r.person_name,
    orgName: r.org_name,
    step: r.step,
    no: info?.no ?? 0,
    label: info?.label ?? '撤回入党申请',
    date: r.on_date,
    orgPath: r.path,
  };
}

/** Recorded steps by id (those that exist), for another module's links; scope is the caller's check. */
export async function linkedSteps(db: Db | Trx, ids: readonly number[]): Promise<Map<number, LinkedStep>> {
  return new Map((await repo.linkedSteps(db, ids)).map((r) => [r.id, linkedStepOf(r)]));
}

/**
 * GET /api/recruitment/steps: one page of the steps recorded on the dossiers of the branches under `orgId` (in the
 * actor's scope, else the answer of a missing org), the latest first.
 */
export async function listRecordedSteps(
  db: Db,
  actor: Actor,
  query: z.output<typeof recruitmentStepListQuery>,
): Promise<RecruitmentStepPage> {
  const subtreePath = await subtreePathInScope(db, actor, query.orgId);
  const { rows, total } = await repo.recordedSteps(
    db,
    { subtreePath, q: query.q || undefined },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return {
    items: rows.map((r) => {
      const { orgPath: _path, ...item } = linkedStepOf(r);
      return item;
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
