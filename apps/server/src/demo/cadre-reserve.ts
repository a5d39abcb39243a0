/**
 * The demo's 年轻干部储备 (issue 18 item 5), written on the loaded college after training: about 25 young staff
 * members — those the 年轻储备干部培训班 trained, so their 学时 show — nominated over the last two years and taken
 * through core's `applyReserveStep` (入库 within the age limit, 开始培养 with a plan, the yearly review, a few used or
 * taken out). Their plans hold 学习培训, 实践锻炼, 轮岗 and 导师帮带 items, some past due and not done; a few went on
 * 挂职 (one under way today, the others done), some rotated (轮岗); one candidate admitted at 35 as a 副科级 reserve is
 * now 36, over the limit and still in the pool; and last winter's review of the pool is due again. Deterministic for
 * a seed and a demo day.
 */
import {
  addDays,
  addMonths,
  applyReserveStep,
  completedYears,
  defaultReserveSettings,
  type ReserveLevel,
  type ReservePlanKind,
  type ReserveState,
  type ReserveStep,
  secondmentProblem,
} from '@dangjian/core';
import type { Clock, Db } from '../http/context.ts';
import { createRandom } from './random.ts';

/** What the demo planted, for its test. */
export interface DemoReservePlan {
  candidates: number;
  overdueItems: number;
  currentSecondments: number;
  /** The candidate over the age limit still in the pool. */
  overAgeCandidateId: number | null;
}

const sources = ['民主推荐', '民主推荐', '组织推荐', '民主推荐', '个人自荐、组织考察'] as const;
const studies = [
  '参加市委党校中青年干部培训班',
  '参加学校年轻储备干部培训班',
  '参加省高校中青年干部网络专题培训',
  '完成《习近平谈治国理政》专题学习并撰写体会',
] as const;
const practices = [
  { title: '到合作企业挂职锻炼', place: '合作企业（产教融合基地）', post: '总经理助理' },
  { title: '到乡村振兴帮扶村挂职锻炼', place: '县乡村振兴帮扶村', post: '第一书记助理' },
  { title: '到县教育局挂职锻炼', place: '县教育局', post: '局长助理' },
] as const;
const rotations = [
  { toUnit: '学生工作处', toPost: '科员' },
  { toUnit: '教务处', toPost: '教学管理科科员' },
  { toUnit: '招生就业处', toPost: '就业指导科科员' },
  { toUnit: '党委办公室', toPost: '秘书' },
] as const;
const mentors = ['王处长', '李院长', '陈书记', '赵处长'] as const;

export async function plantCadreReserve(db: Db, clock: Clock, seed: number): Promise<DemoReservePlan> {
  const rng = createRandom(seed ^ 0x2e5e);
  const today = clock.today();
  const now = clock.now();
  const settings = defaultReserveSettings;
  const none = { candidates: 0, overdueItems: 0, currentSecondments: 0, overAgeCandidateId: null };
  // Staff members aged 28–37, the young cadres' pool (the 年轻储备干部培训班 took the younger staff).
  const staff = await db
    .selectFrom('person as p')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.birth_date', 'p.position', 'u.name as unit_name'])
    .where('p.status', '=', 'active')
    .where('p.category', '=', 'staff')
    .where('p.birth_date', 'is not', null)
    .where('p.birth_date', '<=', addMonths(today, -12 * 28))
    .where('p.birth_date', '>', addMonths(today, -12 * 38))
    .orderBy('p.id')
    .execute();
  if (staff.length < 5) return none;
  const zzb = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('username', '=', 'zzb')
    .executeTakeFirst();
  const actor = { actor_id: zzb?.id ?? null, actor_name: zzb?.display_name ?? '党委组织部' };

  // The one over the limit: admitted as a 副科级 reserve at 35, now 36.
  const ageOf = (b: string) => completedYears(b, today);
  const overAge = staff.find((s) => ageOf(s.birth_date!) === 36);
  // Drawn across the school's units, not the first ones by id.
  const eligible = staff.filter((s) => s !== overAge && ageOf(s.birth_date!) <= 35);
  for (let k = eligible.length - 1; k > 0; k--) {
    const j = rng.int(0, k);
    [eligible[k], eligible[j]] = [eligible[j]!, eligible[k]!];
  }
  const picked = eligible.slice(0, overAge ? 24 : 25);
  if (overAge) picked.splice(Math.min(7, picked.length), 0, overAge);

  let overdueItems = 0;
  let currentSecondments = 0;
  let overAgeCandidateId: number | null = null;
  for (const [i, s] of picked.entries()) {
    const age = ageOf(s.birth_date!);
    const level: ReserveLevel =
      s === overAge ? 'deputy' : age >= 31 && rng.chance(0.5) ? 'principal' : 'deputy';
    // 提名 within the last two years; the first few are recent nominations not yet through 考察.
    const nominatedOn =
      s === overAge
        ? addDays(addMonths(s.birth_date!, 12 * 36), -rng.int(200, 300))
        : i < 3
          ? addDays(today, -rng.int(10, 40))
          : addDays(today, -rng.int(300, 720));
    const steps: { step: ReserveStep; on: string; post?: string; reason?: string }[] = [];
    const plan: {
      kind: ReservePlanKind;
      title: string;
      dueOn: string;
      doneOn: string | null;
      mentor: string | null;
    }[] = [];
    const secondments: { place: string; post: string; fromOn: string; toOn: string }[] = [];
    const moves: { fromPost: string; toUnit: string; toPost: string; onDate: string }[] = [];
    if (i >= 3) {
      const admitOn = addDays(nominatedOn, rng.int(30, 60));
      steps.push({ step: 'admit', on: admitOn });
      const startOn = addDays(admitOn, rng.int(14, 45));
      // The development plan, made when training starts (some candidates were only just admitted: no plan yet).
      if (i >= 6 && startOn < today) {
        const study = studies[rng.int(0, studies.length - 1)]!;
        const studyDue = addMonths(startOn, rng.int(4, 10));
        // Most studies are done; a few past due are not (the overdue findings).
        const studyDone = studyDue < today && rng.chance(0.75) ? addDays(studyDue, -rng.int(5, 40)) : null;
        plan.push({ kind: 'study', title: study, dueOn: studyDue, doneOn: studyDone, mentor: null });
        plan.push({
          kind: 'mentoring',
          title: '导师帮带：每季度谈心谈话一次，指导年度工作计划',
          dueOn: addMonths(startOn, 12),
          doneOn: addMonths(startOn, 12) < today && rng.chance(0.8) ? addMonths(startOn, 12) : null,
          mentor: mentors[rng.int(0, mentors.length - 1)]!,
        });
        if (i % 3 === 0) {
          const p = practices[rng.int(0, practices.length - 1)]!;
          const fromOn = addMonths(startOn, 2);
          const toOn = addDays(addMonths(fromOn, rng.chance(0.5) ? 6 : 12), -1);
          if (secondmentProblem(fromOn, toOn, settings)) throw new Error(`demo 挂职 ${fromOn}–${toOn}`);
          if (fromOn < today) {
            secondments.push({ place: p.place, post: p.post, fromOn, toOn });
            plan.push({
              kind: 'practice',
              title: p.title,
              dueOn: toOn,
              doneOn: toOn < today ? toOn : null,
              mentor: null,
            });
          }
        }
        if (i % 4 === 1) {
          const r = rotations[rng.int(0, rotations.length - 1)]!;
          const onDate = addMonths(startOn, rng.int(1, 6));
          const due = addMonths(startOn, 6);
          if (onDate < today)
            moves.push({ fromPost: s.position ?? `${s.unit_name ?? '本单位'}科员`, ...r, onDate });
          plan.push({
            kind: 'rotation',
            title: `轮岗到${r.toUnit}`,
            dueOn: due,
            doneOn: onDate < today && onDate <= addMonths(due, 1) ? onDate : null,
            mentor: null,
          });
        }
        steps.push({ step: 'start_training', on: startOn });
        // Reviewed last winter (the pool's review falls due again about now).
        const lastReview = addDays(addMonths(today, -12), rng.int(-20, 25));
        if (lastReview > startOn) steps.push({ step: 'review', on: lastReview });
        if (i === 10 || i === 20)
          steps.push({
            step: 'appoint',
            on: addDays(today, -rng.int(20, 60)),
            post: i === 10 ? '学生工作处副处长' : '图书馆副馆长',
          });
        if (i === 15)
          steps.push({
            step: 'withdraw',
            on: addDays(today, -rng.int(20, 60)),
            reason: '本人因家庭原因申请调离，不再列为后备干部',
          });
      }
    }
    // One candidate's 挂职 is under way today.
    if (i === 8 && secondments.length === 0 && plan.length > 0) {
      const fromOn = addMonths(today, -4);
      secondments.push({
        place: '县乡村振兴帮扶村',
        post: '驻村工作队员',
        fromOn,
        toOn: addDays(addMonths(fromOn, 12), -1),
      });
      plan.push({
        kind: 'practice',
        title: '到乡村振兴帮扶村驻村锻炼一年',
        dueOn: addDays(addMonths(fromOn, 12), -1),
        doneOn: null,
        mentor: null,
      });
    }

    // Replay the steps through core.
    let state: ReserveState = { status: 'nominated', level, since: nominatedOn, reviewedOn: null };
    const events: {
      step: 'nominate' | ReserveStep;
      on: string;
      from: ReserveState['status'] | null;
      to: ReserveState['status'];
      note: string | null;
    }[] = [
      { step: 'nominate', on: nominatedOn, from: null, to: 'nominated', note: sources[i % sources.length]! },
    ];
    for (const st of steps) {
      const r = applyReserveStep(
        state,
        st.step,
        {
          today,
          on: st.on,
          birthDate: s.birth_date,
          planItems: plan.length,
          post: st.post,
          reason: st.reason,
        },
        settings,
      );
      if (!r.ok) throw new Error(`demo reserve ${s.id} ${st.step}: ${r.violations[0]!.message}`);
      events.push({
        step: st.step,
        on: st.on,
        from: state.status,
        to: r.state.status,
        note: st.post ?? st.reason ?? null,
      });
      state = r.state;
    }
    const row = await db
      .insertInto('cadre_reserve')
      .values({
        person_id: s.id,
        level,
        status: state.status,
        nominated_on: nominatedOn,
        nomination_source: sources[i % sources.length]!,
        since: state.since,
        reviewed_on: state.reviewedOn,
        used_post: state.status === 'appointed' ? (steps.at(-1)!.post ?? null) : null,
        end_reason: state.status === 'withdrawn' ? (steps.at(-1)!.reason ?? null) : null,
        note: null,
        updated_at: now,
        version: events.length - 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (s === overAge) overAgeCandidateId = row.id;
    await db
      .insertInto('cadre_reserve_event')
      .values(
        events.map((e, k) => ({
          candidate_id: row.id,
          at: new Date(now.getTime() - (events.length - k) * 60_000),
          step: e.step,
          on_date: e.on,
          from_status: e.from,
          to_status: e.to,
          note: e.note,
          ...actor,
        })),
      )
      .execute();
    if (plan.length > 0)
      await db
        .insertInto('cadre_reserve_plan_item')
        .values(
          plan.map((p) => ({
            candidate_id: row.id,
            kind: p.kind,
            title: p.title,
            due_on: p.dueOn,
            done_on: p.doneOn,
            mentor_name: p.kind === 'mentoring' ? p.mentor : null,
          })),
        )
        .execute();
    if (secondments.length > 0)
      await db
        .insertInto('cadre_reserve_secondment')
        .values(
          secondments.map((x) => ({
            candidate_id: row.id,
            place: x.place,
            post: x.post,
            from_on: x.fromOn,
            to_on: x.toOn,
            note: null,
          })),
        )
        .execute();
    if (moves.length > 0)
      await db
        .insertInto('cadre_reserve_rotation')
        .values(
          moves.map((x) => ({
            candidate_id: row.id,
            from_post: x.fromPost,
            to_unit: x.toUnit,
            to_post: x.toPost,
            on_date: x.onDate,
            note: null,
          })),
        )
        .execute();
    const active =
      state.status === 'nominated' || state.status === 'admitted' || state.status === 'in_training';
    if (active) overdueItems += plan.filter((p) => p.doneOn === null && p.dueOn < today).length;
    currentSecondments += secondments.filter((x) => x.fromOn <= today && today <= x.toOn).length;
  }
  return { candidates: picked.length, overdueItems, currentSecondments, overAgeCandidateId };
}
