import {
  AppError,
  addDays,
  allowedChildTypes,
  type CreateAppointmentBody,
  type CreateOrgBody,
  type CreateTermBody,
  canContain,
  checkNewTerm,
  checkPostPlacement,
  checkTeamComposition,
  checkTeamKind,
  checkTermRecord,
  type IsoDate,
  type OrgAbilities,
  type OrgDetail,
  type OrgListItem,
  type OrgType,
  orgTypeLabels,
  type PostCode,
  postLabels,
  type SearchHits,
  type TeamKind,
  teamPosts,
  type UpdateOrgBody,
  type UpdateTermBody,
} from '@dangjian/core';
import type { Updateable } from 'kysely';
import type { OrgTable } from '../../db/schema.ts';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { activeCountsByOrg } from '../../http/findings-store.ts';
import { memoByGeneration } from '../../http/generation.ts';
import {
  assertInScope,
  isPathInScope,
  isScopeRoot,
  pathInScope,
  requirePeopleInScope,
} from '../../http/scope.ts';
import { pageOfHits, type SearchPage, type SearchText, trailText } from '../../http/search.ts';
import { getRuleSettings } from '../settings/service.ts';
import { presentAppointment, presentOrgListItem, presentTerm } from './presenter.ts';
import * as repo from './repo.ts';

type OrgRow = NonNullable<Awaited<ReturnType<typeof repo.findOrg>>>;

/** What the actor may do on this org; the UI shows buttons from this, never re-deriving rules. */
export function orgAbilities(
  actor: Actor,
  org: { id: number; path: string; type: OrgType; parent_id: number | null; archived_at: unknown },
): OrgAbilities {
  const inScope = isPathInScope(actor.scope, org.path);
  const active = org.archived_at === null;
  const can = (p: Parameters<Actor['permissions']['has']>[0]) => inScope && actor.permissions.has(p);
  const movable = org.parent_id !== null && !isScopeRoot(actor.scope, org.id);
  return {
    edit: can('org:org:edit') && active,
    createChild: can('org:org:create') && active && allowedChildTypes[org.type].length > 0,
    move: can('org:org:move') && active && movable,
    archive: can('org:org:archive') && movable,
    editTeam: can('org:team:edit') && active && org.type !== 'group',
  };
}

function requireAbility(ok: boolean): void {
  if (!ok) throw new AppError('FORBIDDEN');
}

/** Subtree member counts: each org counts the members of its own subtree. */
function subtreeCounts(db: Db | Trx): Promise<Map<number, { all: number; full: number }>> {
  // Made from orgs and the people placed in them.
  return memoByGeneration(db, 'subtree-counts', () => countSubtrees(db), ['org', 'person']);
}

async function countSubtrees(db: Db | Trx): Promise<Map<number, { all: number; full: number }>> {
  const direct = await repo.memberCountsByPath(db);
  const out = new Map<number, { all: number; full: number }>();
  for (const c of direct) {
    for (const idText of c.path.split('/').filter(Boolean)) {
      const id = Number(idText);
      const t = out.get(id) ?? { all: 0, full: 0 };
      t.all += Number(c.n);
      if (c.party_status === 'full') t.full += Number(c.n);
      out.set(id, t);
    }
  }
  return out;
}

/** Orgs within the actor's scope as a flat list for the tree, with member and alert counts. */
export async function listOrgs(
  db: Db,
  actor: Actor,
  query: { q?: string; includeArchived?: string },
): Promise<OrgListItem[]> {
  const q = query.q?.trim();
  const rows = await repo.listOrgRows(db, pathInScope(actor.scope, 'o.path'), {
    includeArchived: query.includeArchived === 'true',
    ...(q ? { q } : {}),
  });
  const [counts, alerts] = await Promise.all([subtreeCounts(db), activeCountsByOrg(db, actor.scope)]);
  return rows.map((o) => presentOrgListItem(o, counts.get(o.id), alerts.get(o.id) ?? 0));
}

async function loadOrgInScope(db: Db | Trx, actor: Actor, id: number): Promise<OrgRow> {
  const org = await repo.findOrg(db, id);
  assertInScope(actor.scope, org?.path);
  return org!;
}

/** One org with its breadcrumb, majors, terms with teams, appointments and the actor's abilities. */
export async function getOrgDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: string,
): Promise<OrgDetail> {
  const org = await loadOrgInScope(db, actor, id);
  const ancestorIds = org.path.split('/').filter(Boolean).map(Number);
  const [names, majors, terms, appointments, counts, alerts] = await Promise.all([
    repo.orgNamesByIds(db, ancestorIds),
    repo.majorsOfOrg(db, id),
    repo.termsOfOrg(db, id),
    repo.appointmentsOfOrg(db, id),
    subtreeCounts(db),
    activeCountsByOrg(db, actor.scope),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const current = terms.find((t) => t.start_date <= today && t.actual_end_date === null) ?? null;
  const alertCount = alerts.get(id) ?? 0;
  return {
    ...presentOrgListItem(org, counts.get(id), alertCount),
    path: ancestorIds.map((aid) => ({ id: aid, name: nameOf.get(aid) ?? '' })),
    foundedOn: org.founded_on,
    majors: majors.map((m) => ({ id: m.id, name: m.name, kind: m.kind })),
    archivedAt: org.archived_at ? new Date(org.archived_at).toISOString() : null,
    archiveReason: org.archive_reason,
    version: org.version,
    terms: terms.map((t) =>
      presentTerm(
        t,
        appointments.filter((a) => a.term_id === t.id),
        current?.id ?? null,
      ),
    ),
    appointments: appointments.filter((a) => a.term_id === null).map(presentAppointment),
    abilities: orgAbilities(actor, org),
  };
}

async function checkReferences(
  db: Trx,
  body: { unitId?: number | null; majorIds?: number[] },
): Promise<void> {
  if (body.unitId != null && (await repo.countExisting(db, 'unit', [body.unitId])) !== 1) {
    throw new AppError('VALIDATION_FAILED', '所属单位：不存在', {
      fields: [{ path: 'unitId', message: '所属单位不存在' }],
    });
  }
  const majorIds = [...new Set(body.majorIds ?? [])];
  if (majorIds.length > 0 && (await repo.countExisting(db, 'major', majorIds)) !== majorIds.length) {
    throw new AppError('VALIDATION_FAILED', '依托专业：包含不存在的专业', {
      fields: [{ path: 'majorIds', message: '包含不存在的专业' }],
    });
  }
}

function snapshot(o: {
  name: string;
  short_name: string | null;
  type: string;
  category: string | null;
  code: string | null;
  unit_id: number | null;
  founded_on: string | null;
  parent_id: number | null;
  sort_order: number;
}) {
  return {
    name: o.name,
    shortName: o.short_name,
    type: o.type,
    category: o.category,
    code: o.code,
    unitId: o.unit_id,
    foundedOn: o.founded_on,
    parentId: o.parent_id,
    sortOrder: o.sort_order,
  };
}

/** Creates an org under a parent of an allowed type, within the actor's scope. */
export async function createOrg(
  trx: Trx,
  actor: Actor,
  body: CreateOrgBody,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const parent = await repo.lockOrg(trx, body.parentId);
  if (!parent || !isPathInScope(actor.scope, parent.path)) {
    throw new AppError('VALIDATION_FAILED', '上级组织：不存在', {
      fields: [{ path: 'parentId', message: '上级组织不存在' }],
    });
  }
  if (parent.archived_at !== null) throw new AppError('RULE_VIOLATION', '上级组织已撤销，不能新建下级组织');
  requireAbility(actor.permissions.has('org:org:create'));
  if (!canContain(parent.type, body.type)) {
    throw new AppError(
      'RULE_VIOLATION',
      `${orgTypeLabels[parent.type]}下不能设立${orgTypeLabels[body.type]}`,
      {
        fields: [
          {
            path: 'type',
            message: `${orgTypeLabels[parent.type]}下不能设立${orgTypeLabels[body.type]}`,
          },
        ],
      },
    );
  }
  await checkReferences(trx, body);
  const id = await repo.insertOrg(trx, {
    parent_id: parent.id,
    parentPath: parent.path,
    parentDepth: parent.depth,
    type: body.type,
    name: body.name,
    short_name: body.shortName ?? null,
    category: body.category ?? null,
    code: body.code || null,
    unit_id: body.unitId ?? null,
    founded_on: body.foundedOn ?? null,
    sort_order: body.sortOrder ?? 0,
    updated_at: now,
  });
  if (body.majorIds) await repo.replaceOrgMajors(trx, id, [...new Set(body.majorIds)]);
  change.targetType = 'org';
  change.targetId = id;
  change.summary = `新建${orgTypeLabels[body.type]}：${body.name}`;
  change.after = { ...body };
  return id;
}

async function lockForChange(
  trx: Trx,
  actor: Actor,
  id: number,
  version: number,
): Promise<NonNullable<Awaited<ReturnType<typeof repo.lockOrg>>>> {
  const org = await repo.lockOrg(trx, id);
  assertInScope(actor.scope, org?.path);
  if (org!.version !== version) throw new AppError('CONFLICT', '该组织已被他人修改，请刷新后重试');
  return org!;
}

/** Edits an org's own fields (not its place in the tree). */
export async function updateOrg(
  trx: Trx,
  actor: Actor,
  id: number,
  body: UpdateOrgBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const org = await lockForChange(trx, actor, id, body.version);
  requireAbility(orgAbilities(actor, org).edit);
  await checkReferences(trx, body);
  const values: Updateable<OrgTable> = {};
  if (body.name !== undefined) values.name = body.name;
  if (body.shortName !== undefined) values.short_name = body.shortName;
  if (body.category !== undefined) values.category = body.category;
  if (body.code !== undefined) values.code = body.code || null;
  if (body.unitId !== undefined) values.unit_id = body.unitId;
  if (body.foundedOn !== undefined) values.founded_on = body.foundedOn;
  if (body.sortOrder !== undefined) values.sort_order = body.sortOrder;
  // Always bump the version, even when only the majors change.
  await repo.updateOrgRow(trx, id, now, values);
  if (body.majorIds !== undefined) await repo.replaceOrgMajors(trx, id, [...new Set(body.majorIds)]);
  const after = await repo.lockOrg(trx, id);
  change.targetType = 'org';
  change.targetId = id;
  change.summary = `修改组织：${org.name}`;
  change.before = snapshot(org);
  change.after = after ? snapshot(after) : null;
}

/** Moves an org (with its subtree) under a new parent of an allowed type. */
export async function moveOrg(
  trx: Trx,
  actor: Actor,
  id: number,
  parentId: number,
  version: number,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const org = await lockForChange(trx, actor, id, version);
  requireAbility(orgAbilities(actor, org).move);
  const parent = await repo.lockOrg(trx, parentId);
  if (!parent || !isPathInScope(actor.scope, parent.path)) {
    throw new AppError('VALIDATION_FAILED', '上级组织：不存在', {
      fields: [{ path: 'parentId', message: '上级组织不存在' }],
    });
  }
  if (parent.path.startsWith(org.path))
    throw new AppError('RULE_VIOLATION', '不能把组织调整到其自身或下级组织之下');
  if (parent.archived_at !== null) throw new AppError('RULE_VIOLATION', '新的上级组织已撤销');
  if (!canContain(parent.type, org.type)) {
    throw new AppError('RULE_VIOLATION', `${orgTypeLabels[parent.type]}下不能设立${orgTypeLabels[org.type]}`);
  }
  if (parent.id === org.parent_id) throw new AppError('RULE_VIOLATION', '新的上级组织与原上级组织相同');
  const newPath = `${parent.path}${org.id}/`;
  await repo.moveSubtree(trx, org.path, newPath, parent.depth + 1 - org.depth);
  await repo.updateOrgRow(trx, id, now, { parent_id: parent.id });
  change.targetType = 'org';
  change.targetId = id;
  change.summary = `调整隶属：${org.name} → ${parent.name}`;
  change.before = { parentId: org.parent_id, path: org.path };
  change.after = { parentId: parent.id, path: newPath };
}

/** Archives (撤销) an org with no active sub-orgs and no active members; nothing is deleted. */
export async function archiveOrg(
  trx: Trx,
  actor: Actor,
  id: number,
  reason: string,
  version: number,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const org = await lockForChange(trx, actor, id, version);
  requireAbility(orgAbilities(actor, org).archive);
  if (org.archived_at !== null) throw new AppError('RULE_VIOLATION', '该组织已撤销');
  const children = await repo.countActiveChildren(trx, id);
  if (children > 0) throw new AppError('RULE_VIOLATION', `该组织还有 ${children} 个下级组织，请先撤销或调整`);
  const members = await repo.countActiveMembersInSubtree(trx, org.path);
  if (members > 0) throw new AppError('RULE_VIOLATION', `该组织还有 ${members} 名党员，请先转移组织关系`);
  await repo.updateOrgRow(trx, id, now, { archived_at: now, archive_reason: reason });
  // The current term ends with the org; its history stays.
  await repo.endOpenTermsOfOrg(trx, id, today);
  await repo.endOpenAppointmentsOfOrg(trx, id, today);
  change.targetType = 'org';
  change.targetId = id;
  change.summary = `撤销组织：${org.name}（${reason}）`;
  change.before = { archived: false };
  change.after = { archived: true, reason };
}

/** Restores an archived org under an active parent. */
export async function restoreOrg(
  trx: Trx,
  actor: Actor,
  id: number,
  version: number,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const org = await lockForChange(trx, actor, id, version);
  requireAbility(orgAbilities(actor, org).archive);
  if (org.archived_at === null) throw new AppError('RULE_VIOLATION', '该组织未撤销');
  if (org.parent_id !== null) {
    const parent = await repo.lockOrg(trx, org.parent_id);
    if (parent?.archived_at !== null)
      throw new AppError('RULE_VIOLATION', '上级组织已撤销，请先恢复上级组织');
  }
  await repo.updateOrgRow(trx, id, now, { archived_at: null, archive_reason: null });
  change.targetType = 'org';
  change.targetId = id;
  change.summary = `恢复组织：${org.name}`;
  change.before = { archived: true, reason: org.archive_reason };
  change.after = { archived: false };
}

async function checkTeam(
  trx: Trx,
  orgPath: string,
  orgType: OrgType,
  teamKind: TeamKind,
  team: { personId: number; post: PostCode }[],
) {
  const people = await repo.peopleWithOrgPath(
    trx,
    team.map((t) => t.personId),
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  const missing = team.filter((t) => !byId.has(t.personId));
  if (missing.length > 0)
    throw new AppError('VALIDATION_FAILED', '班子成员：人员不存在', {
      fields: [{ path: 'team', message: '人员不存在' }],
    });
  const problems = checkTeamComposition(
    teamKind,
    team.map((t) => {
      const p = byId.get(t.personId)!;
      return {
        personId: t.personId,
        name: p.name,
        post: t.post,
        isFullMember: p.party_status === 'full' && p.status === 'active',
        // A 党委's team may come from anywhere in the college; other orgs elect from their own members.
        inOrg: orgType === 'committee' || Boolean(p.org_path?.startsWith(orgPath)),
      };
    }),
  );
  if (problems.length > 0)
    throw new AppError('RULE_VIOLATION', problems.join('；'), {
      fields: problems.map((message) => ({ path: 'team', message })),
    });
}

/**
 * Refuses a 支部委员会 for a branch with fewer 正式党员 on the term's first day than the committee threshold
 * (支部条例 第十八条: 设书记1人，必要时设副书记1人). A committee already in force stays, flagged by the alerts.
 */
async function checkTermTeamKind(
  trx: Trx,
  org: { path: string; type: OrgType },
  teamKind: TeamKind,
  startDate: string,
) {
  if (teamKind !== 'committee') return;
  const settings = await getRuleSettings(trx);
  const full = await repo.fullMembersOn(trx, org.path, startDate);
  const problem = checkTeamKind(org.type, teamKind, full, settings);
  if (problem)
    throw new AppError('RULE_VIOLATION', problem, {
      ruleId: 'branch.committee_not_allowed',
      fields: [{ path: 'teamKind', message: problem }],
    });
}

/** Records a new term (换届): the previous term and its posts end the day before it starts. */
export async function createTerm(
  trx: Trx,
  actor: Actor,
  orgId: number,
  body: CreateTermBody & { team: { personId: number; post: PostCode }[] },
  change: AuditChange,
): Promise<void> {
  const org = await repo.lockOrg(trx, orgId);
  assertInScope(actor.scope, org?.path);
  requireAbility(orgAbilities(actor, org!).editTeam);
  const teamIds = body.team.map((m) => m.personId);
  await requirePeopleInScope(trx, actor, teamIds, 'team', '班子成员');
  const terms = await repo.termsOfOrg(trx, orgId);
  const ordering = checkNewTerm(
    body,
    terms.map((t) => ({ number: t.number, startDate: t.start_date })),
  );
  if (ordering.length > 0)
    throw new AppError('VALIDATION_FAILED', ordering[0]!.message, { fields: ordering });
  const latest = terms.reduce<(typeof terms)[number] | null>(
    (a, t) => (!a || t.start_date > a.start_date ? t : a),
    null,
  );
  await checkTermTeamKind(trx, org!, body.teamKind, body.startDate);
  await checkTeam(trx, org!.path, org!.type, body.teamKind, body.team);
  const endPrev = addDays(body.startDate, -1);
  await repo.endPreviousTerm(trx, orgId, endPrev);
  await repo.endPreviousTermPosts(trx, orgId, endPrev);
  const term = await repo.insertTerm(trx, {
    org_id: orgId,
    number: body.number,
    team_kind: body.teamKind,
    start_date: body.startDate,
    planned_end_date: body.plannedEndDate,
    elected_on: body.electedOn ?? null,
  });
  await repo.insertAppointments(
    trx,
    body.team.map((m) => ({
      person_id: m.personId,
      org_id: orgId,
      term_id: term.id,
      post: m.post,
      start_date: body.startDate,
    })),
  );
  change.targetType = 'term';
  change.targetId = term.id;
  change.summary = `${org!.name}换届：第${body.number}届（${body.startDate} 至 ${body.plannedEndDate}）`;
  change.before = latest
    ? { number: latest.number, startDate: latest.start_date, plannedEndDate: latest.planned_end_date }
    : null;
  change.after = { ...body };
}

/** Records an election request, a postponement or a corrected end date on a term. */
export async function updateTerm(
  trx: Trx,
  actor: Actor,
  termId: number,
  body: UpdateTermBody,
  today: string,
  change: AuditChange,
): Promise<number> {
  const term = await repo.findTerm(trx, termId);
  assertInScope(actor.scope, term?.org_path);
  const org = await repo.lockOrg(trx, term!.org_id);
  requireAbility(orgAbilities(actor, org!).editTeam);
  if (term!.version !== body.version) throw new AppError('CONFLICT', '该届次已被他人修改，请刷新后重试');
  const next = {
    planned_end_date: body.plannedEndDate ?? term!.planned_end_date,
    election_requested_on:
      body.electionRequestedOn === undefined ? term!.election_requested_on : body.electionRequestedOn,
    postponed_to: body.postponedTo === undefined ? term!.postponed_to : body.postponedTo,
    postponement_approved_on:
      body.postponementApprovedOn === undefined
        ? term!.postponement_approved_on
        : body.postponementApprovedOn,
    team_kind: body.teamKind ?? term!.team_kind,
  };
  const problems = checkTermRecord(
    {
      startDate: term!.start_date,
      plannedEndDate: next.planned_end_date,
      electionRequestedOn: next.election_requested_on,
      postponedTo: next.postponed_to,
      postponementApprovedOn: next.postponement_approved_on,
    },
    today,
  );
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: problems });
  if (next.team_kind !== term!.team_kind)
    await checkTermTeamKind(trx, org!, next.team_kind, term!.start_date);
  await repo.updateTermRow(trx, termId, next);
  change.targetType = 'term';
  change.targetId = termId;
  change.summary = `修改届次：${org!.name}第${term!.number}届`;
  change.before = {
    plannedEndDate: term!.planned_end_date,
    electionRequestedOn: term!.election_requested_on,
    postponedTo: term!.postponed_to,
    postponementApprovedOn: term!.postponement_approved_on,
    teamKind: term!.team_kind,
  };
  change.after = {
    plannedEndDate: next.planned_end_date,
    electionRequestedOn: next.election_requested_on,
    postponedTo: next.postponed_to,
    postponementApprovedOn: next.postponement_approved_on,
    teamKind: next.team_kind,
  };
  return term!.org_id;
}

/** Appoints a person to a post: a team post within a term, or 组织员 / 党小组长 outside terms. */
export async function createAppointment(
  trx: Trx,
  actor: Actor,
  orgId: number,
  body: CreateAppointmentBody & { termId: number | null },
  change: AuditChange,
): Promise<void> {
  const org = await repo.lockOrg(trx, orgId);
  assertInScope(actor.scope, org?.path);
  requireAbility(
    orgAbilities(actor, org!).editTeam ||
      (org!.type === 'group' && actor.permissions.has('org:team:edit') && org!.archived_at === null),
  );
  await requirePeopleInScope(trx, actor, [body.personId], 'personId', '人员');
  const isTeamPost = (teamPosts as readonly string[]).includes(body.post);
  const fail = (path: string, message: string) => {
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
  };
  if (isTeamPost) {
    if (body.termId === null) fail('termId', `届次：“${postLabels[body.post]}”是班子职务，须指定届次`);
    const term = await repo.findTerm(trx, body.termId!);
    if (!term || term.org_id !== orgId) fail('termId', '届次：不属于该组织');
    if (term!.actual_end_date !== null) fail('termId', '届次：该届已结束');
    if (body.startDate < term!.start_date) fail('startDate', '开始日期：不能早于本届开始日期');
    const current = await repo.openPostsOfTerm(trx, body.termId!);
    await checkTeam(trx, org!.path, org!.type, term!.team_kind, [
      ...current.map((a) => ({ personId: a.person_id, post: a.post })),
      { personId: body.personId, post: body.post },
    ]);
  } else {
    if (body.termId !== null) fail('termId', `届次：“${postLabels[body.post]}”不属于届次班子`);
    const misplaced = checkPostPlacement(body.post, org!.type);
    if (misplaced) fail('post', misplaced);
    const people = await repo.peopleWithOrgPath(trx, [body.personId]);
    const p = people[0];
    if (p?.status !== 'active') fail('personId', '人员：不存在');
    if (p!.party_status !== 'full') fail('personId', `人员：${p!.name}不是正式党员`);
    const dup = await repo.findOpenAppointment(trx, orgId, body.post, body.personId);
    if (dup) fail('personId', `人员：${p!.name}已担任该职务`);
  }
  const row = await repo.insertAppointment(trx, {
    person_id: body.personId,
    org_id: orgId,
    term_id: body.termId,
    post: body.post,
    start_date: body.startDate,
  });
  change.targetType = 'appointment';
  change.targetId = row.id;
  change.summary = `${org!.name}任命${postLabels[body.post]}`;
  change.after = { ...body, orgId };
}

/** Ends a post on a date (免职); the record stays as history. */
export async function endAppointment(
  trx: Trx,
  actor: Actor,
  id: number,
  endDate: string,
  change: AuditChange,
): Promise<number> {
  const a = await repo.findAppointment(trx, id);
  assertInScope(actor.scope, a?.org_path);
  const org = await repo.lockOrg(trx, a!.org_id);
  requireAbility(actor.permissions.has('org:team:edit') && org!.archived_at === null);
  if (a!.end_date !== null) throw new AppError('RULE_VIOLATION', '该职务已结束');
  if (endDate < a!.start_date)
    throw new AppError('VALIDATION_FAILED', '结束日期：不能早于任职开始日期', {
      fields: [{ path: 'endDate', message: '不能早于任职开始日期' }],
    });
  await repo.endAppointmentRow(trx, id, endDate);
  change.targetType = 'appointment';
  change.targetId = id;
  change.summary = `${org!.name}免去${postLabels[a!.post] ?? a!.post}`;
  change.before = { endDate: null };
  change.after = { endDate };
  return a!.org_id;
}

/** Orgs for the global search, by name, short name or code: the hit says the org's type and where it sits. */
export async function searchOrgs(db: Db, actor: Actor, s: SearchText, page: SearchPage): Promise<SearchHits> {
  const where = pathInScope(actor.scope, 'o.path');
  const { total, rows } = await pageOfHits((p) => repo.searchOrgRows(db, where, s, p), page);
  return {
    total,
    items: rows.map((r) => ({
      kind: 'org',
      id: r.id,
      title: r.name,
      subtitle: [
        trailText(r.trail.slice(0, -1), true),
        orgTypeLabels[r.type],
        r.archived_at ? '已撤销' : null,
      ]
        .filter(Boolean)
        .join(' · '),
      link: `/orgs/${r.id}`,
    })),
  };
}

/** A term (届次) as another module links it (a rectification's evidence) and checks its scope. */
export interface LinkedTerm {
  id: number;
  number: number;
  startDate: string;
  org: { id: number; name: string; path: string };
}

/** Terms by id (those that exist), for another module's links; scope is the caller's check. */
export async function linkedTerms(db: Db | Trx, ids: readonly number[]): Promise<Map<number, LinkedTerm>> {
  const rows = await repo.linkedTerms(db, ids);
  return new Map(
    rows.map((t) => [
      t.id,
      {
        id: t.id,
        number: t.number,
        startDate: t.start_date,
        org: { id: t.org_id, name: t.org_name, path: t.path },
      },
    ]),
  );
}

/** The orgs of an assessment round and the term metrics (a provider of the assessment module). */
export { computeTermMetrics, metricOrgsOf, termMetricKeys } from './metrics.ts';

/** A post held on a day (述职评议 reads the secretaries and committee members through this). */
export interface TeamPost {
  orgId: number;
  personId: number;
  personName: string;
  post: PostCode;
}

/** The people holding a post in each of `orgIds` on `day`, from the org terms and appointments. */
export async function teamsOn(db: Db | Trx, orgIds: readonly number[], day: IsoDate): Promise<TeamPost[]> {
  return (await repo.teamsOn(db, orgIds, day)).map((r) => ({
    orgId: r.org_id,
    personId: r.person_id,
    personName: r.person_name,
    post: r.post,
  }));
}

/** A post a person held in a period (training classes and party-work incentives read these). */
export interface PostHeld {
  personId: number;
  personName: string;
  org: { id: number; name: string; type: OrgType; path: string };
  post: PostCode;
  startDate: string;
  endDate: string | null;
  /** The first day the person ever held this post (a new secretary's first term starts here). */
  firstDayInPost: string;
}

/**
 * The posts of `posts` held at some time from `from` to `to`, by anyone (or the given people), from the
 * appointments of the org terms; scope is the caller's (each row names its org's path).
 */
export async function postsHeldBetween(
  db: Db | Trx,
  q: { personIds?: readonly number[]; posts: readonly PostCode[]; from: string; to: string },
): Promise<PostHeld[]> {
  const rows = await repo.postsHeldBetween(db, q);
  const firsts = new Map<string, string>();
  for (const post of new Set(rows.map((r) => r.post)))
    for (const f of await repo.firstDaysInPost(
      db,
      [...new Set(rows.filter((r) => r.post === post).map((r) => r.person_id))],
      post,
    ))
      firsts.set(`${f.person_id}:${post}`, String(f.first_day));
  return rows.map((r) => ({
    personId: r.person_id,
    personName: r.person_name,
    org: { id: r.org_id, name: r.org_name, type: r.org_type, path: r.path },
    post: r.post,
    startDate: r.start_date,
    endDate: r.end_date,
    firstDayInPost: firsts.get(`${r.person_id}:${r.post}`) ?? r.start_date,
  }));
}
