/**
 * The demo's 民主评议党员 (issue 17 item 2), planted on the loaded college before the findings and the assessments
 * read it. Every step is played through core's state machine (`applyAppraisalTransition` with the real roll, grades,
 * 党员大会 record and plans), so each row is what the service would have written; deterministic for a seed and a day.
 *
 * - Every 民主评议党员 record a branch closed (activities.ts: November, December or the next January, titled with the
 *   year it appraises) is the 党员大会 of a completed appraisal of that year: the roll of the day, the 个人自评, the
 *   民主测评 ballot (every voter's paper, counted; 预备党员 vote and get no grade), the 支委会's proposal and the
 *   decision — 优秀 about a fifth of those graded, never above one third;
 * - one branch under zongzhi's 总支 (zhibu's when it held last year's) is at the limit: last year exactly one third 优秀,
 *   and one member graded 不合格, whose 限期改正 plan (contact person, measures, monthly notes) is due within weeks;
 * - this year's appraisals under way where the branch has not closed its record: zhibu's branch in 个人自评 (dangyuan
 *   has not written), another branch of zongzhi's 总支 waiting for its 党员大会's decision, others at random steps.
 */
import {
  type AppraisalGrade,
  type AppraisalRollEntry,
  type AppraisalState,
  type AppraisalStatus,
  type AppraisalTransition,
  addDays,
  applyAppraisalTransition,
  appraisalGradeLabels,
  excellentQuota,
  type IsoDate,
  isBranchType,
  latestCorrectionDeadline,
} from '@dangjian/core';
import { sql } from 'kysely';
import type { Clock, Db } from '../http/context.ts';
import { createRandom, type Random } from './random.ts';

const at = (day: IsoDate, hour: number, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

const selfParts = {
  study: [
    '认真学习习近平新时代中国特色社会主义思想和党的二十大精神，按时参加“三会一课”和主题党日',
    '坚持参加支部集中学习，完成学习强国和网络培训学时，理论学习比去年更系统',
    '按时参加组织生活，认真学习党章党规，在学习中注重联系教学和管理实际',
  ],
  work: [
    '本职工作上完成了教学任务，指导学生参加职业技能大赛并获奖',
    '在岗位上认真负责，完成了部门安排的各项工作，积极参与专业建设和课程改革',
    '学习上刻苦努力，成绩保持在专业前列，担任班级干部，带动同学参加志愿服务',
    '在实训基地建设和校企合作中主动承担任务，较好地发挥了党员先锋模范作用',
  ],
  lack: [
    '不足是理论学习的深度还不够，联系群众不够主动',
    '不足是批评和自我批评的勇气不够，有时工作标准不够高',
    '存在的问题是学用结合不够紧密，创新意识有待加强',
    '不足是对身边同学的思想关心不够，发挥作用还不够明显',
  ],
  plan: [
    '今后要加强学习，严格要求自己，更好地发挥党员作用。',
    '下一步将对照党员标准查找差距，认真整改。',
    '今后要在工作中主动担当，多为群众办实事。',
  ],
};

function selfAssessmentText(rng: Random): string {
  return `${rng.pick(selfParts.study)}；${rng.pick(selfParts.work)}。${rng.pick(selfParts.lack)}。${rng.pick(selfParts.plan)}`;
}

/** A version 4 UUID from the demo's stream (the ballots service makes real random ones). */
function uuidOf(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((rng.int(0, 15) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

interface Member {
  id: number;
  name: string;
  orgId: number;
  joinedOn: IsoDate | null;
  confirmedOn: IsoDate | null;
  category: string;
}

/** What the planting did, for its test. */
export interface DemoAppraisalPlan {
  completed: number;
  underWay: number;
  /** The appraisal at the one-third limit of 优秀 and the one with the 不合格 member (the same). */
  limitAppraisalId: number | null;
  planId: number | null;
  /** This year's appraisals of zhibu's branch and of the branch of zongzhi's 总支 waiting for its decision. */
  zhibuAppraisalId: number | null;
  decisionAppraisalId: number | null;
}

interface Ballot {
  ref: string;
  orgId: number;
  title: string;
  items: { key: string; label: string }[];
  opensAt: Date;
  closesAt: Date;
  status: 'open' | 'closed' | 'published';
  closedAt: Date | null;
  publishedAt: Date | null;
  voters: { personId: number; votedAt: Date | null }[];
  papers: { id: string; choices: Record<string, string | null> }[];
}

/** The grade one voter gives a member whose 党员大会 grade will be `target`: mostly the same, else a neighbour. */
function voteFor(rng: Random, target: AppraisalGrade): AppraisalGrade | null {
  if (rng.chance(0.03)) return null;
  if (rng.chance(0.8)) return target;
  const order: AppraisalGrade[] = ['excellent', 'qualified', 'basically_qualified', 'unqualified'];
  const i = order.indexOf(target);
  if (target === 'unqualified') return rng.chance(0.7) ? 'basically_qualified' : 'qualified';
  if (target === 'excellent') return 'qualified';
  return order[i + (rng.chance(0.6) ? -1 : 1)] ?? 'qualified';
}

/** Plants the demo's appraisals; returns what it planted. */
export async function plantMemberAppraisals(db: Db, clock: Clock, seed: number): Promise<DemoAppraisalPlan> {
  const rng = createRandom(seed ^ 0xa997);
  const today = clock.today();
  const thisYear = Number(today.slice(0, 4));
  const lastYear = thisYear - 1;
  const [orgs, people, records, accounts, secretaries] = await Promise.all([
    db
      .selectFrom('org')
      .select(['id', 'name', 'type', 'parent_id'])
      .where('archived_at', 'is', null)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('person as p')
      .innerJoin('org as o', 'o.id', 'p.org_id')
      .select([
        'p.id',
        'p.name',
        'p.category',
        sql<number>`case when o.type = 'group' then o.parent_id else o.id end`.as('branch_id'),
        sql<string | null>`p.joined_on::text`.as('joined_on'),
        sql<string | null>`p.confirmed_on::text`.as('confirmed_on'),
      ])
      .where('p.status', '=', 'active')
      .where('p.party_status', 'in', ['full', 'probationary'])
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('activity')
      .select(['id', 'org_id', 'title', 'status', sql<string>`on_date::text`.as('on_date')])
      .where('kind', '=', 'member_appraisal')
      .where('status', '<>', 'cancelled')
      .orderBy('on_date')
      .execute(),
    db
      .selectFrom('app_user as u')
      .leftJoin('user_role as r', 'r.user_id', 'u.id')
      .select(['u.id', 'u.username', 'u.person_id', 'r.org_id'])
      .where('u.username', 'in', ['zongzhi', 'zhibu', 'dangyuan'])
      .execute(),
    db
      .selectFrom('appointment as a')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['a.org_id', 'a.person_id', 'p.name'])
      .where('a.post', '=', 'secretary')
      .where('a.end_date', 'is', null)
      .execute(),
  ]);
  const account = (u: string) => accounts.find((a) => a.username === u);
  const zhibuBranch = account('zhibu')?.org_id ?? null;
  const zongzhiOrg = account('zongzhi')?.org_id ?? null;
  const dangyuan = account('dangyuan')?.person_id ?? null;
  const secretaryOf = new Map(secretaries.map((s) => [s.org_id, s]));
  const members = new Map<number, Member[]>();
  for (const p of people) {
    const list = members.get(p.branch_id) ?? [];
    list.push({
      id: p.id,
      name: p.name,
      orgId: p.branch_id,
      joinedOn: p.joined_on,
      confirmedOn: p.confirmed_on,
      category: p.category,
    });
    members.set(p.branch_id, list);
  }
  const branches = orgs.filter((o) => isBranchType(o.type));
  const underZongzhi = branches.filter((b) => b.parent_id === zongzhiOrg).map((b) => b.id);
  /** The record of the 党员大会 appraising `year`, by the year in its title. */
  const recordOf = (orgId: number, year: number) =>
    records.find((r) => r.org_id === orgId && r.title.startsWith(`${year}年度`));

  // Which branch shows the limit and the 不合格 member: zhibu's if it closed last year's record, else another of the 总支.
  const closedLast = (id: number) => recordOf(id, lastYear)?.status === 'closed';
  const limitBranch =
    [zhibuBranch, ...underZongzhi].find(
      (id) =>
        id !== null && closedLast(id) && (members.get(id) ?? []).filter((m) => m.confirmedOn).length >= 6,
    ) ?? null;
  // The branch waiting for its decision held its 党员大会 (the record is closed) and has yet to enter the grades.
  const heldThisYear = (id: number) => {
    const r = recordOf(id, thisYear);
    return r?.status === 'closed' && r.on_date < today;
  };
  const decisionBranch =
    underZongzhi.find(
      (id) => id !== zhibuBranch && heldThisYear(id) && (members.get(id) ?? []).length >= 4,
    ) ??
    underZongzhi.find((id) => id !== zhibuBranch && (members.get(id) ?? []).length >= 4) ??
    null;

  const appraisals: {
    id: number;
    orgId: number;
    year: number;
    status: AppraisalStatus;
    peerReview: boolean;
    startedOn: IsoDate;
    completedOn: IsoDate | null;
    meetingActivityId: number | null;
    ballotRef: string | null;
    updatedAt: Date;
    version: number;
  }[] = [];
  const roll: {
    appraisal_id: number;
    person_id: number;
    name: string;
    probationary: boolean;
    self_assessment: string | null;
    self_assessed_at: Date | null;
    proposed_grade: AppraisalGrade | null;
    proposed_reason: string | null;
    decided_grade: AppraisalGrade | null;
    decided_reason: string | null;
  }[] = [];
  const events: {
    appraisal_id: number;
    at: Date;
    kind: string;
    from_status: AppraisalStatus | null;
    to_status: AppraisalStatus | null;
    actor_id: number | null;
    actor_name: string | null;
    note: string | null;
  }[] = [];
  const comments: {
    appraisal_id: number;
    author_person_id: number;
    about_person_id: number;
    comment: string;
    at: Date;
  }[] = [];
  const ballots: Ballot[] = [];
  const personEvents: {
    person_id: number;
    kind: 'appraisal_graded' | 'correction_plan_opened';
    on_date: IsoDate;
    at: Date;
    actor_name: string | null;
    summary: string;
    details: string;
  }[] = [];
  const plan: DemoAppraisalPlan = {
    completed: 0,
    underWay: 0,
    limitAppraisalId: null,
    planId: null,
    zhibuAppraisalId: null,
    decisionAppraisalId: null,
  };
  let planRow: {
    appraisal_id: number;
    org_id: number;
    person_id: number;
    reason: string;
    opened_on: IsoDate;
    deadline: IsoDate;
    measures: string;
    contact_person_id: number;
    status: 'open';
    updated_at: Date;
    notes: { on_date: IsoDate; note: string; at: Date; actor_name: string | null }[];
  } | null = null;

  /** Plays one appraisal up to `until` (completed when a closed record decides it). */
  const play = (
    branch: (typeof branches)[number],
    year: number,
    until: AppraisalStatus,
    meeting: { id: number; on_date: IsoDate } | null,
    opts: { atLimit?: boolean; unqualified?: boolean; noSelfFor?: number | null } = {},
  ) => {
    const id = appraisals.length + 1;
    const secretary = secretaryOf.get(branch.id);
    const actorName = secretary?.name ?? null;
    // The day things happen: back from the 党员大会, or for this year's, from today.
    const decidedOn = meeting?.on_date ?? earlier(today, `${year}-12-31`);
    const startedOn = addDays(decidedOn, meeting ? -rng.int(18, 28) : -rng.int(12, 30));
    const votingOn = addDays(startedOn, rng.int(6, 9));
    const closedOn = addDays(votingOn, rng.int(2, 4));
    const proposedOn = addDays(closedOn, rng.int(1, 3));
    const people = (members.get(branch.id) ?? []).filter((m) => !m.joinedOn || m.joinedOn <= startedOn);
    const entries: AppraisalRollEntry[] = people.map((m) => ({
      personId: m.id,
      name: m.name,
      probationary: !m.confirmedOn || m.confirmedOn > startedOn,
    }));
    const full = entries.filter((e) => !e.probationary);
    if (full.length === 0) return null;
    // The grades the 党员大会 will decide: 优秀 about a fifth (the limit branch: exactly one third), 不合格 once.
    const quota = excellentQuota(full.length);
    const excellentCount = opts.atLimit ? quota : Math.min(quota, Math.round(full.length * 0.2));
    const order = rng.shuffle(
      full.filter((e) => e.personId !== secretary?.person_id && e.personId !== dangyuan),
    );
    const unqualifiedId = opts.unqualified ? (order.pop()?.personId ?? null) : null;
    const excellent = new Set(
      [
        ...(secretary && full.some((e) => e.personId === secretary.person_id) && excellentCount > 0
          ? [secretary.person_id]
          : []),
        ...order.map((e) => e.personId),
      ].slice(0, excellentCount),
    );
    const target = (pid: number): AppraisalGrade =>
      pid === unqualifiedId
        ? 'unqualified'
        : excellent.has(pid)
          ? 'excellent'
          : rng.chance(0.03)
            ? 'basically_qualified'
            : 'qualified';
    const targets = new Map(full.map((e) => [e.personId, target(e.personId)]));
    const reasonOf = (pid: number) =>
      targets.get(pid) === 'unqualified'
        ? '一年来无正当理由多次不参加党的组织生活，不按规定交纳党费，经批评教育仍未明显改正'
        : null;
    const grades = full.map((e) => ({
      personId: e.personId,
      grade: targets.get(e.personId)!,
      reason: reasonOf(e.personId),
    }));
    const peerReview = rng.chance(0.3);
    let state: AppraisalState = { status: 'self_assessment', peerReview };
    const step = (t: AppraisalTransition, day: IsoDate, hour: number, note: string | null, facts = {}) => {
      const r = applyAppraisalTransition(state, t, {
        today: day,
        roll: entries,
        tallyReady: true,
        grades,
        ...facts,
      });
      if (!r.ok)
        throw new Error(
          `demo appraisal ${branch.name} ${year}: ${r.violations.map((v) => v.message).join('；')}`,
        );
      events.push({
        appraisal_id: id,
        at: at(day, hour, rng.int(0, 59)),
        kind: t,
        from_status: state.status,
        to_status: r.state.status,
        actor_id: null,
        actor_name: actorName,
        note,
      });
      state = r.state;
    };
    const reached = (s: AppraisalStatus) =>
      ['self_assessment', 'peer_review', 'voting', 'proposal', 'decision', 'completed'].indexOf(until) >=
      ['self_assessment', 'peer_review', 'voting', 'proposal', 'decision', 'completed'].indexOf(s);
    events.push({
      appraisal_id: id,
      at: at(startedOn, 9, rng.int(0, 59)),
      kind: 'created',
      from_status: null,
      to_status: 'self_assessment',
      actor_id: null,
      actor_name: actorName,
      note: `参评${entries.length}人（正式党员${full.length}人）${peerReview ? '，设党员互评' : ''}`,
    });
    // 个人自评: everyone before the vote; under way, most have written.
    const writes = until === 'self_assessment' ? 0.6 : 1;
    for (const e of entries) {
      const wrote = e.personId !== opts.noSelfFor && rng.chance(writes);
      const day = addDays(startedOn, rng.int(1, 5));
      const when = day < today ? at(day, rng.int(8, 22), rng.int(0, 59)) : null;
      roll.push({
        appraisal_id: id,
        person_id: e.personId,
        name: e.name,
        probationary: e.probationary,
        self_assessment: wrote && when ? selfAssessmentText(rng) : null,
        self_assessed_at: wrote ? when : null,
        proposed_grade: null,
        proposed_reason: null,
        decided_grade: null,
        decided_reason: null,
      });
    }
    if (peerReview && reached('peer_review')) {
      step('open_peer_review', addDays(startedOn, 5), 10, null);
      for (const e of entries.slice(0, Math.min(6, entries.length))) {
        const about = rng.pick(entries.filter((x) => x.personId !== e.personId));
        if (!about) continue;
        comments.push({
          appraisal_id: id,
          author_person_id: e.personId,
          about_person_id: about.personId,
          comment: rng.pick([
            '工作认真负责，乐于助人',
            '学习积极，能起带头作用',
            '联系群众还可以更主动',
            '组织生活参加及时',
          ]),
          at: at(addDays(startedOn, 6), rng.int(9, 21)),
        });
      }
    }
    let ballot: Ballot | null = null;
    if (reached('voting')) {
      const closesOn = until === 'voting' ? addDays(today, rng.int(2, 5)) : closedOn;
      step(
        'open_voting',
        until === 'voting' ? addDays(today, -rng.int(1, 3)) : votingOn,
        10,
        `投票至 ${closesOn}；因故不能到会的党员可书面投票（纸质票）`,
      );
      const open = until === 'voting';
      const opens = at(until === 'voting' ? addDays(today, -3) : votingOn, 10);
      ballot = {
        ref: `member-appraisal-${id}`,
        orgId: branch.id,
        title: `${year}年度${branch.name}民主评议党员民主测评`,
        items: full.map((e) => ({ key: `person-${e.personId}`, label: e.name })),
        opensAt: opens,
        closesAt: at(closesOn, 23, 59),
        status: open ? 'open' : until === 'proposal' ? 'closed' : 'published',
        closedAt: open ? null : at(closedOn, 17),
        publishedAt: open || until === 'proposal' ? null : at(addDays(closedOn, 1), 9),
        voters: [],
        papers: [],
      };
      for (const e of entries) {
        const votes = !open || rng.chance(0.55);
        ballot.voters.push({
          personId: e.personId,
          votedAt: votes ? new Date(opens.getTime() + rng.int(1, 40) * 3_600_000) : null,
        });
        if (votes)
          ballot.papers.push({
            id: uuidOf(rng),
            choices: Object.fromEntries(
              full.map((f) => [`person-${f.personId}`, voteFor(rng, targets.get(f.personId)!)]),
            ),
          });
      }
      // Papers go in no order that follows the roll.
      ballot.papers.sort((a, b) => (a.id < b.id ? -1 : 1));
      ballots.push(ballot);
    }
    if (reached('proposal')) step('close_voting', closedOn, 17, null);
    const gradeNote = (['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const)
      .map((k) => `${appraisalGradeLabels[k]}${grades.filter((g) => g.grade === k).length}人`)
      .join('，');
    const mine = roll.filter((r) => r.appraisal_id === id);
    if (reached('decision')) {
      step(
        'propose',
        until === 'decision' ? earlier(proposedOn, addDays(today, -1)) : proposedOn,
        15,
        gradeNote,
      );
      for (const r of mine) {
        const g = targets.get(r.person_id);
        if (g) {
          r.proposed_grade = g;
          r.proposed_reason = reasonOf(r.person_id);
        }
      }
    }
    let meetingId: number | null = null;
    if (reached('completed') && meeting) {
      const contact =
        full.find((e) => e.personId === secretary?.person_id) ??
        full.find((e) => e.personId !== unqualifiedId);
      const latest = latestCorrectionDeadline(decidedOn);
      const plans =
        unqualifiedId !== null && contact
          ? [
              {
                personId: unqualifiedId,
                deadline: earlier(addDays(today, 18), latest),
                measures:
                  '支部书记每月与其谈心谈话一次；安排其按时参加“三会一课”并在支部大会上作思想汇报；帮教联系人督促其按月交纳党费',
                contactPersonId: contact.personId,
              },
            ]
          : [];
      step('decide', decidedOn, 17, gradeNote, { meetingActivityId: meeting.id, plans });
      meetingId = meeting.id;
      for (const r of mine) {
        const g = targets.get(r.person_id);
        if (!g) continue;
        r.decided_grade = g;
        r.decided_reason = reasonOf(r.person_id);
        personEvents.push({
          person_id: r.person_id,
          kind: 'appraisal_graded',
          on_date: decidedOn,
          at: at(decidedOn, 17, 30),
          actor_name: actorName,
          summary: `${year}年度民主评议党员：${appraisalGradeLabels[g]}（${branch.name}党员大会决定）`,
          details: JSON.stringify({ appraisalId: id, grade: g }),
        });
      }
      const p = plans[0];
      if (p) {
        const contactName = entries.find((e) => e.personId === p.contactPersonId)?.name ?? '';
        personEvents.push({
          person_id: p.personId,
          kind: 'correction_plan_opened',
          on_date: decidedOn,
          at: at(decidedOn, 17, 40),
          actor_name: actorName,
          summary: `${year}年度民主评议被评为不合格，限期改正至 ${p.deadline}（帮教联系人 ${contactName}）`,
          details: JSON.stringify({ appraisalId: id, planId: 1 }),
        });
        const notes = [30, 75, 150, 240]
          .map((d) => addDays(decidedOn, d))
          .filter((d) => d < today)
          .map((d, i) => ({
            on_date: d,
            note: [
              '支部书记与其谈心谈话，本人表示认识到问题，愿意改正',
              '按时参加了本月主题党日，补交了党费',
              '参加支部党员大会并作思想汇报，但仍有一次无故缺席',
              '本季度组织生活出勤正常，帮教联系人反映表现有所好转',
            ][i]!,
            at: at(d, 16),
            actor_name: actorName,
          }));
        planRow = {
          appraisal_id: id,
          org_id: branch.id,
          person_id: p.personId,
          reason: reasonOf(p.personId) ?? '',
          opened_on: decidedOn,
          deadline: p.deadline,
          measures: p.measures,
          contact_person_id: p.contactPersonId,
          status: 'open',
          updated_at: notes.at(-1)?.at ?? at(decidedOn, 17, 40),
          notes,
        };
      }
    }
    const last = events.filter((e) => e.appraisal_id === id).at(-1)!;
    appraisals.push({
      id,
      orgId: branch.id,
      year,
      status: state.status,
      peerReview,
      startedOn,
      completedOn: state.status === 'completed' ? decidedOn : null,
      meetingActivityId: meetingId,
      ballotRef: ballot?.ref ?? null,
      updatedAt: last.at,
      version: events.filter((e) => e.appraisal_id === id).length - 1,
    });
    if (state.status === 'completed') plan.completed += 1;
    else plan.underWay += 1;
    return id;
  };

  const firstYear = Number((records[0]?.on_date ?? today).slice(0, 4)) - 1;
  for (const branch of branches) {
    for (let year = firstYear; year <= thisYear; year++) {
      const record = recordOf(branch.id, year);
      const special = year === thisYear && (branch.id === zhibuBranch || branch.id === decisionBranch);
      if (record?.status === 'closed' && !special) {
        const atLimit = year === lastYear && branch.id === limitBranch;
        const id = play(branch, year, 'completed', record, { atLimit, unqualified: atLimit });
        if (atLimit && id) plan.limitAppraisalId = id;
      } else if (year === thisYear) {
        if (branch.id === zhibuBranch)
          plan.zhibuAppraisalId = play(branch, year, 'self_assessment', null, { noSelfFor: dangyuan });
        else if (branch.id === decisionBranch)
          plan.decisionAppraisalId = play(
            branch,
            year,
            'decision',
            record?.status === 'closed' ? record : null,
          );
        else if (record && rng.chance(0.7))
          play(
            branch,
            year,
            rng.weighted<AppraisalStatus>([
              ['self_assessment', 3],
              ['voting', 3],
              ['proposal', 2],
              ['decision', 1],
            ]),
            null,
          );
      }
    }
  }

  await db.transaction().execute(async (trx) => {
    for (const batch of chunks(appraisals))
      await trx
        .insertInto('member_appraisal')
        .values(
          batch.map((a) => ({
            id: a.id,
            org_id: a.orgId,
            year: a.year,
            status: a.status,
            peer_review: a.peerReview,
            started_on: a.startedOn,
            completed_on: a.completedOn,
            meeting_activity_id: a.meetingActivityId,
            created_at: at(a.startedOn, 9),
            updated_at: a.updatedAt,
            version: a.version,
          })),
        )
        .execute();
    await sql`select setval(pg_get_serial_sequence('member_appraisal', 'id'), (select max(id) from member_appraisal))`.execute(
      trx,
    );
    for (const batch of chunks(roll)) await trx.insertInto('member_appraisal_member').values(batch).execute();
    for (const batch of chunks(comments))
      await trx.insertInto('member_appraisal_peer_comment').values(batch).execute();
    for (const batch of chunks(events))
      await trx.insertInto('member_appraisal_event').values(batch).execute();
    // The ballots (the ballots module's tables), linked back to their appraisal.
    // The ballots (the ballots module's tables) in one statement, then their rolls and papers, linked back by ref.
    const ids = new Map<string, number>();
    for (const batch of chunks(ballots)) {
      const rows = await trx
        .insertInto('ballot')
        .values(
          batch.map((b) => ({
            purpose: 'member_appraisal' as const,
            purpose_ref: b.ref,
            org_id: b.orgId,
            title: b.title,
            items: JSON.stringify(b.items),
            allow_abstain: true,
            opens_at: b.opensAt,
            closes_at: b.closesAt,
            status: b.status,
            closed_at: b.closedAt,
            published_at: b.publishedAt,
            created_at: b.opensAt,
          })),
        )
        .returning(['id', 'purpose_ref'])
        .execute();
      for (const r of rows) ids.set(r.purpose_ref, r.id);
    }
    await sql`update member_appraisal m set ballot_id = b.id from ballot b
      where b.purpose = 'member_appraisal' and b.purpose_ref = 'member-appraisal-' || m.id`.execute(trx);
    const voters = ballots.flatMap((b) =>
      b.voters.map((v) => ({
        ballot_id: ids.get(b.ref)!,
        person_id: v.personId,
        voted_at: v.votedAt,
        channel: v.votedAt ? ('phone' as const) : null,
      })),
    );
    for (const batch of chunks(voters)) await trx.insertInto('ballot_voter').values(batch).execute();
    const papers = ballots.flatMap((b) =>
      b.papers.map((p) => ({ id: p.id, ballot_id: ids.get(b.ref)!, choices: JSON.stringify(p.choices) })),
    );
    for (const batch of chunks(papers)) await trx.insertInto('ballot_paper').values(batch).execute();
    for (const batch of chunks(personEvents)) await trx.insertInto('person_event').values(batch).execute();
    if (planRow) {
      const { notes, ...row } = planRow;
      const { id } = await trx
        .insertInto('member_appraisal_plan')
        .values({ ...row, created_at: at(row.opened_on, 17, 40) })
        .returning('id')
        .executeTakeFirstOrThrow();
      plan.planId = id;
      if (notes.length > 0)
        await trx
          .insertInto('member_appraisal_plan_note')
          .values(notes.map((n) => ({ ...n, plan_id: id, actor_id: null })))
          .execute();
    }
  });
  return plan;
}

/** Rows in batches of 500 (well below PostgreSQL's 65,535 parameters). */
function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += 500) out.push(rows.slice(i, i + 500));
  return out;
}
