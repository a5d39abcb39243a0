/**
 * 民主评议党员 (member appraisal) of one branch in one year: 启动 fixes the roll; members write the 个人自评 on the phone;
 * optional 党员互评 (comments seen by the 支委会 only); the 民主测评 is a ballot of the ballots module (items: the full
 * members, choices: the four grades, voters: everyone on the roll, members away on paper); the 支委会 proposes a grade
 * per full member seeing the tally; the 党员大会 decides (its record linked) and each 不合格 opens a 限期改正 plan followed
 * to its outcome. Core decides every step (`applyAppraisalTransition`, `gradeViolations`, `planViolations`,
 * `correctionOutcomeViolations`); this file loads the rows, checks scope, and writes the result with its timeline
 * entry, member timeline events and notifications in the caller's transaction.
 */
import {
  AppError,
  type AppraisalGradeEntry,
  type AppraisalResult,
  type AppraisalRollEntry,
  type AppraisalStatus,
  type AppraisalViolation,
  allowedAppraisalTransitions,
  applyAppraisalTransition,
  appraisalGradeLabels,
  appraisalStatusLabels,
  appraisalTransitionFrom,
  appraisalTransitionLabels,
  type CorrectionPlan,
  type CreateMemberAppraisal,
  correctionOutcomeViolations,
  correctionPlanStatusLabels,
  correctionProposalLabels,
  defaultVotingClose,
  excellentQuota,
  type IsoDate,
  isBranchType,
  isSelfAssessmentOpen,
  type MemberAppraisalDetail,
  type MemberAppraisalItem,
  type MemberAppraisalListQuery,
  type MemberAppraisalTransitionBody,
  type MyAppraisal,
  memberAppraisalFieldLabels,
  type Page,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { isPathInScope, outOfScope, pathInScope, subtreePathInScope } from '../../http/scope.ts';
import { closeBallot, createBallot, getBallotSummary, getTally } from '../ballots/service.ts';
import { recordMemberEvents } from '../members/events.ts';
import { notify, usersOfPeople } from '../notifications/service.ts';
import * as repo from './repo.ts';

type Row = repo.AppraisalRow;
type Q = Db | Trx;

const notFound = () => new AppError('NOT_FOUND', '该民主评议不存在');
const planNotFound = () => new AppError('NOT_FOUND', '该限期改正计划不存在');
const changed = () => new AppError('CONFLICT', '该民主评议已被他人修改，请刷新后重试');
const titleOf = (r: Pick<Row, 'year' | 'org_name'>) => `${r.year}年度${r.org_name}民主评议党员`;

/** The ballot's owner reference (the ballot page links back to the appraisal). */
export const ballotRefOf = (id: number) => `member-appraisal-${id}`;

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** A refusal of core's: the wrong status (409), or what the step still needs (400). */
function refusal(violations: readonly AppraisalViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  return new AppError('VALIDATION_FAILED', violations[0]!.message, {
    fields: violations.map((v) => ({ path: v.path ?? '', message: v.message })),
  });
}

/** The branch's managers (its secretaries, its 总支, the 组织部) run the appraisal. */
function manages(actor: Actor, r: Pick<Row, 'org_path'>): boolean {
  return actor.permissions.has('appraisal:member:manage') && isPathInScope(actor.scope, r.org_path);
}

async function loadInScope(db: Q, actor: Actor, id: number): Promise<Row> {
  const r = await repo.findAppraisal(db, id);
  if (!r || !actor.permissions.has('appraisal:member:view') || !isPathInScope(actor.scope, r.org_path))
    throw notFound();
  return r;
}

async function loadForChange(trx: Trx, actor: Actor, id: number, version?: number): Promise<Row> {
  if (!(await repo.lockAppraisal(trx, id))) throw notFound();
  const r = await loadInScope(trx, actor, id);
  if (!manages(actor, r)) throw new AppError('FORBIDDEN', `民主评议党员由${r.org_name}组织`);
  if (version !== undefined && r.version !== version) throw changed();
  return r;
}

const rollEntries = (rows: readonly repo.RollRow[]): AppraisalRollEntry[] =>
  rows.map((m) => ({ personId: m.person_id, name: m.name, probationary: m.probationary }));

// Reading

function presentItem(r: Row): MemberAppraisalItem {
  return {
    id: r.id,
    org: { id: r.org_id, name: r.org_name },
    year: r.year,
    status: r.status,
    peerReview: r.peer_review,
    startedOn: r.started_on,
    completedOn: r.completed_on,
    rollSize: r.roll_size,
    graded: r.graded,
    selfAssessed: r.self_assessed,
    decided: r.status === 'completed' ? (r.decided ?? {}) : null,
    version: r.version,
  };
}

/** Appraisals of branches in the actor's scope, filtered and paged (newest year first). */
export async function listAppraisals(
  db: Db,
  actor: Actor,
  query: MemberAppraisalListQuery,
): Promise<Page<MemberAppraisalItem>> {
  const { rows, total } = await repo.appraisalPage(
    db,
    {
      inScope: (column) => pathInScope(actor.scope, column),
      subtreePath: query.orgId ? await subtreePathInScope(db, actor, query.orgId) : undefined,
      year: query.year,
      status: query.status,
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map(presentItem), total, page: query.page, pageSize: query.pageSize };
}

function presentPlan(
  p: repo.PlanRow,
  notes: Awaited<ReturnType<typeof repo.notesOf>>,
  today: IsoDate,
): CorrectionPlan {
  return {
    id: p.id,
    appraisalId: p.appraisal_id,
    year: p.year,
    org: { id: p.org_id, name: p.org_name },
    personId: p.person_id,
    personName: p.person_name,
    reason: p.reason,
    openedOn: p.opened_on,
    deadline: p.deadline,
    measures: p.measures,
    contactPersonId: p.contact_person_id,
    contactName: p.contact_name,
    status: p.status,
    overdue: p.status === 'open' && p.deadline < today,
    outcomeNote: p.outcome_note,
    proposal: p.proposal,
    closedOn: p.closed_on,
    notes: notes
      .filter((n) => n.plan_id === p.id)
      .map((n) => ({ onDate: n.on_date, note: n.note, actorName: n.actor_name })),
    version: p.version,
  };
}

/** The 民主测评 votes per member, once the ballot is closed (never before: the ballots service answers null). */
async function votesOf(db: Q, r: Row, now: Date) {
  if (r.ballot_id === null || r.status === 'voting') return null;
  return getTally(db, r.ballot_id, now);
}

/** One appraisal with its roll, 互评 (managers only), tally, plans, timeline and abilities. */
export async function getAppraisalDetail(
  db: Q,
  actor: Actor,
  id: number,
  today: IsoDate,
  now: Date,
): Promise<MemberAppraisalDetail> {
  const r = await loadInScope(db, actor, id);
  const manager = manages(actor, r);
  const [roll, comments, events, plans, summary, tally, meeting] = await Promise.all([
    repo.rollOf(db, id),
    manager ? repo.peerCommentsOf(db, id) : Promise.resolve([]),
    repo.eventsOf(db, id),
    repo.plansOfAppraisal(db, id),
    r.ballot_id === null ? Promise.resolve(null) : getBallotSummary(db, r.ballot_id, now),
    votesOf(db, r, now),
    r.meeting_activity_id === null
      ? Promise.resolve(undefined)
      : repo.meetingRecord(db, r.meeting_activity_id),
  ]);
  const notes = await repo.notesOf(
    db,
    plans.map((p) => p.id),
  );
  const byKey = new Map((tally?.items ?? []).map((i) => [i.key, i]));
  const allowed = allowedAppraisalTransitions({ status: r.status, peerReview: r.peer_review });
  return {
    ...presentItem(r),
    roll: roll.map((m) => {
      const t = byKey.get(`person-${m.person_id}`);
      return {
        personId: m.person_id,
        name: m.name,
        probationary: m.probationary,
        selfAssessment: manager ? m.self_assessment : null,
        selfAssessedAt: m.self_assessed_at?.toISOString() ?? null,
        votes: t && !m.probationary ? { counts: t.counts, abstain: t.abstain } : null,
        proposedGrade: m.proposed_grade,
        proposedReason: m.proposed_reason,
        decidedGrade: m.decided_grade,
        decidedReason: m.decided_reason,
      };
    }),
    peerComments: comments.map((c) => ({
      id: c.id,
      authorName: c.author_name,
      aboutPersonId: c.about_person_id,
      aboutName: c.about_name,
      comment: c.comment,
      at: c.at.toISOString(),
    })),
    ballot: summary
      ? {
          id: summary.id,
          eligible: summary.eligible,
          cast: summary.voted,
          castOnPaper: summary.votedOnPaper,
          closed: summary.status === 'closed' || summary.status === 'published',
        }
      : null,
    excellentMax: excellentQuota(r.graded),
    meetingActivity: meeting ? { id: meeting.id, title: meeting.title, onDate: meeting.on_date } : null,
    plans: plans.map((p) => presentPlan(p, notes, today)),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      actorName: e.actor_name,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
    })),
    abilities: {
      ...Object.fromEntries(Object.entries(allowed).map(([k, v]) => [k, manager && v])),
      managePlans: manager,
    } as MemberAppraisalDetail['abilities'],
  };
}

// 启动

/**
 * POST /api/member-appraisals: 启动 — a branch in scope, one appraisal per year; the roll is the branch's full and
 * probationary members today (with its 党小组). The members are told to write their 个人自评.
 */
export async function createAppraisal(
  trx: Trx,
  actor: Actor,
  body: CreateMemberAppraisal,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const org = await repo.orgOf(trx, body.orgId);
  if (!org || !isPathInScope(actor.scope, org.path))
    throw outOfScope('orgId', memberAppraisalFieldLabels.orgId);
  if (org.archived_at !== null) throw fieldError('orgId', `党支部：${org.name}已撤销`);
  if (!isBranchType(org.type)) throw fieldError('orgId', '党支部：民主评议党员由党支部组织开展');
  const thisYear = Number(today.slice(0, 4));
  if (body.year > thisYear || body.year < thisYear - 1)
    throw fieldError('year', `评议年度：只能启动本年度（${thisYear}）或上一年度的民主评议`);
  const people = await repo.currentRoll(trx, org.id);
  const roll = people.map((p) => ({
    personId: p.id,
    name: p.name,
    probationary: p.party_status === 'probationary',
  }));
  if (!roll.some((p) => !p.probationary))
    throw fieldError('orgId', `党支部：${org.name}没有正式党员，无法开展民主评议`);
  const id = await repo.insertAppraisal(trx, {
    org_id: org.id,
    year: body.year,
    status: 'self_assessment',
    peer_review: body.peerReview,
    started_on: today,
    created_by: actor.userId,
    updated_at: now,
  });
  if (id === 0) throw new AppError('CONFLICT', `${org.name}${body.year}年度的民主评议党员已经启动`);
  await repo.insertRoll(trx, id, roll);
  await event(trx, actor, id, now, {
    kind: 'created',
    to: 'self_assessment',
    note: `参评${roll.length}人（正式党员${roll.filter((p) => !p.probationary).length}人）${body.peerReview ? '，设党员互评' : ''}`,
  });
  const users = (
    await usersOfPeople(
      trx,
      roll.map((p) => p.personId),
    )
  ).filter((u) => u !== actor.userId);
  if (users.length > 0)
    await notify(
      trx,
      {
        kind: 'member_appraisal.opened',
        key: `member_appraisal.opened:${id}`,
        userIds: users,
        title: `${body.year}年度民主评议党员开始`,
        body: `${org.name}开展${body.year}年度民主评议党员，请在手机上填写个人自评。`,
        link: '/me/appraisal',
      },
      now,
    );
  Object.assign(change, {
    targetType: 'member_appraisal',
    targetId: id,
    summary: `启动${body.year}年度民主评议党员：${org.name}（参评${roll.length}人）`,
    after: { orgId: org.id, year: body.year, peerReview: body.peerReview, status: 'self_assessment' },
  });
  return id;
}

// Steps

/** The end of a day in the college's time zone (UTC+8, no daylight saving). */
const endOfDay = (day: IsoDate) => new Date(`${day}T23:59:59+08:00`);

/**
 * POST /api/member-appraisals/{id}/transitions: one step of core's state machine under the row lock. Opening the vote
 * creates the ballot; closing it closes the ballot (if still open) and needs the tally counted; the proposal and the
 * decision write the grades; the decision links the 党员大会 record, opens the 限期改正 plans and puts the grades on
 * the members' timelines.
 */
export async function transitionAppraisal(
  trx: Trx,
  actor: Actor,
  id: number,
  body: MemberAppraisalTransitionBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, id, body.version);
  const t = body.transition;
  const state = { status: r.status, peerReview: r.peer_review };
  const rollRows = await repo.rollOf(trx, id);
  const roll = rollEntries(rollRows);
  const grades: AppraisalGradeEntry[] = (body.grades ?? []).map((g) => ({
    personId: g.personId,
    grade: g.grade,
    reason: g.reason ?? null,
  }));
  // The wrong status first (409, core's words), before looking at anything the step brings.
  if (!(appraisalTransitionFrom[t] as readonly AppraisalStatus[]).includes(r.status)) {
    const wrong = applyAppraisalTransition(state, t, { today, roll });
    if (!wrong.ok) throw refusal(wrong.violations);
  }

  let tallyReady = false;
  let meetingActivityId: number | null = null;
  if (t === 'close_voting' && r.ballot_id !== null) {
    // Closes it now (or stores the close its closesAt made); papers handed in must be counted by both counters.
    await closeBallot(trx, actor, r.ballot_id, now);
    const tally = await getTally(trx, r.ballot_id, now);
    tallyReady = tally !== null && tally.paperPending === 0;
  }
  if (t === 'decide' && body.meetingActivityId !== undefined) {
    const a = await repo.meetingRecord(trx, body.meetingActivityId);
    if (!a || a.org_id !== r.org_id)
      throw outOfScope('meetingActivityId', memberAppraisalFieldLabels.meetingActivityId);
    if (a.kind !== 'general_meeting' && a.kind !== 'member_appraisal')
      throw fieldError('meetingActivityId', '党员大会记录：须为本支部的党员大会或民主评议党员记录');
    if (a.status !== 'held' && a.status !== 'closed')
      throw fieldError('meetingActivityId', '党员大会记录：会议召开后才能据以决定评定等次');
    if (a.on_date < r.started_on)
      throw fieldError(
        'meetingActivityId',
        `党员大会记录：会议日期（${a.on_date}）早于本次民主评议启动日（${r.started_on}）`,
      );
    meetingActivityId = a.id;
  }
  if (t === 'decide' && body.plans) {
    const onRoll = new Map(roll.map((m) => [m.personId, m]));
    for (const p of body.plans) {
      const c = onRoll.get(p.contactPersonId);
      if (!c || c.probationary) throw outOfScope('plans', memberAppraisalFieldLabels.contactPersonId);
    }
  }
  if (t === 'open_voting' && body.votingClosesOn !== undefined && body.votingClosesOn < today)
    throw fieldError('votingClosesOn', '民主测评截止日期：不能早于今天');

  const result = applyAppraisalTransition(state, t, {
    today,
    roll,
    tallyReady,
    grades,
    meetingActivityId,
    plans: body.plans,
    reason: body.reason,
  });
  if (!result.ok) throw refusal(result.violations);
  const next = result.state.status;

  const patch: Parameters<typeof repo.updateAppraisal>[3] = { status: next, updated_at: now };
  let note: string | null = body.reason?.trim() || null;
  if (t === 'open_voting') {
    const closesOn = body.votingClosesOn ?? defaultVotingClose(today);
    const ballot = await createBallot(trx, actor, {
      purpose: 'member_appraisal',
      purposeRef: ballotRefOf(id),
      orgId: r.org_id,
      title: `${titleOf(r)}民主测评`,
      items: roll.filter((m) => !m.probationary).map((m) => ({ key: `person-${m.personId}`, label: m.name })),
      voterPersonIds: roll.map((m) => m.personId),
      opensAt: now,
      closesAt: endOfDay(closesOn),
    });
    patch.ballot_id = ballot.id;
    note = `投票至 ${closesOn}；因故不能到会的党员可书面投票（纸质票）`;
  }
  if (t === 'propose' || t === 'decide') {
    const clean = grades.map((g) => ({
      personId: g.personId,
      grade: g.grade,
      reason: g.reason?.trim() || null,
    }));
    await repo.writeGrades(trx, id, t === 'propose' ? 'proposed' : 'decided', clean);
    const count = (k: string) => clean.filter((g) => g.grade === k).length;
    note = (['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const)
      .map((k) => `${appraisalGradeLabels[k]}${count(k)}人`)
      .join('，');
  }
  if (t === 'decide') {
    patch.completed_on = today;
    patch.meeting_activity_id = meetingActivityId;
    const names = new Map(roll.map((m) => [m.personId, m.name]));
    const reasons = new Map(grades.map((g) => [g.personId, g.reason?.trim() ?? '']));
    const planEvents = [];
    for (const p of body.plans ?? []) {
      const planId = await repo.insertPlan(trx, {
        appraisal_id: id,
        org_id: r.org_id,
        person_id: p.personId,
        reason: reasons.get(p.personId) ?? '',
        opened_on: today,
        deadline: p.deadline,
        measures: p.measures,
        contact_person_id: p.contactPersonId,
        status: 'open',
        updated_at: now,
      });
      planEvents.push({
        personId: p.personId,
        kind: 'correction_plan_opened' as const,
        on: today,
        summary: `${r.year}年度民主评议被评为不合格，限期改正至 ${p.deadline}（帮教联系人 ${names.get(p.contactPersonId) ?? ''}）`,
        details: { appraisalId: id, planId },
      });
    }
    await recordMemberEvents(trx, actor, [
      ...grades.map((g) => ({
        personId: g.personId,
        kind: 'appraisal_graded' as const,
        on: today,
        summary: `${r.year}年度民主评议党员：${appraisalGradeLabels[g.grade]}（${r.org_name}党员大会决定）`,
        details: { appraisalId: id, grade: g.grade },
      })),
      ...planEvents,
    ]);
  }
  if (!(await repo.updateAppraisal(trx, id, r.version, patch))) throw changed();
  await event(trx, actor, id, now, { kind: t, from: r.status, to: next, note });
  Object.assign(change, {
    targetType: 'member_appraisal',
    targetId: id,
    summary: `${appraisalTransitionLabels[t]}：${titleOf(r)}`,
    before: { status: r.status },
    after: {
      transition: t,
      status: next,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(grades.length > 0 ? { grades: grades.map((g) => `${g.personId}:${g.grade}`) } : {}),
      ...(meetingActivityId ? { meetingActivityId } : {}),
      ...(body.plans?.length ? { plans: body.plans.map((p) => `${p.personId}:${p.deadline}`) } : {}),
    },
  });
}

// 我的自评 and 互评

/** 我的自评: the appraisals the caller is on the roll of, this year and last. */
export async function myAppraisals(db: Db, actor: Actor, today: IsoDate): Promise<MyAppraisal[]> {
  if (actor.personId === null) return [];
  const rows = await repo.appraisalsOfPerson(db, actor.personId, Number(today.slice(0, 4)) - 1);
  const out: MyAppraisal[] = [];
  for (const a of rows) {
    const peerOpen = a.status === 'peer_review';
    const [roll, mine] = peerOpen
      ? await Promise.all([repo.rollOf(db, a.id), repo.peerCommentsOf(db, a.id, actor.personId)])
      : [[], []];
    out.push({
      id: a.id,
      orgName: a.org_name,
      year: a.year,
      status: a.status,
      probationary: a.probationary,
      selfAssessment: a.self_assessment,
      selfAssessedAt: a.self_assessed_at?.toISOString() ?? null,
      canWrite: isSelfAssessmentOpen(a.status),
      peers: roll
        .filter((m) => m.person_id !== actor.personId)
        .map((m) => ({ personId: m.person_id, name: m.name })),
      myPeerComments: mine.map((c) => ({ aboutName: c.about_name, comment: c.comment })),
      ballotId: a.ballot_id,
      decidedGrade: a.status === 'completed' ? a.decided_grade : null,
    });
  }
  return out;
}

/** The caller's row on the roll of the appraisal, locked with the appraisal; NOT_FOUND when not on it. */
async function loadOwn(trx: Trx, actor: Actor, id: number) {
  if (actor.personId === null || !(await repo.lockAppraisal(trx, id))) throw notFound();
  const r = await repo.findAppraisal(trx, id);
  const me = (await repo.rollOf(trx, id)).find((m) => m.person_id === actor.personId);
  if (!r || !me) throw notFound();
  return { r, me };
}

/** PUT /api/me/member-appraisals/{id}/self-assessment: the member writes (or rewrites) their 个人自评 while it is open. */
export async function writeSelfAssessment(
  trx: Trx,
  actor: Actor,
  id: number,
  text: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, me } = await loadOwn(trx, actor, id);
  if (!isSelfAssessmentOpen(r.status))
    throw new AppError('CONFLICT', `该民主评议${appraisalStatusLabels[r.status]}，个人自评已截止`);
  await repo.writeSelfAssessment(trx, id, me.person_id, text, now);
  if (me.self_assessment === null)
    await event(trx, actor, id, now, { kind: 'self_assessment', note: `${me.name}提交了个人自评` });
  Object.assign(change, {
    targetType: 'member_appraisal',
    targetId: id,
    summary: `${me.name}填写${titleOf(r)}个人自评`,
    after: { text: `${text.length}字` },
  });
}

/** POST /api/me/member-appraisals/{id}/peer-comments: a 互评 comment about another member on the roll, while 互评 is open. */
export async function addPeerComment(
  trx: Trx,
  actor: Actor,
  id: number,
  body: { aboutPersonId: number; comment: string },
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, me } = await loadOwn(trx, actor, id);
  if (r.status !== 'peer_review')
    throw new AppError('CONFLICT', `该民主评议${appraisalStatusLabels[r.status]}，不在党员互评阶段`);
  const about = (await repo.rollOf(trx, id)).find((m) => m.person_id === body.aboutPersonId);
  if (!about || about.person_id === me.person_id)
    throw outOfScope('aboutPersonId', memberAppraisalFieldLabels.aboutPersonId);
  await repo.upsertPeerComment(trx, {
    appraisal_id: id,
    author_person_id: me.person_id,
    about_person_id: about.person_id,
    comment: body.comment,
    at: now,
  });
  Object.assign(change, {
    targetType: 'member_appraisal',
    targetId: id,
    summary: `${me.name}填写${titleOf(r)}党员互评意见`,
    after: { aboutPersonId: about.person_id },
  });
}

// 限期改正

async function loadPlanForChange(trx: Trx, actor: Actor, planId: number) {
  if (!(await repo.lockPlan(trx, planId))) throw planNotFound();
  const p = await repo.findPlan(trx, planId);
  if (!p || !actor.permissions.has('appraisal:member:view') || !isPathInScope(actor.scope, p.org_path))
    throw planNotFound();
  if (!manages(actor, p)) throw new AppError('FORBIDDEN', `限期改正由${p.org_name}跟进`);
  return p;
}

/** POST /api/member-appraisal-plans/{id}/notes: a progress note while the plan is open. */
export async function addPlanNote(
  trx: Trx,
  actor: Actor,
  planId: number,
  note: string,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const p = await loadPlanForChange(trx, actor, planId);
  if (p.status !== 'open')
    throw new AppError(
      'CONFLICT',
      `该限期改正计划${correctionPlanStatusLabels[p.status]}，不能再记录改正情况`,
    );
  await repo.insertPlanNote(trx, {
    plan_id: planId,
    on_date: today,
    note,
    at: now,
    actor_id: actor.userId,
    actor_name: actor.displayName,
  });
  if (!(await repo.updatePlan(trx, planId, p.version, { updated_at: now }))) throw changed();
  Object.assign(change, {
    targetType: 'member_appraisal_plan',
    targetId: planId,
    summary: `记录限期改正情况：${p.person_name}`,
    after: { note },
  });
  return p.appraisal_id;
}

/**
 * POST /api/member-appraisal-plans/{id}/outcome: the conclusion — 已改正 (recorded), or 仍无转变 with the proposal of
 * 劝其退党 or 除名 (第三十一条) — on the plan and on the member's timeline.
 */
export async function closePlan(
  trx: Trx,
  actor: Actor,
  planId: number,
  body: { outcome: 'corrected' | 'unchanged'; note: string; proposal: 'persuade_withdraw' | 'remove' | null },
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const p = await loadPlanForChange(trx, actor, planId);
  const problems = correctionOutcomeViolations(p.status, body);
  if (problems.length > 0) throw refusal(problems);
  const ok = await repo.updatePlan(trx, planId, p.version, {
    status: body.outcome,
    outcome_note: body.note,
    proposal: body.proposal,
    closed_on: today,
    updated_at: now,
  });
  if (!ok) throw changed();
  const what =
    body.outcome === 'corrected'
      ? '已改正'
      : `仍无转变，党支部提出${correctionProposalLabels[body.proposal!]}的意见`;
  await recordMemberEvents(trx, actor, [
    {
      personId: p.person_id,
      kind: 'correction_plan_closed',
      on: today,
      summary: `限期改正结论：${what}`,
      details: { appraisalId: p.appraisal_id, planId },
    },
  ]);
  Object.assign(change, {
    targetType: 'member_appraisal_plan',
    targetId: planId,
    summary: `限期改正作出结论：${p.person_name}${what}`,
    before: { status: p.status },
    after: { outcome: body.outcome, note: body.note, ...(body.proposal ? { proposal: body.proposal } : {}) },
  });
  return p.appraisal_id;
}

/** Appends one entry to the appraisal's timeline. */
async function event(
  trx: Trx,
  actor: Actor,
  id: number,
  now: Date,
  e: { kind: string; from?: Row['status']; to?: Row['status']; note?: string | null },
): Promise<void> {
  await repo.insertEvent(trx, {
    appraisal_id: id,
    at: now,
    kind: e.kind,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    note: e.note ?? null,
  });
}

// Facts for other modules

/** Per member decided grades of the completed appraisals of these orgs in a year (assessment, cadre reviews, statistics). */
export async function appraisalResultsOf(
  db: Q,
  q: { orgIds: readonly number[] | null; year: number },
): Promise<AppraisalResult[]> {
  return (await repo.decidedGrades(db, q.orgIds, q.year)).map((r) => ({
    appraisalId: r.appraisal_id,
    orgId: r.org_id,
    year: r.year,
    personId: r.person_id,
    grade: r.decided_grade!,
    reason: r.decided_reason,
  }));
}

/**
 * Of these 民主评议党员 records, the ids that stand for a completed appraisal: their branch completed its appraisal of
 * the record's year, or the record is the 党员大会 that decided a completed appraisal (a meeting in January deciding
 * the year before). The compliance module counts only these: the meeting alone is not the appraisal.
 */
export async function recordsOfCompletedAppraisals(
  db: Q,
  records: readonly { id: number; orgId: number; onDate: IsoDate }[],
): Promise<Set<number>> {
  if (records.length === 0) return new Set();
  const done = await repo.completedOf(db, [...new Set(records.map((r) => r.orgId))]);
  const years = new Set(done.map((d) => `${d.org_id}:${d.year}`));
  const meetings = new Set(done.map((d) => d.meeting_activity_id));
  return new Set(
    records
      .filter((r) => meetings.has(r.id) || years.has(`${r.orgId}:${r.onDate.slice(0, 4)}`))
      .map((r) => r.id),
  );
}

/** The assessment metrics of this module (a provider of the assessment module). */
export { appraisalMetricKeys, computeAppraisalMetrics } from './metrics.ts';
