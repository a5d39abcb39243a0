/**
 * The demo's 述职评议 (书记抓基层党建述职评议考核, issue 17 item 1), played through the duty-review and ballots services on
 * the loaded college — as the 组织部, zongzhi and the secretaries would through the API, each step on its own day:
 *
 * - last year's campaign of the 党委 (the 组织部 organising) over the 党总支 and 直属党支部 secretaries, complete: every
 *   述职报告 submitted, 答辩 and two leaders' 点评 on each, the 民主测评 voted by the committee members and the
 *   secretaries — four of them on paper at the 述职会, their papers entered after the close by two counters of the
 *   组织部 (zzb and admin) in two batches, one agreeing at once, one first differing by a paper and entered again —
 *   and closed, grades computed by the rule (70% 测评 + 30% 党委评价) with the 党委's scores — one
 *   secretary rated 一般 against the computed 较好 with the reason, one 差 (its finding) —, 审定, 公布, and the 点评
 *   turned into 整改 items;
 * - this year's campaign of zongzhi's 总支 over its branch secretaries, in 民主测评: every report submitted, the 述职会
 *   held with its 点评, the ballot open until a week from today with about half the voters having voted — zongzhi,
 *   zhibu and dangyuan (a 党员代表) among those who have not, so the phone voting can be shown.
 *
 * The secretaries and committee members without a demo account act under their own names (no account), as the
 * other demo records do. Deterministic for a seed and a demo day.
 */
import {
  type CastVoteBody,
  combineDutyReview,
  createDutyReviewBody,
  type DutyReviewGrade,
  dutyReviewGrades,
  type PaperEntryBody,
  permissionsFor,
  type RoleCode,
} from '@dangjian/core';
import { appendAuditEntry } from '../http/audit-append.ts';
import type { Actor, AuditChange, Clock, Db, Trx } from '../http/context.ts';
import { buildActor } from '../http/guard.ts';
import { castVote, createPaperBatch, enterPaperBatch, markPaperVoters } from '../modules/ballots/service.ts';
import * as svc from '../modules/duty-reviews/service.ts';
import { createRandom, type Random } from './random.ts';

const at = (day: string, minute = 0) => new Date(`${day}T02:${String(minute % 60).padStart(2, '0')}:00Z`);
const plusDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The years of the demo's campaigns: the current one runs from November; before it, last year's is the current. */
export function demoDutyReviewYears(today: string): { last: number; current: number } {
  const year = Number(today.slice(0, 4));
  const current = today.slice(5) >= '11-01' ? year : year - 1;
  return { last: current - 1, current };
}

const reportParts = [
  '一年来，认真履行党建工作第一责任人职责，带头落实“三会一课”、主题党日和组织生活会制度，支委会每月研究党建工作。',
  '抓党员教育管理：组织党员集中学习，开展谈心谈话，落实党员积分管理，对流动党员和长期外出党员保持经常联系。',
  '抓发展党员：严格按照发展党员工作细则做好培养考察，坚持成熟一个发展一个，程序规范、材料齐全。',
  '抓整改落实：对上年度述职评议点评意见和巡察、考核反馈的问题逐项整改，建立台账，按期销号。',
  '存在的不足：理论学习与业务工作结合不够紧密，组织生活的吸引力有待增强，个别党员作用发挥不够明显。',
  '下一步打算：聚焦党建与业务深度融合，抓好支部书记和党员队伍建设，推动党建工作提质增效。',
];
const questions: readonly [string, string][] = [
  ['如何发挥党员在专业建设中的先锋模范作用？', '设立党员示范岗，结合课程建设和技能竞赛开展党员承诺践诺。'],
  ['对长期外出党员如何落实教育管理？', '建立联系人制度，按月线上学习，年底参加组织生活会。'],
  ['发展党员工作中如何把好入口关？', '坚持培养考察，严格政治审查，支部大会讨论前征求党内外群众意见。'],
];
const comments = [
  '“三会一课”记录不够规范，会议内容与中心工作结合不紧，需加强支委会对党建工作的研究谋划。',
  '党员教育管理的针对性不强，谈心谈话覆盖面需进一步提高。',
  '发展党员工作程序规范，但培养考察记录较为简单，要加强过程材料的完整性。',
  '理论学习形式较单一，要创新学习方式，增强组织生活的吸引力和实效性。',
  '对上年度整改问题跟踪不够，个别问题整改不彻底，要建立长效机制。',
  '支部书记要带头讲党课，进一步履行好第一责任人职责。',
];

interface Person {
  name: string;
  personId: number | null;
}

/** A stand-in for someone without a demo account: their name, a role's permissions over an org. */
export function standIn(
  base: Actor,
  who: Person,
  role: RoleCode,
  org: { id: number; name: string; path: string },
): Actor {
  return {
    ...base,
    username: 'demo',
    displayName: who.name,
    personId: who.personId,
    grants: [{ role, orgId: org.id, orgName: org.name }],
    permissions: new Set(permissionsFor([{ role, orgId: org.id }])),
    scope: { kind: 'subtrees', orgIds: [org.id], paths: [org.path] },
    accountless: true,
  };
}

/** One use case as a route runs it: the service call and its audit entry at the step's time, in `trx`. */
export async function writeIn<T>(
  trx: Trx,
  actor: Actor,
  action: string,
  now: Date,
  fn: (trx: Trx, change: AuditChange) => Promise<T>,
): Promise<T> {
  const change: AuditChange = {};
  const result = await fn(trx, change);
  await appendAuditEntry(trx, {
    actorId: actor.accountless ? null : actor.userId,
    actorName: actor.accountless ? actor.displayName : actor.username,
    ip: null,
    action,
    targetType: change.targetType ?? null,
    targetId: change.targetId === undefined ? null : String(change.targetId),
    summary: change.summary ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
    outcome: 'success',
    at: now,
  });
  return result;
}

/** One use case in its own transaction. */
const write = <T>(
  db: Db,
  actor: Actor,
  action: string,
  now: Date,
  fn: (trx: Trx, change: AuditChange) => Promise<T>,
): Promise<T> => db.transaction().execute((trx) => writeIn(trx, actor, action, now, fn));

/**
 * Many use cases of one phase (the reports, the 述职会, the votes, the grades) in one transaction, each with its own
 * audit entry as if sent one by one: the rows are the same, the demo loads faster (one commit instead of dozens).
 */
const inOne = (db: Db, fn: (trx: Trx) => Promise<void>): Promise<void> => db.transaction().execute(fn);

/** The planted cases, for the tests and the README. */
export interface DemoDutyReviewPlan {
  lastId: number;
  currentId: number;
  /** The secretary graded 差 last year (an org id). */
  poorOrgId: number | null;
  /** The secretary whose grade was set against the computed one, with a reason. */
  overrideOrgId: number | null;
  /** Voters of this year's ballot who have not voted yet, among them the demo accounts'. */
  openVoterPersonIds: number[];
  /** Last year's ballot and its paper batches (each entered by zzb and admin; `recounted` first differed). */
  paper: { ballotId: number; voters: number[]; batches: number[]; recounted: number | null };
}

type PaperCounts = Record<string, Record<DutyReviewGrade, number>>;

/** The counts a counter enters for a batch of papers: per item, the papers of each grade (no blank papers here). */
function entryOf(counts: PaperCounts): PaperEntryBody {
  return {
    itemCounts: Object.entries(counts).map(([itemKey, c]) => ({
      itemKey,
      choiceCounts: dutyReviewGrades.map((g) => ({ choice: g, count: c[g] })),
      abstain: 0,
    })),
  };
}

/** A voter's choices: mostly good, a share lower for the weaker secretaries. */
function choicesFor(rng: Random, keys: readonly string[], weak: ReadonlySet<string>): CastVoteBody {
  return {
    ballotChoices: keys.map((itemKey) => {
      const r = rng.next();
      const choice: DutyReviewGrade = weak.has(itemKey)
        ? r < 0.15
          ? 'fairly_good'
          : r < 0.55
            ? 'average'
            : 'poor'
        : r < 0.6
          ? 'good'
          : r < 0.9
            ? 'fairly_good'
            : 'average';
      return { itemKey, choice };
    }),
  };
}

/** Plays the demo's 述职评议 through the services on a loaded demo college. */
export async function plantDutyReviews(db: Db, clock: Clock, seed: number): Promise<DemoDutyReviewPlan> {
  const rng = createRandom(seed ^ 0xd07e);
  const today = clock.today();
  const { last, current } = demoDutyReviewYears(today);
  const accounts = await db
    .selectFrom('app_user as u')
    .leftJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.person_id', 'r.org_id'])
    .where('u.username', 'in', ['admin', 'zzb', 'zongzhi', 'zhibu', 'dangyuan'])
    .orderBy('u.id')
    .execute();
  const account = (username: string) => {
    const u = accounts.find((a) => a.username === username);
    if (!u) throw new Error(`demo account ${username} is missing`);
    return u;
  };
  const actorOf = (username: string) => {
    const u = account(username);
    return buildActor(
      db,
      {
        userId: u.id,
        username: u.username,
        displayName: u.display_name,
        personId: u.person_id,
        mustChangePassword: false,
      },
      { sessionId: 'demo', csrfToken: 'demo' },
    );
  };
  const zzb = await actorOf('zzb');
  // The second counter of paper ballots: the other account holding the 组织部's role.
  const admin = await actorOf('admin');
  const zongzhi = await actorOf('zongzhi');
  const zongzhiOrg = account('zongzhi').org_id!;
  const demoPersons = new Map(
    accounts.filter((a) => a.person_id !== null).map((a) => [a.person_id!, a.username]),
  );
  const demoActors = new Map<number, Actor>();
  for (const [personId, username] of demoPersons) demoActors.set(personId, await actorOf(username));
  const orgs = new Map(
    (await db.selectFrom('org').select(['id', 'name', 'path', 'type', 'parent_id']).execute()).map((o) => [
      o.id,
      o,
    ]),
  );
  const root = [...orgs.values()].find((o) => o.parent_id === null)!;
  const names = new Map(
    (await db.selectFrom('person').select(['id', 'name']).execute()).map((p) => [p.id, p.name]),
  );
  /** Someone acting as themselves: their demo account when they have one, else a stand-in under their name. */
  const self = (personId: number, role: RoleCode, orgId: number): Actor =>
    demoActors.get(personId) ??
    standIn(zzb, { name: names.get(personId) ?? '书记', personId }, role, orgs.get(orgId)!);

  const detail = (id: number, day: string) => svc.getReviewDetail(db, zzb, id, at(day, 59));
  const step = (
    actor: Actor,
    id: number,
    transition: string,
    day: string,
    extra: Record<string, unknown> = {},
  ) =>
    write(db, actor, 'duty_review.transition', at(day, 30), (trx, change) =>
      svc.transitionReview(
        trx,
        actor,
        id,
        { transition: transition as 'open_reports', ...extra },
        at(day, 30),
        change,
      ),
    );

  /** A campaign up to the 测评 opened: reports, 答辩, 点评 by the given leaders. */
  const throughMeeting = async (
    organiser: Actor,
    body: Record<string, unknown>,
    days: { start: string; meeting: string; closes: Date },
    leaders: Actor[],
    secretaryRole: RoleCode,
  ) => {
    const id = await write(db, organiser, 'duty_review.create', at(days.start), (trx, change) =>
      svc.createReview(trx, organiser, createDutyReviewBody.parse(body), days.start, at(days.start), change),
    );
    await step(organiser, id, 'open_reports', days.start);
    const d = await detail(id, days.start);
    await inOne(db, async (phase) => {
      for (const [i, s] of d.subjects.entries()) {
        const day = plusDays(days.start, 3 + (i % 10));
        const author = self(s.person.id, secretaryRole, s.org.id);
        const report = rng
          .shuffle([...reportParts])
          .slice(0, 5)
          .join('\n');
        await writeIn(phase, author, 'duty_review.report', at(day, 10 + (i % 40)), (trx, change) =>
          svc.saveReport(
            trx,
            author,
            id,
            s.id,
            { report: `${s.org.name}${report}`, submit: true },
            at(day, 10 + (i % 40)),
            change,
          ),
        );
      }
    });
    await step(organiser, id, 'hold_meeting', days.meeting);
    await inOne(db, async (phase) => {
      for (const [i, s] of d.subjects.entries()) {
        const [q, a] = questions[i % questions.length]!;
        await writeIn(phase, organiser, 'duty_review.question', at(days.meeting, 31), (trx, change) =>
          svc.recordAtMeeting(
            trx,
            organiser,
            id,
            s.id,
            { kind: 'question', question: q, answer: a },
            at(days.meeting, 31),
            change,
          ),
        );
        for (const [k, leader] of leaders.entries()) {
          const content = comments[(i * 2 + k) % comments.length]!;
          await writeIn(phase, leader, 'duty_review.comment', at(days.meeting, 32 + k), (trx, change) =>
            svc.recordAtMeeting(
              trx,
              leader,
              id,
              s.id,
              { kind: 'comment', content },
              at(days.meeting, 32 + k),
              change,
            ),
          );
        }
      }
    });
    await step(organiser, id, 'open_voting', days.meeting, { closesAt: days.closes.toISOString() });
    return { id, subjects: d.subjects };
  };

  const voteAll = async (
    id: number,
    voterIds: readonly number[],
    keys: readonly string[],
    weak: ReadonlySet<string>,
    day: (i: number) => string,
    role: RoleCode,
  ) => {
    const ballotId = (
      await db.selectFrom('duty_review').select('ballot_id').where('id', '=', id).executeTakeFirstOrThrow()
    ).ballot_id!;
    await inOne(db, async (phase) => {
      for (const [i, personId] of voterIds.entries()) {
        const voter = self(personId, role, root.id);
        const now = at(day(i), 40 + (i % 19));
        await writeIn(phase, voter, 'ballot.vote', now, (trx, change) =>
          castVote(trx, voter, ballotId, choicesFor(rng, keys, weak), now, change),
        );
      }
    });
  };

  // Last year's campaign of the 党委 over the 总支 and 直属支部 secretaries, complete.
  const committeeHead = await db
    .selectFrom('appointment')
    .select('person_id')
    .where('org_id', '=', root.id)
    .where('post', '=', 'secretary')
    .where('end_date', 'is', null)
    .executeTakeFirst();
  const leaderA = committeeHead ? self(committeeHead.person_id, 'org_admin', root.id) : zzb;
  const lastStart = `${last}-11-06`;
  const lastMeeting = `${last}-12-04`;
  const lastRun = await throughMeeting(
    zzb,
    { year: last, orgId: root.id, level: 'secondary' },
    { start: lastStart, meeting: lastMeeting, closes: at(`${last}-12-08`) },
    [leaderA, zzb],
    'general_branch_secretary',
  );
  const lastKeys = lastRun.subjects.map((s) => `subject-${s.id}`);
  const shuffled = rng.shuffle([...lastRun.subjects]);
  const poor = shuffled[0] ?? null;
  const override = shuffled[1] ?? null;
  const lastVoters = (
    await db
      .selectFrom('duty_review')
      .select('voter_person_ids')
      .where('id', '=', lastRun.id)
      .executeTakeFirstOrThrow()
  ).voter_person_ids;
  const weakKeys = new Set(poor ? [`subject-${poor.id}`] : []);
  const lastBallotId = (
    await db
      .selectFrom('duty_review')
      .select('ballot_id')
      .where('id', '=', lastRun.id)
      .executeTakeFirstOrThrow()
  ).ballot_id!;
  // Four voters hand in paper ballots at the 述职会 (a seeded draw of its own, so the rest of the demo is unchanged).
  const paperRng = createRandom(seed ^ 0xba11);
  const paperVoters = paperRng
    .shuffle(lastVoters.filter((p) => !demoPersons.has(p)))
    .slice(0, 4)
    .sort((a, b) => a - b);
  if (paperVoters.length > 0)
    await write(db, zzb, 'ballot.paper_voters', at(lastMeeting, 50), (trx, change) =>
      markPaperVoters(trx, zzb, lastBallotId, paperVoters, at(lastMeeting, 50), change),
    );
  await voteAll(
    lastRun.id,
    lastVoters.filter((p) => !paperVoters.includes(p)),
    lastKeys,
    weakKeys,
    (i) => plusDays(lastMeeting, i % 3),
    'general_branch_secretary',
  );
  // After the close (12-08 10:00 in Beijing), the papers in two batches, each entered by zzb and then admin.
  const papers = paperVoters.map(() => choicesFor(paperRng, lastKeys, weakKeys));
  const countsOf = (batch: typeof papers): PaperCounts => {
    const out: PaperCounts = Object.fromEntries(
      lastKeys.map((k) => [k, { good: 0, fairly_good: 0, average: 0, poor: 0 }]),
    );
    for (const paper of batch)
      for (const c of paper.ballotChoices) if (c.choice) out[c.itemKey]![c.choice as DutyReviewGrade] += 1;
    return out;
  };
  const countDay = `${last}-12-08`;
  const batches: number[] = [];
  let recounted: number | null = null;
  for (const [n, batch] of [papers.slice(0, 2), papers.slice(2)].entries()) {
    if (batch.length === 0) continue;
    const when = (minute: number) => at(countDay, 10 + n * 20 + minute);
    const batchId = await write(db, zzb, 'ballot.paper_batch', when(0), (trx, change) =>
      createPaperBatch(
        trx,
        zzb,
        lastBallotId,
        { paperCount: batch.length, batchNote: `述职会现场纸质选票第${n + 1}批` },
        when(0),
        change,
      ),
    );
    const right = countsOf(batch);
    const enter = (counter: Actor, counts: PaperCounts, minute: number) =>
      write(db, counter, 'ballot.paper_entry', when(minute), (trx, change) =>
        enterPaperBatch(trx, counter, lastBallotId, batchId, entryOf(counts), when(minute), change),
      );
    await enter(zzb, right, 2);
    if (n === 1) {
      // The second counter first reads one paper's 较好 as 好 for the first secretary; the mismatch is recounted.
      const misread = structuredClone(right);
      const first = misread[lastKeys[0]!]!;
      const from = dutyReviewGrades.find((g) => g !== 'good' && first[g] > 0) ?? 'good';
      const to: DutyReviewGrade = from === 'good' ? 'fairly_good' : 'good';
      first[from] -= 1;
      first[to] += 1;
      await enter(admin, misread, 4);
      recounted = batchId;
    }
    await enter(admin, right, 6);
    batches.push(batchId);
  }
  await step(zzb, lastRun.id, 'close_voting', `${last}-12-09`);
  const graded = await detail(lastRun.id, `${last}-12-09`);
  await inOne(db, async (phase) => {
    for (const s of graded.subjects) {
      const weakOne = s.id === poor?.id;
      const evaluationScore = weakOne ? 55 : 80 + rng.int(0, 15);
      let grade: DutyReviewGrade = 'good';
      let overrideReason: string | null = null;
      const votes = s.votes?.counts;
      if (votes) {
        const c = combineDutyReview(graded.rule, votes, evaluationScore);
        if (c.ok) grade = c.grade;
      }
      if (s.id === override?.id && grade !== 'poor') {
        const lower = dutyReviewGrades[Math.min(dutyReviewGrades.indexOf(grade) + 1, 2)]!;
        if (lower !== grade) {
          grade = lower;
          overrideReason = '年内所在党组织发生发展党员程序不规范问题，经党委会研究下调一个等次。';
        }
      }
      await writeIn(phase, zzb, 'duty_review.grade', at(`${last}-12-11`, 5), (trx, change) =>
        svc.setGrade(
          trx,
          zzb,
          lastRun.id,
          s.id,
          { evaluationScore, grade, overrideReason },
          at(`${last}-12-11`, 5),
          change,
        ),
      );
    }
  });
  await step(zzb, lastRun.id, 'approve', `${last}-12-16`);
  await step(zzb, lastRun.id, 'publish', `${last}-12-18`);
  await write(db, zzb, 'duty_review.rectifications', at(`${last}-12-20`), (trx, change) =>
    svc.openCommentRectifications(
      trx,
      zzb,
      lastRun.id,
      `${current}-03-31`,
      `${last}-12-20`,
      at(`${last}-12-20`),
      change,
    ),
  );
  const finalGrades = await detail(lastRun.id, `${last}-12-20`);

  // This year's campaign of zongzhi's 总支 over its branch secretaries, in 民主测评 with about half the ballots cast.
  const dangyuanPerson = account('dangyuan').person_id;
  const start = plusDays(today, -24);
  const meeting = plusDays(today, -6);
  const currentRun = await throughMeeting(
    zongzhi,
    {
      year: current,
      orgId: zongzhiOrg,
      level: 'branch',
      startsOn: start < `${current}-11-01` ? start : `${current}-11-01`,
      voters: {
        committee: true,
        secretaries: true,
        representativeIds: dangyuanPerson ? [dangyuanPerson] : [],
      },
    },
    { start, meeting, closes: at(plusDays(today, 7)) },
    [zongzhi],
    'branch_secretary',
  );
  const voters = (
    await db
      .selectFrom('duty_review')
      .select('voter_person_ids')
      .where('id', '=', currentRun.id)
      .executeTakeFirstOrThrow()
  ).voter_person_ids;
  const keep = new Set([...demoPersons.keys()]);
  const others = rng.shuffle(voters.filter((p) => !keep.has(p)));
  const casting = others.slice(0, Math.floor(voters.length / 2));
  await voteAll(
    currentRun.id,
    casting,
    currentRun.subjects.map((s) => `subject-${s.id}`),
    new Set(),
    (i) => plusDays(meeting, 1 + (i % 5)),
    'branch_secretary',
  );
  return {
    lastId: lastRun.id,
    currentId: currentRun.id,
    poorOrgId: finalGrades.subjects.find((s) => s.grade === 'poor')?.org.id ?? null,
    overrideOrgId: finalGrades.subjects.find((s) => s.overrideReason !== null)?.org.id ?? null,
    openVoterPersonIds: voters.filter((p) => !casting.includes(p)),
    paper: { ballotId: lastBallotId, voters: paperVoters, batches, recounted },
  };
}
