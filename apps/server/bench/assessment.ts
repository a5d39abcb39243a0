// Bench case of the assessment metrics (issue 16: "computing a round for every branch of the 10× college, within
// 3× the time of the SQL that reads its facts"): computeAssessmentFacts for every branch and 党总支 of the college
// with all 26 metrics of core's catalogue, over this year up to today, against the hand-written SQL that reads the
// same rows from the same tables (orgs, terms and secretaries, closed records, attendance per record, members and
// talks, findings with their history, 发展党员 steps, rectification items and supervised tasks with their
// timelines), run in parallel as the providers run. A few totals are checked against SQL first.
import {
  branchTypes,
  createAssessmentRoundBody,
  createIndicatorSystemBody,
  type IsoDate,
  metricKeys,
} from '@dangjian/core';
import { type SqlBool, sql } from 'kysely';
import type { Clock, Db } from '../src/http/context.ts';
import { processMarks } from '../src/http/findings-store.ts';
import { buildActor } from '../src/http/guard.ts';
import { computeAssessmentFacts } from '../src/modules/assessment/metrics.ts';
import { orgRowsOf } from '../src/modules/assessment/repo.ts';
import { createRound, createSystem, getRound } from '../src/modules/assessment/service.ts';

export type Row = { case: string; value: string; baseline: string; ratio: string };

/**
 * Medians of `runs` timings of each, taken in turn (a, b, a, b…) after one warm-up each, so that load from
 * elsewhere on the machine falls on both alike.
 */
async function timeInTurn(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number) {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [median(ta), median(tb)] as const;
}

/** The rows the metrics read, selected with plain SQL: what any computation of them must at least fetch. */
async function factsBySql(db: Db, from: IsoDate, to: IsoDate, ref: IsoDate) {
  const end = sql`((${ref}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const results = await Promise.all([
    sql`select id, parent_id, path, type, name, category, founded_on, archived_at from org`.execute(db),
    sql`select t.id, t.org_id, t.number, t.start_date, t.planned_end_date, t.postponed_to, t.team_kind,
          p.name, p.is_dual_leader
        from term t left join appointment a on a.term_id = t.id and a.post = 'secretary'
        left join person p on p.id = a.person_id where t.start_date <= ${ref}`.execute(db),
    sql`select a.id, a.org_id, a.kind, a.on_date, a.has_first_topic, a.title from activity a
        where a.status = 'closed' and a.on_date >= ${from} and a.on_date <= ${to}`.execute(db),
    sql`select x.activity_id, count(*) as expected, count(*) filter (where x.status = 'present') as present
        from activity_attendee x join activity a on a.id = x.activity_id
        where a.status = 'closed' and a.on_date >= ${from} and a.on_date <= ${to} and x.role <> 'guest'
        group by x.activity_id`.execute(db),
    sql`select p.id, p.org_id, p.joined_on from person p
        where p.status = 'active' and p.party_status in ('full', 'probationary')`.execute(db),
    sql`select a.id, a.on_date, a.host_person_id, a.partner_person_id from activity a
        where a.kind = 'talk' and a.status = 'closed' and a.on_date >= ${from} and a.on_date <= ${to}`.execute(
      db,
    ),
    sql`select f.key, f.rule_id, f.org_id, f.person_id, e.kind, e.severity, e.at from finding f
        join finding_event e on e.finding_id = f.id and e.at < ${end}`.execute(db),
    sql`select r.id, r.org_id, e.id as event_id, e.step, e.on_date, e.event from recruitment r
        join recruitment_event e on e.recruitment_id = r.id and e.on_date <= ${ref}
        where r.closed_on is null or r.closed_on >= ${from}`.execute(db),
    sql`select r.id, r.org_id, r.problem, e.kind, e.to_status, e.until, e.at from rectification r
        join rectification_event e on e.rectification_id = r.id and e.at < ${end}`.execute(db),
    sql`select m.rectification_id, m.due_on, m.done_on from rectification_milestone m`.execute(db),
    sql`select s.id, s.org_id, s.title, e.kind, e.to_status, e.until, e.at from supervised_task s
        join supervised_task_event e on e.task_id = s.id and e.at < ${end}`.execute(db),
  ]);
  return results.reduce((n, r) => n + r.rows.length, 0);
}

export async function benchAssessment(db: Db, today: IsoDate): Promise<Row[]> {
  const from = `${today.slice(0, 4)}-01-01`;
  const to = `${today.slice(0, 4)}-12-31`;
  const orgs = await db
    .selectFrom('org')
    .select(['id', 'type'])
    .where('archived_at', 'is', null)
    .where('type', 'in', [...branchTypes, 'general_branch'])
    .execute();
  const input = {
    orgIds: orgs.map((o) => o.id),
    periodStart: from,
    periodEnd: to,
    referenceDate: today,
    metrics: metricKeys,
  };

  // The numbers must agree before the times mean anything.
  const facts = await computeAssessmentFacts(db, input);
  const branchIds = orgs.filter((o) => o.type !== 'general_branch').map((o) => o.id);
  const sum = (key: 'review_meeting_held' | 'member_appraisal_held') =>
    branchIds.reduce((n, id) => n + (facts.get(id)?.[key]?.value ?? 0), 0);
  const { rows: held } = await sql<{ kind: string; n: number }>`
    select kind, count(*)::int as n from activity
    where status = 'closed' and on_date >= ${from} and on_date <= ${today}
      and kind in ('review_meeting', 'member_appraisal') and org_id = any(${branchIds}::int[])
    group by kind`.execute(db);
  for (const [key, kind] of [
    ['review_meeting_held', 'review_meeting'],
    ['member_appraisal_held', 'member_appraisal'],
  ] as const) {
    const bySql = held.find((h) => h.kind === kind)?.n ?? 0;
    if (sum(key) !== bySql) throw new Error(`${key}: facts give ${sum(key)}, SQL ${bySql}`);
  }
  const { rows: open } = await sql<{ n: number }>`
    select count(*)::int as n from finding f join org o on o.id = f.org_id
    where f.state <> 'resolved' and f.severity in ('error', 'warning') and o.type = 'general_branch'`.execute(
    db,
  );
  const openFacts = orgs
    .filter((o) => o.type === 'general_branch')
    .reduce((n, o) => n + (facts.get(o.id)?.findings_open?.value ?? 0), 0);
  if (openFacts !== open[0]!.n)
    throw new Error(`findings_open of the 总支: facts ${openFacts}, SQL ${open[0]!.n}`);
  let values = 0;
  let records = 0;
  for (const f of facts.values())
    for (const fact of Object.values(f)) {
      if (fact.value !== null) values += 1;
      records += fact.records.length;
    }

  const rowsRead = await factsBySql(db, from, today, today);
  const [tSql, tFacts] = await timeInTurn(
    () => factsBySql(db, from, today, today),
    () => computeAssessmentFacts(db, input),
    7,
  );
  return [
    {
      case: `SQL reading the rows the metrics read (11 statements in parallel, median of 7, ${rowsRead.toLocaleString('en-US')} rows) (baseline)`,
      value: `${tSql.toFixed(0)} ms`,
      baseline: '-',
      ratio: '1.00',
    },
    {
      case: `computeAssessmentFacts: ${orgs.length} orgs (every branch and 党总支) × ${metricKeys.length} metrics, this year to today, median of 7 (${values.toLocaleString('en-US')} values, ${records.toLocaleString('en-US')} record refs)`,
      value: `${tFacts.toFixed(0)} ms`,
      baseline: `${tSql.toFixed(0)} ms`,
      ratio: (tFacts / tSql).toFixed(2),
    },
  ];
}

/** Median of `runs` timings of `fn`, each after an untimed `prepare`. */
async function medianOf(
  runs: number,
  fn: () => Promise<unknown>,
  prepare: () => Promise<unknown> = async () => {},
) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
}

/**
 * The board of a round (GET /api/assessments/{id} without HTTP: `getRound` as the 组织部 sees it) of a 星级 round
 * over every branch of the college, all in 自评: cold (every open org computed, as every read did before the
 * record generations), warm (nothing changed since the last read), and after a write to one branch's records
 * whose marks the findings engine consumed (that branch computed again).
 */
export async function benchBoardReads(db: Db, clock: Clock): Promise<Row[]> {
  const now = clock.now();
  const today = clock.today();
  const user = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.person_id'])
    .where('r.role', '=', 'org_admin')
    .where('r.org_id', 'is', null)
    .orderBy('u.id')
    .executeTakeFirstOrThrow();
  const actor = await buildActor(
    db,
    {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      personId: user.person_id,
      mustChangePassword: false,
    },
    { sessionId: 'bench', csrfToken: 'bench' },
  );
  const committee = await db
    .selectFrom('org')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const year = Number(today.slice(0, 4));
  const systemId = await db
    .transaction()
    .execute((trx) =>
      createSystem(
        trx,
        actor,
        createIndicatorSystemBody.parse({ source: 'template', template: 'star_branch', year }),
        now,
        {},
      ),
    );
  const roundId = await db.transaction().execute((trx) =>
    createRound(
      trx,
      actor,
      createAssessmentRoundBody.parse({
        systemId,
        title: `${year}年度星级党支部评定（bench）`,
        periodStart: `${year}-01-01`,
        periodEnd: today,
        scopeOrgId: committee.id,
      }),
      today,
      now,
      {},
    ),
  );
  // The round's rows were written: their marks consumed, as the findings engine does right after a write.
  await processMarks(db, clock, 'bench');
  const read = () => getRound(db, actor, roundId, now);
  const board = await read();
  const open = board.orgs.filter((o) => o.status !== 'not_rated').length;
  const forget = () =>
    db
      .updateTable('org_assessment')
      .set({ facts_generation: null })
      .where('round_id', '=', roundId)
      .execute();
  const cold = await medianOf(7, read, forget);
  const warm = await medianOf(7, read);
  // One branch's closed meeting edited (a mark, as any write leaves), the marks consumed as after every write.
  const meeting = await db
    .selectFrom('activity as a')
    .innerJoin('org_assessment as x', 'x.org_id', 'a.org_id')
    .select('a.id')
    .where('x.round_id', '=', roundId)
    .where('x.status', '=', 'self_assessment')
    .where('a.status', '=', 'closed')
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  const touch = async () => {
    await sql`update activity set title = title where id = ${meeting.id}`.execute(db);
    await processMarks(db, clock, 'bench');
  };
  const oneWrite = await medianOf(7, read, touch);
  // What a warm read still costs: the board's rows with every org's stored facts and score.
  const rowsOnly = await medianOf(7, () => orgRowsOf(db, roundId, sql<SqlBool>`true`));
  const base = `board of a 星级 round over every branch (${board.orgs.length} orgs, ${open} rated, in 自评), getRound, median of 7`;
  return [
    {
      case: `${base}: cold — every rated org computed (every read before)`,
      value: `${cold.toFixed(0)} ms`,
      baseline: '-',
      ratio: '1.00',
    },
    {
      case: `${base}: warm — nothing changed since the last read`,
      value: `${warm.toFixed(1)} ms`,
      baseline: `${cold.toFixed(0)} ms`,
      ratio: (warm / cold).toFixed(3),
    },
    {
      case: `${base}: after a write to one branch's records (that branch computed)`,
      value: `${oneWrite.toFixed(1)} ms`,
      baseline: `${cold.toFixed(0)} ms`,
      ratio: (oneWrite / cold).toFixed(3),
    },
    {
      case: `${base}: reading its rows alone (repo orgRowsOf: the stored facts and scores of every org)`,
      value: `${rowsOnly.toFixed(1)} ms`,
      baseline: `${cold.toFixed(0)} ms`,
      ratio: (rowsOnly / cold).toFixed(3),
    },
  ];
}
