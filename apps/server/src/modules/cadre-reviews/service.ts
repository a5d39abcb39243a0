/**
 * 中层干部年度考核 (issue 18 item 4): one round a year over the cadres of the roster on the round's day (read through
 * the cadres service), organised by the 党委. Each cadre's 述职 is entered by the 组织部 — or, for a party secretary
 * reviewed by 述职评议 that year, that review's grade is linked instead (duty-reviews service); the 民主测评 is one or
 * more ballots of the ballots module (one item per cadre and 测评项目, at most 200 items a ballot); core's rule
 * combines the tally with the 党委's evaluation into a proposed grade; the grades respect the 优秀 quota; the
 * published grades call for consequences (黄牌, 红牌, 调整职务), recorded with each cadre's history. Readers are the
 * 组织部 and the 校领导 (cadre:file:view, college-wide); only the 组织部 manages (cadre:file:manage).
 */
import {
  AppError,
  addDays,
  applyCadreReviewStep,
  type CadreConsequenceBody,
  type CadreConsequenceRule,
  type CadreReviewDetail,
  type CadreReviewGrade,
  type CadreReviewGradeBody,
  type CadreReviewHistory,
  type CadreReviewItem,
  type CadreReviewListQuery,
  type CadreReviewRule,
  type CadreReviewStepBody,
  type CadreReviewSubject,
  type CadreReviewVotes,
  type CreateCadreReview,
  cadreConsequenceKindLabels,
  cadreExcellentQuota,
  cadreExcellentQuotaProblem,
  cadreGradeProblems,
  cadreReviewFieldLabels,
  cadreReviewGradeLabels,
  cadreReviewGrades,
  cadreReviewRuleProblems,
  cadreReviewStatusLabels,
  cadreReviewStepLabels,
  combineCadreReview,
  defaultCadreConsequenceRule,
  defaultCadreReviewRule,
  describeCadreReviewRule,
  dueConsequences,
  type IsoDate,
  isCadreGradingOpen,
  isCadreReportOpen,
  mayRecordConsequences,
  nextCadreReviewStep,
  type Page,
  type TransitionViolation,
} from '@dangjian/core';
import { type Actor, type AuditChange, accountIdOf, type Db, type Trx } from '../../http/context.ts';
import { outOfScope, peopleInScope } from '../../http/scope.ts';
import { orgAssessmentResults } from '../assessment/service.ts';
import { closeBallot, createBallot, getBallotSummary, getTally } from '../ballots/service.ts';
import { cadreName, cadresOn } from '../cadres/service.ts';
import { dutyReviewGradesOf } from '../duty-reviews/service.ts';
import { postsHeldBetween } from '../org/service.ts';
import * as repo from './repo.ts';

type Q = Db | Trx;

const notFound = () => new AppError('NOT_FOUND', '该年度考核不存在');
const subjectNotFound = () => new AppError('NOT_FOUND', '本轮年度考核中没有这位干部');
const changed = () => new AppError('CONFLICT', '该年度考核已被他人修改，请刷新后重试');
export const cadreReviewLink = (id: number) => `/cadre-reviews/${id}`;
/** Ballot items: one per cadre and 测评项目. */
const itemKey = (subjectId: number, dimension: number) => `s${subjectId}-${dimension}`;
const maxBallotItems = 200;

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

const isManager = (actor: Actor) => actor.permissions.has('cadre:file:manage');
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

function presentItem(r: repo.ReviewRow): CadreReviewItem {
  const subjects = Number(r.subjects ?? 0);
  return {
    id: r.id,
    year: r.year,
    title: r.title,
    reviewOn: r.review_on,
    status: r.status,
    subjects,
    graded: Number(r.graded ?? 0),
    excellent: Number(r.excellent ?? 0),
    excellentQuota: cadreExcellentQuota(subjects, r.rule.excellentQuotaPercent),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
}

/** GET /api/cadre-reviews: the rounds, the latest year first. */
export async function listReviews(db: Db, query: CadreReviewListQuery): Promise<Page<CadreReviewItem>> {
  const { rows, total } = await repo.reviewPage(
    db,
    { year: query.year, status: query.status },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map(presentItem), total, page: query.page, pageSize: query.pageSize };
}

async function loadReview(db: Q, id: number) {
  const r = await repo.findReview(db, id);
  if (!r) throw notFound();
  return { r, subjects: await repo.subjectsOf(db, id) };
}

async function loadForChange(trx: Trx, id: number, version?: number) {
  if (!(await repo.lockReview(trx, id))) throw notFound();
  const found = await loadReview(trx, id);
  if (version !== undefined && found.r.version !== version) throw changed();
  return found;
}

/** The 测评 counts of each cadre, added over their items, from every ballot of the round (closed ones only). */
async function votesOf(db: Q, subjects: readonly repo.SubjectRow[], dimensions: number, now: Date) {
  const out = new Map<number, { counts: CadreReviewVotes; abstain: number }>();
  const ballots = [...new Set(subjects.map((s) => s.ballot_id).filter((b): b is number => b !== null))];
  let tallied = ballots.length > 0;
  let paperPending = 0;
  for (const b of ballots) {
    const tally = await getTally(db, b, now);
    if (!tally) {
      tallied = false;
      continue;
    }
    paperPending += tally.paperPending;
    const byKey = new Map(tally.items.map((i) => [i.key, i]));
    for (const s of subjects.filter((x) => x.ballot_id === b)) {
      const counts = Object.fromEntries(cadreReviewGrades.map((g) => [g, 0])) as CadreReviewVotes;
      let abstain = 0;
      for (let d = 0; d < dimensions; d++) {
        const item = byKey.get(itemKey(s.id, d));
        if (!item) continue;
        for (const g of cadreReviewGrades) counts[g] += item.counts[g] ?? 0;
        abstain += item.abstain;
      }
      out.set(s.id, { counts, abstain });
    }
  }
  return { byId: out, tallied, paperPending, ballots };
}

/** What a cadre's 党建 work says: the 述职评议 of the year and the results of the orgs they were secretary of. */
async function partyWorkOf(db: Q, r: repo.ReviewRow, subjects: readonly repo.SubjectRow[]) {
  const held = await postsHeldBetween(db, {
    personIds: subjects.map((s) => s.person_id),
    posts: ['secretary'],
    from: `${r.year}-01-01`,
    to: r.review_on,
  });
  const orgIds = [...new Set(held.map((h) => h.org.id))];
  const grades = orgIds.length > 0 ? await dutyReviewGradesOf(db, { orgIds, year: r.year }) : [];
  const assessments = new Map<number, Awaited<ReturnType<typeof orgAssessmentResults>>>();
  for (const id of orgIds) assessments.set(id, await orgAssessmentResults(db, id));
  const byPerson = new Map<
    number,
    { review: CadreReviewSubject['dutyReview']; orgs: CadreReviewSubject['partyWork'] }
  >();
  for (const s of subjects) {
    const mine = held.filter((h) => h.personId === s.person_id);
    const seen = new Set<number>();
    const orgs: CadreReviewSubject['partyWork'] = [];
    for (const h of mine) {
      if (seen.has(h.org.id)) continue;
      seen.add(h.org.id);
      const a = assessments.get(h.org.id)?.find((x) => x.year === r.year) ?? null;
      const g = grades.find((x) => x.orgId === h.org.id) ?? null;
      orgs.push({
        orgId: h.org.id,
        orgName: h.org.name,
        assessment: a
          ? {
              roundId: a.roundId,
              roundTitle: a.roundTitle,
              scoreOutOf100: a.scoreOutOf100,
              stars: a.stars,
              passed: a.passed,
            }
          : null,
        dutyReviewGrade: g?.grade ?? null,
      });
    }
    const own = grades.find((g) => g.personId === s.person_id) ?? null;
    byPerson.set(s.person_id, {
      review: own
        ? { reviewId: own.reviewId, title: own.reviewTitle, orgName: own.orgName, grade: own.grade }
        : null,
      orgs,
    });
  }
  return byPerson;
}

/** GET /api/cadre-reviews/{id}: the round, each cadre with their 述职, tally, linked results, grade, consequences. */
export async function getReviewDetail(
  db: Q,
  actor: Actor,
  id: number,
  now: Date,
): Promise<CadreReviewDetail> {
  const { r, subjects } = await loadReview(db, id);
  const rule = r.rule;
  const [votes, party, previous, consequences] = await Promise.all([
    votesOf(db, subjects, rule.dimensions.length, now),
    partyWorkOf(db, r, subjects),
    repo.previousGrades(
      db,
      subjects.map((s) => s.cadre_id),
      r.year,
    ),
    repo.consequencesOf(
      db,
      subjects.map((s) => s.id),
    ),
  ]);
  const summaries = [];
  for (const b of votes.ballots) {
    const s = await getBallotSummary(db, b, now);
    if (s)
      summaries.push({
        id: s.id,
        title: s.title,
        status: s.status,
        eligible: s.eligible,
        cast: s.voted,
        closesAt: s.closesAt,
      });
  }
  const manager = isManager(actor);
  const published = r.status === 'published';
  const presented: CadreReviewSubject[] = subjects.map((s) => {
    const v = votes.byId.get(s.id) ?? null;
    const c = v ? combineCadreReview(rule, v.counts, s.evaluation_score) : null;
    const linked = party.get(s.person_id);
    const recorded = consequences.filter((x) => x.subject_id === s.id);
    const previousGrade = previous.get(s.cadre_id) ?? null;
    return {
      id: s.id,
      cadreId: s.cadre_id,
      name: s.name,
      posts: s.posts,
      report: s.report,
      reportAt: iso(s.report_at),
      dutyReview: linked?.review ?? null,
      partyWork: linked?.orgs ?? [],
      ballotId: s.ballot_id,
      votes: v,
      evaluationScore: s.evaluation_score,
      computed:
        c?.ok === true
          ? {
              ballotScore: c.ballotScore,
              score: c.score,
              grade: c.grade,
              bandGrade: c.bandGrade,
              capped: c.cappedBy !== null,
            }
          : null,
      computeNote: c && !c.ok ? c.reason : v ? null : '测评结束计票后计算',
      grade: s.grade,
      overrideReason: s.override_reason,
      previousGrade,
      dueConsequences:
        published && s.grade
          ? dueConsequences(r.consequence_rule, s.grade, previousGrade).map((d) => ({
              ...d,
              recorded: recorded.some((x) => x.kind === d.kind),
            }))
          : [],
      consequences: recorded.map(presentConsequence),
      version: s.version,
    };
  });
  return {
    ...presentItem(r),
    orgName: r.org_name,
    rule,
    ruleText: describeCadreReviewRule(rule),
    consequenceRule: r.consequence_rule,
    voterGroups: {
      leaders: r.voter_leaders,
      cadres: r.voter_cadres,
      representatives: r.representative_ids.length,
    },
    voters: r.voter_person_ids.length,
    ballots: summaries,
    subjects: presented,
    abilities: {
      manage: manager,
      step: manager ? nextCadreReviewStep(r.status) : null,
      report: manager && isCadreReportOpen(r.status),
      grade: manager && isCadreGradingOpen(r.status),
      consequences: manager && mayRecordConsequences(r.status),
    },
    createdByName: r.created_by_name,
  };
}

function presentConsequence(x: repo.ConsequenceRow) {
  return {
    id: x.id,
    kind: x.kind,
    decidedOn: x.decided_on,
    note: x.note,
    recordedByName: x.recorded_by_name,
    at: iso(x.at)!,
  };
}

// Creating

/**
 * POST /api/cadre-reviews: the round of a year (one a year: a second is a conflict), organised by the 党委; the
 * cadres holding a post on `reviewOn` (default 12-01 of the year); the roll from the groups chosen (校领导: the people
 * of the accounts holding the role; 中层干部: the cadres of the round) and the staff representatives named.
 */
export async function createReview(
  trx: Trx,
  actor: Actor,
  body: CreateCadreReview,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const reviewOn = body.reviewOn ?? `${body.year}-12-01`;
  if (Number(reviewOn.slice(0, 4)) !== body.year)
    throw fieldError('reviewOn', `${cadreReviewFieldLabels.reviewOn}：应在${body.year}年度内`);
  const rule: CadreReviewRule = body.rule ?? defaultCadreReviewRule;
  const problems = cadreReviewRuleProblems(rule);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: problems });
  const consequenceRule: CadreConsequenceRule = body.consequenceRule ?? defaultCadreConsequenceRule;
  const reps = body.voters.representativeIds;
  const known = await peopleInScope(trx, actor, reps);
  if (reps.some((p) => !known.has(p)))
    throw outOfScope('voters.representativeIds', cadreReviewFieldLabels.representativeIds);
  if (await repo.yearTaken(trx, body.year))
    throw new AppError('CONFLICT', `${body.year}年度的中层干部年度考核已经建立`, {
      fields: [{ path: 'year', message: `年度：${body.year}年度的考核已经建立` }],
    });
  const org = await repo.rootCommittee(trx);
  if (!org) throw new AppError('RULE_VIOLATION', '尚未建立学校党委，无法组织中层干部年度考核');
  const cadres = await cadresOn(trx, reviewOn);
  if (cadres.length === 0)
    throw new AppError('RULE_VIOLATION', `${reviewOn}干部名册中没有在任的中层干部，无法建立年度考核`, {
      fields: [{ path: 'reviewOn', message: `${cadreReviewFieldLabels.reviewOn}：当日没有在任的中层干部` }],
    });
  const voters = new Set<number>(reps);
  if (body.voters.leaders) for (const p of await repo.leaderPeople(trx)) voters.add(p);
  if (body.voters.cadres) for (const c of cadres) voters.add(c.personId);
  if (voters.size === 0)
    throw fieldError('voters', `${cadreReviewFieldLabels.voters}：至少选择一类或指定人员`);
  const title = body.title ?? `${body.year}年度中层干部年度考核`;
  const id = await repo.insertReview(trx, {
    year: body.year,
    title,
    org_id: org.id,
    review_on: reviewOn,
    rule: JSON.stringify(rule),
    consequence_rule: JSON.stringify(consequenceRule),
    voter_leaders: body.voters.leaders,
    voter_cadres: body.voters.cadres,
    representative_ids: [...reps],
    voter_person_ids: [...voters].sort((a, b) => a - b),
    created_by: accountIdOf(actor),
    created_by_name: actor.displayName,
    updated_at: now,
  });
  if (!id) throw new AppError('CONFLICT', `${body.year}年度的中层干部年度考核已经建立`);
  await repo.insertSubjects(
    trx,
    cadres.map((c) => ({
      cadre_review_id: id,
      cadre_id: c.cadreId,
      person_id: c.personId,
      org_id: org.id,
      name: c.name,
      posts: c.posts.map((p) => `${p.unitName}${p.title}`).join('；'),
      updated_at: now,
    })),
  );
  Object.assign(change, {
    targetType: 'cadre_review',
    targetId: id,
    summary: `建立中层干部年度考核：${title}（干部 ${cadres.length} 人，参加测评 ${voters.size} 人）`,
    after: { year: body.year, reviewOn, subjects: cadres.length, voters: voters.size, rule, consequenceRule },
  });
  return id;
}

// Steps

/**
 * POST /api/cadre-reviews/{id}/steps: one step of core's procedure under the row lock. 开始民主测评 creates the
 * ballots (one item per cadre and 测评项目, at most 200 items each; the same roll on each); 结束测评 closes them,
 * reads the tallies and stores each computed grade; 公布 checks every grade and the 优秀 quota.
 */
export async function takeStep(
  trx: Trx,
  actor: Actor,
  id: number,
  body: CadreReviewStepBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, subjects } = await loadForChange(trx, id, body.version);
  const step = body.step;
  const dims = r.rule.dimensions.length;
  let tallied = false;
  if (step === 'close_voting' && r.status === 'voting') {
    for (const b of new Set(subjects.map((s) => s.ballot_id).filter((x): x is number => x !== null)))
      await closeBallot(trx, actor, b, now);
    const v = await votesOf(trx, subjects, dims, now);
    if (v.paperPending > 0)
      throw new AppError(
        'RULE_VIOLATION',
        `${cadreReviewStepLabels.close_voting}：还有 ${v.paperPending} 张纸质选票未完成两人录入核对`,
      );
    tallied = v.tallied;
  }
  const party = step === 'open_voting' ? await partyWorkOf(trx, r, subjects) : null;
  const result = applyCadreReviewStep(r.status, step, {
    subjects: subjects.map((s) => ({
      name: s.name,
      reported: s.report !== null || (party?.get(s.person_id)?.review ?? null) !== null,
      grade: s.grade,
    })),
    tallied,
    excellentQuotaPercent: r.rule.excellentQuotaPercent,
  });
  if (!result.ok) throw refusal(result.violations);
  let note = '';
  let closesAt: Date | null = r.closes_at;
  if (step === 'open_voting') {
    closesAt = body.closesAt ? new Date(body.closesAt) : new Date(`${addDays(today, 7)}T23:59:00+08:00`);
    if (closesAt.getTime() <= now.getTime()) throw fieldError('closesAt', '测评截止时间：须晚于现在');
    const perBallot = Math.max(1, Math.floor(maxBallotItems / dims));
    const ballotOf = new Map<number, number>();
    const parts = Math.ceil(subjects.length / perBallot);
    for (let i = 0; i < subjects.length; i += perBallot) {
      const chunk = subjects.slice(i, i + perBallot);
      const part = parts > 1 ? `（第${i / perBallot + 1}组，共${parts}组）` : '';
      const ballot = await createBallot(trx, actor, {
        purpose: 'cadre_review',
        purposeRef: `cadre-review-${id}`,
        orgId: r.org_id,
        title: `${r.title}民主测评${part}`,
        items: chunk.flatMap((s) =>
          r.rule.dimensions.map((d, k) => ({
            key: itemKey(s.id, k),
            label:
              r.rule.dimensions.length === 1
                ? `${s.name}（${short(s.posts, 30)}）`
                : `${s.name}（${short(s.posts, 30)}）· ${d}`,
          })),
        ),
        voterPersonIds: r.voter_person_ids,
        opensAt: now,
        closesAt,
      });
      for (const s of chunk) ballotOf.set(s.id, ballot.id);
    }
    await repo.setBallots(trx, ballotOf, now);
    note = `测评干部 ${subjects.length} 人（${parts} 张测评票），参加测评 ${r.voter_person_ids.length} 人`;
  }
  if (step === 'close_voting') {
    const v = await votesOf(trx, subjects, dims, now);
    for (const s of subjects) {
      const c = combineCadreReview(r.rule, v.byId.get(s.id)?.counts ?? zeroVotes(), s.evaluation_score);
      await repo.updateSubject(trx, s.id, undefined, {
        computed_grade: c.ok ? c.grade : null,
        computed_score: c.ok ? c.score : null,
        updated_at: now,
      });
    }
  }
  const ok = await repo.updateReview(trx, id, r.version, {
    status: result.status,
    closes_at: closesAt,
    ...(step === 'publish' ? { published_at: now } : {}),
    updated_at: now,
  });
  if (!ok) throw changed();
  // Publication changes what the findings read: touch the cadres so the dirty marks name the round's org.
  if (step === 'publish')
    for (const s of subjects) await repo.updateSubject(trx, s.id, undefined, { updated_at: now });
  Object.assign(change, {
    targetType: 'cadre_review',
    targetId: id,
    summary: `${cadreReviewStepLabels[step]}：${r.title}${note ? `（${note}）` : ''}`,
    before: { status: r.status },
    after: { step, status: result.status },
  });
}

const zeroVotes = (): CadreReviewVotes => ({
  excellent: 0,
  competent: 0,
  basically_competent: 0,
  incompetent: 0,
});

async function subjectFor(trx: Trx, id: number, subjectId: number) {
  const found = await loadForChange(trx, id);
  const s = found.subjects.find((x) => x.id === subjectId);
  if (!s) throw subjectNotFound();
  return { ...found, s };
}

/** PUT …/report: the cadre's 述职 as handed in, entered while the round is preparing or in 述职. */
export async function saveReport(
  trx: Trx,
  id: number,
  subjectId: number,
  report: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, s } = await subjectFor(trx, id, subjectId);
  if (!isCadreReportOpen(r.status))
    throw new AppError('CONFLICT', `该年度考核处于${cadreReviewStatusLabels[r.status]}阶段，不能再修改述职`);
  await repo.updateSubject(trx, s.id, undefined, { report, report_at: now, updated_at: now });
  Object.assign(change, {
    targetType: 'cadre_review',
    targetId: id,
    summary: `登记述职：${s.name}（${r.title}）`,
    after: { subjectId: s.id, length: report.length },
  });
}

/**
 * PUT …/grade: 评定 — the 党委's evaluation score and the grade: the computed one or another with its reason (core
 * `cadreGradeProblems`); 优秀 only within the quota (core `cadreExcellentQuotaProblem`), counted with the others.
 */
export async function setGrade(
  trx: Trx,
  id: number,
  subjectId: number,
  body: CadreReviewGradeBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { r, s, subjects } = await subjectFor(trx, id, subjectId);
  if (!isCadreGradingOpen(r.status))
    throw new AppError('CONFLICT', `该年度考核处于${cadreReviewStatusLabels[r.status]}阶段，不能评定等次`);
  if (body.version !== undefined && body.version !== s.version) throw changed();
  const v = await votesOf(trx, [s], r.rule.dimensions.length, now);
  const c = combineCadreReview(r.rule, v.byId.get(s.id)?.counts ?? zeroVotes(), body.evaluationScore);
  const computed: CadreReviewGrade | null = c.ok ? c.grade : null;
  const problems = cadreGradeProblems(computed, body.grade, body.overrideReason);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: problems });
  if (body.grade === 'excellent') {
    const others = subjects.filter((x) => x.id !== s.id && x.grade === 'excellent').length;
    const quota = cadreExcellentQuotaProblem(others + 1, subjects.length, r.rule.excellentQuotaPercent);
    if (quota)
      throw new AppError('RULE_VIOLATION', quota, {
        fields: [{ path: 'grade', message: `评定等次：${quota}` }],
      });
  }
  const reason = body.grade === computed ? null : (body.overrideReason?.trim() ?? null);
  const ok = await repo.updateSubject(trx, s.id, body.version, {
    evaluation_score: body.evaluationScore,
    computed_grade: computed,
    computed_score: c.ok ? c.score : null,
    grade: body.grade,
    override_reason: reason,
    updated_at: now,
  });
  if (!ok) throw changed();
  const text = `${s.name}：${cadreReviewGradeLabels[body.grade]}${
    c.ok
      ? `（综合得分 ${c.score}${computed !== body.grade ? `，计算等次${cadreReviewGradeLabels[c.grade]}，调整理由：${reason}` : ''}）`
      : reason
        ? `（${reason}）`
        : ''
  }`;
  Object.assign(change, {
    targetType: 'cadre_review',
    targetId: id,
    summary: `评定等次：${text}`,
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
 * POST …/consequences: a 黄牌, 红牌 or 调整职务 decided for a published 基本称职 or 不称职 (none for 称职 and 优秀),
 * dated no later than today; kept as the cadre's history (append-only). The cadre's line is touched so the findings
 * re-evaluate the round's org.
 */
export async function recordConsequence(
  trx: Trx,
  actor: Actor,
  id: number,
  subjectId: number,
  body: CadreConsequenceBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const { r, s } = await subjectFor(trx, id, subjectId);
  if (!mayRecordConsequences(r.status)) throw new AppError('CONFLICT', '考核结果公布后才能登记结果运用');
  if (s.grade !== 'basically_competent' && s.grade !== 'incompetent')
    throw new AppError(
      'RULE_VIOLATION',
      `结果运用：${s.name}的等次为${s.grade ? cadreReviewGradeLabels[s.grade] : '未评定'}，黄牌、红牌和调整职务只用于基本称职或不称职`,
    );
  if (body.decidedOn > today)
    throw fieldError('decidedOn', `${cadreReviewFieldLabels.decidedOn}：不能晚于今天`);
  if (r.published_at && body.decidedOn < new Date(r.published_at).toISOString().slice(0, 10))
    throw fieldError('decidedOn', `${cadreReviewFieldLabels.decidedOn}：不能早于考核结果公布`);
  const consequenceId = await repo.insertConsequence(trx, {
    subject_id: s.id,
    cadre_id: s.cadre_id,
    kind: body.kind,
    decided_on: body.decidedOn,
    note: body.note,
    recorded_by: accountIdOf(actor),
    recorded_by_name: actor.displayName,
    at: now,
  });
  await repo.updateSubject(trx, s.id, undefined, { updated_at: now });
  Object.assign(change, {
    targetType: 'cadre_review',
    targetId: id,
    summary: `结果运用：${s.name} ${cadreConsequenceKindLabels[body.kind]}（${r.title}）`,
    after: { subjectId: s.id, cadreId: s.cadre_id, kind: body.kind, decidedOn: body.decidedOn },
  });
  return consequenceId;
}

/** GET /api/cadre-reviews/cadres/{cadreId}/history: every round of a cadre, grades once published, consequences. */
export async function getHistory(db: Db, cadreId: number): Promise<CadreReviewHistory> {
  const name = await cadreName(db, cadreId);
  if (name === null) throw new AppError('NOT_FOUND', '该干部不存在');
  const rows = await repo.historyOf(db, cadreId);
  const consequences = await repo.consequencesOf(
    db,
    rows.map((x) => x.id),
  );
  return {
    cadreId,
    name,
    entries: rows.map((x) => ({
      reviewId: x.review_id,
      year: x.year,
      title: x.title,
      status: x.status,
      posts: x.posts,
      grade: x.status === 'published' ? x.grade : null,
      consequences: consequences.filter((c) => c.subject_id === x.id).map(presentConsequence),
    })),
  };
}

/** What the 年度考核结果 document reads. */
export async function reviewForDocument(db: Db, actor: Actor, id: number, now: Date) {
  return getReviewDetail(db, actor, id, now);
}

/** The findings' facts: published low grades with the previous grade and what is recorded. */
export async function publishedLowGrades(db: Q, orgIds: readonly number[] | null) {
  const rows = await repo.lowGradesPublished(db, orgIds);
  const recorded = await repo.consequencesOf(
    db,
    rows.map((x) => x.id),
  );
  const out = [];
  for (const x of rows) {
    const prev = (await repo.previousGrades(db, [x.cadre_id], x.year)).get(x.cadre_id) ?? null;
    out.push({
      subjectId: x.id,
      year: x.year,
      roundTitle: x.title,
      org: { id: x.org_id, name: x.org_name },
      personId: x.person_id,
      name: x.name,
      grade: x.grade!,
      previousGrade: prev,
      rule: x.consequence_rule,
      recorded: recorded.filter((c) => c.subject_id === x.id).map((c) => c.kind),
    });
  }
  return out;
}
