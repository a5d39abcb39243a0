import {
  AppError,
  ageBandLabels,
  ageBandRanges,
  ageBands,
  type CreateMemberBody,
  canHoldMembers,
  checkMemberRecord,
  completedYears,
  educationLabels,
  educationLevels,
  ethnicities,
  ethnicityLabels,
  type FieldProblem,
  genderLabels,
  type IsoDate,
  impliedBirthAndGender,
  isBranchType,
  type LeaveReason,
  type MemberAbilities,
  type MemberDetail,
  type MemberEvent,
  type MemberFilter,
  type MemberListItem,
  type MemberListQuery,
  type MemberPage,
  type MemberRecord,
  type MemberStats,
  memberCategoryLabels,
  memberFieldLabels,
  memberStatusLabels,
  partyStatusLabels,
  partyYears,
  partyYearsBandLabels,
  partyYearsBandRanges,
  partyYearsBands,
  type SearchHits,
  type UpdateMemberBody,
} from '@dangjian/core';
import type { z } from 'zod';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { activeFindingsOfRules } from '../../http/findings-store.ts';
import {
  assertInScope,
  duplicateIdNumberElsewhere,
  isPathInScope,
  nameIfInScope,
  subtreePathInScope,
} from '../../http/scope.ts';
import { pageOfHits, type SearchPage, type SearchText, trailText } from '../../http/search.ts';
import { canViewSensitive, shouldUnmask } from '../../http/sensitive.ts';
import { type MemberEventInput, recordMemberEvents } from './events.ts';
import { endOpenPosts } from './moves.ts';
import { presentMemberDetail, presentMemberEvent, presentMemberListItem } from './presenter.ts';
import { changedFields, fromPersonColumns, toPersonColumns } from './record.ts';
import * as repo from './repo.ts';

/** Roster changes a transfer makes; other modules reach them through this service. */
export { markTransferredOut, moveMember, placeIncomingMember } from './moves.ts';
export { type MemberEventInput, recordMemberEvents };

function abilitiesFor(actor: Actor, status: string): MemberAbilities {
  const active = status === 'active';
  return {
    edit: active && actor.permissions.has('member:member:edit'),
    viewSensitive: canViewSensitive(actor),
    transfer: active && actor.permissions.has('member:transfer:manage'),
    leave: active && actor.permissions.has('member:member:edit'),
    editPosts: active && actor.permissions.has('org:team:edit'),
  };
}

async function filterQuery(db: Db, actor: Actor, f: MemberFilter, today: IsoDate) {
  const subtree = f.orgId ? await subtreePathInScope(db, actor, f.orgId) : null;
  return repo.filteredMembers(
    db,
    actor.scope,
    f,
    today,
    subtree,
    actor.permissions.has('member:member:sensitive'),
  );
}

/** One page of the roster within the actor's scope. */
export async function listMembers(
  db: Db,
  actor: Actor,
  query: z.output<typeof import('@dangjian/core').memberListQuery>,
  today: IsoDate,
): Promise<MemberPage> {
  const q = await filterQuery(db, actor, query, today);
  const { rows, total } = await repo.pageMembers(db, q, query.sort, query.order, query.page, query.pageSize);
  const masked = !shouldUnmask(actor, query.unmasked);
  return {
    items: rows.map((r) => presentMemberListItem(r, today, masked)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
export type { MemberListQuery };

/** The whole filtered roster in batches (for exports), masked as `listMembers` would show it. */
export async function* streamMembers(
  db: Db,
  actor: Actor,
  filter: MemberFilter,
  today: IsoDate,
  batchSize = 2000,
): AsyncGenerator<MemberListItem[]> {
  const q = await filterQuery(db, actor, filter, today);
  const masked = !shouldUnmask(actor, filter.unmasked);
  for (let offset = 0; ; offset += batchSize) {
    const rows = await repo
      .orderMembers(q, filter.sort, filter.order)
      .limit(batchSize)
      .offset(offset)
      .execute();
    if (rows.length > 0) yield rows.map((r) => presentMemberListItem(r, today, masked));
    if (rows.length < batchSize) return;
  }
}

async function loadMember(db: Db | Trx, actor: Actor, id: number) {
  const row = await repo.findMember(db, id);
  assertInScope(actor.scope, row?.org_path);
  return row!;
}

/** A member's record; unmasked only when asked for and allowed (the route audits that view). */
export async function getMember(
  db: Db | Trx,
  actor: Actor,
  id: number,
  unmasked: boolean | undefined,
  today: IsoDate,
): Promise<MemberDetail> {
  const row = await loadMember(db, actor, id);
  const posts = await repo.postHistory(db, id);
  return presentMemberDetail(
    row,
    posts,
    today,
    !shouldUnmask(actor, unmasked),
    abilitiesFor(actor, row.status),
  );
}

/** A member's timeline, newest first. */
export async function memberTimeline(db: Db, actor: Actor, id: number): Promise<MemberEvent[]> {
  await loadMember(db, actor, id);
  return (await repo.memberEvents(db, id)).map(presentMemberEvent);
}

function fail(problems: readonly FieldProblem[]): never {
  throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), {
    fields: problems.map((p) => ({ path: p.path, message: p.message })),
  });
}

/** Fills birth date and gender from a valid ID number and checks the record; throws on problems. */
function completeAndCheck(
  m: MemberRecord,
  today: IsoDate,
  only?: (p: FieldProblem) => boolean,
): MemberRecord {
  const implied = impliedBirthAndGender(m);
  const record = { ...m, birthDate: m.birthDate ?? implied.birthDate, gender: m.gender ?? implied.gender };
  const problems = checkMemberRecord(record, today).filter(only ?? (() => true));
  if (problems.length > 0) fail(problems);
  return record;
}

/** Checks that members may be placed in the org and that it is in scope; returns where it sits. */
async function checkPlacement(
  db: Db | Trx,
  actor: Actor,
  orgId: number,
): Promise<{ path: string; type: string; parent_path: string | null }> {
  const org = await repo.findPlacementOrg(db, orgId);
  if (!org || !isPathInScope(actor.scope, org.path))
    fail([{ path: 'orgId', message: `${memberFieldLabels.orgId}：不存在或不在您的管理范围内` }]);
  if (org.archived_at !== null)
    fail([{ path: 'orgId', message: `${memberFieldLabels.orgId}：该组织已撤销` }]);
  if (!canHoldMembers(org.type, org.parent_type ?? null))
    fail([{ path: 'orgId', message: `${memberFieldLabels.orgId}：党员只能编入党支部或其党小组` }]);
  return org;
}

/** The branch an org belongs to: itself, or the parent of a 党小组. */
function branchPathOf(org: { type: string; path: string; parent_path: string | null }): string {
  return org.type === 'group' && org.parent_path !== null ? org.parent_path : org.path;
}

/** Checks that a record's unit and major exist; `prefix` names where the record sits in a body (e.g. 'person.'). */
export async function checkMemberReferences(db: Db | Trx, m: MemberRecord, prefix = ''): Promise<void> {
  if (m.unitId !== null) {
    const unit = await repo.findUnitId(db, m.unitId);
    if (!unit) fail([{ path: `${prefix}unitId`, message: `${memberFieldLabels.unitId}：不存在` }]);
  }
  if (m.majorId !== null) {
    const major = await repo.findMajorId(db, m.majorId);
    if (!major) fail([{ path: `${prefix}majorId`, message: `${memberFieldLabels.majorId}：不存在` }]);
  }
}

async function checkIdNumberFree(
  db: Db | Trx,
  actor: Actor,
  idNumber: string | null,
  selfId: number | null,
): Promise<void> {
  if (idNumber === null) return;
  const other = await repo.findByIdNumber(db, idNumber);
  if (other && other.id !== selfId) {
    const where = other.status === 'active' ? '在册党员' : '已离开在册名单的人员';
    const name = await nameIfInScope(db, actor, other);
    const message =
      name === null ? duplicateIdNumberElsewhere : `${memberFieldLabels.idNumber}：与${where}“${name}”重复`;
    throw new AppError('CONFLICT', message, { fields: [{ path: 'idNumber', message }] });
  }
}

/** ID numbers and phones never enter the audit log in full. */
function auditView(m: MemberRecord): Record<string, unknown> {
  return {
    ...m,
    idNumber: m.idNumber === null ? null : `${m.idNumber.slice(0, 3)}…${m.idNumber.slice(-4)}`,
    phone: m.phone === null ? null : `…${m.phone.slice(-4)}`,
  };
}

/** Registers a new member in a branch (or 党小组) of the actor's scope. */
export async function createMember(
  trx: Trx,
  actor: Actor,
  body: z.output<typeof import('@dangjian/core').createMemberBody>,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<MemberDetail> {
  await checkPlacement(trx, actor, body.orgId);
  const record = completeAndCheck(body as MemberRecord, today);
  await checkMemberReferences(trx, record);
  await checkIdNumberFree(trx, actor, record.idNumber, null);
  const row = await repo.insertPerson(trx, { ...toPersonColumns(record), updated_at: now });
  await recordMemberEvents(trx, actor, [
    {
      personId: row.id,
      kind: 'created',
      on: today,
      summary: `建立党员档案（${partyStatusLabels[record.partyStatus]}，入党日期 ${record.joinedOn}）`,
    },
  ]);
  Object.assign(change, {
    targetType: 'person',
    targetId: row.id,
    summary: `新增党员：${record.name}`,
    after: auditView(record),
  });
  return getMember(trx, actor, row.id, false, today);
}
export type { CreateMemberBody, UpdateMemberBody };

/** Changes fields of an active member; moving to another branch goes through a transfer. */
export async function updateMember(
  trx: Trx,
  actor: Actor,
  id: number,
  body: Partial<MemberRecord> & { version: number },
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<MemberDetail> {
  const locked = await repo.lockPerson(trx, id);
  assertInScope(actor.scope, locked?.org_path);
  if (locked!.status !== 'active')
    throw new AppError('RULE_VIOLATION', '该人员已不在册，不能修改（历史记录保持不变）');
  if (locked!.version !== body.version)
    throw new AppError('CONFLICT', '该党员信息已被他人修改，请刷新后重试');
  const row = (await repo.findMember(trx, id))!;
  const before = fromPersonColumns(row);
  const { version: _version, ...fields } = body;
  const merged: MemberRecord = { ...before, ...stripUndefined(fields) };
  if (merged.orgId !== before.orgId) {
    const target = await checkPlacement(trx, actor, merged.orgId);
    const current = await repo.findPlacementOrg(trx, before.orgId);
    if (!current || branchPathOf(current) !== branchPathOf(target))
      fail([
        {
          path: 'orgId',
          message: `${memberFieldLabels.orgId}：调整到其他党支部须办理组织关系转接`,
        },
      ]);
  }
  // Problems the record already had stay visible in the form but do not block unrelated edits.
  const existing = new Set(checkMemberRecord(before, today).map((p) => p.message));
  const record = completeAndCheck(merged, today, (p) => !existing.has(p.message));
  await checkMemberReferences(trx, record);
  if (record.idNumber !== before.idNumber) await checkIdNumberFree(trx, actor, record.idNumber, id);
  const changed = changedFields(before, record);
  if (changed.length === 0) return getMember(trx, actor, id, false, today);
  await repo.updatePersonRecord(trx, id, toPersonColumns(record), now);
  const events: MemberEventInput[] = [];
  if (before.partyStatus === 'probationary' && record.partyStatus === 'full')
    events.push({
      personId: id,
      kind: 'status_confirmed',
      on: record.confirmedOn ?? today,
      summary: `转为正式党员（转正日期 ${record.confirmedOn}）`,
    });
  events.push({ personId: id, kind: 'updated', on: today, summary: `修改${changedFieldsLabel(changed)}` });
  await recordMemberEvents(trx, actor, events);
  Object.assign(change, {
    targetType: 'person',
    targetId: id,
    summary: `修改党员信息：${record.name}（${changedFieldsLabel(changed)}）`,
    before: pick(auditView(before), changed),
    after: pick(auditView(record), changed),
  });
  return getMember(trx, actor, id, false, today);
}

/** '联系电话、学历' — the changed fields in words. */
function changedFieldsLabel(fields: readonly (keyof MemberRecord)[]): string {
  return fields.map((f) => memberFieldLabels[f]).join('、');
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function pick(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/** Takes a member off the active roster (死亡, 出党, 自行脱党, 停止党籍); their history stays. */
export async function leaveRoster(
  trx: Trx,
  actor: Actor,
  id: number,
  body: { reason: LeaveReason; date: IsoDate; note: string | null; version: number },
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<MemberDetail> {
  const locked = await repo.lockPerson(trx, id);
  assertInScope(actor.scope, locked?.org_path);
  if (locked!.status !== 'active') throw new AppError('RULE_VIOLATION', '该人员已不在册');
  if (locked!.version !== body.version)
    throw new AppError('CONFLICT', '该党员信息已被他人修改，请刷新后重试');
  const row = (await repo.findMember(trx, id))!;
  if (body.date > today) fail([{ path: 'date', message: '日期：不能晚于今天' }]);
  if (row.joined_on && body.date < row.joined_on) fail([{ path: 'date', message: '日期：不能早于入党日期' }]);
  await repo.updatePersonRow(trx, id, {
    status: body.reason,
    left_on: body.date,
    leave_note: body.note,
    updated_at: now,
  });
  const ended = await endOpenPosts(trx, actor, id, body.date, memberStatusLabels[body.reason], null, null);
  await recordMemberEvents(trx, actor, [
    {
      personId: id,
      kind: 'left',
      on: body.date,
      summary: `${memberStatusLabels[body.reason]}，离开在册名单${ended > 0 ? `，免去党内职务 ${ended} 项` : ''}${body.note ? `（${body.note}）` : ''}`,
    },
  ]);
  Object.assign(change, {
    targetType: 'person',
    targetId: id,
    summary: `${row.name}：${memberStatusLabels[body.reason]}`,
    before: { status: 'active' },
    after: { status: body.reason, leftOn: body.date, note: body.note, postsEnded: ended },
  });
  return getMember(trx, actor, id, false, today);
}

const countBy = <K extends string>(
  keys: readonly K[],
  labels: Record<K, string>,
  value: (p: repo.StatFact) => string | null,
  facts: readonly repo.StatFact[],
) => {
  const counts = new Map<string, number>();
  for (const f of facts) {
    const v = value(f) ?? 'unknown';
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const rows = keys.map((k) => ({ key: k as string, label: labels[k], count: counts.get(k) ?? 0 }));
  const unknown = counts.get('unknown') ?? 0;
  if (unknown > 0) rows.push({ key: 'unknown', label: '未填写', count: unknown });
  return rows;
};

function bandOf<K extends string>(
  bands: readonly K[],
  ranges: Record<K, readonly [number, number]>,
  n: number,
): K | null {
  return bands.find((b) => n >= ranges[b][0] && n <= ranges[b][1]) ?? null;
}

/**
 * Roster statistics of an org's subtree (default: the actor's whole scope): counts by dimension,
 * one row per child org for drill-down, branch sizes against the org rules, 双带头人 coverage.
 */
export async function memberStats(
  db: Db,
  actor: Actor,
  orgId: number | undefined,
  today: IsoDate,
): Promise<MemberStats> {
  let roots: { id: number; name: string; path: string }[];
  if (orgId !== undefined) {
    const path = await subtreePathInScope(db, actor, orgId);
    const org = await repo.getOrgIdNamePath(db, orgId);
    roots = [{ ...org, path }];
  } else if (actor.scope.kind === 'all') {
    roots = await repo.activeRootOrgs(db);
  } else if (actor.scope.kind === 'subtrees') {
    roots = await repo.orgsIdNamePath(db, actor.scope.orgIds);
  } else throw new AppError('FORBIDDEN');
  const paths = roots.map((r) => r.path);
  const [facts, orgs] = await Promise.all([repo.statFacts(db, paths), repo.subtreeOrgs(db, paths)]);

  const byEthnicity = countBy(ethnicities, ethnicityLabels, (p) => p.ethnicity, facts).filter(
    (r) => r.count > 0,
  );

  const single = roots.length === 1 ? roots[0]! : null;
  const childOrgs = single
    ? orgs.filter((o) => o.parent_id === single.id && o.type !== 'group')
    : orgs.filter((o) => roots.some((r) => r.id === o.id));
  const hasChildren = new Set(
    orgs.filter((o) => o.type !== 'group' && o.parent_id !== null).map((o) => o.parent_id),
  );
  // Each person counts towards every org on their path: one pass, not one scan per org.
  const subtreeCounts = new Map<number, { total: number; full: number; probationary: number }>();
  for (const f of facts)
    for (const id of f.path.split('/').filter(Boolean)) {
      const c = subtreeCounts.get(Number(id)) ?? { total: 0, full: 0, probationary: 0 };
      c.total += 1;
      if (f.party_status === 'full') c.full += 1;
      if (f.party_status === 'probationary') c.probationary += 1;
      subtreeCounts.set(Number(id), c);
    }
  const countsOf = (orgId: number) => subtreeCounts.get(orgId) ?? { total: 0, full: 0, probationary: 0 };
  const children = childOrgs.map((o) => ({
    orgId: o.id,
    name: o.name,
    type: o.type,
    ...countsOf(o.id),
    hasChildren: hasChildren.has(o.id),
  }));

  const branches = orgs.filter((o) => isBranchType(o.type));
  const findings = await activeFindingsOfRules(db, { kind: 'all' }, [
    'branch.min_full_members',
    'branch.max_members',
    'branch.committee_required',
    'branch.committee_not_allowed',
  ]);
  const problemsOf = new Map<number, string[]>();
  for (const f of findings) problemsOf.set(f.org_id, [...(problemsOf.get(f.org_id) ?? []), f.message]);
  const branchRows = branches.map((b) => ({
    orgId: b.id,
    name: b.name,
    category: b.category,
    total: countsOf(b.id).total,
    full: countsOf(b.id).full,
    problems: problemsOf.get(b.id) ?? [],
  }));

  const teacherBranches = branches.filter((b) => b.category === 'staff');
  const secretaries = await repo.currentSecretaries(
    db,
    teacherBranches.map((b) => b.id),
  );
  const secretaryOf = new Map(secretaries.map((s) => [s.org_id, s]));
  const missing = teacherBranches
    .filter((b) => !secretaryOf.get(b.id)?.is_dual_leader)
    .map((b) => ({ orgId: b.id, name: b.name, secretaryName: secretaryOf.get(b.id)?.name ?? null }));

  return {
    orgId: single?.id ?? null,
    orgName: single?.name ?? roots.map((r) => r.name).join('、'),
    today,
    total: facts.length,
    byCategory: countBy(
      ['staff', 'student', 'retired', 'other'] as const,
      memberCategoryLabels,
      (p) => p.category,
      facts,
    ),
    byStatus: countBy(['full', 'probationary'] as const, partyStatusLabels, (p) => p.party_status, facts),
    byGender: countBy(['male', 'female'] as const, genderLabels, (p) => p.gender, facts),
    byEthnicity,
    byAgeBand: countBy(
      ageBands,
      ageBandLabels,
      (p) => (p.birth_date ? bandOf(ageBands, ageBandRanges, completedYears(p.birth_date, today)) : null),
      facts,
    ),
    byEducation: countBy(educationLevels, educationLabels, (p) => p.education, facts),
    byPartyYears: countBy(
      partyYearsBands,
      partyYearsBandLabels,
      (p) => bandOf(partyYearsBands, partyYearsBandRanges, partyYears(p.confirmed_on, today)),
      facts,
    ),
    children,
    branches: branchRows,
    dualLeader: {
      teacherBranches: teacherBranches.length,
      withSecretary: teacherBranches.filter((b) => secretaryOf.has(b.id)).length,
      dualLeaderSecretaries: teacherBranches.length - missing.length,
      missing,
    },
  };
}

/**
 * Roster people for the global search: by name, or exactly by a full ID number; the hit names the person and
 * their org, never the number.
 */
export async function searchMembers(
  db: Db,
  actor: Actor,
  s: SearchText,
  page: SearchPage,
): Promise<SearchHits> {
  const { total, rows } = await pageOfHits((p) => repo.searchMemberRows(db, actor.scope, s, p), page);
  return {
    total,
    items: rows.map((r) => ({
      kind: 'member',
      id: r.id,
      title: r.name,
      subtitle: [
        trailText(r.trail),
        r.status !== 'active'
          ? memberStatusLabels[r.status]
          : r.party_status
            ? partyStatusLabels[r.party_status]
            : null,
      ]
        .filter(Boolean)
        .join(' · '),
      link: `/members/${r.id}`,
    })),
  };
}
