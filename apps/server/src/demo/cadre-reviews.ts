/**
 * The demo's 中层干部年度考核 (issue 18 item 4), played through the cadre-reviews and ballots services on the loaded
 * college after the cadre roster step — as the 组织部 and the voters would through the API, each step on its day:
 *
 * - last year's round, complete: the 述职 of every cadre (or their 述职评议 linked), the 民主测评 (one item per cadre, the default rule) voted by
 *   the 校领导 (leader), the cadres themselves and zzb as a staff representative, closed; grades computed by the rule
 *   (70 % 测评 + 30 % 党委评价), 优秀 within the 20 % quota (the computed 优秀 beyond it set to 称职 with the reason);
 *   one cadre planted weak: 基本称职, with the 黄牌 (提醒谈话) recorded — their history;
 * - this year's round in 民主测评: the ballots open until a week from today with about half the voters having voted —
 *   leader and zzb not yet, so the phone voting can be shown.
 *
 * Reads the roster through the cadres service: with no cadres (the roster step not run) there is nothing to review
 * and nothing is planted. Deterministic for a seed and a demo day.
 */
import {
  addDays,
  type CadreReviewGrade,
  type CastVoteBody,
  cadreExcellentQuota,
  combineCadreReview,
  createCadreReviewBody,
} from '@dangjian/core';
import type { Actor, AuditChange, Clock, Db, Trx } from '../http/context.ts';
import { buildActor } from '../http/guard.ts';
import { castVote } from '../modules/ballots/service.ts';
import * as svc from '../modules/cadre-reviews/service.ts';
import { cadresOn } from '../modules/cadres/service.ts';
import { standIn, writeIn } from './duty-reviews.ts';
import { createRandom, type Random } from './random.ts';

const at = (day: string, minute = 0) => new Date(`${day}T02:${String(minute % 60).padStart(2, '0')}:00Z`);

const reportText = [
  '一年来，坚持以习近平新时代中国特色社会主义思想为指导，认真履行岗位职责，落实“一岗双责”。',
  '围绕学校中心工作，推进专业建设、课程改革和校企合作，完成年度目标任务。',
  '严格遵守中央八项规定精神，廉洁自律，带头落实党风廉政建设责任。',
  '存在的不足：调查研究不够深入，推进创新举措的力度有待加强。',
  '下一步打算：加强学习，改进作风，抓好班子和队伍建设，推动各项工作提质增效。',
];

/** The planted cases, for the tests and the README. */
export interface DemoCadreReviewPlan {
  lastId: number;
  currentId: number;
  /** The cadre graded 基本称职 last year, with the 黄牌 recorded. */
  yellowCardCadreId: number;
}

/** A voter's choices on every item of a ballot: mostly 称职 and 优秀, lower for the planted weak cadre. */
function choicesFor(rng: Random, keys: readonly string[], weakPrefix: string | null): CastVoteBody {
  return {
    ballotChoices: keys.map((itemKey) => {
      const r = rng.next();
      const weak = weakPrefix !== null && itemKey.startsWith(weakPrefix);
      const choice: CadreReviewGrade = weak
        ? r < 0.2
          ? 'competent'
          : r < 0.85
            ? 'basically_competent'
            : 'incompetent'
        : r < 0.45
          ? 'excellent'
          : r < 0.95
            ? 'competent'
            : 'basically_competent';
      return { itemKey, choice };
    }),
  };
}

/** Plays the demo's yearly reviews; null when the roster has no cadres. */
export async function plantCadreReviews(
  db: Db,
  clock: Clock,
  seed: number,
): Promise<DemoCadreReviewPlan | null> {
  const rng = createRandom(seed ^ 0xc4d3);
  const today = clock.today();
  const current = Number(addDays(today, -10).slice(0, 4));
  const last = current - 1;
  const lastOn = `${last}-12-01`;
  const currentOn = addDays(today, -10) < `${current}-12-01` ? addDays(today, -10) : `${current}-12-01`;
  if ((await cadresOn(db, lastOn)).length === 0 || (await cadresOn(db, currentOn)).length === 0) return null;

  const accounts = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'person_id'])
    .where('username', 'in', ['zzb', 'leader'])
    .execute();
  const actorOf = (username: string) => {
    const u = accounts.find((a) => a.username === username);
    if (!u) throw new Error(`demo account ${username} is missing`);
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
  const demoPeople = new Set(accounts.map((a) => a.person_id).filter((p): p is number => p !== null));
  const root = await db
    .selectFrom('org')
    .select(['id', 'name', 'path'])
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const names = new Map(
    (await db.selectFrom('person').select(['id', 'name']).execute()).map((p) => [p.id, p.name]),
  );
  const voterActor = (personId: number): Actor =>
    standIn(zzb, { name: names.get(personId) ?? '教职工', personId }, 'member', root);

  const write = <T>(action: string, now: Date, fn: (trx: Trx, change: AuditChange) => Promise<T>) =>
    db.transaction().execute((trx) => writeIn(trx, zzb, action, now, fn));
  const step = (
    id: number,
    s: 'open_reports' | 'open_voting' | 'close_voting' | 'publish',
    day: string,
    closesAt?: Date,
  ) =>
    write('cadre_review.step', at(day, 30), (trx, change) =>
      svc.takeStep(trx, zzb, id, { step: s, closesAt: closesAt?.toISOString() }, day, at(day, 30), change),
    );

  /** A round through its 述职 and the opening of the 测评; returns its id. */
  const throughVoting = async (year: number, reviewOn: string, start: string, closesAt: Date) => {
    const body = createCadreReviewBody.parse({
      year,
      reviewOn,
      voters: { leaders: true, cadres: true, representativeIds: zzb.personId ? [zzb.personId] : [] },
    });
    const id = await write('cadre_review.create', at(start), (trx, change) =>
      svc.createReview(trx, zzb, body, at(start), change),
    );
    await step(id, 'open_reports', start);
    const d = await svc.getReviewDetail(db, zzb, id, at(start, 40));
    await db.transaction().execute(async (trx) => {
      for (const [i, s] of d.subjects.entries()) {
        if (s.dutyReview) continue;
        const now = at(addDays(start, 1 + (i % 3)), i % 60);
        const report = `${s.name}（${s.posts}）${year}年度述职：\n${rng
          .shuffle([...reportText])
          .slice(0, 4)
          .join('\n')}`;
        await writeIn(trx, zzb, 'cadre_review.report', now, (t, change) =>
          svc.saveReport(t, id, s.id, report, now, change),
        );
      }
    });
    await step(id, 'open_voting', addDays(start, 4), closesAt);
    return id;
  };

  /** The voters in `voterIds` vote on every ballot of the round. */
  const vote = async (id: number, voterIds: readonly number[], weakSubject: number | null, day: string) => {
    const d = await svc.getReviewDetail(db, zzb, id, at(day));
    const itemsOf = new Map<number, string[]>();
    const ballots = await db
      .selectFrom('ballot')
      .select(['id', 'items'])
      .where(
        'id',
        'in',
        d.ballots.map((b) => b.id),
      )
      .execute();
    for (const b of ballots)
      itemsOf.set(
        b.id,
        b.items.map((i) => i.key),
      );
    await db.transaction().execute(async (trx) => {
      for (const [i, personId] of voterIds.entries()) {
        const voter = voterActor(personId);
        const now = at(day, i % 60);
        for (const [ballotId, keys] of itemsOf)
          await writeIn(trx, voter, 'ballot.vote', now, (t, change) =>
            castVote(
              t,
              voter,
              ballotId,
              choicesFor(rng, keys, weakSubject === null ? null : `s${weakSubject}-`),
              now,
              change,
            ),
          );
      }
    });
  };

  // Last year's round, complete.
  const lastStart = `${last}-12-03`;
  const lastId = await throughVoting(last, lastOn, lastStart, at(`${last}-12-14`, 59));
  let d = await svc.getReviewDetail(db, zzb, lastId, at(lastStart));
  const weak = d.subjects[rng.int(0, d.subjects.length - 1)]!;
  const lastVoters = await db
    .selectFrom('cadre_review')
    .select('voter_person_ids')
    .where('id', '=', lastId)
    .executeTakeFirstOrThrow();
  await vote(
    lastId,
    lastVoters.voter_person_ids.filter(() => rng.next() < 0.9),
    weak.id,
    `${last}-12-10`,
  );
  await step(lastId, 'close_voting', `${last}-12-15`);
  d = await svc.getReviewDetail(db, zzb, lastId, at(`${last}-12-15`, 40));
  const scores = d.subjects.map((s) => {
    const evaluation = s.id === weak.id ? 60 : 80 + rng.int(0, 15);
    const c = s.votes ? combineCadreReview(d.rule, s.votes.counts, evaluation) : null;
    return { s, evaluation, c: c?.ok ? c : null };
  });
  const quota = cadreExcellentQuota(d.subjects.length, d.rule.excellentQuotaPercent);
  const excellent = new Set(
    scores
      .filter((x) => x.c?.grade === 'excellent')
      .sort((a, b) => b.c!.score - a.c!.score || a.s.id - b.s.id)
      .slice(0, quota)
      .map((x) => x.s.id),
  );
  await db.transaction().execute(async (trx) => {
    for (const [i, x] of scores.entries()) {
      const computed = x.c?.grade ?? null;
      const grade: CadreReviewGrade =
        x.s.id === weak.id
          ? 'basically_competent'
          : computed === 'excellent' && !excellent.has(x.s.id)
            ? 'competent'
            : (computed ?? 'competent');
      const reason =
        grade === computed
          ? null
          : computed === 'excellent'
            ? '优秀等次名额已满，按综合得分排序确定'
            : '党委综合评定：年度目标任务完成不够理想';
      const now = at(`${last}-12-16`, i % 60);
      await writeIn(trx, zzb, 'cadre_review.grade', now, (t, change) =>
        svc.setGrade(
          t,
          lastId,
          x.s.id,
          { evaluationScore: x.evaluation, grade, overrideReason: reason },
          now,
          change,
        ),
      );
    }
  });
  await step(lastId, 'publish', `${last}-12-20`);
  await write('cadre_review.consequence', at(`${last}-12-24`), (trx, change) =>
    svc.recordConsequence(
      trx,
      zzb,
      lastId,
      weak.id,
      {
        kind: 'yellow_card',
        decidedOn: `${last}-12-24`,
        note: '组织部约谈提醒，限期改进工作作风，抓好年度目标落实',
      },
      `${last}-12-24`,
      at(`${last}-12-24`),
      change,
    ),
  );

  // This year's round, in 民主测评: about half the voters have voted, leader and zzb not yet.
  const start = addDays(today, -6);
  const currentId = await throughVoting(current, currentOn, start, at(addDays(today, 7), 59));
  const roll = await db
    .selectFrom('cadre_review')
    .select('voter_person_ids')
    .where('id', '=', currentId)
    .executeTakeFirstOrThrow();
  await vote(
    currentId,
    roll.voter_person_ids.filter((p) => !demoPeople.has(p) && rng.next() < 0.5),
    null,
    addDays(today, -1),
  );
  return { lastId, currentId, yellowCardCadreId: weak.cadreId };
}
