import { randomBytes } from 'node:crypto';
import {
  type ActivityAbilities,
  type ActivityDetail,
  type ActivityKind,
  type ActivityListQuery,
  type ActivityPage,
  type ActivityStatus,
  type ActivityTransition,
  AppError,
  type AttendanceStatus,
  type AttendeeRole,
  activityKindLabels,
  type activityListQuery,
  activityReadOnlyMessage,
  activityStatusLabels,
  activityTransitionLabels,
  allowedActivityActions,
  applyActivityTransition,
  type CreateActivity,
  canHoldActivity,
  checkCommitteeQuorum,
  checkQuorum,
  checkResolutionOutcome,
  decideMotion,
  entitledVoters,
  type guestsBody,
  type InviteeList,
  type IsoDate,
  isActivityOpen,
  type LeaveStatus,
  type leaveDecisionBody,
  type markAttendanceBody,
  moreThanHalfOf,
  type OrgType,
  type PartyStatus,
  type resolutionsBody,
  type SearchHits,
  type SignInCodeResponse,
  toLocalDate,
  type UpdateActivity,
  type VoteSummary,
  votingKinds,
} from '@dangjian/core';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { ActivityTable } from '../../db/schema.ts';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import {
  assertInScope,
  isPathInScope,
  pathInScope,
  requirePeopleInScope,
  subtreePathInScope,
} from '../../http/scope.ts';
import { pageOfHits, type SearchPage, type SearchText } from '../../http/search.ts';
import { notify, secretariesOf, usersOfPeople } from '../notifications/service.ts';
import { computeInvitees, guestsOn, type Invitee, leaderPostsOn, talkInvitees } from './invitees.ts';
import { presentAttendee, presentDetail, presentListItem } from './presenter.ts';
import * as repo from './repo.ts';
import { currentCode, forgetSignInState } from './sign-in.ts';

type Row = repo.ActivityRow;

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** True when the actor reviews from above: the 组织部 (scope all) or a subtree strictly containing the org. */
export function reviewsFromAbove(actor: Actor, orgPath: string): boolean {
  if (!actor.permissions.has('life:activity:review')) return false;
  if (actor.scope.kind === 'all') return true;
  if (actor.scope.kind === 'self') return false;
  return actor.scope.paths.some((p) => orgPath.startsWith(p) && orgPath !== p);
}

/** What the actor may do with the record (core's lifecycle); the UI shows buttons from these. */
export function activityAbilities(
  actor: Actor,
  a: { status: ActivityStatus; sign_in_open: boolean; org_path: string },
  mine: { status: AttendanceStatus; leave_status: LeaveStatus | null } | undefined,
  hasUnansweredReview: boolean,
): ActivityAbilities {
  return allowedActivityActions(
    { status: a.status, signInOpen: a.sign_in_open },
    {
      mayEdit: actor.permissions.has('life:activity:edit') && isPathInScope(actor.scope, a.org_path),
      reviewsFromAbove: reviewsFromAbove(actor, a.org_path),
      hasUnansweredReview,
      mine: mine ? { status: mine.status, leaveStatus: mine.leave_status } : null,
    },
  );
}

/** The record if its org is in the actor's scope; 404 otherwise, as for a missing one. */
export async function loadInScope(db: Db | Trx, actor: Actor, id: number): Promise<Row> {
  const a = await repo.findActivity(db, id);
  assertInScope(actor.scope, a?.org_path);
  return a!;
}

/** Locks the record for a change, checks scope, that it is still open and (when given) the version. */
async function loadForChange(trx: Trx, actor: Actor, id: number, version?: number): Promise<Row> {
  if (!(await repo.lockActivity(trx, id))) throw new AppError('NOT_FOUND');
  const a = await loadInScope(trx, actor, id);
  if (!isActivityOpen(a.status)) throw new AppError('CONFLICT', activityReadOnlyMessage(a.status));
  if (version !== undefined && a.version !== version)
    throw new AppError('CONFLICT', '该活动记录已被他人修改，请刷新后重试');
  return a;
}

async function bumpVersion(trx: Trx, id: number, now: Date): Promise<void> {
  await repo.bumpActivityVersion(trx, id, now);
}

/** Voting picture of a general meeting or 支委会 (支部条例 第十一、十二条); null for other kinds. */
function voteSummaryOf(
  kind: string,
  attendees: {
    personId: number;
    partyStatus: PartyStatus | null;
    status: AttendanceStatus;
    role: AttendeeRole;
  }[],
): VoteSummary | null {
  if (!(votingKinds as readonly string[]).includes(kind)) return null;
  if (kind === 'committee_meeting') {
    const members = attendees.filter((x) => x.role !== 'guest');
    const present = members.filter((x) => x.status === 'present').length;
    const q = checkCommitteeQuorum({ members: members.length, present });
    return {
      entitled: members.length,
      presentEntitled: present,
      quorumReached: q.quorumReached,
      neededToPass: moreThanHalfOf(members.length),
    };
  }
  const v = entitledVoters(
    attendees.map((x) => ({
      personId: x.personId,
      partyStatus: x.partyStatus ?? 'probationary',
      status: x.status,
      role: x.role,
    })),
  );
  return {
    entitled: v.entitled,
    presentEntitled: v.presentEntitled,
    quorumReached: checkQuorum(v).quorumReached,
    neededToPass: moreThanHalfOf(v.entitled),
  };
}

/** One record with attendees, resolutions, files, reviews, vote summary and the actor's abilities. */
export async function getActivityDetail(db: Db | Trx, actor: Actor, id: number): Promise<ActivityDetail> {
  const a = await loadInScope(db, actor, id);
  const [rows, resolutions, attachments, reviews] = await Promise.all([
    repo.attendeesOf(db, id),
    repo.resolutionsOf(db, id),
    repo.attachmentsOf(db, id),
    repo.reviewsOf(db, id),
  ]);
  const posts = await leaderPostsOn(
    db,
    rows.map((r) => r.person_id),
    a.on_date,
  );
  const attendees = rows.map((r) => presentAttendee(r, posts.get(r.person_id) ?? []));
  const mine = rows.find((r) => r.person_id === actor.personId);
  const latest = reviews.at(-1);
  return presentDetail(a, {
    attendees,
    resolutions,
    attachments,
    reviews,
    votes: voteSummaryOf(a.kind, attendees),
    abilities: activityAbilities(
      actor,
      a,
      mine,
      reviews.some((r) => r.response === null),
    ),
    rating: latest?.rating ?? null,
  });
}

/** Records in the actor's scope, filtered and paged, newest first. */
export async function listActivities(
  db: Db,
  actor: Actor,
  query: z.output<typeof activityListQuery>,
): Promise<ActivityPage> {
  const { rows, total } = await repo.listActivityRows(
    db,
    {
      scope: pathInScope(actor.scope, 'o.path'),
      subtreePath: query.orgId ? await subtreePathInScope(db, actor, query.orgId) : undefined,
      kind: query.kind,
      status: query.status,
      from: query.from,
      to: query.to,
      q: query.q || undefined,
      reviewed: query.reviewed === undefined ? undefined : query.reviewed === 'true',
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map(presentListItem), total, page: query.page, pageSize: query.pageSize };
}

export type { ActivityListQuery };

/** An org the actor may hold an activity of `kind` for. */
async function holdingOrg(db: Db | Trx, actor: Actor, orgId: number, kind: ActivityKind) {
  const org = await repo.findOrg(db, orgId);
  if (!org || !isPathInScope(actor.scope, org.path))
    throw fieldError('orgId', '党组织：不存在或不在您的管理范围内');
  if (org.archived_at !== null) throw fieldError('orgId', `党组织：${org.name}已撤销，不能再记录组织生活`);
  if (!canHoldActivity(org.type, kind))
    throw fieldError('orgId', `党组织：${org.name}不能召开${activityKindLabels[kind]}`);
  return org;
}

/** Who would be expected: the form's preview of the attendee list. */
export async function previewInvitees(
  db: Db,
  actor: Actor,
  q: { orgId: number; kind: ActivityKind; date: string },
): Promise<InviteeList> {
  const org = await holdingOrg(db, actor, q.orgId, q.kind);
  const items = await computeInvitees(db, org, q.kind, q.date);
  return {
    items: items.map(({ personId, name, role, partyStatus, leaderPosts }) => ({
      personId,
      name,
      role,
      partyStatus,
      leaderPosts,
    })),
  };
}

const personLabels = {
  hostPersonId: '主持人',
  recorderPersonId: '记录人',
  partnerPersonId: '谈话对象',
} as const;

/** Host, recorder and partner must be active people in the actor's scope. */
async function checkPeople(
  db: Db | Trx,
  actor: Actor,
  people: Partial<Record<keyof typeof personLabels, number | null>>,
): Promise<void> {
  for (const key of Object.keys(personLabels) as (keyof typeof personLabels)[]) {
    const id = people[key];
    if (id === undefined || id === null) continue;
    const p = await repo.findPerson(db, id);
    if (!p?.org_path || !isPathInScope(actor.scope, p.org_path))
      throw fieldError(key, `${personLabels[key]}：不存在或不在您的管理范围内`);
    if (p.status !== 'active') throw fieldError(key, `${personLabels[key]}：${p.name}已不在在册名单中`);
  }
}

/** A 谈心谈话 needs two different people and a topic. */
function checkTalk(v: { hostPersonId: number | null; partnerPersonId: number | null; topic: string | null }) {
  if (v.hostPersonId === null) throw fieldError('hostPersonId', '主持人：谈心谈话须填写谈话人');
  if (v.partnerPersonId === null) throw fieldError('partnerPersonId', '谈话对象：谈心谈话须填写谈话对象');
  if (v.partnerPersonId === v.hostPersonId) throw fieldError('partnerPersonId', '谈话对象：不能与谈话人相同');
  if (v.topic === null) throw fieldError('topic', '谈话主题：谈心谈话须填写谈话主题');
}

function checkTimes(startsAt: Date, endsAt: Date | null): void {
  if (endsAt !== null && endsAt < startsAt) throw fieldError('endsAt', '结束时间：不能早于开始时间');
}

/** Active people by id (guests), in one query; the first unknown or departed one is refused by its index. */
async function guestInvitees(
  db: Db | Trx,
  actor: Actor,
  ids: number[],
  day: string,
  path: string,
): Promise<Invitee[]> {
  // 列席人员 come from the caller's scope like every other id; a foreign one answers like a missing one.
  await requirePeopleInScope(db, actor, ids, path, '列席人员');
  const found = await guestsOn(db, ids, day);
  return ids.map((id, i) => {
    const g = found.get(id);
    if (!g) throw fieldError(`${path}.${i}`, `列席人员第${i + 1}项：不存在或已不在在册名单中`);
    return g;
  });
}

/** The attendee list on the day: computed from the org (or the two people of a talk), plus guests. */
async function attendeesFor(
  db: Db | Trx,
  org: { id: number; type: OrgType; path: string },
  kind: ActivityKind,
  day: string,
  talk: { host: number | null; partner: number | null },
): Promise<Invitee[]> {
  if (kind === 'talk') return talkInvitees(db, talk.host!, talk.partner!, day);
  return computeInvitees(db, org, kind, day);
}

/** Plans a record; returns its id. */
export async function createActivity(
  trx: Trx,
  actor: Actor,
  body: CreateActivity,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const org = await holdingOrg(trx, actor, body.orgId, body.kind);
  await checkPeople(trx, actor, body);
  if (body.kind === 'talk') checkTalk(body);
  const startsAt = new Date(body.startsAt);
  const endsAt = body.endsAt === null ? null : new Date(body.endsAt);
  checkTimes(startsAt, endsAt);
  const day = toLocalDate(startsAt);
  const list = await attendeesFor(trx, org, body.kind, day, {
    host: body.hostPersonId,
    partner: body.partnerPersonId,
  });
  const onList = new Set(list.map((p) => p.personId));
  const guests = (await guestInvitees(trx, actor, body.guestIds, day, 'guestIds')).filter((g) => {
    if (onList.has(g.personId)) return false;
    onList.add(g.personId);
    return true;
  });
  const row = await repo.insertActivity(trx, {
    org_id: org.id,
    kind: body.kind,
    title: body.title,
    status: 'planned',
    starts_at: startsAt,
    ends_at: endsAt,
    on_date: day,
    place: body.place,
    host_person_id: body.hostPersonId,
    recorder_person_id: body.recorderPersonId,
    speaker: body.speaker,
    partner_person_id: body.partnerPersonId,
    topic: body.topic,
    agenda: JSON.stringify(body.agenda),
    has_first_topic: body.agenda.some((i) => i.isFirstTopic),
    segments: JSON.stringify(body.segments),
    notice: body.notice,
    check_lat: body.placeCheck?.lat ?? null,
    check_lng: body.placeCheck?.lng ?? null,
    check_radius_m: body.placeCheck?.radiusM ?? null,
    sign_in_secret: randomBytes(32).toString('base64url'),
    created_by: actor.userId,
    updated_at: now,
  });
  await repo.insertAttendees(trx, row.id, [...list, ...guests]);
  change.targetType = 'activity';
  change.targetId = row.id;
  change.summary = `计划${org.name}${activityKindLabels[body.kind]}“${body.title}”（${day}，应到 ${list.length} 人）`;
  change.after = {
    orgId: org.id,
    kind: body.kind,
    title: body.title,
    startsAt: body.startsAt,
    expected: list.length,
  };
  return row.id;
}

/** Changes plan fields, minutes or summary; a new date before the meeting recomputes the list. */
export async function updateActivity(
  trx: Trx,
  actor: Actor,
  id: number,
  body: UpdateActivity,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const a = await loadForChange(trx, actor, id, body.version);
  const kind = a.kind;
  const merged = {
    hostPersonId: body.hostPersonId !== undefined ? body.hostPersonId : a.host_person_id,
    partnerPersonId: body.partnerPersonId !== undefined ? body.partnerPersonId : a.partner_person_id,
    topic: body.topic !== undefined ? body.topic : a.topic,
  };
  await checkPeople(trx, actor, body);
  if (kind === 'talk') checkTalk(merged);
  const startsAt = body.startsAt ? new Date(body.startsAt) : new Date(a.starts_at);
  const endsAt =
    body.endsAt !== undefined
      ? body.endsAt === null
        ? null
        : new Date(body.endsAt)
      : a.ends_at === null
        ? null
        : new Date(a.ends_at);
  checkTimes(startsAt, endsAt);
  const day = toLocalDate(startsAt);
  const set: Updateable<ActivityTable> = {};
  const put = <K extends keyof Updateable<ActivityTable>>(
    col: K,
    v: Updateable<ActivityTable>[K] | undefined,
  ) => {
    if (v !== undefined) set[col] = v;
  };
  put('title', body.title);
  put('place', body.place);
  put('host_person_id', body.hostPersonId);
  put('recorder_person_id', body.recorderPersonId);
  put('speaker', body.speaker);
  put('partner_person_id', body.partnerPersonId);
  put('topic', body.topic);
  put('notice', body.notice);
  put('minutes', body.minutes);
  put('summary', body.summary);
  if (body.startsAt) {
    set.starts_at = startsAt;
    set.on_date = day;
  }
  if (body.endsAt !== undefined) set.ends_at = endsAt;
  if (body.agenda) {
    set.agenda = JSON.stringify(body.agenda);
    set.has_first_topic = body.agenda.some((i) => i.isFirstTopic);
  }
  if (body.segments) set.segments = JSON.stringify(body.segments);
  if (body.placeCheck !== undefined) {
    set.check_lat = body.placeCheck?.lat ?? null;
    set.check_lng = body.placeCheck?.lng ?? null;
    set.check_radius_m = body.placeCheck?.radiusM ?? null;
  }
  const recompute =
    a.status !== 'held' &&
    ((body.startsAt !== undefined && day !== a.on_date) ||
      (kind === 'talk' && (body.hostPersonId !== undefined || body.partnerPersonId !== undefined)));
  if (a.status === 'held' && body.startsAt && day !== a.on_date)
    throw fieldError('startsAt', '开始时间：活动已开始，不能改到另一天');
  await repo.updateActivityRow(trx, id, { ...set, updated_at: now, version: a.version + 1 });
  let listNote = '';
  if (recompute) {
    const org = { id: a.org_id, type: a.org_type, path: a.org_path };
    const list = await attendeesFor(trx, org, kind, day, {
      host: merged.hostPersonId,
      partner: merged.partnerPersonId,
    });
    const current = await repo.attendeesOf(trx, id);
    const keep = new Set(list.map((p) => p.personId));
    const gone = current.filter((c) => c.role !== 'guest' && !keep.has(c.person_id)).map((c) => c.person_id);
    if (gone.length > 0) await repo.deleteAttendees(trx, id, gone);
    const have = new Set(current.map((c) => c.person_id));
    const added = list.filter((p) => !have.has(p.personId));
    await repo.insertAttendees(trx, id, added);
    listNote = `；参会名单按 ${day} 重新计算（新增 ${added.length} 人，移除 ${gone.length} 人）`;
  }
  forgetSignInState(id);
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `修改${activityKindLabels[kind]}“${a.title}”${listNote}`;
  change.after = { fields: Object.keys(body).filter((k) => k !== 'version') };
}

const attendeeFacts = (r: repo.AttendeeRow) => ({
  personId: r.person_id,
  partyStatus: r.party_status,
  status: r.status,
  role: r.role,
});

/** Marks the host and the recorder present when the meeting starts (they are there to run it). */
async function markPresentAtStart(trx: Trx, a: repo.ActivityRow, actor: Actor, now: Date): Promise<void> {
  const roles = [
    [a.host_person_id, '主持人'],
    [a.recorder_person_id, '记录人'],
  ] as const;
  for (const [personId, role] of roles) {
    if (personId === null) continue;
    const row = await repo.lockAttendee(trx, a.id, personId);
    if (row?.status !== 'expected') continue;
    await repo.updateAttendee(trx, a.id, personId, {
      status: 'present',
      signed_in_at: now,
      sign_in_method: 'manual',
      manual_reason: `${role}，开始会议时登记出席`,
      marked_by: actor.userId,
    });
  }
}

/** Tells everyone on the list (and the org's group robots) that the notice is out. */
async function notifyPublished(trx: Trx, a: repo.ActivityRow, rows: repo.AttendeeRow[], now: Date) {
  const when = formatShanghai(new Date(a.starts_at));
  await notify(
    trx,
    {
      kind: 'activity.published',
      key: `activity.published:${a.id}`,
      userIds: await usersOfPeople(
        trx,
        rows.map((r) => r.person_id),
      ),
      title: `活动通知：${a.title}`,
      body: `${a.org_name}${activityKindLabels[a.kind]}，${when}${a.place ? `，${a.place}` : ''}。${a.notice ?? ''}`.slice(
        0,
        500,
      ),
      link: '/me/activities',
      robotOrgId: a.org_id,
    },
    now,
  );
}

/** 'M月D日 HH:mm' in Asia/Shanghai. */
function formatShanghai(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${hh}:${mm}`;
}

/** One status change (publish, start, close, cancel, stop or reopen sign-in). */
export async function transitionActivity(
  trx: Trx,
  actor: Actor,
  id: number,
  transition: ActivityTransition,
  body: { version: number; reason?: string | undefined },
  now: Date,
  change: AuditChange,
): Promise<void> {
  const a = await loadForChange(trx, actor, id, body.version);
  const before = { status: a.status, signInOpen: a.sign_in_open };
  const rows = transition === 'close' || transition === 'publish' ? await repo.attendeesOf(trx, id) : [];
  const presentCount = rows.filter((r) => r.role !== 'guest' && r.status === 'present').length;
  const result = applyActivityTransition(before, transition, { ...a, reason: body.reason, presentCount });
  if (!result.ok) {
    const v = result.violations[0]!;
    throw v.path === null ? new AppError('CONFLICT', v.message) : fieldError(v.path, v.message);
  }
  const after = result.state;
  // A 党员大会 or 支委会 is held only with more than half of those entitled present (支部条例 第十一条、第十二条).
  const votes = transition === 'close' ? voteSummaryOf(a.kind, rows.map(attendeeFacts)) : null;
  if (after.status === 'closed') await repo.markExpectedAbsent(trx, id);
  await repo.updateActivityRow(trx, id, {
    status: after.status,
    sign_in_open: after.signInOpen,
    ...(transition === 'publish' ? { notice_published_at: now } : {}),
    ...(transition === 'close'
      ? { closed_at: now, closed_by: actor.userId, quorum_met: votes ? votes.quorumReached : null }
      : {}),
    ...(transition === 'cancel' ? { cancel_reason: body.reason ?? null } : {}),
    updated_at: now,
    version: a.version + 1,
  });
  // Whoever hosts and records the meeting is there when it starts (the secretary may correct it).
  if (transition === 'start') await markPresentAtStart(trx, a, actor, now);
  if (transition === 'publish') await notifyPublished(trx, a, rows, now);
  const quorumNote =
    votes && !votes.quorumReached
      ? `；未达到法定人数（应到 ${votes.entitled} 人，到会 ${votes.presentEntitled} 人），不计为已召开`
      : '';
  forgetSignInState(id);
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${activityTransitionLabels[transition]}：${activityKindLabels[a.kind]}“${a.title}”${body.reason ? `（${body.reason}）` : ''}${quorumNote}`;
  change.before = before;
  change.after = after;
}

/** The held record's attendee row of `personId`, or a field error. */
async function attendeeOf(trx: Trx, id: number, personId: number) {
  const row = await repo.lockAttendee(trx, id, personId);
  if (!row) throw fieldError('personId', '人员：不在本次活动的参会名单中');
  return row;
}

/** The secretary marks someone present (补签, with a reason), absent, or back to expected. */
export async function markAttendance(
  trx: Trx,
  actor: Actor,
  id: number,
  body: z.output<typeof markAttendanceBody>,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const a = await loadForChange(trx, actor, id);
  if (a.status !== 'held') throw new AppError('CONFLICT', '只有进行中的活动可以登记出席情况');
  const row = await attendeeOf(trx, id, body.personId);
  if (body.status === 'present') {
    if (!body.reason) throw fieldError('reason', '原因：手工补签须填写原因');
    if (row.status === 'present') throw new AppError('CONFLICT', `${row.name}已签到`);
  }
  const cleared = { signed_in_at: null, sign_in_method: null, manual_reason: null, marked_by: actor.userId };
  await repo.updateAttendee(
    trx,
    id,
    body.personId,
    body.status === 'present'
      ? {
          status: 'present',
          signed_in_at: now,
          sign_in_method: 'manual',
          manual_reason: body.reason!,
          marked_by: actor.userId,
        }
      : { status: body.status, ...cleared },
  );
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${a.title}：${row.name}${{ present: '手工补签', absent: '登记缺席', expected: '恢复为应到' }[body.status]}${body.reason ? `（${body.reason}）` : ''}`;
  change.before = { personId: body.personId, status: row.status, signInMethod: row.sign_in_method };
  change.after = { personId: body.personId, status: body.status };
}

/** Adds or removes invited guests (列席). Only guests can be removed. */
export async function changeGuests(
  trx: Trx,
  actor: Actor,
  id: number,
  body: z.output<typeof guestsBody>,
  change: AuditChange,
): Promise<void> {
  const a = await loadForChange(trx, actor, id);
  const current = await repo.attendeesOf(trx, id);
  const byId = new Map(current.map((c) => [c.person_id, c]));
  for (const [i, pid] of body.remove.entries()) {
    const c = byId.get(pid);
    if (c?.role !== 'guest') throw fieldError(`remove.${i}`, `移除第${i + 1}项：只能移除列席人员`);
  }
  if (body.remove.length > 0) await repo.deleteAttendees(trx, id, body.remove);
  const added = (await guestInvitees(trx, actor, body.add, a.on_date, 'add')).filter(
    (g) => !byId.has(g.personId),
  );
  await repo.insertAttendees(trx, id, added);
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${a.title}：增加列席 ${added.length} 人，移除 ${body.remove.length} 人`;
  change.after = { added: added.map((g) => g.personId), removed: body.remove };
}

/** A member asks for leave for themself (before the record closes). */
export async function requestLeave(
  trx: Trx,
  actor: Actor,
  id: number,
  reason: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  if (actor.personId === null) throw new AppError('NOT_INVITED', '您的账号未关联党员信息');
  if (!(await repo.lockActivity(trx, id))) throw new AppError('NOT_FOUND');
  const row = await repo.ownAttendance(trx, id, actor.personId);
  if (!row) throw new AppError('NOT_FOUND');
  if (!isActivityOpen(row.activity_status)) throw new AppError('CONFLICT', '该活动已归档或已取消，不能请假');
  if (row.status !== 'expected') throw new AppError('CONFLICT', '您已签到或已准假，不能再请假');
  if (row.leave_status === 'requested') throw new AppError('CONFLICT', '请假申请已提交，等待书记批准');
  await repo.updateAttendee(trx, id, actor.personId, {
    leave_status: 'requested',
    leave_reason: reason,
    leave_requested_at: now,
    leave_decided_by: null,
    leave_decided_at: null,
    leave_note: null,
  });
  const a = (await repo.findActivity(trx, id))!;
  const deciders = new Set(await secretariesOf(trx, a.org_id));
  for (const u of await usersOfPeople(
    trx,
    [a.host_person_id].filter((p): p is number => p !== null),
  ))
    deciders.add(u);
  deciders.delete(actor.userId);
  await notify(
    trx,
    {
      kind: 'leave.requested',
      key: `leave.requested:${id}:${actor.personId}:${now.getTime()}`,
      userIds: [...deciders],
      title: `请假申请：${row.title}`,
      body: `${actor.displayName}申请请假：${reason}`,
      link: `/activities/${id}?tab=attendance`,
    },
    now,
  );
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${row.title}：申请请假（${reason}）`;
}

/** The secretary approves (→ 请假) or refuses (stays 应到, with the note) a leave request. */
export async function decideLeave(
  trx: Trx,
  actor: Actor,
  id: number,
  personId: number,
  body: z.output<typeof leaveDecisionBody>,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const a = await loadForChange(trx, actor, id);
  const row = await attendeeOf(trx, id, personId);
  if (row.leave_status !== 'requested' || row.status !== 'expected')
    throw new AppError('CONFLICT', `${row.name}没有待批准的请假申请`);
  await repo.updateAttendee(trx, id, personId, {
    ...(body.approve ? { status: 'leave' as const } : {}),
    leave_status: body.approve ? 'approved' : 'rejected',
    leave_decided_by: actor.userId,
    leave_decided_at: now,
    leave_note: body.note ?? null,
  });
  change.targetType = 'activity';
  change.targetId = id;
  await notify(
    trx,
    {
      kind: 'leave.decided',
      key: `leave.decided:${id}:${personId}:${now.getTime()}`,
      userIds: await usersOfPeople(trx, [personId]),
      title: `请假${body.approve ? '已批准' : '未批准'}：${a.title}`,
      body: `${activityKindLabels[a.kind]}“${a.title}”的请假${body.approve ? '已批准' : '未批准'}${body.note ? `（${body.note}）` : ''}。`,
      link: '/me/activities',
    },
    now,
  );
  change.summary = `${a.title}：${body.approve ? '批准' : '不批准'}${row.name}请假${body.note ? `（${body.note}）` : ''}`;
}

/**
 * Replaces the resolutions of a held meeting. For a vote the server decides quorum and majority
 * (支部条例 第十一条) from the attendance and refuses an outcome that disagrees.
 */
export async function saveResolutions(
  trx: Trx,
  actor: Actor,
  id: number,
  body: z.output<typeof resolutionsBody>,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const a = await loadForChange(trx, actor, id, body.version);
  if (a.status !== 'held') throw new AppError('CONFLICT', '只有进行中的会议可以登记决议');
  const rows = await repo.attendeesOf(trx, id);
  const summary = voteSummaryOf(
    a.kind,
    rows.map((r) => ({
      personId: r.person_id,
      partyStatus: r.party_status,
      status: r.status,
      role: r.role,
    })),
  );
  const values = body.items.map((item, i) => {
    const base = {
      activity_id: id,
      position: i + 1,
      title: item.title,
      content: item.content,
      is_vote: item.isVote,
    };
    if (!item.isVote) {
      if (item.outcome !== 'recorded')
        throw fieldError(`items.${i}.outcome`, `第${i + 1}项决议：不表决的事项结果应为“不表决”`);
      return { ...base, outcome: 'recorded' as const };
    }
    if (!summary)
      throw fieldError(`items.${i}.isVote`, `第${i + 1}项决议：${activityKindLabels[a.kind]}不进行表决`);
    if (item.outcome === 'recorded')
      throw fieldError(`items.${i}.outcome`, `第${i + 1}项决议：表决事项应登记为“通过”或“未通过”`);
    const counts = {
      entitled: summary.entitled,
      presentEntitled: summary.presentEntitled,
      votesFor: item.votesFor,
      votesAgainst: item.votesAgainst,
      abstentions: item.abstentions,
      writtenFor: a.kind === 'committee_meeting' ? 0 : item.writtenFor,
      writtenAgainst: a.kind === 'committee_meeting' ? 0 : item.writtenAgainst,
    };
    if (a.kind === 'committee_meeting' && (item.writtenFor > 0 || item.writtenAgainst > 0))
      throw fieldError(`items.${i}.writtenFor`, `第${i + 1}项决议：支委会不采用书面表决`);
    const problems = checkResolutionOutcome(item.outcome, decideMotion(counts));
    if (problems.length > 0)
      throw new AppError(
        'RESOLUTION_OUTCOME_MISMATCH',
        `第${i + 1}项决议“${item.title}”：${problems[0]}（应到有表决权 ${summary.entitled} 人，到会 ${summary.presentEntitled} 人）`,
        { fields: [{ path: `items.${i}.outcome`, message: problems[0]! }] },
      );
    return {
      ...base,
      entitled: counts.entitled,
      present_entitled: counts.presentEntitled,
      votes_for: counts.votesFor,
      votes_against: counts.votesAgainst,
      abstentions: counts.abstentions,
      written_for: counts.writtenFor,
      written_against: counts.writtenAgainst,
      outcome: item.outcome,
    };
  });
  await repo.replaceResolutions(trx, id, values);
  await bumpVersion(trx, id, now);
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${a.title}：登记决议 ${values.length} 项`;
  change.after = values.map((v) => ({ title: v.title, outcome: v.outcome }));
}

/** The code the meeting screen shows now (only while held with sign-in open). */
export async function signInCodeFor(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
): Promise<SignInCodeResponse> {
  const a = await loadInScope(db, actor, id);
  if (a.status !== 'held' || !a.sign_in_open) throw new AppError('SIGN_IN_CLOSED');
  const rows = await repo.attendanceCounts(db, id);
  return currentCode(a.sign_in_secret, id, now, { present: Number(rows.p), expected: Number(rows.n) });
}

/** 组织生活 records for the global search, by title: the hit says the day, the org, the kind and the state. */
export async function searchActivities(
  db: Db,
  actor: Actor,
  s: SearchText,
  page: SearchPage,
): Promise<SearchHits> {
  const where = pathInScope(actor.scope, 'o.path');
  const { total, rows } = await pageOfHits((p) => repo.searchActivityRows(db, where, s, p), page);
  return {
    total,
    items: rows.map((r) => ({
      kind: 'activity',
      id: r.id,
      title: r.title,
      subtitle: [r.on_date, r.org_name, activityKindLabels[r.kind], activityStatusLabels[r.status]].join(
        ' · ',
      ),
      link: `/activities/${r.id}`,
    })),
  };
}

/** An activity record as another module links it (a rectification's evidence) and checks its scope. */
export interface LinkedActivity {
  id: number;
  title: string;
  kind: ActivityKind;
  status: ActivityStatus;
  onDate: IsoDate;
  /** The path of the org that held it. */
  orgPath: string;
}

/** Activity records by id (those that exist), for another module's links; scope is the caller's check. */
export async function linkedActivities(
  db: Db | Trx,
  ids: readonly number[],
): Promise<Map<number, LinkedActivity>> {
  const rows = await repo.linkedActivities(db, ids);
  return new Map(
    rows.map((a) => [
      a.id,
      { id: a.id, title: a.title, kind: a.kind, status: a.status, onDate: a.on_date, orgPath: a.path },
    ]),
  );
}

/** A closed record a person attended (present), as the training hours read it. */
export interface AttendedRecord {
  personId: number;
  activityId: number;
  kind: ActivityKind;
  title: string;
  onDate: IsoDate;
  orgName: string;
  /** Names of its segments (a 主题党日's 学习 / 交流 / 实做). */
  segmentNames: string[];
}

/** The closed records of `kinds` on days from `from` to `to` that the given people attended; scope is the caller's. */
export async function attendedRecords(
  db: Db | Trx,
  q: { personIds: readonly number[]; kinds: readonly ActivityKind[]; from: IsoDate; to: IsoDate },
): Promise<AttendedRecord[]> {
  const rows = await repo.attendedClosedRecords(db, q.personIds, q.kinds, q.from, q.to);
  return rows.map((r) => ({
    personId: r.person_id,
    activityId: r.id,
    kind: r.kind,
    title: r.title,
    onDate: r.on_date,
    orgName: r.org_name,
    segmentNames: Array.isArray(r.segments)
      ? r.segments.flatMap((s: unknown) =>
          s && typeof s === 'object' && typeof (s as { name?: unknown }).name === 'string'
            ? [(s as { name: string }).name]
            : [],
        )
      : [],
  }));
}
