/**
 * 述职评议 (书记抓基层党建述职评议考核): the 党委 reviews its 总支 and 直属支部 secretaries, a 总支 its branch secretaries.
 * A campaign reads its secretaries and the committee members who vote from the org terms (org service `teamsOn`);
 * each secretary writes the 述职报告; the organisers record 答辩 and the leaders' 点评 at the 述职会; the 民主测评 is a
 * ballot of the ballots module (one item per secretary); core's combination rule proposes each grade from the tally
 * and the 党委's evaluation; the organisers set the grades (an override with its reason), 审定 and 公布; the 点评
 * become 整改 items through the rectification module, once. Core decides every step (`applyDutyReviewTransition`).
 */
import {
  AppError,
  applyDutyReviewTransition,
  type CreateDutyReview,
  combineDutyReview,
  type DutyReviewAbilities,
  type DutyReviewDetail,
  type DutyReviewEventKind,
  type DutyReviewGrade,
  type DutyReviewGradeBody,
  type DutyReviewItem,
  type DutyReviewLevel,
  type DutyReviewListQuery,
  type DutyReviewRule,
  type DutyReviewStatus,
  type DutyReviewSubject,
  type DutyReviewTransitionBody,
  type DutyReviewVotes,
  defaultDutyReviewRule,
  defaultReportDueOn,
  describeDutyReviewRule,
  dutyReviewFieldLabels,
  dutyReviewGradeLabels,
  dutyReviewGrades,
  dutyReviewLevelLabels,
  dutyReviewLimits,
  dutyReviewRuleProblems,
  dutyReviewStatusLabels,
  dutyReviewTransitionLabels,
  gradeProblems,
  type IsoDate,
  isGradingOpen,
  isMeetingOpen,
  isReportOpen,
  mayOpenRectifications,
  nextDutyReviewTransition,
  type Page,
  rectificationLimits,
  type TransitionViolation,
} from '@dangjian/core';
import { type Actor, type AuditChange, accountIdOf, type Db, type Trx } from '../../http/context.ts';
import {
  isPathInScope,
  outOfScope,
  pathInScope,
  peopleInScope,
  subtreePathInScope,
} from '../../http/scope.ts';
import { closeBallot, createBallot, getBallotSummary, getTally } from '../ballots/service.ts';
import { notify, secretariesOf, usersOfPeople } from '../notifications/service.ts';
import { teamsOn } from '../org/service.ts';
import { openRectification } from '../rectification/service.ts';
import * as repo from './repo.ts';

const notFound = () => new AppError('NOT_FOUND', '该述职评议不存在');
const subjectNotFound = () => new AppError('NOT_FOUND', '该述职评议中没有这位书记');
const changed = () => new AppError('CONFLICT', '该述职评议已被他人修改，请刷新后重试');
export const dutyReviewLink = (id: number) => `/duty-reviews/${id}`;
const subjectKey = (id: number) => `subject-${id}`;

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

function refusal(violations: readonly TransitionViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  return new AppError('RULE_VIOLATION', violations[0]!.message, {
    fields: violations.map((v) => ({ path: v.path ?? '', message: v.message })),
  });
}

/** The organisers of a campaign: holders of assessment:duty:manage whose scope covers the organising org. */
export function isOrganiser(actor: Actor, r: Pick<repo.ReviewRow, 'org_path'>): boolean {
  return actor.permissions.has('assessment:duty:manage') && isPathInScope(actor.scope, r.org_path);
}

/** The campaign if the actor's scope holds its org or a secretary's org (or the actor is one of them). */
async function loadInScope(db: Db | Trx, actor: Actor, id: number) {
  const r = await repo.findReview(db, id);
  if (!r) throw notFound();
  const subjects = await repo.subjectsOf(db, id);
  const seen =
    isPathInScope(actor.scope, r.org_path) ||
    subjects.some((s) => isPathInScope(actor.scope, s.org_path) || s.person_id === actor.personId);
  if (!seen) throw notFound();
  return { r, subjects };
}

async function loadForChange(trx: Trx, actor: Actor, id: number, version?: number) {
  if (!(await repo.lockReview(trx, id))) throw notFound();
  const found = await loadInScope(trx, actor, id);
  if (version !== undefined && found.r.version !== version) throw changed();
  return found;
}

function requireOrganiser(actor: Actor, r: repo.ReviewRow, what: string): void {
  if (!isOrganiser(actor, r))
    throw new AppError('FORBIDDEN', `${what}由组织述职评议的党组织（${r.org_name}）办理`);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);

// Reading

function presentItem(r: repo.ItemRow | repo.ReviewRow): DutyReviewItem {
  return {
    id: r.id,
    title: r.title,
    year: r.year,
    org: { id: r.org_id, name: r.org_name },
    level: r.level,
    status: r.status,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reportDueOn: r.report_due_on,
    subjects: Number(r.subjects ?? 0),
    reportsSubmitted: Number(r.reports ?? 0),
    graded: Number(r.graded ?? 0),
    ballotId: r.ballot_id,
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
}

/** Campaigns the actor's scope holds, filtered and paged (the latest year first). */
export async function listReviews(
  db: Db,
  actor: Actor,
  query: DutyReviewListQuery,
): Promise<Page<DutyReviewItem>> {
  const { rows, total } = await repo.reviewPage(
    db,
    {
      inScope: (column) => pathInScope(actor.scope, column),
      subtreePath: query.orgId ? await subtreePathInScope(db, actor, query.orgId) : undefined,
      year: query.year,
      status: query.status,
      q: query.q || undefined,
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map(presentItem), total, page: query.page, pageSize: query.pageSize };
}

/** The votes of each secretary's item from a tally (null before the ballot is closed and counted). */
async function votesOf(db: Db | Trx, ballotId: number | null, now: Date) {
  if (ballotId === null) return null;
  const tally = await getTally(db, ballotId, now);
  if (!tally) return null;
  const out = new Map<string, { counts: DutyReviewVotes; abstain: number }>();
  for (const item of tally.items) {
    const counts = Object.fromEntries(
      dutyReviewGrades.map((g) => [g, item.counts[g] ?? 0]),
    ) as DutyReviewVotes;
    out.set(item.key, { counts, abstain: item.abstain });
  }
  return { tally, byKey: out };
}

/** One campaign in the actor's scope: its secretaries, 答辩, 点评, the 测评's progress and tally, the timeline. */
export async function getReviewDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  now: Date,
): Promise<DutyReviewDetail> {
  const { r, subjects } = await loadInScope(db, actor, id);
  const ids = subjects.map((s) => s.id);
  const [questions, comments, events, summary, votes] = await Promise.all([
    repo.questionsOf(db, ids),
    repo.commentsOf(db, ids),
    repo.eventsOf(db, id),
    r.ballot_id !== null ? getBallotSummary(db, r.ballot_id, now) : Promise.resolve(null),
    votesOf(db, r.ballot_id, now),
  ]);
  const organiser = isOrganiser(actor, r);
  const rule = r.rule;
  const presented: DutyReviewSubject[] = subjects.map((s) => {
    const own = actor.personId !== null && s.person_id === actor.personId;
    const v = votes?.byKey.get(subjectKey(s.id)) ?? null;
    const combination = v ? combineDutyReview(rule, v.counts, s.evaluation_score) : null;
    return {
      id: s.id,
      org: { id: s.org_id, name: s.org_name },
      person: { id: s.person_id, name: s.person_name },
      report: s.report_submitted_at !== null || own || organiser ? s.report : null,
      reportSubmittedAt: iso(s.report_submitted_at),
      questions: questions
        .filter((q) => q.subject_id === s.id)
        .map((q) => ({ id: q.id, question: q.question, answer: q.answer, askedAt: iso(q.at)! })),
      comments: comments
        .filter((c) => c.subject_id === s.id)
        .map((c) => ({
          id: c.id,
          authorName: c.author_name,
          content: c.content,
          at: iso(c.at)!,
          rectificationId: c.rectification_id,
        })),
      votes: v,
      evaluationScore: s.evaluation_score,
      computed:
        combination?.ok === true
          ? {
              ballotScore: combination.ballotScore,
              score: combination.score,
              grade: combination.grade,
              bandGrade: combination.bandGrade,
              capped: combination.cappedBy !== null,
            }
          : null,
      computeNote: combination && !combination.ok ? combination.reason : v ? null : '测评结束计票后计算',
      grade: s.grade,
      overrideReason: s.override_reason,
      version: s.version,
      abilities: {
        writeReport:
          own &&
          actor.permissions.has('assessment:duty:report') &&
          isReportOpen(r.status) &&
          s.report_submitted_at === null,
      },
    };
  });
  const next = nextDutyReviewTransition(r.status);
  const abilities: DutyReviewAbilities = {
    manage: organiser,
    transition: organiser ? next : null,
    record: organiser && isMeetingOpen(r.status),
    grade: organiser && isGradingOpen(r.status),
    openRectifications:
      organiser && mayOpenRectifications(r.status) && r.rectified_at === null && comments.length > 0,
  };
  return {
    ...presentItem(r),
    rule,
    ruleText: describeDutyReviewRule(rule),
    voterGroups: {
      committee: r.voter_committee,
      secretaries: r.voter_secretaries,
      representatives: r.representative_ids.length,
    },
    voters: r.voter_person_ids.length,
    ballot: summary
      ? {
          id: summary.id,
          status: summary.status,
          eligible: summary.eligible,
          cast: summary.voted,
          closesAt: summary.closesAt,
        }
      : null,
    rectifiedAt: iso(r.rectified_at),
    subjects: presented,
    events: events.map((e) => ({ at: iso(e.at)!, kind: e.kind, actorName: e.actor_name, note: e.note })),
    abilities,
    createdByName: r.created_by_name,
  };
}

// Launching

/**
 * POST /api/duty-reviews: the organising org (the 党委 for level secondary; the 党委 or a 总支 for level branch) in
 * the actor's scope; the secretaries in office on the first day read from the org terms (an org whose post is
 * vacant is named in the timeline and left out); the roll of voters from the groups chosen. Returns its id.
 */
export async function createReview(
  trx: Trx,
  actor: Actor,
  body: CreateDutyReview,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const org = await repo.findOrg(trx, body.orgId);
  if (!org || !isPathInScope(actor.scope, org.path)) throw outOfScope('orgId', dutyReviewFieldLabels.orgId);
  if (org.archived_at !== null)
    throw fieldError('orgId', `${dutyReviewFieldLabels.orgId}：${org.name}已撤销`);
  if (body.level === 'secondary' && org.type !== 'committee')
    throw fieldError('orgId', '组织述职评议的党组织：党总支、直属党支部书记由党委组织述职评议');
  if (body.level === 'branch' && org.type !== 'committee' && org.type !== 'general_branch')
    throw fieldError('orgId', '组织述职评议的党组织：党支部书记由所在党总支（或党委）组织述职评议');
  const startsOn = body.startsOn ?? `${body.year}-11-01`;
  const endsOn = body.endsOn ?? `${body.year}-12-31`;
  if (endsOn < startsOn) throw fieldError('endsOn', '结束日期：不能早于开始日期');
  if (Number(startsOn.slice(0, 4)) !== body.year && Number(endsOn.slice(0, 4)) !== body.year)
    throw fieldError('startsOn', `开始日期：应在${body.year}年度内`);
  const reportDueOn = body.reportDueOn ?? defaultReportDueOn(startsOn, endsOn, today);
  if (reportDueOn < startsOn || reportDueOn > endsOn)
    throw fieldError('reportDueOn', `述职报告截止日期：应在 ${startsOn} 至 ${endsOn} 之间`);
  if (body.reportDueOn !== undefined && reportDueOn < today)
    throw fieldError('reportDueOn', '述职报告截止日期：不能早于今天');
  const rule: DutyReviewRule = body.rule ?? defaultDutyReviewRule;
  const problems = dutyReviewRuleProblems(rule);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: problems });
  const reps = body.voters.representativeIds;
  const known = await peopleInScope(trx, actor, reps);
  if (reps.some((id) => !known.has(id)))
    throw outOfScope('voters.representativeIds', dutyReviewFieldLabels.representativeIds);

  const orgs = await repo.reviewedOrgs(trx, body.level, org);
  const day = today > startsOn ? today : startsOn;
  const teams = await teamsOn(trx, [...orgs.map((o) => o.id), org.id], today < day ? today : day);
  const secretaryOf = new Map<number, { personId: number; personName: string }>();
  for (const t of teams) if (t.post === 'secretary' && !secretaryOf.has(t.orgId)) secretaryOf.set(t.orgId, t);
  const reviewed = orgs.flatMap((o) => {
    const s = secretaryOf.get(o.id);
    return s ? [{ org: o, ...s }] : [];
  });
  const vacant = orgs.filter((o) => !secretaryOf.has(o.id));
  if (reviewed.length === 0)
    throw new AppError(
      'RULE_VIOLATION',
      `${org.name}下没有在任书记的${dutyReviewLevelLabels[body.level].replace('书记', '')}，无法启动述职评议`,
    );
  const voters = new Set<number>(reps);
  if (body.voters.committee) for (const t of teams) if (t.orgId === org.id) voters.add(t.personId);
  if (body.voters.secretaries) for (const s of reviewed) voters.add(s.personId);
  if (voters.size === 0) throw fieldError('voters', '参加测评人员：至少选择一类');
  const title =
    body.title ?? `${body.year}年度${org.name}${dutyReviewLevelLabels[body.level]}抓党建述职评议考核`;
  const id = await repo.insertReview(trx, {
    org_id: org.id,
    level: body.level,
    year: body.year,
    title,
    starts_on: startsOn,
    ends_on: endsOn,
    report_due_on: reportDueOn,
    rule: JSON.stringify(rule),
    voter_committee: body.voters.committee,
    voter_secretaries: body.voters.secretaries,
    representative_ids: [...reps],
    voter_person_ids: [...voters].sort((a, b) => a - b),
    created_by: accountIdOf(actor),
    created_by_name: actor.displayName,
    updated_at: now,
  });
  await repo.insertSubjects(
    trx,
    reviewed.map((s) => ({
      duty_review_id: id,
      org_id: s.org.id,
      person_id: s.personId,
      person_name: s.personName,
      updated_at: now,
    })),
  );
  // The secretaries hear of it with the deadline; the week before it they are reminded (findings.ts).
  const writers = (
    await usersOfPeople(
      trx,
      reviewed.map((s) => s.personId),
    )
  ).filter((u) => u !== actor.userId);
  if (writers.length > 0)
    await notify(
      trx,
      {
        kind: 'duty_review.report_requested',
        key: `duty_review.report_requested:${id}`,
        userIds: writers,
        title: `撰写述职报告：${short(title)}`,
        body: `${org.name}开展${body.year}年度书记抓党建述职评议考核，请于 ${reportDueOn} 前撰写并提交本人的述职报告（含党员教育管理工作）。`,
        link: dutyReviewLink(id),
      },
      now,
    );
  await event(trx, actor, id, now, {
    kind: 'created',
    to: 'launched',
    note: `述职书记 ${reviewed.length} 人，参加测评 ${voters.size} 人${vacant.length > 0 ? `；书记空缺未列入：${vacant.map((o) => o.name).join('、')}` : ''}`,
  });
  Object.assign(change, {
    targetType: 'duty_review',
    targetId: id,
    summary: `启动述职评议：${title}`,
    after: {
      orgId: org.id,
      level: body.level,
      year: body.year,
      startsOn,
      endsOn,
      reportDueOn,
      subjects: reviewed.length,
      voters: voters.size,
      rule,
    },
  });
  return id;
}

// Steps

/**
 * POST /api/duty-reviews/{id}/transitions: one step of core's procedure under the row lock. 开始民主测评 opens the
 * ballot (one item per secretary, the roll of voters); 结束测评 closes it if still open, reads the tally and
 * computes each grade the rule can; 公布 tells the secretaries.
 */
export async function transitionReview(
  trx: Trx,
  actor: Actor,
  id: number,
  body: DutyReviewTransitionBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, subjects } = await loadForChange(trx, actor, id, body.version);
  const t = body.transition;
  const label = dutyReviewTransitionLabels[t];
  const comments = await repo.commentsOf(
    trx,
    subjects.map((s) => s.id),
  );
  let tallied = false;
  if (t === 'close_voting' && r.status === 'voting' && r.ballot_id !== null) {
    requireOrganiser(actor, r, label);
    await closeBallot(trx, actor, r.ballot_id, now);
    const tally = await getTally(trx, r.ballot_id, now);
    if (tally && tally.paperPending > 0)
      throw new AppError(
        'RULE_VIOLATION',
        `${label}：还有 ${tally.paperPending} 张纸质选票未完成两人录入核对`,
      );
    tallied = tally !== null;
  }
  const result = applyDutyReviewTransition(r.status, t, {
    subjects: subjects.map((s) => ({
      name: s.person_name,
      reportSubmitted: s.report_submitted_at !== null,
      comments: comments.filter((c) => c.subject_id === s.id).length,
      grade: s.grade,
    })),
    tallied,
  });
  if (!result.ok && result.violations.some((v) => v.kind === 'conflict')) throw refusal(result.violations);
  requireOrganiser(actor, r, label);
  if (!result.ok) throw refusal(result.violations);
  let ballotId = r.ballot_id;
  let note: string | null = null;
  if (t === 'open_voting') {
    const closesAt = body.closesAt ? new Date(body.closesAt) : new Date(`${r.ends_on}T23:59:00+08:00`);
    if (closesAt.getTime() <= now.getTime()) throw fieldError('closesAt', '测评截止时间：须晚于现在');
    ballotId = (
      await createBallot(trx, actor, {
        purpose: 'duty_review',
        purposeRef: `duty-review-${id}`,
        orgId: r.org_id,
        title: `${r.title}民主测评`,
        items: subjects.map((s) => ({ key: subjectKey(s.id), label: `${s.org_name} ${s.person_name}` })),
        voterPersonIds: r.voter_person_ids,
        opensAt: now,
        closesAt,
      })
    ).id;
    note = `测评对象 ${subjects.length} 人，参加测评 ${r.voter_person_ids.length} 人，截止 ${closesAt.toISOString()}`;
  }
  if (t === 'close_voting') {
    const votes = await votesOf(trx, r.ballot_id, now);
    for (const s of subjects) {
      const v = votes?.byKey.get(subjectKey(s.id));
      const c = v ? combineDutyReview(r.rule, v.counts, s.evaluation_score) : null;
      await repo.updateSubject(trx, s.id, undefined, {
        computed_grade: c?.ok ? c.grade : null,
        computed_score: c?.ok ? c.score : null,
        updated_at: now,
      });
    }
    note = votes ? `参加测评 ${votes.tally.eligible} 人，收回有效票 ${votes.tally.cast} 张` : null;
  }
  const ok = await repo.updateReview(trx, id, r.version, {
    status: result.status,
    ballot_id: ballotId,
    ...(t === 'publish' ? { published_at: now } : {}),
    updated_at: now,
  });
  if (!ok) throw changed();
  if (t === 'publish') {
    await repo.touchSubjects(trx, id, now);
    const users = new Set<number>();
    for (const s of subjects) for (const u of await secretariesOf(trx, s.org_id)) users.add(u);
    users.delete(actor.userId);
    if (users.size > 0)
      await notify(
        trx,
        {
          kind: 'duty_review.published',
          key: `duty_review.published:${id}`,
          userIds: [...users],
          title: `述职评议结果已公布：${short(r.title)}`,
          body: `${r.org_name}已公布${r.year}年度书记抓党建述职评议考核结果，请查看本组织书记的等次和点评意见。`,
          link: dutyReviewLink(id),
        },
        now,
      );
  }
  await event(trx, actor, id, now, { kind: t, from: r.status, to: result.status, note });
  Object.assign(change, {
    targetType: 'duty_review',
    targetId: id,
    summary: `${label}：${short(r.title)}`,
    before: { status: r.status },
    after: { transition: t, status: result.status, ...(ballotId !== r.ballot_id ? { ballotId } : {}) },
  });
}

async function subjectInReview(trx: Trx, actor: Actor, id: number, subjectId: number, version?: number) {
  const found = await loadForChange(trx, actor, id, version);
  const s = found.subjects.find((x) => x.id === subjectId);
  if (!s) throw subjectNotFound();
  return { ...found, s };
}

/** PUT …/report: the secretary's own 述职报告, saved as a draft or submitted (then it can no longer change). */
export async function saveReport(
  trx: Trx,
  actor: Actor,
  id: number,
  subjectId: number,
  body: { report: string; submit: boolean },
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, s } = await subjectInReview(trx, actor, id, subjectId);
  if (actor.personId === null || s.person_id !== actor.personId)
    throw new AppError('FORBIDDEN', `述职报告由${s.person_name}本人撰写`);
  if (!isReportOpen(r.status))
    throw new AppError('CONFLICT', `该述职评议${dutyReviewStatusLabels[r.status]}，述职报告已不能修改`);
  if (s.report_submitted_at !== null) throw new AppError('CONFLICT', '述职报告已提交，不能再修改');
  if (body.submit && body.report.length < dutyReviewLimits.report.min)
    throw fieldError('report', `述职报告：提交的报告至少 ${dutyReviewLimits.report.min} 个字`);
  await repo.updateSubject(trx, s.id, undefined, {
    report: body.report,
    ...(body.submit ? { report_submitted_at: now } : {}),
    updated_at: now,
  });
  if (body.submit)
    await event(trx, actor, id, now, { kind: 'report_submitted', subjectId: s.id, note: s.org_name });
  Object.assign(change, {
    targetType: 'duty_review',
    targetId: id,
    summary: `${body.submit ? '提交' : '保存'}述职报告：${s.org_name} ${s.person_name}`,
    after: { subjectId: s.id, submit: body.submit, length: body.report.length },
  });
}

/** POST …/questions and …/comments: 答辩 and 点评 recorded by the organisers at the 述职会. */
export async function recordAtMeeting(
  trx: Trx,
  actor: Actor,
  id: number,
  subjectId: number,
  entry: { kind: 'question'; question: string; answer: string | null } | { kind: 'comment'; content: string },
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, s } = await subjectInReview(trx, actor, id, subjectId);
  const what = entry.kind === 'question' ? '记录答辩' : '点评';
  requireOrganiser(actor, r, what);
  if (!isMeetingOpen(r.status))
    throw new AppError('CONFLICT', `该述职评议${dutyReviewStatusLabels[r.status]}，答辩和点评在述职会上记录`);
  if (entry.kind === 'question')
    await repo.insertQuestion(trx, {
      subject_id: s.id,
      question: entry.question,
      answer: entry.answer,
      asked_by: accountIdOf(actor),
      at: now,
    });
  else
    await repo.insertComment(trx, {
      subject_id: s.id,
      author_id: accountIdOf(actor),
      author_name: actor.displayName,
      content: entry.content,
      at: now,
    });
  await event(trx, actor, id, now, {
    kind: entry.kind,
    subjectId: s.id,
    note: `${s.org_name} ${s.person_name}`,
  });
  Object.assign(change, {
    targetType: 'duty_review',
    targetId: id,
    summary: `${what}：${s.org_name} ${s.person_name}`,
    after: { subjectId: s.id, ...entry },
  });
}

/**
 * PUT …/grade: 综合评定 of one secretary — the 党委's evaluation score; the grade is the computed one or another
 * with its reason (core `gradeProblems`).
 */
export async function setGrade(
  trx: Trx,
  actor: Actor,
  id: number,
  subjectId: number,
  body: DutyReviewGradeBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, s } = await subjectInReview(trx, actor, id, subjectId);
  requireOrganiser(actor, r, '综合评定');
  if (!isGradingOpen(r.status))
    throw new AppError('CONFLICT', `该述职评议${dutyReviewStatusLabels[r.status]}，不能综合评定`);
  if (body.version !== undefined && body.version !== s.version) throw changed();
  const votes = await votesOf(trx, r.ballot_id, now);
  const v = votes?.byKey.get(subjectKey(s.id));
  const c = v ? combineDutyReview(r.rule, v.counts, body.evaluationScore) : null;
  const computed: DutyReviewGrade | null = c?.ok ? c.grade : null;
  const problems = gradeProblems(computed, body.grade, body.overrideReason);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: problems });
  const reason = body.grade === computed ? null : (body.overrideReason?.trim() ?? null);
  await repo.updateSubject(trx, s.id, undefined, {
    evaluation_score: body.evaluationScore,
    computed_grade: computed,
    computed_score: c?.ok ? c.score : null,
    grade: body.grade,
    override_reason: reason,
    updated_at: now,
  });
  const gradeText = `${s.org_name} ${s.person_name}：${dutyReviewGradeLabels[body.grade]}${
    c?.ok
      ? `（综合得分 ${c.score}${computed !== body.grade ? `，计算等次${dutyReviewGradeLabels[c.grade]}，调整理由：${reason}` : ''}）`
      : reason
        ? `（${reason}）`
        : ''
  }`;
  await event(trx, actor, id, now, { kind: 'graded', subjectId: s.id, note: gradeText });
  Object.assign(change, {
    targetType: 'duty_review',
    targetId: id,
    summary: `综合评定：${gradeText}`,
    before: { grade: s.grade, evaluationScore: s.evaluation_score },
    after: {
      subjectId: s.id,
      grade: body.grade,
      evaluationScore: body.evaluationScore,
      computedGrade: computed,
      ...(reason ? { overrideReason: reason } : {}),
    },
  });
}

/**
 * POST …/rectifications: after the 审定, every 点评 becomes a 整改 item (整改方案 + 整改责任清单) of the secretary's org,
 * the secretary responsible, through the rectification module — once for the campaign.
 */
export async function openCommentRectifications(
  trx: Trx,
  actor: Actor,
  id: number,
  deadline: IsoDate,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number[]> {
  const { r, subjects } = await loadForChange(trx, actor, id);
  requireOrganiser(actor, r, '点评转整改');
  if (!mayOpenRectifications(r.status))
    throw new AppError(
      'CONFLICT',
      `该述职评议${dutyReviewStatusLabels[r.status]}：审定后才能把点评转为整改事项`,
    );
  if (r.rectified_at !== null) throw new AppError('CONFLICT', '该述职评议的点评已转为整改事项');
  const comments = await repo.commentsOf(
    trx,
    subjects.map((s) => s.id),
  );
  if (comments.length === 0) throw new AppError('RULE_VIOLATION', '该述职评议没有点评意见');
  if (deadline <= today) throw fieldError('deadline', '整改期限：须晚于今天');
  const max = rectificationLimits.problem.max;
  const ids: number[] = [];
  for (const s of subjects) {
    const own: number[] = [];
    for (const c of comments.filter((x) => x.subject_id === s.id)) {
      const problem = `${r.year}年度述职评议点评（${c.author_name}）：${c.content}`;
      const rid = await openRectification(
        trx,
        { userId: accountIdOf(actor), name: actor.displayName },
        {
          orgId: s.org_id,
          source: 'duty_report',
          sourceLabel: r.title,
          sourceRef: `duty-review-${id}`,
          problem: problem.length > max ? `${problem.slice(0, max - 1)}…` : problem,
          clause:
            '中组部《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》（2019）第三条：针对点评指出的问题，制定整改方案和整改责任清单，限期整改',
          responsiblePersonId: s.person_id,
          assistingOrgIds: [],
          measures: null,
          deadline,
          milestones: [],
        },
        today,
        now,
      );
      await repo.setCommentRectification(trx, c.id, rid);
      own.push(rid);
    }
    if (own.length > 0)
      await repo.updateSubject(trx, s.id, undefined, {
        rectification_ids: [...s.rectification_ids, ...own],
        updated_at: now,
      });
    ids.push(...own);
  }
  if (!(await repo.updateReview(trx, id, r.version, { rectified_at: now, updated_at: now }))) throw changed();
  await event(trx, actor, id, now, {
    kind: 'rectifications',
    note: `整改事项 ${ids.length} 项，期限 ${deadline}`,
  });
  Object.assign(change, {
    targetType: 'duty_review',
    targetId: id,
    summary: `点评意见转为整改事项 ${ids.length} 项：${short(r.title)}`,
    after: { deadline, rectificationIds: ids },
  });
  return ids;
}

async function event(
  trx: Trx,
  actor: Actor,
  id: number,
  now: Date,
  e: {
    kind: DutyReviewEventKind;
    subjectId?: number;
    from?: DutyReviewStatus;
    to?: DutyReviewStatus;
    note?: string | null;
  },
): Promise<void> {
  await repo.insertEvent(trx, {
    duty_review_id: id,
    subject_id: e.subjectId ?? null,
    at: now,
    kind: e.kind,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    actor_id: accountIdOf(actor),
    actor_name: actor.displayName,
    note: e.note ?? null,
  });
}

// For later modules

/** A secretary's published grade of a year. */
export interface DutyReviewGradeFact {
  orgId: number;
  orgName: string;
  personId: number;
  personName: string;
  grade: DutyReviewGrade;
  score: number | null;
  reviewId: number;
  reviewTitle: string;
  year: number;
  /** The campaign's level: 党委 reviewing 总支/直属支部 secretaries, or branch secretaries. */
  level: DutyReviewLevel;
  rectificationIds: number[];
}

/**
 * The published 述职评议 grades of `year` for the orgs of the subtrees of `orgIds` — one per org (its latest campaign
 * of the year): a fact for star ratings, the 总支书记's yearly review, cadre reviews and the party statistics.
 */
export async function dutyReviewGradesOf(
  db: Db | Trx,
  input: { orgIds: readonly number[]; year: number },
): Promise<DutyReviewGradeFact[]> {
  return latestPerOrg(await repo.publishedGrades(db, input.orgIds, input.year));
}

/** The latest published grade of every org (null `orgIds`: the college), whatever the year (the findings). */
export async function latestDutyReviewGrades(db: Db | Trx, orgIds: readonly number[] | null) {
  return latestPerOrg(await repo.publishedGrades(db, orgIds, null));
}

function latestPerOrg(rows: Awaited<ReturnType<typeof repo.publishedGrades>>): DutyReviewGradeFact[] {
  const seen = new Set<number>();
  const out: DutyReviewGradeFact[] = [];
  for (const r of rows) {
    if (seen.has(r.org_id) || r.grade === null) continue;
    seen.add(r.org_id);
    out.push({
      orgId: r.org_id,
      orgName: r.org_name,
      personId: r.person_id,
      personName: r.person_name,
      grade: r.grade,
      score: r.computed_score === null ? null : Number(r.computed_score),
      reviewId: r.review_id,
      reviewTitle: r.review_title,
      year: r.year,
      level: r.level,
      rectificationIds: r.rectification_ids,
    });
  }
  return out;
}

/** What a campaign's 结果 document reads: the campaign, its secretaries and votes, in the actor's scope. */
export async function reviewForDocument(db: Db, actor: Actor, id: number, now: Date) {
  return getReviewDetail(db, actor, id, now);
}

export { computeDutyReviewMetrics, dutyReviewMetricKeys } from './metrics.ts';
