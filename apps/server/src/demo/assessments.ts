/**
 * The demo's assessments (考核评价, issue 16 item 7), played through the assessment module's service on the loaded
 * college — as the 组织部, the 总支 and the branches would through the API, each step on its own day of the demo
 * clock — so every score stored is the one the service computes from the demo's records:
 *
 * - the 星级党支部评定 of the year before last, complete and scored from the branches' 工作台账 (`ledgerStarSystem`:
 *   the platform holds no records of that year), so last year's stars compare with it (the leader's overview, the
 *   star map, an org's results by year);
 * - last year's 星级党支部评定 for every branch of the college, complete: the 自评 of the judged items, the 总支's
 *   review (the 组织部's for a branch directly under the 党委), the 组织部's approval, the 党委's decision recorded in
 *   order of score, a 公示 of 5 working days and the final result. One branch's 一票否决 (V1, found by the 组织部)
 *   caps it at 二星级; the 党委 deciding more 五星级 than the quota allows is refused by the procedure (the refusal is
 *   real: the service answers it), so the 组织部 sends that branch back with the refusal's words and rates it again
 *   below 五星级; a low (整改) result opens its rectification items through the service;
 * - last year's 标准化达标验收 of the branches, complete (达标 / 不达标);
 * - this year's 星级 round in 自评: some branches have submitted, the 总支 reviewed some of those, most wait — zhibu's
 *   branch waits for its 自评 (zhibu's 待办), a branch under zongzhi's 总支 waits for the 总支's review.
 *
 * Branches founded less than a year before a round's reference date are 不参评 (core `ratingEligibility`, applied by
 * the service). The branches' and 总支' secretaries who have no demo account act under their own names: the steps
 * name them and carry no account (as the other demo records do). Deterministic for a seed and a demo day.
 */
import {
  type AssessmentRoundDetail,
  type AssessmentScore,
  type AssessmentTransitionBody,
  assessmentTransitionBody,
  createAssessmentRoundBody,
  createIndicatorSystemBody,
  type Indicator,
  type IndicatorSystemDefinition,
  indicatorsOf,
  type OrgAssessmentBody,
  orgAssessmentBody,
  permissionsFor,
  publicNoticeEnd,
  type RoleCode,
  rectificationEvidenceBody,
  rectificationTransitionBody,
  systemFromTemplate,
  updateRectificationBody,
} from '@dangjian/core';
import { appendAuditEntry } from '../http/audit-append.ts';
import type { Actor, AuditChange, Clock, Db, Trx } from '../http/context.ts';
import { buildActor } from '../http/guard.ts';
import * as svc from '../modules/assessment/service.ts';
import * as rectification from '../modules/rectification/service.ts';
import { createRandom, type Random } from './random.ts';

/** An assessment step's time: 10:00 in Beijing on a day. */
const at = (day: string, minute = 0) => new Date(`${day}T02:${String(minute % 60).padStart(2, '0')}:00Z`);
const plusDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The years of the demo's rounds: the one before the platform's records (its 星级 results entered from the
 * spreadsheets), the last complete one and the current one (in 自评).
 */
export function demoAssessmentYears(today: string): { before: number; last: number; current: number } {
  const year = Number(today.slice(0, 4));
  // A year's 星级 round runs in its December and the next January–February: before March the current round is the
  // year just ended's.
  const current = today.slice(5) >= '03-01' ? year : year - 1;
  return { before: current - 2, last: current - 1, current };
}

/**
 * The 星级 system of a year before the platform's records began: the template with every figure the records would
 * give judged instead (the 组织部 scored that year from the branches' 工作台账; the platform holds no records of
 * it), metric vetoes judged too.
 */
export function ledgerStarSystem(year: number): IndicatorSystemDefinition {
  const t = systemFromTemplate('star_branch', year);
  const judged = (i: Indicator): Indicator => {
    const guidance = '平台启用前的年度，按支部工作台账评定';
    switch (i.method) {
      case 'computed':
        return { method: 'judgement', id: i.id, title: i.title, guidance, max: i.max };
      case 'bonus':
      case 'deduction':
        return { ...i, metric: null };
      case 'pass_fail':
        return { ...i, metric: null, threshold: null };
      case 'judgement':
        return i;
    }
  };
  return {
    ...t,
    name: `${year}年度星级党支部评定指标体系（按工作台账评定）`,
    description: `${year}年度党建工作尚未在平台记录，各项由总支、组织部对照支部工作台账评定，结果录入平台以便逐年比较。`,
    dimensions: t.dimensions.map((d) => ({ ...d, indicators: d.indicators.map(judged) })),
    vetoes: t.vetoes.map((v) => ({ ...v, metric: null, threshold: null })),
  };
}

/** How the demo's reviewers word their judgements. */
/** What a branch does about an indicator it did not meet. */
const rectifyMeasures = [
  '支委会专题研究未达标指标，明确责任委员和完成时限，逐项补齐短板。',
  '对照标准制定整改清单，召开支部党员大会通报整改安排并抓好落实。',
  '完善相关工作制度，建立台账按月跟踪，支部书记每月检查一次。',
  '组织专题学习和谈心谈话，查找原因，落实整改措施并形成记录。',
] as const;

const selfComments = [
  '对照评分标准逐项自查，相关会议记录和活动已在平台归档。',
  '按支部工作计划落实，具体事例见支委会和党员大会记录。',
  '结合专业建设开展，有成效也有不足，不足之处已列入明年计划。',
];
const reviewComments = [
  '经总支核实，与支部记录相符。',
  '总支核实：部分工作成效不够突出，酌情调整。',
  '总支核实情况属实。',
];

interface Person {
  name: string;
  personId: number | null;
}

interface OrgInfo {
  id: number;
  type: string;
  name: string;
  path: string;
  parentId: number | null;
}

/** The demo's stand-in for a secretary without an account: their name, their role's permissions on their org. */
function standIn(base: Actor, who: Person, role: RoleCode, org: OrgInfo): Actor {
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

/**
 * One use case, as a route runs it: a transaction, the service call, its audit entry on the step's time. Given a
 * transaction, the use case runs in it (many use cases of one phase in one commit, each with its audit entry).
 */
async function write<T>(
  db: Db | Trx,
  actor: Actor,
  action: string,
  now: Date,
  accountless: boolean,
  fn: (trx: Trx, change: AuditChange) => Promise<T>,
): Promise<T> {
  const run = async (trx: Trx) => {
    const change: AuditChange = {};
    const result = await fn(trx, change);
    await appendAuditEntry(trx, {
      actorId: accountless ? null : actor.userId,
      actorName: accountless ? actor.displayName : actor.username,
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
  };
  return db.isTransaction ? run(db as Trx) : (db as Db).transaction().execute(run);
}

/** The planted cases, for the tests and the README. */
export interface DemoAssessmentPlan {
  lastStarRoundId: number;
  lastStandardRoundId: number;
  currentStarRoundId: number;
  /** The branch whose 一票否决 capped it at 二星级 last year. */
  vetoOrgId: number;
  /** The branch the 党委 could not rate 五星级 last year: the quota's refusal sent it back. */
  quotaOrgId: number | null;
  /** The 星级 round of the year before last (scored from the 工作台账), final: last year's results compare with it. */
  beforeStarRoundId: number;
}

/**
 * Plays the demo's assessment rounds through the service on a freshly loaded demo college (after its findings
 * history), deterministic for `seed` and the clock's day.
 */
export async function plantAssessments(db: Db, clock: Clock, seed: number): Promise<DemoAssessmentPlan> {
  const rng = createRandom(seed ^ 0xa55e);
  const today = clock.today();
  const { before, last, current } = demoAssessmentYears(today);
  const accounts = await db
    .selectFrom('app_user as u')
    .leftJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.person_id', 'r.org_id'])
    .where('u.username', 'in', ['zzb', 'zongzhi', 'zhibu'])
    .orderBy('u.id')
    .execute();
  const actorOf = async (username: string) => {
    const u = accounts.find((a) => a.username === username);
    if (!u) throw new Error(`demo account ${username} is missing`);
    return {
      orgId: u.org_id,
      actor: await buildActor(
        db,
        {
          userId: u.id,
          username: u.username,
          displayName: u.display_name,
          personId: u.person_id,
          mustChangePassword: false,
        },
        { sessionId: 'demo', csrfToken: 'demo' },
      ),
    };
  };
  const zzb = (await actorOf('zzb')).actor;
  const zongzhi = await actorOf('zongzhi');
  const zhibu = await actorOf('zhibu');

  const orgs = new Map(
    (
      await db
        .selectFrom('org')
        .select(['id', 'name', 'path', 'parent_id as parentId', 'type'])
        .where('archived_at', 'is', null)
        .execute()
    ).map((o) => [o.id, o as OrgInfo]),
  );
  const secretaries = new Map(
    (
      await db
        .selectFrom('appointment as a')
        .innerJoin('person as p', 'p.id', 'a.person_id')
        .select(['a.org_id', 'p.id', 'p.name'])
        .where('a.post', '=', 'secretary')
        .where('a.end_date', 'is', null)
        .orderBy('a.id')
        .execute()
    ).map((s) => [s.org_id, { name: s.name, personId: s.id }]),
  );
  const underGeneralBranch = (orgId: number) => {
    const parent = orgs.get(orgs.get(orgId)!.parentId ?? 0);
    return parent?.type === 'general_branch';
  };
  /** Who acts for an org at a level: the demo account when there is one, else its secretary under their name. */
  const sideActor = (orgId: number, role: RoleCode): { actor: Actor; accountless: boolean } => {
    if (role === 'branch_secretary' && orgId === zhibu.orgId)
      return { actor: zhibu.actor, accountless: false };
    if (role === 'general_branch_secretary' && orgId === zongzhi.orgId)
      return { actor: zongzhi.actor, accountless: false };
    const org = orgs.get(orgId)!;
    const who = secretaries.get(orgId) ?? { name: `${org.name}书记`, personId: null };
    return { actor: standIn(zzb, who, role, org), accountless: true };
  };

  const createSystem = (
    source: { template: 'star_branch' | 'standard_branch'; year: number } | IndicatorSystemDefinition,
    day: string,
  ) =>
    write(db, zzb, 'indicator_system.create', at(day), false, (trx, change) =>
      svc.createSystem(
        trx,
        zzb,
        createIndicatorSystemBody.parse(
          'template' in source
            ? { source: 'template', ...source }
            : { source: 'definition', definition: source },
        ),
        at(day),
        change,
      ),
    );
  const createRound = (body: Record<string, unknown>, day: string) =>
    write(db, zzb, 'assessment.create', at(day), false, (trx, change) =>
      svc.createRound(trx, zzb, createAssessmentRoundBody.parse(body), day, at(day), change),
    );
  const board = (roundId: number, day: string): Promise<AssessmentRoundDetail> =>
    svc.getRound(db, zzb, roundId, at(day, 59));
  const versionOf = async (roundId: number, orgId: number, q: Db | Trx = db) =>
    (
      await q
        .selectFrom('org_assessment')
        .select('version')
        .where('round_id', '=', roundId)
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow()
    ).version;
  const judge = async (
    side: { actor: Actor; accountless: boolean },
    roundId: number,
    orgId: number,
    body: Omit<OrgAssessmentBody, 'version'>,
    day: string,
    minute: number,
    q: Db | Trx = db,
  ) => {
    const version = await versionOf(roundId, orgId, q);
    await write(q, side.actor, 'assessment.judge', at(day, minute), side.accountless, (trx, change) =>
      svc.saveJudgements(
        trx,
        side.actor,
        roundId,
        orgId,
        orgAssessmentBody.parse({ ...body, version }),
        day,
        at(day, minute),
        change,
      ),
    );
  };
  const step = (
    side: { actor: Actor; accountless: boolean },
    roundId: number,
    orgId: number,
    body: AssessmentTransitionBody,
    day: string,
    minute: number,
    q: Db | Trx = db,
  ) =>
    write(q, side.actor, 'assessment.transition', at(day, minute + 1), side.accountless, (trx, change) =>
      svc.transitionOrgAssessment(
        trx,
        side.actor,
        roundId,
        orgId,
        assessmentTransitionBody.parse(body),
        day,
        at(day, minute + 1),
        change,
      ),
    );
  const department = { actor: zzb, accountless: false };

  /** The judged items of a system and a branch's 自评 of them, from its quality (0–1). */
  type Entry = { itemId: string; value: number | boolean; comment: string };
  const selfJudgements = (system: IndicatorSystemDefinition, quality: number, r: Random): Entry[] =>
    indicatorsOf(system).flatMap(({ indicator: i }): Entry[] => {
      const comment = r.pick(selfComments);
      if (i.method === 'judgement')
        return [{ itemId: i.id, value: Math.max(0, Math.min(i.max, Math.round(i.max * quality))), comment }];
      if (i.method === 'bonus' && i.metric === null)
        return [{ itemId: i.id, value: quality > 0.93 && r.chance(0.5) ? 1 : 0, comment }];
      if (i.method === 'pass_fail' && i.metric === null)
        return [{ itemId: i.id, value: i.required || quality > 0.75, comment }];
      return [];
    });

  // The year before last's 星级 round, scored from the 工作台账 (no records of that year on the platform) and
  // complete: the branches' 自评, the 总支's and the 组织部's approval, the 党委's decision, 5 working days of 公示.
  // Fewer branches reached 五星级 than last year (within the quota by construction), none fell to 整改: its
  // results open no rectification items.
  const beforeDefinition = ledgerStarSystem(before);
  const beforeSystem = await createSystem(beforeDefinition, `${before}-11-20`);
  const beforeStar = await createRound(
    {
      systemId: beforeSystem,
      title: `${before}年度星级党支部评定`,
      periodStart: `${before}-01-01`,
      periodEnd: `${before}-12-31`,
      scopeOrgId: 1,
      selfDueOn: `${before + 1}-01-09`,
      reviewDueOn: `${before + 1}-01-16`,
    },
    `${before}-12-10`,
  );
  {
    const brng = createRandom(seed ^ 0xb4f0);
    const rated = (await board(beforeStar, `${before}-12-10`)).orgs.filter((o) => o.status !== 'not_rated');
    const fives = Math.max(1, Math.floor(rated.length * 0.2));
    const quality = new Map(
      rated.map((o, n) => [
        o.orgId,
        n % Math.ceil(rated.length / fives) === 0 && n / Math.ceil(rated.length / fives) < fives
          ? 0.93 + brng.next() * 0.05
          : 0.72 + brng.next() * 0.14,
      ]),
    );
    const yb = before + 1;
    // Every use case of the round in one commit, each with its audit entry (the rows are the same; it loads faster).
    await db.transaction().execute(async (q) => {
      for (const [n, o] of rated.entries()) {
        const self = sideActor(o.orgId, 'branch_secretary');
        const day = plusDays(`${yb}-01-05`, n % 4);
        const entries = selfJudgements(beforeDefinition, quality.get(o.orgId)!, brng);
        await judge(self, beforeStar, o.orgId, { judgements: entries, adjustments: [] }, day, n, q);
        await step(self, beforeStar, o.orgId, { transition: 'submit_self' }, day, n, q);
        const gb = orgs.get(o.orgId)!.parentId;
        if (underGeneralBranch(o.orgId) && gb !== null)
          await step(
            sideActor(gb, 'general_branch_secretary'),
            beforeStar,
            o.orgId,
            { transition: 'general_branch_approve' },
            plusDays(`${yb}-01-12`, n % 4),
            n,
            q,
          );
        await step(
          department,
          beforeStar,
          o.orgId,
          { transition: 'department_approve' },
          `${yb}-01-20`,
          n,
          q,
        );
      }
      const decidedOn = `${yb}-01-23`;
      const noticeStartOn = `${yb}-01-26`;
      const noticeEndOn = publicNoticeEnd(noticeStartOn, 5);
      const decision = { transition: 'record_decision', decidedOn, noticeStartOn, noticeEndOn } as const;
      for (const [n, o] of rated.entries())
        await step(department, beforeStar, o.orgId, decision, decidedOn, n, q);
      for (const [n, o] of rated.entries())
        await step(
          department,
          beforeStar,
          o.orgId,
          { transition: 'finalise' },
          plusDays(noticeEndOn, 3),
          n,
          q,
        );
    });
  }

  // Last year's rounds, opened in its December.
  const opened = `${last}-12-10`;
  const starSystem = await createSystem({ template: 'star_branch', year: last }, `${last}-11-20`);
  const standardSystem = await createSystem({ template: 'standard_branch', year: last }, `${last}-11-20`);
  const lastStar = await createRound(
    {
      systemId: starSystem,
      title: `${last}年度星级党支部评定`,
      periodStart: `${last}-01-01`,
      periodEnd: `${last}-12-31`,
      scopeOrgId: 1,
      selfDueOn: `${last + 1}-01-09`,
      reviewDueOn: `${last + 1}-01-16`,
    },
    opened,
  );
  const lastStandard = await createRound(
    {
      systemId: standardSystem,
      title: `${last}年度党支部标准化规范化建设达标验收`,
      periodStart: `${last}-01-01`,
      periodEnd: `${last}-12-31`,
      scopeOrgId: 1,
      selfDueOn: `${last + 1}-01-09`,
      reviewDueOn: `${last + 1}-01-16`,
    },
    opened,
  );

  const y = last + 1;
  let vetoOrgId = 0;
  let quotaOrgId: number | null = null;
  const definitionOf = async (systemId: number) =>
    (
      await db
        .selectFrom('indicator_system')
        .select('definition')
        .where('id', '=', systemId)
        .executeTakeFirstOrThrow()
    ).definition as IndicatorSystemDefinition;
  for (const [roundId, systemId] of [
    [lastStar, starSystem],
    [lastStandard, standardSystem],
  ] as const) {
    const round = await board(roundId, opened);
    const definition = await definitionOf(systemId);
    const rated = round.orgs.filter((o) => o.status !== 'not_rated');
    // A quality per branch: most good, a few weak (the 整改 band), zhibu's overdue-term branch weaker.
    const quality = new Map(
      rated.map((o) => [
        o.orgId,
        o.orgId === zhibu.orgId
          ? 0.62
          : rng.weighted([
              [rng.next() * 0.1 + 0.9, 3],
              [rng.next() * 0.15 + 0.75, 5],
              [rng.next() * 0.2 + 0.4, 1],
            ]),
      ]),
    );
    if (roundId === lastStar) {
      // The veto: a good branch under a 总支, not one of the demo accounts'.
      const candidates = rated.filter(
        (o) => o.orgId !== zhibu.orgId && (quality.get(o.orgId) ?? 0) >= 0.85 && underGeneralBranch(o.orgId),
      );
      vetoOrgId = (candidates[0] ?? rated[0]!).orgId;
    }
    for (const [n, o] of rated.entries()) {
      const q = quality.get(o.orgId)!;
      const r = createRandom(seed ^ (roundId * 7919 + o.orgId));
      const selfDay = plusDays(`${y}-01-05`, n % 4);
      const self = sideActor(o.orgId, 'branch_secretary');
      await judge(
        self,
        roundId,
        o.orgId,
        { judgements: selfJudgements(definition, q, r), adjustments: [] },
        selfDay,
        n,
      );
      await step(self, roundId, o.orgId, { transition: 'submit_self' }, selfDay, n);
      const reviewDay = plusDays(`${y}-01-12`, n % 4);
      const gb = orgs.get(o.orgId)!.parentId;
      if (underGeneralBranch(o.orgId) && gb !== null) {
        const reviewer = sideActor(gb, 'general_branch_secretary');
        // The 总支 confirms the 自评, and lowers one judged item where it saw less than the branch wrote.
        const lowered = selfJudgements(definition, q, createRandom(seed ^ (roundId * 7919 + o.orgId))).map(
          (j, i) =>
            i === 0 && typeof j.value === 'number' && j.value > 0 && r.chance(0.3)
              ? { ...j, value: j.value - 1, comment: reviewComments[1]! }
              : { ...j, comment: r.pick([reviewComments[0]!, reviewComments[2]!]) },
        );
        await judge(reviewer, roundId, o.orgId, { judgements: lowered, adjustments: [] }, reviewDay, n);
        await step(reviewer, roundId, o.orgId, { transition: 'general_branch_approve' }, reviewDay, n);
      }
      if (o.orgId === vetoOrgId)
        await judge(
          department,
          roundId,
          o.orgId,
          {
            judgements: [
              {
                itemId: 'V1',
                value: true,
                comment: `该支部一名党员${last}年受到党内严重警告处分，造成不良影响，按一票否决最高评为二星级（校纪委通报）。`,
              },
            ],
            adjustments: [],
          },
          `${y}-01-19`,
          n,
        );
      await step(department, roundId, o.orgId, { transition: 'department_approve' }, `${y}-01-20`, n);
    }
    // The 党委 decides in order of score (highest first): beyond the 五星级 quota the procedure refuses.
    const decidedOn = `${y}-01-23`;
    const noticeStartOn = `${y}-01-26`;
    const noticeEndOn = publicNoticeEnd(noticeStartOn, 5);
    const decision = { transition: 'record_decision', decidedOn, noticeStartOn, noticeEndOn } as const;
    const scored = (await board(roundId, decidedOn)).orgs
      .filter((o) => o.status === 'committee_decision')
      .sort((a, b) => (b.total ?? 0) - (a.total ?? 0) || a.orgId - b.orgId);
    for (const [n, o] of scored.entries()) {
      try {
        await step(department, roundId, o.orgId, decision, decidedOn, n);
      } catch (error) {
        if (
          roundId !== lastStar ||
          !(error instanceof Error) ||
          !('code' in error) ||
          error.code !== 'RULE_VIOLATION'
        )
          throw error;
        // The quota's refusal: sent back with its words, the 组织部 rates the branch again (its 班子's work weighed
        // against the others'), approves and the 党委 decides it below 五星级.
        quotaOrgId ??= o.orgId;
        await step(
          department,
          roundId,
          o.orgId,
          { transition: 'decision_return', reason: `党委审定时${error.message}，退回重新审核` },
          decidedOn,
          n,
        );
        // Lowered from the judged items of 作用发挥 backwards until the total falls below the 五星级 band (a bonus
        // may fill a dimension back up to its maximum, so the total is read again after each change).
        const lowered = new Map<string, Entry>();
        for (let round = 0; round < 10; round++) {
          const stored = await db
            .selectFrom('org_assessment')
            .select(['score', 'total', 'stars'])
            .where('round_id', '=', roundId)
            .where('org_id', '=', o.orgId)
            .executeTakeFirstOrThrow();
          if ((stored.stars ?? 0) < 5) break;
          const score = stored.score as AssessmentScore;
          const item = score.dimensions
            .flatMap((d) => d.indicators)
            .reverse()
            .find((i) => i.method === 'judgement' && i.points > 0);
          if (!item) break;
          const by = Math.min(Math.max(1, Math.ceil((stored.total ?? 0) - 89)), Math.floor(item.points));
          lowered.set(item.id, {
            itemId: item.id,
            value: item.points - by,
            comment: '党委会审定：与其他五星级支部比较，成效不够突出，按五星级比例评为四星级。',
          });
          await judge(
            department,
            roundId,
            o.orgId,
            { judgements: [...lowered.values()], adjustments: [] },
            decidedOn,
            n + 20,
          );
        }
        await step(department, roundId, o.orgId, { transition: 'department_approve' }, decidedOn, n + 20);
        await step(department, roundId, o.orgId, decision, decidedOn, n + 30);
      }
    }
    const finalDay = plusDays(noticeEndOn, 3);
    for (const [n, o] of scored.entries())
      await step(department, roundId, o.orgId, { transition: 'finalise' }, finalDay, n);
  }

  // The rectification items last year's results opened: most are rectified by the branch (measures, a meeting it
  // held since linked as the evidence, the result) and closed by the level above; a few are still being worked on.
  // An item's own row keeps the database's time of insertion; its timeline's first entry has the day it was opened.
  const openedItems = await db
    .selectFrom('rectification as r')
    .innerJoin('rectification_event as e', (j) =>
      j.onRef('e.rectification_id', '=', 'r.id').on('e.kind', '=', 'created'),
    )
    .select(['r.id', 'r.org_id', 'e.at as created_at'])
    .where('r.source', '=', 'assessment')
    .where('r.status', '=', 'pending')
    .orderBy('r.id')
    .execute();
  const itemVersion = async (id: number) =>
    (await db.selectFrom('rectification').select('version').where('id', '=', id).executeTakeFirstOrThrow())
      .version;
  for (const [n, item] of openedItems.entries()) {
    if (rng.chance(0.1)) continue;
    const openedOn = new Date(item.created_at).toISOString().slice(0, 10);
    const startDay = plusDays(openedOn, rng.int(3, 12));
    const meeting = await db
      .selectFrom('activity')
      .select(['id', 'on_date'])
      .where('org_id', '=', item.org_id)
      .where('status', 'in', ['held', 'closed'])
      .where('on_date', '>', startDay)
      .where('on_date', '<', today)
      .orderBy('on_date')
      .executeTakeFirst();
    if (!meeting) continue;
    const self = sideActor(item.org_id, 'branch_secretary');
    const heldOn = String(meeting.on_date).slice(0, 10);
    await write(
      db,
      self.actor,
      'rectification.update',
      at(startDay, n),
      self.accountless,
      async (trx, change) =>
        rectification.updateRectification(
          trx,
          self.actor,
          item.id,
          updateRectificationBody.parse({
            measures: rng.pick(rectifyMeasures),
            version: await itemVersion(item.id),
          }),
          startDay,
          at(startDay, n),
          change,
        ),
    );
    await write(
      db,
      self.actor,
      'rectification.transition',
      at(startDay, n + 1),
      self.accountless,
      (trx, change) =>
        rectification.transitionRectification(
          trx,
          self.actor,
          item.id,
          rectificationTransitionBody.parse({ transition: 'start' }),
          startDay,
          at(startDay, n + 1),
          change,
        ),
    );
    await write(
      db,
      self.actor,
      'rectification.evidence.add',
      at(heldOn, n + 30),
      self.accountless,
      (trx, change) =>
        rectification.addEvidenceLink(
          trx,
          self.actor,
          item.id,
          rectificationEvidenceBody.parse({ kind: 'activity', recordId: meeting.id }),
          at(heldOn, n + 30),
          change,
        ),
    );
    await write(
      db,
      self.actor,
      'rectification.update',
      at(heldOn, n + 31),
      self.accountless,
      async (trx, change) =>
        rectification.updateRectification(
          trx,
          self.actor,
          item.id,
          updateRectificationBody.parse({
            result: '已按整改措施完成整改，相关会议已召开并归档，记录见佐证。',
            version: await itemVersion(item.id),
          }),
          heldOn,
          at(heldOn, n + 31),
          change,
        ),
    );
    await write(
      db,
      self.actor,
      'rectification.transition',
      at(heldOn, n + 32),
      self.accountless,
      (trx, change) =>
        rectification.transitionRectification(
          trx,
          self.actor,
          item.id,
          rectificationTransitionBody.parse({ transition: 'submit' }),
          heldOn,
          at(heldOn, n + 32),
          change,
        ),
    );
    const verifyOn = plusDays(heldOn, rng.int(2, 9));
    if (verifyOn >= today) continue;
    const parent = orgs.get(item.org_id)!.parentId!;
    const verifier = underGeneralBranch(item.org_id)
      ? sideActor(parent, 'general_branch_secretary')
      : department;
    await write(
      db,
      verifier.actor,
      'rectification.transition',
      at(verifyOn, n),
      verifier.accountless,
      (trx, change) =>
        rectification.transitionRectification(
          trx,
          verifier.actor,
          item.id,
          rectificationTransitionBody.parse({ transition: 'verify' }),
          verifyOn,
          at(verifyOn, n),
          change,
        ),
    );
  }

  // This year's 星级 round, opened ten days ago, its 自评 due in nine days.
  const currentSystem = await createSystem({ template: 'star_branch', year: current }, plusDays(today, -12));
  const openedOn = plusDays(today, -10);
  const currentRound = await createRound(
    {
      systemId: currentSystem,
      title: `${current}年度星级党支部评定`,
      periodStart: `${current}-01-01`,
      periodEnd: `${current}-12-31`,
      scopeOrgId: 1,
      selfDueOn: plusDays(today, 9),
      reviewDueOn: plusDays(today, 19),
    },
    openedOn,
  );
  const currentDefinition = await definitionOf(currentSystem);
  const open = (await board(currentRound, openedOn)).orgs.filter((o) => o.status === 'self_assessment');
  // zongzhi's 总支 has one branch submitted and waiting for its review; about a quarter of the others submitted,
  // and the 总支 reviewed about half of those. zhibu's branch has not submitted.
  const underZongzhi = open.find(
    (o) => o.orgId !== zhibu.orgId && orgs.get(o.orgId)!.parentId === zongzhi.orgId,
  );
  const submitting = open.filter(
    (o) =>
      o.orgId !== zhibu.orgId && (o === underZongzhi || (underGeneralBranch(o.orgId) && rng.chance(0.3))),
  );
  for (const [n, o] of submitting.entries()) {
    const day = plusDays(today, -rng.int(1, 7));
    const self = sideActor(o.orgId, 'branch_secretary');
    const q = rng.next() * 0.25 + 0.72;
    await judge(
      self,
      currentRound,
      o.orgId,
      { judgements: selfJudgements(currentDefinition, q, rng), adjustments: [] },
      day,
      n,
    );
    await step(self, currentRound, o.orgId, { transition: 'submit_self' }, day, n);
    const gb = orgs.get(o.orgId)!.parentId!;
    if (o !== underZongzhi && gb !== zongzhi.orgId && rng.chance(0.5)) {
      const reviewer = sideActor(gb, 'general_branch_secretary');
      const reviewDay = plusDays(day, 1) > today ? today : plusDays(day, 1);
      await judge(
        reviewer,
        currentRound,
        o.orgId,
        { judgements: selfJudgements(currentDefinition, q, rng), adjustments: [] },
        reviewDay,
        n + 30,
      );
      await step(
        reviewer,
        currentRound,
        o.orgId,
        { transition: 'general_branch_approve' },
        reviewDay,
        n + 30,
      );
    }
  }
  return {
    beforeStarRoundId: beforeStar,
    lastStarRoundId: lastStar,
    lastStandardRoundId: lastStandard,
    currentStarRoundId: currentRound,
    vetoOrgId,
    quotaOrgId,
  };
}
