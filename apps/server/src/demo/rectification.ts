/**
 * The demo's rectification items (整改事项, issue 15): about a hundred at scale 1, from every source the platform has
 * today — findings of 监测预警 (the org-rule cases the college had six weeks ago and still has), 督促检查 ratings
 * below 规范, problems raised at each branch's 组织生活会, a 上级党建工作督查 round and a 换届工作督查, and the
 * branches' own 自查 — in every state: waiting, being rectified (some overdue, some extended), submitted for 销号,
 * returned, closed with the records that prove it (a meeting held after the problem was raised, the new term
 * recorded), and one reopened by a 回头看. Every step is core's `applyRectificationTransition` on its day, so each
 * item's timeline replays to its state (the demo test does it).
 *
 * Planted so that each demo account sees something on first start: the zhibu branch has a pending item opened from
 * its 届期已满未换届 finding and an item the 总支 returned; the zongzhi 总支 has items of its branches submitted and
 * waiting for its 销号 (one for more than 14 days), an extension to decide, an item extended twice and one reopened
 * by its 回头看, and its own item waiting for the 组织部.
 *
 * Pure and deterministic: the college already generated, `today` and one random stream.
 */
import {
  type ActivityKind,
  activityKindLabels,
  addDays,
  applyRectificationTransition,
  type Clause,
  daysBetween,
  defaultRuleSettings,
  evaluateOrgRules,
  type Finding,
  findingKey,
  type IsoDate,
  lifeRuleCatalogue,
  type OrgRuleId,
  orgRuleCatalogue,
  type RectificationMilestone,
  type RectificationSource,
  type RectificationState,
  type RectificationTransition,
  rectificationEvidenceKindLabels,
  rectificationVerifierLevel,
  reviewRatingLabels,
} from '@dangjian/core';
import { workday } from './days.ts';
import { buildRuleFacts, isActiveOn } from './facts.ts';
import type { Random } from './random.ts';
import type {
  CollegeData,
  DemoActivity,
  DemoOrg,
  DemoPerson,
  DemoRectification,
  DemoRectificationEvent,
} from './types.ts';

/** What the items are made from: the college generated so far, its organisational life included. */
export type RectificationInput = Pick<
  CollegeData,
  | 'today'
  | 'orgs'
  | 'units'
  | 'people'
  | 'terms'
  | 'appointments'
  | 'accounts'
  | 'cases'
  | 'activities'
  | 'reviews'
>;

/**
 * How many days before today the demo's findings were first evaluated (finding-history.ts): an item opened from a
 * finding is opened after that, from a finding found then and still there today.
 */
export const firstEvaluationDaysAgo = 42;

/** Who did a step: a demo account (its app_user id), or a secretary without one (by name). */
interface Actor {
  id: number | null;
  name: string;
}

/** A problem as the items word it, with its clause, the records that prove it fixed, and the org's words. */
export interface ProblemTemplate {
  problem: string;
  clause: string;
  /** Kinds of record whose holding proves the problem fixed, preferred first. */
  kinds: readonly ActivityKind[];
  measures: string;
  result: string;
}

const clauseText = (c: Clause) => `${c.source}${c.article}：${c.text}`;
const lifeClause = (id: keyof typeof lifeRuleCatalogue) => clauseText(lifeRuleCatalogue[id].clause);

/** Problems a 上级督查 finds in a branch's records. */
const upperCheckProblems: readonly ProblemTemplate[] = [
  {
    problem: '支委会未按月召开，部分会议记录缺少议题和决议事项',
    clause: lifeClause('life.committee_meeting_missing'),
    kinds: ['committee_meeting'],
    measures: '制定年度支委会计划，每月上旬召开支委会；组织委员会后3日内整理记录并由书记审核。',
    result: '已按月召开支委会，会议记录议题、决议齐全，已在平台归档。',
  },
  {
    problem: '党员大会未按季度召开，会议记录不规范',
    clause: lifeClause('life.general_meeting_missing'),
    kinds: ['general_meeting'],
    measures: '每季度第二个月召开支部党员大会，会前7天发布通知，会议记录使用统一格式。',
    result: '本季度支部党员大会已按程序召开并归档，记录完整。',
  },
  {
    problem: '党课记录缺少授课提纲，书记讲党课次数不足',
    clause: lifeClause('life.lecture_missing'),
    kinds: ['lecture'],
    measures: '书记每年至少讲1次党课，授课提纲随记录归档；支委轮流讲党课。',
    result: '书记已讲专题党课，授课提纲和记录已归档。',
  },
  {
    problem: '主题党日活动形式单一，与专业建设、教学科研结合不紧',
    clause: lifeClause('life.theme_day_missing'),
    kinds: ['theme_day'],
    measures: '主题党日结合专业建设确定主题，每次安排学习研讨和实践环节。',
    result: '已结合专业建设开展主题党日，学习研讨、实践环节记录完整。',
  },
  {
    problem: '谈心谈话开展不经常，部分党员谈话记录缺失',
    clause: lifeClause('life.talk_missing'),
    kinds: ['talk'],
    measures: '支委分工包联党员，每半年与每名党员至少谈心谈话1次并记录。',
    result: '支委已与包联党员逐一谈心谈话，记录已在平台登记。',
  },
];

/** Problems raised in a branch's 组织生活会 (对照检查, 批评和自我批评). */
const lifeMeetingProblems: readonly ProblemTemplate[] = [
  {
    problem: '理论学习不够系统深入，学用结合不紧，学习研讨发言准备不充分',
    clause: lifeClause('life.lecture_missing'),
    kinds: ['lecture', 'theme_day'],
    measures: '制定支部学习计划，每次学习指定领学人和研讨主题，党员提前准备发言提纲。',
    result: '学习计划已执行，专题学习研讨已开展并记录。',
  },
  {
    problem: '联系服务师生不够经常，“我为师生办实事”项目推进较慢',
    clause: lifeClause('life.theme_day_missing'),
    kinds: ['theme_day'],
    measures: '以主题党日为载体，每学期确定2项为师生办实事项目，明确责任人和完成时间。',
    result: '已通过主题党日完成为师生办实事项目，过程已记录。',
  },
  {
    problem: '党员教育管理不够严格，个别党员参加组织生活不积极',
    clause: lifeClause('life.absence_warning'),
    kinds: ['general_meeting', 'committee_meeting'],
    measures: '支委会专题研究，对长期缺席党员逐一谈话提醒，严格请假审批。',
    result: '已召开支委会专题研究，相关党员均已谈话提醒，近期组织生活按时参加。',
  },
  {
    problem: '开展批评和自我批评辣味不足，相互批评意见较笼统',
    clause: lifeClause('life.review_meeting_missing'),
    kinds: ['committee_meeting', 'general_meeting'],
    measures: '支委会对照检查材料逐条修改，会前开展谈心谈话，梳理问题清单。',
    result: '已召开支委会逐条落实，问题清单已整改销号。',
  },
];

/** What a branch finds in its own records (自查). */
const selfCheckProblems: readonly ProblemTemplate[] = [
  {
    problem: '支部“三会一课”记录归档不及时，部分会议记录超过一周未归档',
    clause: lifeClause('life.committee_meeting_missing'),
    kinds: ['committee_meeting', 'general_meeting'],
    measures: '明确组织委员为记录归档责任人，会后3日内完成记录并归档。',
    result: '近期会议均已按时归档。',
  },
  {
    problem: '主题党日学习内容与上级部署衔接不够，“第一议题”学习不及时',
    clause: lifeClause('life.theme_day_missing'),
    kinds: ['theme_day'],
    measures: '主题党日首先学习习近平总书记最新重要讲话精神，再结合支部工作研讨。',
    result: '主题党日已按要求安排第一议题学习。',
  },
  {
    problem: '党课专题与师生思想实际结合不够紧密',
    clause: lifeClause('life.lecture_missing'),
    kinds: ['lecture'],
    measures: '党课前征集党员关注的问题，围绕师生思想实际确定党课专题。',
    result: '已围绕征集的问题讲授专题党课。',
  },
  {
    problem: '支部谈心谈话覆盖面不足，学生党员谈话较少',
    clause: lifeClause('life.talk_missing'),
    kinds: ['talk'],
    measures: '书记、支委分工，对学生党员逐一开展谈心谈话。',
    result: '学生党员谈心谈话已全覆盖并登记。',
  },
];

/** What a 上级督查 finds in a 党总支. */
const generalBranchProblems: readonly ProblemTemplate[] = [
  {
    problem: '党总支理论学习中心组学习计划执行不到位，专题研讨不够深入',
    clause: lifeClause('life.first_topic_missing'),
    kinds: ['study_group_session'],
    measures: '修订中心组年度学习计划，每次学习确定研讨专题和重点发言人。',
    result: '中心组专题学习研讨已按计划开展并归档。',
  },
  {
    problem: '党务工作例会研究基层党建工作不够经常，对支部工作督促指导不足',
    clause: clauseText({
      source: '《中国共产党普通高等学校基层组织工作条例》（2021）',
      article: '第十二条',
      text: '院（系）级单位党组织……指导党支部开展工作，加强党员队伍建设。',
    }),
    kinds: ['work_meeting'],
    measures: '每月召开党务工作例会，听取各支部工作情况，逐项督办支部整改事项。',
    result: '党务工作例会已按月召开，支部整改事项逐项督办。',
  },
];

/** Reasons of the level above for returning an item. */
const returnReasons = [
  '佐证只关联了会议通知，未体现整改内容，请补充会议记录和决议后重新提交',
  '整改完成情况过于简单，请说明具体整改措施的落实情况',
  '整改尚未形成长效机制，请补充制度性措施后再提交',
];
const extensionReasons = [
  '适逢寒暑假，党员集中学习须待开学后进行',
  '换届选举须待上级党组织批复后召开党员大会',
  '整改涉及多个党小组，需要更多时间逐一落实',
];
const progressNotes = [
  '已召开支委会研究整改方案，明确了责任人和完成时限。',
  '整改措施已落实一半，正在组织开展专题学习。',
  '已与相关党员逐一谈话，正在完善制度。',
];

/** What the items need of the college, looked up once. */
interface Ctx {
  rng: Random;
  today: IsoDate;
  /** Yesterday: every step of the demo happened before today. */
  lastDay: IsoDate;
  orgById: Map<number, DemoOrg>;
  personById: Map<number, DemoPerson>;
  closedByOrg: Map<number, DemoActivity[]>;
  postsOf: Map<number, CollegeData['appointments']>;
  accounts: { zzb: Actor; zongzhi: Actor; zhibu: Actor };
  zongzhiOrgId: number;
  zhibuOrgId: number;
  out: DemoRectification[];
  /** `${orgId}:${problem}` of the items so far: an org gets each problem once. */
  used: Set<string>;
}

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
const pad = (n: number) => String(n).padStart(2, '0');

/** The person holding `post` in an org on a day, else the one holding it now. */
function holderOf(ctx: Ctx, orgId: number, post: string, day: IsoDate): DemoPerson | null {
  const posts = (ctx.postsOf.get(orgId) ?? []).filter((a) => a.post === post);
  const a = posts.find((p) => isActiveOn(p, day)) ?? posts.find((p) => p.endDate === null);
  return a ? (ctx.personById.get(a.personId) ?? null) : null;
}

/** Whether an org has someone to act for it (a secretary or a deputy, now or lately). */
function hasLeader(ctx: Ctx, orgId: number): boolean {
  return (
    holderOf(ctx, orgId, 'secretary', ctx.today) !== null ||
    holderOf(ctx, orgId, 'deputy_secretary', ctx.today) !== null
  );
}

/** Who acts for an org on a day: a demo account where there is one, else its secretary (or deputy) by name. */
function orgActor(ctx: Ctx, orgId: number, day: IsoDate): Actor {
  if (orgId === ctx.zhibuOrgId) return ctx.accounts.zhibu;
  if (orgId === ctx.zongzhiOrgId) return ctx.accounts.zongzhi;
  const org = ctx.orgById.get(orgId)!;
  if (org.parentId === null) return ctx.accounts.zzb;
  const person = holderOf(ctx, orgId, 'secretary', day) ?? holderOf(ctx, orgId, 'deputy_secretary', day);
  return { id: null, name: person?.name ?? `${org.name}负责人` };
}

/** The org that verifies an org's items (core `rectificationVerifierLevel`): the 总支 above, or the 党委. */
export function demoVerifierOrg(orgById: ReadonlyMap<number, DemoOrg>, org: DemoOrg): DemoOrg {
  const parent = org.parentId === null ? null : orgById.get(org.parentId)!;
  if (parent && rectificationVerifierLevel(org.type, parent.type) === 'parent') return parent;
  let root = org;
  while (root.parentId !== null) root = orgById.get(root.parentId)!;
  return root;
}

/** The 责任人 of an org's items: its 组织委员, else its secretary. */
function responsibleOf(ctx: Ctx, orgId: number): number | null {
  const p =
    holderOf(ctx, orgId, 'organization_officer', ctx.today) ?? holderOf(ctx, orgId, 'secretary', ctx.today);
  return p?.id ?? null;
}

/** A record that proves an item fixed: a meeting held, or a term recorded. */
interface Proof {
  kind: 'activity' | 'term';
  recordId: number;
  /** The meeting's day, or the term's start. */
  onDate: IsoDate;
  title: string;
}

/** An item being written: its row, its state in core's terms, its steps to come and its texts. */
interface Draft {
  item: DemoRectification;
  state: Omit<RectificationState, 'milestones'>;
  steps: { day: IsoDate; seq: number; run: (day: IsoDate) => void }[];
  lastAt: { day: IsoDate; minutes: number };
  template: Pick<ProblemTemplate, 'measures' | 'result' | 'kinds'>;
}

/** The instant of the next entry on `day`: later than every entry before it. */
function instant(d: Draft, ctx: Ctx, day: IsoDate): string {
  if (day < d.lastAt.day) throw new Error(`demo rectification ${d.item.id}: ${day} after ${d.lastAt.day}`);
  const minutes =
    day === d.lastAt.day && d.lastAt.minutes > 0
      ? d.lastAt.minutes + ctx.rng.int(5, 25)
      : 8 * 60 + ctx.rng.int(30, 300);
  d.lastAt = { day, minutes };
  return `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`;
}

function record(
  d: Draft,
  ctx: Ctx,
  day: IsoDate,
  by: Actor,
  e: Omit<DemoRectificationEvent, 'at' | 'actorId' | 'actorName'>,
): string {
  const at = instant(d, ctx, day);
  d.item.events.push({ ...e, at, actorId: by.id, actorName: by.name });
  return at;
}

const note = (d: Draft, ctx: Ctx, day: IsoDate, by: Actor, kind: 'edited' | 'progress', text: string) =>
  record(d, ctx, day, by, { kind, fromStatus: null, toStatus: null, note: text, until: null });

/** Plans a step on `day`; steps run in the order of their days (and of planning, on one day). */
function plan(d: Draft, day: IsoDate, run: (day: IsoDate) => void): void {
  d.steps.push({ day, seq: d.steps.length, run });
}

/** Milestones as they stood on `day`: one done later was still open then. */
export function milestonesOn(
  milestones: readonly RectificationMilestone[],
  day: IsoDate,
): RectificationMilestone[] {
  return milestones.map((m) => ({ ...m, doneOn: m.doneOn !== null && m.doneOn <= day ? m.doneOn : null }));
}

/** One step of core's state machine on `day`; a refusal is the generator's bug. */
function step(
  d: Draft,
  ctx: Ctx,
  day: IsoDate,
  t: RectificationTransition,
  by: Actor,
  extra: { reason?: string; until?: IsoDate } = {},
): void {
  const result = applyRectificationTransition(
    { ...d.state, milestones: milestonesOn(d.item.milestones, day) },
    t,
    {
      today: day,
      measures: d.item.measures,
      result: d.item.result,
      evidenceCount: d.item.evidence.length,
      reason: extra.reason,
      until: extra.until,
    },
  );
  if (!result.ok)
    throw new Error(
      `demo rectification ${d.item.id}: ${t} on ${day} refused: ${result.violations.map((v) => v.message).join('；')}`,
    );
  const { milestones: _, ...next } = result.state;
  const at = record(d, ctx, day, by, {
    kind: t,
    fromStatus: d.state.status,
    toStatus: next.status,
    note: extra.reason ?? null,
    until:
      t === 'request_extension' || t === 'reopen'
        ? (extra.until ?? null)
        : t === 'approve_extension'
          ? next.deadline
          : null,
  });
  d.state = next;
  if (t === 'submit') d.item.submittedAt = at;
  if (t === 'return' || t === 'reopen') d.item.submittedAt = null;
  if (t === 'verify') d.item.closedAt = at;
  if (t === 'reopen') d.item.closedAt = null;
}

/** Opens an item (待整改) on `day` with the timeline's first entry. */
function open(
  ctx: Ctx,
  spec: {
    org: DemoOrg;
    source: RectificationSource;
    findingKey?: string | undefined;
    activityId?: number | undefined;
    sourceLabel: string | null;
    template: ProblemTemplate;
    day: IsoDate;
    deadline: IsoDate;
    by: Actor;
    milestones: RectificationMilestone[];
  },
): Draft {
  const item: DemoRectification = {
    id: ctx.out.length + 1,
    orgId: spec.org.id,
    source: spec.source,
    findingKey: spec.findingKey ?? null,
    activityId: spec.activityId ?? null,
    sourceLabel: spec.sourceLabel,
    problem: spec.template.problem,
    clause: spec.template.clause,
    responsiblePersonId: responsibleOf(ctx, spec.org.id),
    measures: null,
    result: null,
    status: 'pending',
    deadline: spec.deadline,
    originalDeadline: spec.deadline,
    extensions: 0,
    extensionRequest: null,
    reopenCount: 0,
    milestones: spec.milestones,
    submittedAt: null,
    closedAt: null,
    createdBy: spec.by.id,
    createdAt: '',
    updatedAt: '',
    version: 0,
    evidence: [],
    events: [],
  };
  ctx.out.push(item);
  ctx.used.add(`${spec.org.id}:${spec.template.problem}`);
  const d: Draft = {
    item,
    state: {
      status: 'pending',
      deadline: spec.deadline,
      originalDeadline: spec.deadline,
      extensions: 0,
      extensionRequest: null,
      reopenCount: 0,
    },
    steps: [],
    lastAt: { day: spec.day, minutes: 0 },
    template: spec.template,
  };
  item.createdAt = record(d, ctx, spec.day, spec.by, {
    kind: 'created',
    fromStatus: null,
    toStatus: 'pending',
    note: spec.sourceLabel,
    until: spec.deadline,
  });
  return d;
}

/** Runs the planned steps in order and writes what the row keeps of them. */
function finish(d: Draft): DemoRectification {
  const steps = [...d.steps].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.seq - b.seq));
  for (const s of steps) s.run(s.day);
  const { item, state } = d;
  item.status = state.status;
  item.deadline = state.deadline;
  item.originalDeadline = state.originalDeadline;
  item.extensions = state.extensions;
  item.extensionRequest = state.extensionRequest;
  item.reopenCount = state.reopenCount;
  item.version = item.events.length - 1;
  item.updatedAt = item.events.at(-1)!.at;
  return item;
}

/** Closed records of an org held between two days that prove a problem fixed: of its kinds, else any meeting. */
function meetingsHeld(ctx: Ctx, orgId: number, kinds: readonly ActivityKind[], from: IsoDate, to: IsoDate) {
  const held = (ctx.closedByOrg.get(orgId) ?? []).filter((a) => a.onDate >= from && a.onDate <= to);
  const own = held.filter((a) => kinds.includes(a.kind));
  return own.length > 0 ? own : held.filter((a) => meetingKinds.includes(a.kind));
}
const meetingKinds: readonly ActivityKind[] = [
  'general_meeting',
  'committee_meeting',
  'theme_day',
  'lecture',
  'study_group_session',
  'work_meeting',
];
const proofOfMeeting = (a: DemoActivity): Proof => ({
  kind: 'activity',
  recordId: a.id,
  onDate: a.onDate,
  title: `${activityKindLabels[a.kind]}：${a.title}`,
});

/** What became of an item: where it stands today. */
export type Outcome = 'pending' | 'in_progress' | 'extension_asked' | 'submitted' | 'returned' | 'closed';

/** Days fixed for a planted item, and extensions approved on the way. */
interface PlayOptions {
  submitOn?: IsoDate;
  /** The day it is returned or verified. */
  decideOn?: IsoDate;
  extensions?: number;
  /** The record that proves it fixed, when it is not a meeting (a term). */
  proof?: Proof;
}

/**
 * Plans the steps that lead an opened item to `outcome`, on days between its opening and yesterday: the org writes
 * its measures and starts, asks for more time where it needs it, links the record held since that proves the fix,
 * writes the result and submits; the level above decides extensions, returns or verifies. An item whose proof was
 * not held in time stays in progress. Returns the outcome reached.
 */
function play(d: Draft, ctx: Ctx, wanted: Outcome, opts: PlayOptions): Outcome {
  const { rng, lastDay } = ctx;
  const item = d.item;
  if (wanted === 'pending') return 'pending';
  const opened = item.createdAt.slice(0, 10);
  const verifier = demoVerifierOrg(ctx.orgById, ctx.orgById.get(item.orgId)!);
  const by = (day: IsoDate) => orgActor(ctx, item.orgId, day);
  const above = (day: IsoDate) => orgActor(ctx, verifier.id, day);
  const startOn = earlier(addDays(opened, rng.int(1, 4)), lastDay);
  let outcome = wanted;

  // Submitting needs a record held after the problem was raised and before the day it is submitted.
  let submitOn: IsoDate | null = null;
  let proof: Proof | null = null;
  if (outcome === 'submitted' || outcome === 'returned' || outcome === 'closed') {
    const latest = opts.submitOn ?? addDays(lastDay, outcome === 'submitted' ? 0 : -3);
    if (opts.proof) {
      proof = opts.proof.onDate > startOn && opts.proof.onDate <= latest ? opts.proof : null;
      if (proof) submitOn = opts.submitOn ?? earlier(addDays(proof.onDate, rng.int(2, 9)), latest);
    } else if (latest > startOn) {
      const held = meetingsHeld(ctx, item.orgId, d.template.kinds, addDays(startOn, 1), addDays(latest, -1));
      const chosen = opts.submitOn ? held.at(-1) : held[Math.min(held.length - 1, rng.int(0, 1))];
      if (chosen) {
        proof = proofOfMeeting(chosen);
        submitOn = opts.submitOn ?? earlier(addDays(chosen.onDate, rng.int(1, 8)), latest);
      }
    }
    if (!proof || !submitOn) outcome = 'in_progress';
  }

  plan(d, startOn, (day) => {
    item.measures = d.template.measures;
    note(d, ctx, day, by(day), 'edited', '修改了整改措施');
    step(d, ctx, day, 'start', by(day));
  });
  // A 长期整改 item ticks its milestones off on their days.
  for (const m of item.milestones)
    if (m.doneOn !== null) plan(d, m.doneOn, (day) => note(d, ctx, day, by(day), 'edited', '修改了整改阶段'));

  // Extensions asked a few days before the deadline and approved within days; the last one, of an item still being
  // rectified, runs past today.
  const stillOpen = outcome === 'in_progress' || outcome === 'extension_asked';
  let deadline = item.deadline;
  let after = startOn;
  const count = opts.extensions ?? 0;
  for (let i = 0; i < count; i++) {
    const askOn = later(addDays(after, 1), addDays(deadline, -rng.int(2, 6)));
    const approveOn = addDays(askOn, rng.int(1, 3));
    if (approveOn > lastDay || (submitOn !== null && approveOn >= submitOn)) break;
    let until = addDays(deadline, rng.int(20, 40));
    if (i === count - 1 && stillOpen && until <= ctx.today) until = addDays(ctx.today, rng.int(12, 30));
    const reason = rng.pick(extensionReasons);
    plan(d, askOn, (day) => step(d, ctx, day, 'request_extension', by(day), { until, reason }));
    plan(d, approveOn, (day) => step(d, ctx, day, 'approve_extension', above(day)));
    deadline = until;
    after = approveOn;
  }

  if (stillOpen) {
    if (rng.chance(0.4)) {
      const noteOn = earlier(later(addDays(startOn, rng.int(3, 20)), after), lastDay);
      const text = rng.pick(progressNotes);
      plan(d, noteOn, (day) => note(d, ctx, day, by(day), 'progress', text));
    }
    if (outcome === 'extension_asked') {
      const askOn = later(after, addDays(lastDay, -rng.int(0, 3)));
      const until = addDays(later(deadline, ctx.today), rng.int(20, 45));
      const reason = rng.pick(extensionReasons);
      plan(d, askOn, (day) => step(d, ctx, day, 'request_extension', by(day), { until, reason }));
    }
    return outcome;
  }

  const proved = proof!;
  const submittedOn = submitOn!;
  plan(d, later(proved.onDate, startOn), (day) => {
    const at = record(d, ctx, day, by(day), {
      kind: 'evidence_added',
      fromStatus: null,
      toStatus: null,
      note: `${rectificationEvidenceKindLabels[proved.kind]}：${proved.title}`,
      until: null,
    });
    d.item.evidence.push({
      kind: proved.kind,
      recordId: proved.recordId,
      note: null,
      addedAt: at,
      addedBy: by(day).id,
      addedByName: by(day).name,
    });
  });
  plan(d, submittedOn, (day) => {
    item.result = d.template.result;
    note(d, ctx, day, by(day), 'edited', '修改了整改完成情况');
    step(d, ctx, day, 'submit', by(day));
  });
  if (outcome === 'submitted') return outcome;
  const decideOn = opts.decideOn ?? earlier(addDays(submittedOn, rng.int(1, 8)), lastDay);
  if (decideOn <= submittedOn) return 'submitted';
  if (outcome === 'returned') {
    const reason = rng.pick(returnReasons);
    plan(d, decideOn, (day) => step(d, ctx, day, 'return', above(day), { reason }));
    return outcome;
  }
  plan(d, decideOn, (day) => step(d, ctx, day, 'verify', above(day)));
  return outcome;
}

/** Picks what became of an item opened `age` days ago. */
function outcomeFor(rng: Random, age: number): Outcome {
  if (age < 10)
    return rng.weighted([
      ['pending', 6],
      ['in_progress', 4],
    ] as const);
  if (age < 35)
    return rng.weighted([
      ['pending', 2],
      ['in_progress', 4],
      ['submitted', 2],
      ['returned', 1],
      ['closed', 1],
    ] as const);
  if (age < 100)
    return rng.weighted([
      ['pending', 1],
      ['in_progress', 3],
      ['submitted', 1],
      ['returned', 1],
      ['closed', 5],
    ] as const);
  return rng.weighted([
    ['in_progress', 1],
    ['closed', 7],
  ] as const);
}

/** Two steps of a 长期整改 item still being rectified, each done (a few days early) if due before `doneBy`. */
function milestonesFor(
  rng: Random,
  opened: IsoDate,
  deadline: IsoDate,
  doneBy: IsoDate,
  doneChance = 0.8,
): RectificationMilestone[] {
  const span = daysBetween(opened, deadline);
  if (span < 30) return [];
  return [
    { title: '制定整改方案并报上级党组织', dueOn: addDays(opened, Math.floor(span / 3)) },
    { title: '召开专题会议落实整改', dueOn: addDays(opened, Math.floor((2 * span) / 3)) },
  ].map((m) => {
    const done = addDays(m.dueOn, -rng.int(0, 4));
    return {
      ...m,
      doneOn: done <= doneBy && done > addDays(opened, 5) && rng.chance(doneChance) ? done : null,
    };
  });
}

/** An item to add: its org, source, problem and opening; what became of it is picked by its age unless given. */
interface ItemSpec {
  org: DemoOrg;
  source: RectificationSource;
  template: ProblemTemplate;
  day: IsoDate;
  by: Actor;
  sourceLabel: string | null;
  activityId?: number;
  findingKey?: string;
  deadline?: IsoDate;
  outcome?: Outcome;
  longTerm?: boolean;
  play?: PlayOptions;
  /** Steps after the outcome (a 回头看 reopening a closed item). */
  afterwards?: (d: Draft, reached: Outcome) => void;
}

/** Opens an item and plays it to its outcome; returns it and the outcome reached. */
function addItem(ctx: Ctx, spec: ItemSpec): { item: DemoRectification; reached: Outcome } {
  const { rng } = ctx;
  const deadline = spec.deadline ?? addDays(spec.day, rng.int(30, 75));
  let outcome = spec.outcome ?? outcomeFor(rng, daysBetween(spec.day, ctx.today));
  if (outcome !== 'pending' && !hasLeader(ctx, spec.org.id)) outcome = 'pending';
  let extensions = spec.play?.extensions ?? 0;
  // An item still being rectified past its deadline was often given more time once.
  if (
    spec.play?.extensions === undefined &&
    outcome === 'in_progress' &&
    deadline < ctx.today &&
    rng.chance(0.4)
  )
    extensions = 1;
  const milestones =
    spec.longTerm && outcome === 'in_progress'
      ? milestonesFor(rng, spec.day, deadline, ctx.lastDay, spec.play?.extensions ? 1 : 0.8)
      : [];
  const d = open(ctx, {
    org: spec.org,
    source: spec.source,
    findingKey: spec.findingKey,
    activityId: spec.activityId,
    sourceLabel: spec.sourceLabel,
    template: spec.template,
    day: spec.day,
    deadline,
    by: spec.by,
    milestones,
  });
  const reached = play(d, ctx, outcome, { ...spec.play, extensions });
  spec.afterwards?.(d, reached);
  return { item: finish(d), reached };
}

/** The org-rule findings the college had at its first evaluation and still has today, most serious first. */
function lastingFindings(input: RectificationInput): Finding[] {
  const on = (day: IsoDate) => {
    const facts = buildRuleFacts(input, day);
    return evaluateOrgRules(facts.orgs, facts.units, defaultRuleSettings, day);
  };
  const before = new Set(on(addDays(input.today, -firstEvaluationDaysAgo)).map(findingKey));
  const rank = { error: 0, warning: 1, info: 2 };
  return on(input.today)
    .filter((f) => before.has(findingKey(f)) && f.severity !== 'info')
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.orgId - b.orgId);
}

/** A finding as a problem: the rule's title and the message, the rule's clause (as the service words them). */
function findingTemplate(f: Finding): ProblemTemplate {
  const rule = orgRuleCatalogue[f.ruleId as OrgRuleId];
  return {
    problem: `${rule.title}：${f.message}`,
    clause: clauseText(rule.clause),
    kinds: ['committee_meeting', 'general_meeting'],
    measures: `对照条款研究整改：${f.suggestion}`,
    result: '已按条款要求整改到位。',
  };
}

/**
 * An item another part of the demo registers: with an org's problem list (问题清单, campaigns.ts), or from a 巡察
 * round's feedback (inspections.ts).
 */
export interface DemoListItem {
  orgId: number;
  source: RectificationSource;
  campaignId?: number;
  inspectionId?: number;
  /** Who opened it: the org's secretary by default; the 巡察办 records a 巡察's feedback. */
  openedBy?: { id: number | null; name: string };
  sourceLabel: string;
  template: ProblemTemplate;
  day: IsoDate;
  deadline: IsoDate;
  /** Where it stands today; by default what its age picks. */
  outcome?: Outcome;
}

/**
 * What the rest of the demo may do after the items of this file: register more items (opened by the org's
 * secretary on their day and played to their outcome through core, on this file's stream), and name who acted for
 * an org on a day (a demo account, else its secretary by name).
 */
export interface DemoItemHooks {
  add: (spec: DemoListItem) => DemoRectification;
  actorOf: (orgId: number, day: IsoDate) => { id: number | null; name: string };
}

/** Generates the demo's rectification items (see the file comment); `more` adds items after them. */
export function buildDemoRectifications(
  input: RectificationInput,
  rng: Random,
  more?: (hooks: DemoItemHooks) => void,
): DemoRectification[] {
  const { today } = input;
  const accountOf = (username: string): Actor => {
    const i = input.accounts.findIndex((a) => a.username === username);
    if (i < 0) throw new Error(`demo account ${username} missing`);
    return { id: i + 1, name: input.accounts[i]!.displayName };
  };
  const closedByOrg = new Map<number, DemoActivity[]>();
  for (const a of input.activities) {
    if (a.status !== 'closed') continue;
    const list = closedByOrg.get(a.orgId);
    if (list) list.push(a);
    else closedByOrg.set(a.orgId, [a]);
  }
  for (const list of closedByOrg.values())
    list.sort((a, b) => (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : a.id - b.id));
  const postsOf = new Map<number, CollegeData['appointments']>();
  for (const a of input.appointments) {
    const list = postsOf.get(a.orgId);
    if (list) list.push(a);
    else postsOf.set(a.orgId, [a]);
  }
  const zongzhiOrgId = input.accounts.find((a) => a.username === 'zongzhi')?.roles[0]?.orgId ?? 0;
  const ctx: Ctx = {
    rng,
    today,
    lastDay: addDays(today, -1),
    orgById: new Map(input.orgs.map((o) => [o.id, o])),
    personById: new Map(input.people.map((p) => [p.id, p])),
    closedByOrg,
    postsOf,
    accounts: { zzb: accountOf('zzb'), zongzhi: accountOf('zongzhi'), zhibu: accountOf('zhibu') },
    zongzhiOrgId,
    zhibuOrgId: input.cases['term.overdue'],
    out: [],
    used: new Set(),
  };
  const org = (id: number) => ctx.orgById.get(id)!;
  const ago = (days: number) => addDays(today, -days);
  const isBranch = (o: DemoOrg) => o.type === 'branch' || o.type === 'joint_branch';
  const branches = input.orgs.filter((o) => isBranch(o) && hasLeader(ctx, o.id));
  const zongzhiBranches = branches.filter((o) => o.parentId === zongzhiOrgId);
  const fresh = (o: DemoOrg, templates: readonly ProblemTemplate[]) =>
    templates.filter((t) => !ctx.used.has(`${o.id}:${t.problem}`));

  // The 上级党建工作督查 round, about five months ago: its feedback is entered by the 组织部 within days.
  const round = workday(ago(rng.int(125, 155)));
  const roundLabel = `${round.slice(0, 4)}年上级党建工作督查`;
  const fromRound = (o: DemoOrg, spec: Partial<ItemSpec> = {}) => {
    const templates = fresh(o, o.type === 'general_branch' ? generalBranchProblems : upperCheckProblems);
    if (templates.length === 0) return null;
    return addItem(ctx, {
      org: o,
      source: 'upper_check',
      template: rng.pick(templates),
      day: addDays(round, rng.int(4, 10)),
      by: ctx.accounts.zzb,
      sourceLabel: roundLabel,
      ...spec,
    });
  };

  // Planted for zhibu: the 组织部 opened an item from its 届期已满未换届 finding a week ago (waiting, due in weeks),
  // and the 总支 returned its 自查 item three days ago.
  const zhibu = org(ctx.zhibuOrgId);
  const lasting = lastingFindings(input);
  const overdueTerm = lasting.find((f) => f.ruleId === 'term.overdue' && f.orgId === ctx.zhibuOrgId);
  if (overdueTerm)
    addItem(ctx, {
      org: zhibu,
      source: 'finding',
      template: findingTemplate(overdueTerm),
      findingKey: findingKey(overdueTerm),
      day: ago(rng.int(5, 9)),
      deadline: addDays(today, rng.int(20, 30)),
      by: ctx.accounts.zzb,
      sourceLabel: null,
      outcome: 'pending',
    });
  for (const template of selfCheckProblems) {
    const { reached } = addItem(ctx, {
      org: zhibu,
      source: 'manual',
      template,
      day: ago(rng.int(30, 45)),
      deadline: addDays(today, rng.int(15, 25)),
      by: ctx.accounts.zhibu,
      sourceLabel: '支部自查',
      outcome: 'returned',
      play: { submitOn: ago(6), decideOn: ago(3) },
    });
    if (reached === 'returned') break;
  }

  // Planted for zongzhi: three branches' items submitted 3, 8 and 17 days ago wait for its 销号; one asks for more
  // time; one was extended twice; one it reopened at its 回头看; and its own item waits for the 组织部.
  let planted = 0;
  for (const o of zongzhiBranches) {
    if (planted === 3) break;
    const submitOn = ago([3, 8, 17][planted]!);
    const made = fromRound(o, { outcome: 'submitted', play: { submitOn } });
    if (made?.reached === 'submitted') planted++;
  }
  const [askBranch, twiceBranch, reopenBranch] = rng.shuffle(zongzhiBranches);
  if (askBranch) {
    const template = fresh(askBranch, selfCheckProblems)[0];
    if (template)
      addItem(ctx, {
        org: askBranch,
        source: 'manual',
        template,
        day: ago(rng.int(20, 30)),
        deadline: addDays(today, rng.int(3, 6)),
        by: orgActor(ctx, askBranch.id, ago(30)),
        sourceLabel: '支部自查',
        outcome: 'extension_asked',
      });
  }
  if (twiceBranch)
    fromRound(twiceBranch, { outcome: 'in_progress', longTerm: true, play: { extensions: 2 } });
  if (reopenBranch) {
    const reopenOn = ago(rng.int(12, 20));
    fromRound(reopenBranch, {
      outcome: 'closed',
      play: { submitOn: addDays(round, rng.int(40, 60)), decideOn: addDays(round, rng.int(65, 75)) },
      afterwards: (d, reached) => {
        if (reached !== 'closed') return;
        const verifier = demoVerifierOrg(ctx.orgById, reopenBranch);
        const until = addDays(today, rng.int(25, 40));
        plan(d, reopenOn, (day) =>
          step(d, ctx, day, 'reopen', orgActor(ctx, verifier.id, day), {
            reason: '回头看发现问题反弹：近两个月支委会又未按月召开',
            until,
          }),
        );
      },
    });
  }
  if (zongzhiOrgId) fromRound(org(zongzhiOrgId), { outcome: 'submitted', play: { submitOn: ago(4) } });

  // Findings of 监测预警 opened as items by the level above, after the first evaluation.
  for (const f of lasting.slice(0, 14)) {
    if (f === overdueTerm) continue;
    const o = org(f.orgId);
    if (o.type === 'committee' || o.type === 'group') continue;
    const day = ago(rng.int(8, firstEvaluationDaysAgo - 4));
    const deadline = f.dueDate && f.dueDate >= addDays(day, 14) ? f.dueDate : addDays(day, rng.int(30, 60));
    addItem(ctx, {
      org: o,
      source: 'finding',
      template: findingTemplate(f),
      findingKey: findingKey(f),
      day,
      deadline,
      by: orgActor(ctx, demoVerifierOrg(ctx.orgById, o).id, day),
      sourceLabel: null,
      outcome: rng.weighted([
        ['pending', 4],
        ['in_progress', 6],
      ] as const),
    });
  }

  // The rest of the 督查 round: half the branches and a third of the 总支.
  for (const o of input.orgs) {
    if (isBranch(o) && hasLeader(ctx, o.id) && rng.chance(0.5)) fromRound(o, { longTerm: rng.chance(0.3) });
    else if (o.type === 'general_branch' && hasLeader(ctx, o.id) && rng.chance(0.35)) fromRound(o);
  }

  // The 换届工作督查: a branch or 总支 whose new term started this year was reminded two months before.
  for (const term of input.terms) {
    const o = org(term.orgId);
    if (
      term.actualEndDate !== null ||
      term.number < 2 ||
      term.startDate > ago(25) ||
      term.startDate < ago(330)
    )
      continue;
    if (!(isBranch(o) || o.type === 'general_branch') || !hasLeader(ctx, o.id) || !rng.chance(0.6)) continue;
    const day = workday(addDays(term.startDate, -rng.int(45, 75)));
    addItem(ctx, {
      org: o,
      source: 'upper_check',
      template: {
        problem: `第${term.number - 1}届任期将于 ${addDays(term.startDate, -1)} 届满，尚未按规定提前启动换届选举准备工作`,
        clause: clauseText(orgRuleCatalogue['term.election_request_missing'].clause),
        kinds: [],
        measures: '支委会研究换届工作方案，向上级党组织报送换届请示，按程序召开党员大会选举。',
        result: '已按程序完成换届选举，新一届班子已录入平台。',
      },
      day,
      deadline: addDays(term.startDate, rng.int(10, 30)),
      by: ctx.accounts.zzb,
      sourceLabel: `${day.slice(0, 4)}年基层党组织换届工作督查`,
      outcome: 'closed',
      play: {
        proof: {
          kind: 'term',
          recordId: term.id,
          onDate: term.startDate,
          title: `${o.name} 第${term.number}届`,
        },
      },
    });
  }

  // Problems raised at the latest 组织生活会 (within the last 13 months) of most branches, entered by the branch.
  for (const o of branches) {
    if (!rng.chance(0.6)) continue;
    const meeting = (ctx.closedByOrg.get(o.id) ?? []).findLast(
      (a) => a.kind === 'review_meeting' && a.onDate >= ago(400) && a.onDate <= ago(4),
    );
    const templates = fresh(o, lifeMeetingProblems);
    if (!meeting || templates.length === 0) continue;
    const day = earlier(addDays(meeting.onDate, rng.int(3, 10)), ctx.lastDay);
    addItem(ctx, {
      org: o,
      source: 'life_meeting',
      template: rng.pick(templates),
      activityId: meeting.id,
      day,
      by: orgActor(ctx, o.id, day),
      sourceLabel: meeting.title,
      longTerm: rng.chance(0.5),
    });
  }

  // 督促检查 rated below 规范: the reviewer entered the problem as an item; a branch that answered 已整改 closed it.
  for (const review of input.reviews) {
    if (review.rating === 'standard') continue;
    const activity = input.activities[review.activityId - 1]!;
    const o = org(activity.orgId);
    const reviewedOn = review.reviewedAt.slice(0, 10);
    if (!isBranch(o) || reviewedOn >= ctx.lastDay) continue;
    const day = earlier(addDays(reviewedOn, rng.int(1, 5)), ctx.lastDay);
    const kind = activity.kind;
    const clauseOf: Partial<Record<ActivityKind, keyof typeof lifeRuleCatalogue>> = {
      general_meeting: 'life.general_meeting_missing',
      committee_meeting: 'life.committee_meeting_missing',
      lecture: 'life.lecture_missing',
      theme_day: 'life.theme_day_missing',
    };
    addItem(ctx, {
      org: o,
      source: 'supervision_check',
      template: {
        problem: `${activityKindLabels[kind]}“${activity.title}”督促检查评为“${reviewRatingLabels[review.rating]}”：${review.contentComment}${review.procedureComment}`,
        clause: lifeClause(clauseOf[kind] ?? 'life.general_meeting_missing'),
        kinds: [kind],
        measures: '对照督促检查意见逐条整改：会前发布通知，严格请假审批，完整记录研讨发言和决议事项。',
        result: `已对照督促检查意见整改，此后的${activityKindLabels[kind]}按程序召开、记录完整。`,
      },
      activityId: activity.id,
      day,
      by: orgActor(ctx, review.reviewerOrgId, day),
      sourceLabel: `督促检查（${reviewRatingLabels[review.rating]}）`,
      ...(review.response ? { outcome: 'closed' as const } : {}),
    });
  }

  // What branches found in their own records (自查), nearly half of them.
  for (const o of branches) {
    if (!rng.chance(0.45)) continue;
    const templates = fresh(o, selfCheckProblems);
    if (templates.length === 0) continue;
    const day = ago(rng.int(5, 200));
    addItem(ctx, {
      org: o,
      source: 'manual',
      template: rng.pick(templates),
      day,
      by: orgActor(ctx, o.id, day),
      sourceLabel: '支部自查',
    });
  }

  more?.({
    add: (spec) => {
      const { item } = addItem(ctx, {
        org: org(spec.orgId),
        source: spec.source,
        template: spec.template,
        day: spec.day,
        deadline: spec.deadline,
        by: spec.openedBy ?? orgActor(ctx, spec.orgId, spec.day),
        sourceLabel: spec.sourceLabel,
        ...(spec.outcome ? { outcome: spec.outcome } : {}),
      });
      if (spec.campaignId !== undefined) item.campaignId = spec.campaignId;
      if (spec.inspectionId !== undefined) item.inspectionId = spec.inspectionId;
      return item;
    },
    actorOf: (orgId, day) => orgActor(ctx, orgId, day),
  });
  return ctx.out;
}
