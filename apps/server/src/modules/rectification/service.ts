/**
 * Rectification items (整改事项): one item for every source, opened through `openRectification`; the org that
 * rectifies records measures, progress and evidence and submits; the level above verifies and closes it (销号),
 * returns it, decides extensions and reopens it after a 回头看. Core decides every step
 * (`applyRectificationTransition`, `allowedRectificationActions`, `rectificationSides`); this file loads the
 * rows, checks scope and writes the result with its timeline entry in the caller's transaction.
 */
import { createHash } from 'node:crypto';
import {
  AppError,
  addDays,
  allowedRectificationActions,
  applyRectificationTransition,
  type Clause,
  type CreateRectification,
  type DeadlineProblem,
  type IsoDate,
  isRectificationEditable,
  type Page,
  type RectificationAbilities,
  type RectificationBoard,
  type RectificationCounts,
  type RectificationDetail,
  type RectificationEventKind,
  type RectificationEvidenceLink,
  type RectificationFromFindingBody,
  type RectificationItem,
  type RectificationListQuery,
  type RectificationMilestone,
  type RectificationSource,
  type RectificationStatus,
  type RectificationTransitionBody,
  type RectificationViolation,
  rectificationEvidenceKindLabels,
  rectificationFieldLabels,
  rectificationLimits,
  rectificationPlanProblems,
  rectificationSides,
  rectificationSources,
  rectificationStatuses,
  rectificationStatusLabels,
  rectificationTransitionActor,
  rectificationTransitionFrom,
  rectificationTransitionLabels,
  rectificationVerifierLevel,
  toLocalDate,
  type UpdateRectification,
} from '@dangjian/core';
import type { Insertable } from 'kysely';
import type { RectificationEvidenceTable } from '../../db/schema.ts';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { acceptUpload, type FileKind, servedType } from '../../http/file-type.ts';
import {
  isPathInScope,
  outOfScope,
  pathInScope,
  requireOrgsInScope,
  requirePeopleInScope,
  subtreePathInScope,
} from '../../http/scope.ts';
import { linkedActivities } from '../activities/service.ts';
import { findingForRectification, recordFindingRectification } from '../alerts/service.ts';
import { linkedTerms } from '../org/service.ts';
import { linkedSteps } from '../recruitment/service.ts';
import { campaignForNewItem, requireCampaignInScope } from '../rectification-campaigns/service.ts';
import { linkedTransfers } from '../transfers/service.ts';
import { tellItemOpened, tellTransition } from './notifications.ts';
import {
  activityLabel,
  type LinkedRecords,
  linkedTitle,
  presentDetail,
  presentItem,
  stateOf,
} from './presenter.ts';
import * as repo from './repo.ts';

type Row = repo.DetailRow;

/** Who did something: a signed-in user, or the platform itself (a later slice's import). */
export interface RectificationAuthor {
  userId: number | null;
  name: string;
}

const authorOf = (actor: Actor): RectificationAuthor => ({ userId: actor.userId, name: actor.displayName });

/** Which side of the item the actor is on (core `rectificationSides`): never both. */
function sidesOf(actor: Actor, r: Row) {
  return rectificationSides(
    {
      mayEdit: actor.permissions.has('rectification:item:edit'),
      mayVerify: actor.permissions.has('rectification:item:verify'),
      coversOrg: isPathInScope(actor.scope, r.org_path),
      coversParent: r.parent_path !== null && isPathInScope(actor.scope, r.parent_path),
      coversCollege: actor.scope.kind === 'all',
      coversAssisting: assistsIn(actor, r),
    },
    rectificationVerifierLevel(r.org_type, r.parent_type),
  );
}

/** The org that verifies and closes the item: the one above it, or the committee (the 组织部). */
function verifierOf(r: Row): RectificationDetail['verifier'] {
  const level = rectificationVerifierLevel(r.org_type, r.parent_type);
  return level === 'parent' && r.parent_id !== null
    ? { level, orgId: r.parent_id, orgName: r.parent_name ?? '' }
    : { level: 'committee', orgId: r.root_id ?? r.org_id, orgName: r.root_name ?? r.org_name };
}

/** What the actor may do with the item now; the UI shows buttons from this and the server checks the same. */
function abilitiesOf(
  actor: Actor,
  r: Row,
  milestones: readonly RectificationMilestone[],
): RectificationAbilities {
  const sides = sidesOf(actor, r);
  return {
    ...allowedRectificationActions(stateOf(r, milestones), sides),
    editTerms: sides.verifier && r.status === 'pending',
  };
}

/** True when the actor's scope reaches one of the item's 协办 orgs. */
function assistsIn(actor: Actor, r: Pick<Row, 'assisting_paths'>): boolean {
  return r.assisting_paths.some((path) => isPathInScope(actor.scope, path));
}

/**
 * The item if its org, or one of its 协办 orgs (who may read it and report progress), lies in the actor's scope;
 * NOT_FOUND otherwise, exactly as for a missing one.
 */
async function loadInScope(db: Db | Trx, actor: Actor, id: number): Promise<Row> {
  const r = await repo.findItem(db, id);
  if (!r || !(isPathInScope(actor.scope, r.org_path) || assistsIn(actor, r)))
    throw new AppError('NOT_FOUND', '该整改事项不存在');
  return r;
}

/** Locks the item for a change and loads it (NOT_FOUND out of scope); refuses a version other than the one read. */
async function loadForChange(trx: Trx, actor: Actor, id: number, version?: number): Promise<Row> {
  if (!(await repo.lockItem(trx, id))) throw new AppError('NOT_FOUND', '该整改事项不存在');
  const r = await loadInScope(trx, actor, id);
  if (version !== undefined && r.version !== version)
    throw new AppError('CONFLICT', '该整改事项已被他人修改，请刷新后重试');
  return r;
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Refuses what only the org that rectifies does, while the item is still being rectified. */
function requireResponsible(actor: Actor, r: Row, what: string): void {
  if (!sidesOf(actor, r).responsible)
    throw new AppError('FORBIDDEN', `${what}由整改责任党组织（${r.org_name}）办理`);
  if (!isRectificationEditable(r.status))
    throw new AppError('CONFLICT', `该整改事项${rectificationStatusLabels[r.status]}，不能${what}`);
}

function fieldError(problems: readonly DeadlineProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: [...problems] });
}

/** A refusal of core's: a wrong status or a step asked twice (409), or what the step still needs (400). */
function refusal(violations: readonly RectificationViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  return fieldError(violations.map((v) => ({ path: v.path ?? '', message: v.message })));
}

/** The regulation a finding's rule cites, as one line. */
const clauseText = (c: Clause) => `${c.source}${c.article}：${c.text}`;

// Reading

/**
 * The list's filters as the repo takes them: the scope as a where-clause, the org (checked) as a subtree; with
 * `assisting`, the items of orgs outside the scope that one of the scope's orgs (under the org) assists (协办).
 */
export async function filtersOf(
  db: Db,
  actor: Actor,
  query: Omit<RectificationListQuery, 'page' | 'pageSize'>,
  today: IsoDate,
): Promise<repo.ItemFilters> {
  const subtreePath = query.orgId ? await subtreePathInScope(db, actor, query.orgId) : undefined;
  return {
    scope: pathInScope(actor.scope, 'o.path'),
    subtreePath: query.assisting ? undefined : subtreePath,
    assisting: query.assisting
      ? { inScope: (column: string) => pathInScope(actor.scope, column), subtreePath }
      : undefined,
    source: query.source,
    status: query.status,
    overdueOn: query.overdue ? today : undefined,
    responsiblePersonId: query.responsiblePersonId,
    findingKey: query.findingKey,
    campaignId: query.campaignId,
    q: query.q || undefined,
  };
}

/** Items whose org lies in the actor's scope, filtered and paged. */
export async function listRectifications(
  db: Db,
  actor: Actor,
  query: RectificationListQuery,
  today: IsoDate,
): Promise<Page<RectificationItem> & { today: string }> {
  const { rows, total } = await repo.itemPage(db, await filtersOf(db, actor, query, today), {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const milestones = await repo.milestonesOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      presentItem(r, milestones.get(r.id) ?? [], today, !isPathInScope(actor.scope, r.org_path)),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
    today,
  };
}

/** No items yet: every status at 0. */
const noCounts = (): RectificationCounts => ({
  byStatus: Object.fromEntries(rectificationStatuses.map((st) => [st, 0])) as RectificationCounts['byStatus'],
  overdue: 0,
  total: 0,
});

function addTo(
  c: RectificationCounts,
  row: { status: RectificationStatus; n: number; overdue: number },
): void {
  c.byStatus[row.status] += row.n;
  c.overdue += row.overdue;
  c.total += row.n;
}

/** Overdue first, then those with the most still open, then by name. */
const byUrgency = (a: RectificationCounts, b: RectificationCounts) =>
  b.overdue - a.overdue || b.total - b.byStatus.closed - (a.total - a.byStatus.closed) || b.total - a.total;

/**
 * The 组织部's board of the items in the actor's scope (or under `orgId`): per 党总支 / 直属党支部 and the
 * 党委本级, per source, and in all, by status, with how many are overdue.
 */
export async function getRectificationBoard(
  db: Db,
  actor: Actor,
  query: { orgId?: number | undefined },
  today: IsoDate,
): Promise<RectificationBoard> {
  const { rows, units } = await repo.boardCounts(db, await filtersOf(db, actor, query, today), today);
  const byUnit = new Map(
    units.map((u) => [
      u.id,
      {
        org: { id: u.id, name: u.name, type: u.type },
        own: u.path.split('/').filter(Boolean).length === 1,
        ...noCounts(),
      },
    ]),
  );
  const bySource = new Map<RectificationSource, RectificationCounts & { source: RectificationSource }>();
  const totals = noCounts();
  for (const r of rows) {
    const unit = byUnit.get(r.unit_id);
    if (unit) addTo(unit, r);
    const source = bySource.get(r.source) ?? { source: r.source, ...noCounts() };
    bySource.set(r.source, source);
    addTo(source, r);
    addTo(totals, r);
  }
  return {
    units: [...byUnit.values()].sort(
      (a, b) => byUrgency(a, b) || a.org.name.localeCompare(b.org.name, 'zh-CN'),
    ),
    sources: rectificationSources.flatMap((src) => bySource.get(src) ?? []),
    totals,
    today,
  };
}

/** One item in the actor's scope with its milestones, evidence, timeline, abilities and verifier. */
export async function getRectificationDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<RectificationDetail> {
  const r = await loadInScope(db, actor, id);
  const [milestones, assistingOrgs, evidence, events] = await Promise.all([
    repo.milestonesOf(db, [id]),
    repo.orgNames(db, r.assisting_org_ids),
    repo.evidenceOf(db, id),
    repo.eventsOf(db, id),
  ]);
  const ms = milestones.get(id) ?? [];
  return presentDetail(
    r,
    {
      milestones: ms,
      assistingOrgs,
      evidence,
      linked: await linkedRecords(db, evidence),
      events,
      abilities: abilitiesOf(actor, r, ms),
      verifier: verifierOf(r),
      assisting: !isPathInScope(actor.scope, r.org_path),
    },
    today,
  );
}

/** An item opened from a 巡察 round's feedback, with what the round's page and its 台账 print of it. */
export interface InspectionRectification {
  item: RectificationItem;
  clause: string | null;
  measures: string | null;
  result: string | null;
  closedOn: IsoDate | null;
}

/**
 * The items a 巡察 round's feedback opened — of the units `orgIds`, else of every unit — in the order they were
 * opened. Scope is the caller's check (the inspection module shows a unit only its own part).
 */
export async function listInspectionRectifications(
  db: Db | Trx,
  inspectionId: number,
  orgIds: readonly number[] | null,
  today: IsoDate,
): Promise<InspectionRectification[]> {
  const rows = (await repo.ledgerRows(db, { scope: pathInScope({ kind: 'all' }, 'o.path'), inspectionId }))
    .filter((r) => orgIds === null || orgIds.includes(r.org_id))
    .sort((a, b) => a.id - b.id);
  const milestones = await repo.milestonesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    item: presentItem(r, milestones.get(r.id) ?? [], today),
    clause: r.clause,
    measures: r.measures,
    result: r.result,
    closedOn: r.status === 'closed' && r.closed_at ? toLocalDate(new Date(r.closed_at)) : null,
  }));
}

// Opening an item

/** What an item is opened with, whatever its source (a later slice's 巡察 feedback calls this too). */
export interface OpenRectification {
  orgId: number;
  source: RectificationSource;
  findingId?: string | null;
  activityId?: number | null;
  /** The 巡察 round whose feedback raised the problem (source 巡察反馈; the org is the unit inspected). */
  inspectionId?: number | null;
  sourceRef?: string | null;
  sourceLabel?: string | null;
  problem: string;
  clause: string | null;
  responsiblePersonId: number | null;
  assistingOrgIds: readonly number[];
  measures: string | null;
  deadline: IsoDate;
  milestones: readonly RectificationMilestone[];
  /** The campaign whose problem list the item is registered with (问题清单): its org takes part, its list is open. */
  campaignId?: number | null;
}

/**
 * Opens an item (待整改) for an org below the committee that is not archived, with its milestones and the
 * timeline's first entry; returns its id. Scope is the caller's check: this is the one service call every
 * source goes through.
 */
export async function openRectification(
  trx: Trx,
  by: RectificationAuthor,
  input: OpenRectification,
  today: IsoDate,
  now: Date,
): Promise<number> {
  const org = await repo.findOrg(trx, input.orgId);
  if (!org) throw outOfScope('orgId', '党组织');
  if (org.archived_at !== null)
    throw new AppError('RULE_VIOLATION', `${org.name}已撤销，不能再登记整改事项`, {
      fields: [{ path: 'orgId', message: `党组织：${org.name}已撤销` }],
    });
  if (org.type === 'committee')
    throw new AppError('RULE_VIOLATION', '党委本级的整改事项由上级党组织督促销号，不在本平台登记', {
      fields: [{ path: 'orgId', message: '党组织：请选择党总支、党支部或党小组' }],
    });
  if (input.assistingOrgIds.includes(input.orgId))
    throw fieldError([{ path: 'assistingOrgIds', message: '协办党组织：不能包含整改责任党组织本身' }]);
  const problems = rectificationPlanProblems(
    { deadline: input.deadline, milestones: input.milestones },
    today,
    true,
  );
  if (problems.length > 0) throw fieldError(problems);
  const campaign = input.campaignId
    ? await campaignForNewItem(trx, input.campaignId, input.orgId, input.source)
    : null;
  const sourceLabel = input.sourceLabel ?? campaign?.name ?? null;
  const id = await repo.insertItem(trx, {
    org_id: input.orgId,
    source: input.source,
    finding_id: input.findingId ?? null,
    activity_id: input.activityId ?? null,
    inspection_id: input.inspectionId ?? null,
    source_ref: input.sourceRef ?? null,
    source_label: sourceLabel,
    campaign_id: input.campaignId ?? null,
    problem: input.problem,
    clause: input.clause,
    responsible_person_id: input.responsiblePersonId,
    assisting_org_ids: [...input.assistingOrgIds],
    measures: input.measures,
    status: 'pending',
    deadline: input.deadline,
    original_deadline: input.deadline,
    created_by: by.userId,
    updated_at: now,
  });
  await repo.replaceMilestones(trx, id, input.milestones);
  await repo.insertEvent(trx, {
    rectification_id: id,
    at: now,
    kind: 'created',
    to_status: 'pending',
    actor_id: by.userId,
    actor_name: by.name,
    note: sourceLabel,
    until: input.deadline,
  });
  await tellItemOpened(
    trx,
    {
      id,
      orgId: org.id,
      orgName: org.name,
      problem: input.problem,
      responsiblePersonId: input.responsiblePersonId,
    },
    input.deadline,
    by.userId,
    now,
  );
  return id;
}

/** The audit snapshot of a new item. */
function createdSnapshot(input: OpenRectification) {
  return {
    orgId: input.orgId,
    source: input.source,
    problem: input.problem,
    deadline: input.deadline,
    responsiblePersonId: input.responsiblePersonId,
    assistingOrgIds: [...input.assistingOrgIds],
    status: 'pending' as const,
    ...(input.campaignId ? { campaignId: input.campaignId } : {}),
  };
}

/** POST /api/rectifications: an item entered by hand (自查, 上级督查, a problem raised in a meeting …). */
export async function createRectification(
  trx: Trx,
  actor: Actor,
  body: CreateRectification,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  await requireOrgsInScope(trx, actor, [body.orgId], 'orgId', '党组织');
  await requireOrgsInScope(trx, actor, body.assistingOrgIds, 'assistingOrgIds', '协办党组织');
  await requirePeopleInScope(trx, actor, [body.responsiblePersonId], 'responsiblePersonId', '责任人');
  if (body.campaignId !== null) await requireCampaignInScope(trx, actor, body.campaignId, 'campaignId');
  if (body.activityId !== null) {
    const a = (await linkedActivities(trx, [body.activityId])).get(body.activityId);
    if (!a || !isPathInScope(actor.scope, a.orgPath))
      throw outOfScope('activityId', rectificationFieldLabels.activityId);
    if (body.source !== 'life_meeting' && body.source !== 'supervision_check')
      throw fieldError([
        {
          path: 'activityId',
          message: '提出问题的会议记录：只有组织生活会/民主生活会和督促检查的问题关联会议记录',
        },
      ]);
    if (
      body.source === 'life_meeting' &&
      a.kind !== 'review_meeting' &&
      a.kind !== 'leadership_review_meeting'
    )
      throw fieldError([
        {
          path: 'activityId',
          message: `提出问题的会议记录：${activityLabel(a.kind, a.title)}不是组织生活会或民主生活会`,
        },
      ]);
  }
  const input: OpenRectification = { ...body };
  const id = await openRectification(trx, authorOf(actor), input, today, now);
  const org = await repo.findOrg(trx, body.orgId);
  Object.assign(change, {
    targetType: 'rectification',
    targetId: id,
    summary: `登记整改事项：${org?.name ?? ''} ${short(body.problem)}`,
    after: createdSnapshot(input),
  });
  return id;
}

/**
 * POST /api/alerts/{key}/rectification: opens an item from a finding of 监测预警 — its org, the problem, the rule's
 * clause, its due date (or 30 days) and its assignee as 责任人. The finding's row is locked (through the alerts
 * service) so a second request waits and then finds the open item: one open item per finding.
 */
export async function createRectificationFromFinding(
  trx: Trx,
  actor: Actor,
  key: string,
  body: RectificationFromFindingBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const f = await findingForRectification(trx, actor, key, true);
  if (f.state === 'resolved') throw new AppError('RULE_VIOLATION', '该预警已解决，无需再生成整改事项');
  const open = await repo.openItemOfFinding(trx, f.id);
  if (open)
    throw new AppError('CONFLICT', `该预警已生成整改事项（编号 ${open.id}），尚未销号`, {
      rectificationId: open.id,
    });
  if (body.responsiblePersonId)
    await requirePeopleInScope(trx, actor, [body.responsiblePersonId], 'responsiblePersonId', '责任人');
  const deadline =
    body.deadline ?? (f.dueDate !== null && f.dueDate >= today ? f.dueDate : addDays(today, 30));
  const input: OpenRectification = {
    orgId: f.orgId,
    source: 'finding',
    findingId: f.id,
    problem: `${f.title}：${f.message}`,
    clause: clauseText(f.clause),
    responsiblePersonId:
      body.responsiblePersonId === undefined ? f.assigneePersonId : body.responsiblePersonId,
    assistingOrgIds: [],
    measures: null,
    deadline,
    milestones: [],
  };
  const id = await openRectification(trx, authorOf(actor), input, today, now);
  await recordFindingRectification(trx, {
    findingId: f.id,
    kind: 'rectification_opened',
    rectificationId: id,
    by: authorOf(actor),
    comment: `整改期限 ${deadline}`,
    at: now,
  });
  Object.assign(change, {
    targetType: 'rectification',
    targetId: id,
    summary: `由预警生成整改事项：${f.orgName} ${f.title}`,
    after: { ...createdSnapshot(input), findingKey: f.key },
  });
  return id;
}

// Editing

const ownFields = ['measures', 'result', 'responsiblePersonId', 'assistingOrgIds', 'milestones'] as const;
const termFields = ['problem', 'clause', 'deadline'] as const;

/**
 * PATCH /api/rectifications/{id}: the org that rectifies edits measures, result, 责任人, 协办 and milestones
 * while the item is pending or in progress; the level above corrects problem, clause and deadline while it is
 * pending and no extension was asked (afterwards the deadline moves only by an extension).
 */
export async function updateRectification(
  trx: Trx,
  actor: Actor,
  id: number,
  body: UpdateRectification,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, id, body.version);
  const sides = sidesOf(actor, r);
  const own = ownFields.filter((k) => body[k] !== undefined);
  const terms = termFields.filter((k) => body[k] !== undefined);
  if (own.length > 0)
    requireResponsible(actor, r, `修改${own.map((k) => rectificationFieldLabels[k]).join('、')}`);
  if (terms.length > 0) {
    const what = terms.map((k) => rectificationFieldLabels[k]).join('、');
    if (!sides.verifier)
      throw new AppError('FORBIDDEN', `${what}由上级党组织（${verifierOf(r).orgName}）修改`);
    if (r.status !== 'pending')
      throw new AppError(
        'CONFLICT',
        `该整改事项${rectificationStatusLabels[r.status]}，${what}不能再修改（期限可申请延期）`,
      );
    if (body.deadline !== undefined && (r.extensions > 0 || r.extension_until !== null))
      throw new AppError('CONFLICT', '该整改事项已有延期申请或延期记录，整改期限只能通过延期调整');
  }
  if (body.responsiblePersonId)
    await requirePeopleInScope(trx, actor, [body.responsiblePersonId], 'responsiblePersonId', '责任人');
  if (body.assistingOrgIds) {
    await requireOrgsInScope(trx, actor, body.assistingOrgIds, 'assistingOrgIds', '协办党组织');
    if (body.assistingOrgIds.includes(r.org_id))
      throw fieldError([{ path: 'assistingOrgIds', message: '协办党组织：不能包含整改责任党组织本身' }]);
  }
  const current = (await repo.milestonesOf(trx, [id])).get(id) ?? [];
  const problems = rectificationPlanProblems(
    { deadline: body.deadline ?? r.deadline, milestones: body.milestones ?? current },
    today,
    body.deadline !== undefined,
  );
  if (problems.length > 0) throw fieldError(problems);

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const was: Record<(typeof ownFields)[number] | (typeof termFields)[number], unknown> = {
    measures: r.measures,
    result: r.result,
    responsiblePersonId: r.responsible_person_id,
    assistingOrgIds: r.assisting_org_ids,
    milestones: current,
    problem: r.problem,
    clause: r.clause,
    deadline: r.deadline,
  };
  for (const k of [...own, ...terms]) {
    before[k] = was[k];
    after[k] = body[k];
  }
  const ok = await repo.updateItem(trx, id, r.version, {
    ...(body.measures !== undefined ? { measures: body.measures } : {}),
    ...(body.result !== undefined ? { result: body.result } : {}),
    ...(body.responsiblePersonId !== undefined ? { responsible_person_id: body.responsiblePersonId } : {}),
    ...(body.assistingOrgIds !== undefined ? { assisting_org_ids: body.assistingOrgIds } : {}),
    ...(body.problem !== undefined ? { problem: body.problem } : {}),
    ...(body.clause !== undefined ? { clause: body.clause } : {}),
    ...(body.deadline !== undefined ? { deadline: body.deadline, original_deadline: body.deadline } : {}),
    updated_at: now,
  });
  if (!ok) throw new AppError('CONFLICT', '该整改事项已被他人修改，请刷新后重试');
  if (body.milestones !== undefined) await repo.replaceMilestones(trx, id, body.milestones);
  const labels = [...own, ...terms].map((k) => rectificationFieldLabels[k]).join('、');
  await event(trx, actor, id, now, { kind: 'edited', note: `修改了${labels}`, until: body.deadline ?? null });
  Object.assign(change, {
    targetType: 'rectification',
    targetId: id,
    summary: `修改整改事项（${labels}）：${r.org_name} ${short(r.problem)}`,
    before,
    after,
  });
}

/** Appends one entry to the item's timeline, by the actor, in the change's transaction. */
async function event(
  trx: Trx,
  actor: Actor,
  id: number,
  now: Date,
  e: {
    kind: RectificationEventKind;
    from?: RectificationStatus;
    to?: RectificationStatus;
    note?: string | null;
    until?: string | null;
  },
): Promise<void> {
  await repo.insertEvent(trx, {
    rectification_id: id,
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

// Transitions

/**
 * POST /api/rectifications/{id}/transitions: one step of core's state machine, under the item's row lock (two
 * parallel submits or verifications: the second finds the new status and is refused). The wrong status answers
 * 409 with core's message, the wrong side 403, what the step still needs 400 naming it.
 */
export async function transitionRectification(
  trx: Trx,
  actor: Actor,
  id: number,
  body: RectificationTransitionBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, id, body.version);
  const t = body.transition;
  const label = rectificationTransitionLabels[t];
  const milestones = (await repo.milestonesOf(trx, [id])).get(id) ?? [];
  const state = stateOf(r, milestones);
  const result = applyRectificationTransition(state, t, {
    today,
    measures: r.measures,
    result: r.result,
    evidenceCount: r.evidence_count,
    reason: body.reason,
    until: body.until,
  });
  const from = rectificationTransitionFrom[t] as readonly RectificationStatus[];
  if (!result.ok && !from.includes(state.status)) throw refusal(result.violations);
  const sides = sidesOf(actor, r);
  if (rectificationTransitionActor[t] === 'verifier' && !sides.verifier)
    throw new AppError('FORBIDDEN', `${label}由上级党组织（${verifierOf(r).orgName}）办理`);
  if (rectificationTransitionActor[t] === 'responsible' && !sides.responsible)
    throw new AppError('FORBIDDEN', `${label}由整改责任党组织（${r.org_name}）办理`);
  if (!result.ok) throw refusal(result.violations);
  if (t === 'reopen' && r.finding_id !== null) {
    const other = await repo.openItemOfFinding(trx, r.finding_id, id);
    if (other)
      throw new AppError('CONFLICT', `该预警已有未销号的整改事项（编号 ${other.id}），不能重新打开本事项`);
  }
  const next = result.state;
  const ok = await repo.updateItem(trx, id, r.version, {
    status: next.status,
    deadline: next.deadline,
    extensions: next.extensions,
    extension_until: next.extensionRequest?.until ?? null,
    extension_reason: next.extensionRequest?.reason ?? null,
    reopen_count: next.reopenCount,
    ...(t === 'submit' ? { submitted_at: now } : {}),
    ...(t === 'return' || t === 'reopen' ? { submitted_at: null } : {}),
    ...(t === 'verify' ? { closed_at: now } : {}),
    ...(t === 'reopen' ? { closed_at: null } : {}),
    updated_at: now,
  });
  if (!ok) throw new AppError('CONFLICT', '该整改事项已被他人修改，请刷新后重试');
  const until =
    t === 'request_extension' || t === 'reopen'
      ? (body.until ?? null)
      : t === 'approve_extension'
        ? next.deadline
        : null;
  await event(trx, actor, id, now, {
    kind: t,
    from: state.status,
    to: next.status,
    note: body.reason?.trim() || null,
    until,
  });
  if (t === 'verify' && r.finding_id !== null)
    await recordFindingRectification(trx, {
      findingId: r.finding_id,
      kind: 'rectification_closed',
      rectificationId: id,
      by: authorOf(actor),
      comment: r.result ? short(r.result) : null,
      at: now,
    });
  await tellTransition(
    trx,
    {
      id,
      orgId: r.org_id,
      orgName: r.org_name,
      problem: r.problem,
      responsiblePersonId: r.responsible_person_id,
    },
    {
      transition: t,
      version: r.version + 1,
      reason: body.reason?.trim() || null,
      deadline: next.deadline,
      by: actor.displayName,
    },
    actor.userId,
    now,
  );
  Object.assign(change, {
    targetType: 'rectification',
    targetId: id,
    summary: `${label}：${r.org_name} ${short(r.problem)}`,
    before: { status: state.status, deadline: state.deadline },
    after: {
      transition: t,
      status: next.status,
      deadline: next.deadline,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(until ? { until } : {}),
    },
  });
}

// Evidence and progress

/** A record linked as evidence: the column naming it, and what the timeline calls it. */
interface ResolvedLink {
  values: Pick<
    Insertable<RectificationEvidenceTable>,
    'kind' | 'activity_id' | 'term_id' | 'recruitment_event_id' | 'transfer_id' | 'finding_id'
  >;
  title: string;
}

/** The records an item's evidence links, read through the services of the modules that own them. */
async function linkedRecords(
  db: Db | Trx,
  evidence: readonly Pick<
    repo.EvidenceRow,
    'activity_id' | 'term_id' | 'recruitment_event_id' | 'transfer_id'
  >[],
): Promise<LinkedRecords> {
  const ids = (column: 'activity_id' | 'term_id' | 'recruitment_event_id' | 'transfer_id') =>
    evidence.flatMap((e) => (e[column] === null ? [] : [e[column]]));
  const [activities, terms, steps, transfers] = await Promise.all([
    linkedActivities(db, ids('activity_id')),
    linkedTerms(db, ids('term_id')),
    linkedSteps(db, ids('recruitment_event_id')),
    linkedTransfers(db, ids('transfer_id')),
  ]);
  return { activities, terms, steps, transfers };
}

/**
 * The record a link names, read through the module that owns it, if it lies in the caller's scope (otherwise the
 * answer of a missing one, on the field) and proves something: a meeting archived as held, a finding resolved.
 */
async function resolveLink(trx: Trx, actor: Actor, link: RectificationEvidenceLink): Promise<ResolvedLink> {
  const missing = () => outOfScope('recordId', rectificationFieldLabels.recordId);
  const inScope = (path: string | null | undefined) => !!path && isPathInScope(actor.scope, path);
  switch (link.kind) {
    case 'activity': {
      const a = (await linkedActivities(trx, [link.recordId])).get(link.recordId);
      if (!a || !inScope(a.orgPath)) throw missing();
      if (a.status !== 'closed')
        throw new AppError('RULE_VIOLATION', '关联记录：只能关联已召开并归档的组织生活记录', {
          fields: [{ path: 'recordId', message: '关联记录：该活动记录尚未归档' }],
        });
      return { values: { kind: 'activity', activity_id: a.id }, title: activityLabel(a.kind, a.title) };
    }
    case 'term': {
      const t = (await linkedTerms(trx, [link.recordId])).get(link.recordId);
      if (!t || !inScope(t.org.path)) throw missing();
      return { values: { kind: 'term', term_id: t.id }, title: linkedTitle.term(t) };
    }
    case 'recruitment_step': {
      const e = (await linkedSteps(trx, [link.recordId])).get(link.recordId);
      if (!e || !inScope(e.orgPath)) throw missing();
      return {
        values: { kind: 'recruitment_step', recruitment_event_id: e.id },
        title: linkedTitle.step(e),
      };
    }
    case 'transfer': {
      const t = (await linkedTransfers(trx, [link.recordId])).get(link.recordId);
      if (!t || !(inScope(t.fromPath) || inScope(t.toPath))) throw missing();
      return { values: { kind: 'transfer', transfer_id: t.id }, title: linkedTitle.transfer(t) };
    }
    case 'finding': {
      const f = await findingForRectification(trx, actor, link.findingKey).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') throw outOfScope('findingKey', '预警');
        throw error;
      });
      if (f.state !== 'resolved')
        throw new AppError('RULE_VIOLATION', '预警：尚未解决，解决后才能作为整改佐证', {
          fields: [{ path: 'findingKey', message: '预警：尚未解决，解决后才能作为整改佐证' }],
        });
      return { values: { kind: 'finding', finding_id: f.id }, title: `${f.title}（${f.orgName}）` };
    }
  }
}

/** Refuses evidence beyond the limit of one item. */
function requireRoomForEvidence(r: Row): void {
  if (r.evidence_count >= rectificationLimits.evidencePerItem)
    throw new AppError('RULE_VIOLATION', `每项整改最多 ${rectificationLimits.evidencePerItem} 条佐证`);
}

/** POST /api/rectifications/{id}/evidence: links the record that proves the rectification; returns its id. */
export async function addEvidenceLink(
  trx: Trx,
  actor: Actor,
  id: number,
  body: RectificationEvidenceLink,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const r = await loadForChange(trx, actor, id);
  requireResponsible(actor, r, '添加佐证');
  const link = await resolveLink(trx, actor, body);
  requireRoomForEvidence(r);
  if (await repo.linkedEvidence(trx, id, link.values))
    throw new AppError('CONFLICT', `${link.title}已关联为本事项的佐证`);
  const evidenceId = await repo.insertEvidence(trx, {
    rectification_id: id,
    ...link.values,
    note: body.note,
    added_by: actor.userId,
    added_by_name: actor.displayName,
  });
  const kindLabel = rectificationEvidenceKindLabels[body.kind];
  await event(trx, actor, id, now, { kind: 'evidence_added', note: `${kindLabel}：${link.title}` });
  await touch(trx, r, now);
  Object.assign(change, {
    targetType: 'rectification',
    targetId: id,
    summary: `关联整改佐证（${kindLabel}：${link.title}）：${r.org_name} ${short(r.problem)}`,
    after: {
      evidenceId,
      kind: body.kind,
      ...(body.kind === 'finding' ? { findingKey: body.findingKey } : { recordId: body.recordId }),
      ...(body.note ? { note: body.note } : {}),
    },
  });
  return evidenceId;
}

/** What an evidence file may be, judged by its content (http/file-type.ts): documents and pictures. */
export const evidenceFileKinds = [
  'pdf',
  'docx',
  'xlsx',
  'pptx',
  'ole',
  'jpeg',
  'png',
  'webp',
  'gif',
  'text',
] as const satisfies readonly FileKind[];

/** POST /api/rectifications/{id}/evidence/file: a file, only where nothing recorded proves it (with why). */
export async function addEvidenceFile(
  trx: Trx,
  actor: Actor,
  id: number,
  q: { fileName: string; note: string },
  content: Buffer,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const r = await loadForChange(trx, actor, id);
  requireResponsible(actor, r, '上传佐证文件');
  if (content.length === 0) throw new AppError('VALIDATION_FAILED', '文件：不能上传空文件');
  const fileName = q.fileName.replace(/[\\/]/g, '_');
  const { mime } = acceptUpload(content, fileName, evidenceFileKinds, '佐证文件');
  requireRoomForEvidence(r);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const evidenceId = await repo.insertEvidence(trx, {
    rectification_id: id,
    kind: 'file',
    note: q.note,
    file_name: fileName,
    mime_type: mime,
    size: content.length,
    sha256,
    content,
    added_by: actor.userId,
    added_by_name: actor.displayName,
  });
  await event(trx, actor, id, now, { kind: 'evidence_added', note: `文件：${fileName}（${q.note}）` });
  await touch(trx, r, now);
  Object.assign(change, {
    targetType: 'rectification',
    targetId: id,
    summary: `上传整改佐证文件“${fileName}”：${r.org_name} ${short(r.problem)}`,
    after: { evidenceId, fileName, size: content.length, sha256, note: q.note },
  });
  return evidenceId;
}

/** One evidence file of an item in scope, with its content and the type to serve it as. */
export async function getEvidenceFile(db: Db, actor: Actor, id: number, evidenceId: number) {
  await loadInScope(db, actor, id);
  const f = await repo.evidenceFile(db, id, evidenceId);
  if (!f?.content) throw new AppError('NOT_FOUND', '该佐证文件不存在');
  const fileName = f.file_name ?? 'file';
  return { fileName, content: f.content, type: servedType(f.content, fileName, evidenceFileKinds) };
}

/** DELETE /api/rectifications/{id}/evidence/{evidenceId}: while the item is still being rectified. */
export async function removeEvidence(
  trx: Trx,
  actor: Actor,
  id: number,
  evidenceId: number,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, id);
  requireResponsible(actor, r, '删除佐证');
  const gone = await repo.deleteEvidence(trx, id, evidenceId);
  if (!gone) throw new AppError('NOT_FOUND', '该佐证不存在');
  const kindLabel = rectificationEvidenceKindLabels[gone.kind];
  await event(trx, actor, id, now, {
    kind: 'evidence_removed',
    note: gone.file_name ? `${kindLabel}：${gone.file_name}` : kindLabel,
  });
  await touch(trx, r, now);
  Object.assign(change, {
    targetType: 'rectification',
    targetId: id,
    summary: `删除整改佐证（${kindLabel}）：${r.org_name} ${short(r.problem)}`,
    before: {
      evidenceId,
      kind: gone.kind,
      ...(gone.file_name ? { fileName: gone.file_name, sha256: gone.sha256 } : {}),
    },
  });
}

/**
 * POST /api/rectifications/{id}/progress: a progress note on the timeline, by the org that rectifies or by a 协办
 * org reporting its part (the note then names it), while the item is being rectified.
 */
export async function addProgressNote(
  trx: Trx,
  actor: Actor,
  id: number,
  note: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, id);
  const sides = sidesOf(actor, r);
  if (!sides.assisting) requireResponsible(actor, r, '填报整改进展');
  else if (!isRectificationEditable(r.status))
    throw new AppError('CONFLICT', `该整改事项${rectificationStatusLabels[r.status]}，不能填报整改进展`);
  const by = sides.assisting
    ? (await repo.orgsWithPaths(trx, r.assisting_org_ids)).find((o) => isPathInScope(actor.scope, o.path))
    : undefined;
  const text = by ? `协办单位${by.name}：${note}` : note;
  await event(trx, actor, id, now, { kind: 'progress', note: text });
  await touch(trx, r, now);
  Object.assign(change, {
    targetType: 'rectification',
    targetId: id,
    summary: `填报整改${by ? '协办' : ''}进展：${r.org_name} ${short(r.problem)}`,
    after: { note: text },
  });
}

/** Bumps the item's version and time for a change of its evidence or timeline (clients holding it re-read). */
async function touch(trx: Trx, r: Row, now: Date): Promise<void> {
  if (!(await repo.updateItem(trx, r.id, r.version, { updated_at: now })))
    throw new AppError('CONFLICT', '该整改事项已被他人修改，请刷新后重试');
}

/** The assessment metrics of this module (a provider of the assessment module). */
export { computeRectificationMetrics, rectificationMetricKeys } from './metrics.ts';
