/**
 * Two years of organisational life (组织生活) for the demo college, up to `today`: 三会一课, 主题党日,
 * 组织生活会, 民主评议, 谈心谈话 in the branches, 中心组学习 and 党务工作例会 in the 党委 and 党总支, the 党委会 about
 * twice a month and each 二级学院's monthly 党政联席会 with their decisions (generateDecisionMeetings), with
 * attendance, resolutions and a few supervision checks. Pure and deterministic (own random stream).
 *
 * Attendance lists are each org's members on the day of the activity, as the server lists them for a new record
 * (activities/invitees.ts): people placed in the org or its 党小组 who had joined by then. The demo keeps no
 * history of moves between branches. Those admitted through a 发展党员 dossier (recruitment.ts) are on their
 * branch's lists from the day of the 支部大会's resolution and on their 党小组's from the day they were placed in
 * it; each of the branch's votes on a dossier is held at a 支部党员大会 on the step's day (the quarter's, when it
 * falls in that month; else one called for it) that carries the resolution. Those who left the roster in the
 * last year (leavers.ts) are on the lists of their org until the day they left, never after; their rows are
 * drawn from a stream of their own, and a 党员大会 keeps the quorum it had without them, so every record of the
 * others is what it was before they were added.
 *
 * A leader is 双重组织生活 on a list when taking part (present, or still expected without asking for leave); on
 * leave or absent they are listed as a member, so that no one is both away and there.
 *
 * Gaps planted on purpose: most branches are diligent; about 12 % skip some activities ('patchy');
 * about 5 % (at least two) have five months with nothing at all ('lax', one of them ending last
 * month); the zhibu demo branch has not held this month's 支委会 yet; two members are absent without
 * leave for 3 and 7 months up to now; two leaders take no part in their branch's life this year (no
 * 双重组织生活); one 党总支 often studies without a 第一议题; one vote failed and one meeting lacked a quorum.
 * Past records are closed (a few of the last days still 'held'); this month and the coming 14 days are
 * partly planned or published.
 */
import {
  type ActivityKind,
  type ActivityStatus,
  type AgendaItem,
  type AttendanceStatus,
  type AttendeeRole,
  activityKindLabels,
  addDays,
  addMonths,
  checkQuorum,
  daysBetween,
  decideMotion,
  entitledVoters,
  type IsoDate,
  isBranchType,
  type PartyStatus,
  type ReviewRating,
  type ThemeSegment,
  type VoterRow,
} from '@dangjian/core';
import { workday } from './days.ts';
import { chineseNumber } from './names.ts';
import { createRandom, type Random } from './random.ts';
import { voteDecision, voteTitle } from './recruitment.ts';
import type {
  CollegeData,
  DemoActivity,
  DemoAppointment,
  DemoLeaver,
  DemoOrg,
  DemoPerson,
  DemoResolution,
  DemoTerm,
} from './types.ts';

/** What the activity generator adds to a college. */
export type DemoActivityData = Pick<CollegeData, 'activities' | 'attendance' | 'resolutions' | 'reviews'>;

/** What it reads from the college already generated (the dossiers as planned, before their votes are linked). */
export type ActivityInput = Pick<
  CollegeData,
  'today' | 'orgs' | 'people' | 'leavers' | 'terms' | 'appointments' | 'cases' | 'accounts' | 'recruits'
>;

/** Months of history, the current one included. */
export const historyMonths = 24;

/** The first day of the history: the first of the month `historyMonths − 1` months before today's. */
export function historyStart(today: IsoDate): IsoDate {
  return monthStart(monthIndex(today) - (historyMonths - 1));
}

/** A vote of a 支部大会 on a dossier (接收预备党员, 转正 or 延长预备期), on the day of its step. */
interface DossierVote {
  date: IsoDate;
  kind: 'admission' | 'confirmation';
  /** The person voted on (a member from this day when admitted, so on the list as 预备党员). */
  subjectId: number;
  /** The agenda item that discusses it, and the resolution's title and wording. */
  agenda: AgendaItem;
  title: string;
  decision: string;
}

/** How the minutes tell the discussion of a dossier (发展细则 第二十四条、第三十一条). */
const voteAccounts: Record<DossierVote['kind'], string> = {
  admission:
    '发展对象汇报对党的认识、入党动机和本人经历，入党介绍人介绍其主要表现，支部委员会报告审查情况；与会党员充分讨论后进行表决。',
  confirmation:
    '预备党员汇报预备期的思想、学习和工作情况，入党介绍人、党小组介绍教育考察情况；与会党员充分讨论后进行表决。',
};

type Diligence = 'diligent' | 'patchy' | 'lax';

interface BranchPlan {
  org: DemoOrg;
  diligence: Diligence;
  /** People of the branch and its 党小组 (the roster's, then those admitted through a dossier). */
  members: DemoPerson[];
  /** Those of them who left the roster in the last year. */
  leavers: DemoLeaver[];
  groups: { org: DemoOrg; members: DemoPerson[]; leavers: DemoLeaver[] }[];
  hasCommittee: boolean;
  /** Month indexes with no activity at all (a lax branch's long gap). */
  gap: Set<number>;
  themeDay: number;
  /** 0–2: which month of each quarter holds the 党员大会 and the 党课. */
  generalMonth: number;
  lectureMonth: number;
  /** 11, 12 or 1: 组织生活会 and 民主评议 in November, December or the next January. */
  reviewMonth: number;
  /** The branch's votes on dossiers within the history, by day. */
  votes: DossierVote[];
}

interface Gen {
  rng: Random;
  /** The leavers' attendance: drawn apart, so that the main stream (and all it decides) is as without them. */
  leaverRng: Random;
  leaverIds: ReadonlySet<number>;
  today: IsoDate;
  yearStart: IsoDate;
  /** Index (year × 12 + month − 1) of the current month. */
  current: number;
  /** Last month to plan in: this month, or the next when the coming 14 days reach into it. */
  last: number;
  /** Today + 14 days: upcoming activities are planned this far ahead at least. */
  horizon: IsoDate;
  people: readonly DemoPerson[];
  /** Everyone who may be on a list, the admitted applicants included. */
  personById: ReadonlyMap<number, DemoPerson>;
  /** Admitted through a dossier: the day 转正 was approved, from which their records hold them as 正式. */
  fullFrom: ReadonlyMap<number, IsoDate>;
  /** Admitted through a dossier and placed in a 党小组: the day they were placed. */
  groupFrom: ReadonlyMap<number, IsoDate>;
  orgs: readonly DemoOrg[];
  out: DemoActivityData;
  postsOf: Map<number, DemoAppointment[]>;
  /** Team posts in a 党委 or 党总支, by person: such a person takes part in a branch as 双重组织生活. */
  upperPostsOf: Map<number, DemoAppointment[]>;
  /** Planted absence streaks: person → month indexes absent without leave. */
  absentMonths: Map<number, Set<number>>;
  /** Leaders who take no part in their branch's life this year. */
  noDualLife: Set<number>;
  /** Month of each person's last random absence, so chance alone never makes a streak. */
  lastAbsence: Map<number, number>;
  plantedFail: boolean;
  plantedNoQuorum: boolean;
  /** The zhibu demo branch (届期已满): diligent, but this month's 支委会 is not held yet. */
  zhibu: number;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range`);
  return item;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const monthIndex = (date: IsoDate): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const monthStart = (index: number): IsoDate => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
const dayOfMonth = (index: number, day: number): IsoDate => `${monthStart(index).slice(0, 8)}${pad(day)}`;
const monthOf = (date: IsoDate): number => Number(date.slice(5, 7));
const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** A local Asia/Shanghai time of day as an instant string; minutes may run past midnight. */
function localInstant(date: IsoDate, minutes: number): string {
  const day = addDays(date, Math.floor(minutes / 1440));
  const m = minutes % 1440;
  return `${day}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00+08:00`;
}

const isActiveOn = (a: DemoAppointment, date: IsoDate): boolean =>
  a.startDate <= date && (a.endDate === null || a.endDate >= date);

const themes = [
  '深入学习习近平新时代中国特色社会主义思想',
  '学习贯彻党的二十大精神',
  '学习《中国共产党章程》',
  '学习《中国共产党纪律处分条例》',
  '弘扬教育家精神，争做“四有”好老师',
  '学习贯彻全国教育大会精神',
  '深化产教融合，服务地方发展',
  '铸牢中华民族共同体意识',
  '传承红船精神，赓续红色血脉',
  '落实全面从严治党主体责任',
  '加强作风建设，践行为民服务',
  '推进“三全育人”综合改革',
];
const practices = [
  '到结对社区开展志愿服务',
  '开展校园环境整治劳动',
  '结对帮扶学习困难学生',
  '走访慰问离退休老党员',
  '参观红色教育基地',
  '开展专业技能义务服务',
  '开展垃圾分类宣传',
];
const places = [
  '党员活动室',
  '行政楼三楼会议室',
  '图书馆报告厅',
  '实训楼党建活动室',
  '学院会议室',
  '党员之家',
  '线上（腾讯会议）',
];
const committeeItems = [
  '研究本月主题党日活动安排',
  '讨论发展党员工作',
  '通报党费收缴情况',
  '研究支部理论学习计划',
  '讨论评优评先推荐人选',
  '研究困难党员帮扶工作',
  '研究意识形态工作',
];
const discussions = [
  '与会同志结合工作实际逐一发言，一致表示要学深悟透、抓好落实。',
  '大家围绕议题充分讨论，提出了具体意见和建议。',
  '与会人员畅谈体会，查找差距，明确了下一步努力方向。',
  '会议对相关工作作了具体部署，明确了责任人和完成时限。',
];
const lectureTopics = [
  '坚定理想信念，筑牢信仰之基',
  '以党的创新理论武装头脑',
  '新时代职业教育的使命担当',
  '从党史中汲取奋进力量',
  '严守纪律规矩，永葆清正廉洁',
  '立德树人，做学生成长的引路人',
];
const talkTopics = [
  '思想工作情况交流',
  '教学科研工作与个人发展',
  '师德师风与廉洁自律',
  '学习与就业规划',
  '对支部工作的意见建议',
  '家庭困难与思想状况',
];
const leaveReasons = ['外出参加培训', '公务出差', '身体不适', '家中有事', '教学任务冲突', '参加上级会议'];
const manualReasons = ['手机没电，现场确认到会', '未带手机，书记确认到会', '扫码失败，现场补签'];
const firstTopic: AgendaItem = {
  title: '传达学习习近平总书记最新重要讲话和重要指示批示精神',
  isFirstTopic: true,
  note: '第一议题',
};

const item = (title: string): AgendaItem => ({ title, isFirstTopic: false, note: null });
/** The agenda item that discusses a resolution: '关于接收…的决议' → '讨论接收…'. */
const discussion = (resolution: string): AgendaItem =>
  item(`讨论${resolution.replace(/^关于|的决议$/g, '')}`);

function hexSecret(rng: Random): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += rng.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return s;
}

/**
 * The status of an activity on `date`: closed when past (a few of the last days still 'held'),
 * planned or published later this month or in the coming 14 days (some not entered yet: null).
 */
function statusFor(g: Gen, date: IsoDate): ActivityStatus | null {
  if (monthIndex(date) > g.current && date > g.horizon) return null;
  if (date >= g.today) {
    if (g.rng.chance(0.3)) return null;
    return g.rng.chance(0.55) ? 'published' : 'planned';
  }
  if (date >= addDays(g.today, -2) && g.rng.chance(0.25)) return 'held';
  return 'closed';
}

interface Spec {
  org: DemoOrg;
  kind: ActivityKind;
  title: string;
  date: IsoDate;
  status: ActivityStatus;
  /** Minutes after midnight, local time. */
  start: number;
  duration: number;
  host: DemoPerson | null;
  recorder: DemoPerson | null;
  agenda: AgendaItem[];
  segments?: ThemeSegment[];
  speaker?: string | null;
  partner?: DemoPerson | null;
  topic?: string | null;
  place?: string;
}

interface Counts {
  expected: number;
  present: number;
  leave: number;
  absent: number;
  /** Rows of this activity in the attendance columns: [from, to). */
  from: number;
  to: number;
}

function addActivity(g: Gen, spec: Spec): DemoActivity {
  const { rng } = g;
  const place = spec.place ?? rng.pick(places);
  const published = spec.status !== 'planned';
  const agendaText = spec.agenda.map((a) => a.title).join('；');
  const activity: DemoActivity = {
    id: g.out.activities.length + 1,
    orgId: spec.org.id,
    kind: spec.kind,
    title: spec.title,
    status: spec.status,
    startsAt: localInstant(spec.date, spec.start),
    endsAt: localInstant(spec.date, spec.start + spec.duration),
    onDate: spec.date,
    place,
    hostPersonId: spec.host?.id ?? null,
    recorderPersonId: spec.recorder?.id ?? null,
    speaker: spec.speaker ?? null,
    partnerPersonId: spec.partner?.id ?? null,
    topic: spec.topic ?? null,
    agenda: spec.agenda,
    segments: spec.segments ?? [],
    notice:
      published && spec.kind !== 'talk'
        ? `定于${monthOf(spec.date)}月${Number(spec.date.slice(8))}日${pad(Math.floor(spec.start / 60))}:${pad(spec.start % 60)}在${place}召开${activityKindLabels[spec.kind]}${agendaText ? `，议题：${agendaText}` : ''}。请准时参加，因故不能参加的请提前请假。`
        : null,
    noticePublishedAt: null,
    minutes: null,
    closedAt: null,
    signInSecret: hexSecret(rng),
  };
  if (activity.notice !== null) {
    const day = addDays(spec.date, -rng.int(2, 6));
    activity.noticePublishedAt = localInstant(
      day < g.today ? day : addDays(g.today, -1),
      9 * 60 + rng.int(0, 90),
    );
  }
  if (spec.status === 'closed') {
    const day = addDays(spec.date, rng.int(0, 4));
    const last = addDays(g.today, -1);
    activity.closedAt = localInstant(day < last ? day : last, 20 * 60 + rng.int(0, 90));
  }
  g.out.activities.push(activity);
  return activity;
}

/**
 * 正式/预备 on a record's day, as the record stored it: 正式 from 转正. For those admitted through a dossier, from
 * the day 转正 was approved: the 支部大会 that discussed it, after the 预备期 had ended, still listed them as 预备.
 */
function partyStatusOn(g: Gen, p: DemoPerson, date: IsoDate): PartyStatus {
  const from = g.fullFrom.get(p.id) ?? p.confirmedOn;
  return from !== null && from <= date ? 'full' : 'probationary';
}

function isLeaderOn(g: Gen, personId: number, date: IsoDate): boolean {
  return (g.upperPostsOf.get(personId) ?? []).some((a) => isActiveOn(a, date));
}

/** Writes the attendance rows of one activity and counts them. */
function addAttendance(
  g: Gen,
  activity: DemoActivity,
  people: readonly DemoPerson[],
  opts: { dualLife: boolean; talk?: boolean },
): Counts {
  const { out } = g;
  const a = out.attendance;
  const date = activity.onDate;
  const month = monthIndex(date);
  const past = activity.status === 'closed' || activity.status === 'held';
  const summer = monthOf(date) === 7 || monthOf(date) === 8;
  const counts: Counts = { expected: 0, present: 0, leave: 0, absent: 0, from: a.personId.length, to: 0 };
  const seen = new Set<number>();
  for (const p of people) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    const rng = g.leaverIds.has(p.id) ? g.leaverRng : g.rng;
    const isLeader = opts.dualLife && isLeaderOn(g, p.id, date);
    let status: AttendanceStatus = 'expected';
    let leave: 'requested' | 'approved' | null = null;
    let leaveReason: string | null = null;
    // Whoever hosts or minutes a meeting was there.
    const runsIt = p.id === activity.hostPersonId || p.id === activity.recorderPersonId;
    if (opts.talk || (past && runsIt)) {
      status = past ? 'present' : 'expected';
    } else if (!past) {
      const r = rng.next();
      if (r < 0.04) leave = 'requested';
      else if (r < 0.07) leave = 'approved';
      if (leave !== null) leaveReason = rng.pick(leaveReasons);
      if (leave === 'approved') status = 'leave';
    } else if (g.absentMonths.get(p.id)?.has(month)) {
      status = 'absent';
    } else if (isLeader && date >= g.yearStart && g.noDualLife.has(p.id)) {
      status = 'leave';
      leaveReason = '参加上级部署的工作，与支部活动时间冲突';
    } else {
      const r = rng.next();
      const leaveShare = p.category === 'student' && summer ? 0.2 : 0.06;
      if (r < 0.03) {
        const last = g.lastAbsence.get(p.id);
        if (last !== undefined && Math.abs(last - month) <= 1) {
          status = 'leave';
        } else {
          status = 'absent';
          g.lastAbsence.set(p.id, month);
        }
      } else if (r < 0.03 + leaveShare) {
        status = 'leave';
      } else {
        status = 'present';
      }
      if (status === 'leave') leaveReason = rng.pick(leaveReasons);
    }
    if (status === 'leave') leave = 'approved';
    if (status === 'absent' && activity.status === 'held') status = 'expected';
    const present = status === 'present';
    const role: AttendeeRole =
      isLeader && (present || (status === 'expected' && leave === null)) ? 'dual_life' : 'member';
    const manual = present && (opts.talk === true || rng.chance(0.05));
    a.activityId.push(activity.id);
    a.personId.push(p.id);
    a.role.push(role);
    a.partyStatus.push(partyStatusOn(g, p, date));
    a.status.push(status);
    a.signedInAfter.push(present ? rng.int(-600, 300) : null);
    a.method.push(present ? (manual ? 'manual' : 'qr') : null);
    a.manualReason.push(manual ? (opts.talk ? '谈话双方确认' : rng.pick(manualReasons)) : null);
    a.leaveStatus.push(leave);
    a.leaveReason.push(leaveReason);
    counts[status] += 1;
  }
  counts.to = a.personId.length;
  return counts;
}

/**
 * Sets an attendance row of a branch's record to present (signed in by QR) or to approved leave, and its counts;
 * a leader is 双重组织生活 only when present.
 */
function setStatus(
  g: Gen,
  activity: DemoActivity,
  i: number,
  c: Counts,
  next: 'present' | 'leave',
  reason: string | null,
): void {
  const a = g.out.attendance;
  const was = at(a.status, i);
  if (was === next) return;
  c[was] -= 1;
  c[next] += 1;
  const present = next === 'present';
  const personId = at(a.personId, i);
  a.status[i] = next;
  a.role[i] = present && isLeaderOn(g, personId, activity.onDate) ? 'dual_life' : 'member';
  // A leaver's sign-in time comes from the leavers' stream, so that the others' records do not depend on them.
  a.signedInAfter[i] = present ? (g.leaverIds.has(personId) ? g.leaverRng : g.rng).int(-600, 300) : null;
  a.method[i] = present ? 'qr' : null;
  a.manualReason[i] = null;
  a.leaveStatus[i] = present ? null : 'approved';
  a.leaveReason[i] = present ? null : reason;
}

/**
 * Turns present entitled voters into approved leave until the meeting lacks a quorum (a planted case): those who
 * stayed on the roster first, exactly as without the leavers, then leavers while the quorum still holds.
 */
function breakQuorum(g: Gen, activity: DemoActivity, c: Counts): void {
  const a = g.out.attendance;
  for (const leavers of [false, true]) {
    let entitled = 0;
    let present = 0;
    for (let i = c.from; i < c.to; i++) {
      if (a.partyStatus[i] !== 'full') continue;
      if (!leavers && g.leaverIds.has(at(a.personId, i))) continue;
      entitled += 1;
      if (a.status[i] === 'present') present += 1;
    }
    for (let i = c.from; i < c.to && present * 2 > entitled; i++) {
      if (a.partyStatus[i] !== 'full' || a.status[i] !== 'present') continue;
      if (g.leaverIds.has(at(a.personId, i)) !== leavers) continue;
      if (a.personId[i] === activity.hostPersonId || a.personId[i] === activity.recorderPersonId) continue;
      setStatus(g, activity, i, c, 'leave', '外出参加培训');
      present -= 1;
    }
  }
}

/**
 * A closed 党员大会 with leavers on its list keeps the quorum it had without them: leavers are marked present
 * (or on leave) until it agrees, so whether it was quorate, and could vote, is what it was without them.
 */
function keepQuorum(g: Gen, activity: DemoActivity, c: Counts): void {
  if (activity.kind !== 'general_meeting' || activity.status !== 'closed') return;
  const a = g.out.attendance;
  const entitled: number[] = [];
  for (let i = c.from; i < c.to; i++) if (a.partyStatus[i] === 'full') entitled.push(i);
  const leaverRows = entitled.filter((i) => g.leaverIds.has(at(a.personId, i)));
  if (leaverRows.length === 0) return;
  const quorum = (rows: readonly number[]) =>
    2 * rows.filter((i) => a.status[i] === 'present').length > rows.length;
  const without = quorum(entitled.filter((i) => !g.leaverIds.has(at(a.personId, i))));
  for (const i of leaverRows) {
    if (quorum(entitled) === without) break;
    if (without) setStatus(g, activity, i, c, 'present', null);
    else if (a.status[i] === 'present') setStatus(g, activity, i, c, 'leave', g.leaverRng.pick(leaveReasons));
  }
}

function voterRows(g: Gen, c: Counts): VoterRow[] {
  const a = g.out.attendance;
  const rows: VoterRow[] = [];
  for (let i = c.from; i < c.to; i++)
    rows.push({ personId: at(a.personId, i), partyStatus: at(a.partyStatus, i), status: at(a.status, i) });
  return rows;
}

/** Counts a vote on the meeting's attendance and decides it with the core rule (支部条例 第十一条). */
function addVote(
  g: Gen,
  activity: DemoActivity,
  c: Counts,
  position: number,
  title: string,
  /** A planted case: the votes fall short, or the meeting lacks a quorum (made by breakQuorum). */
  plant: 'fail' | 'no_quorum' | null,
  /** What the resolution states when it passes. */
  decisionText: string,
): DemoResolution | null {
  const { rng } = g;
  const voters = entitledVoters(voterRows(g, c));
  const present = voters.presentEntitled;
  // Without a quorum a branch puts the vote off, except in the one meeting planted to show it.
  if (!checkQuorum(voters).quorumReached && plant === null) return null;
  const absent = voters.absentEntitledIds.length;
  // Those who stayed vote from the main stream as they would without the leavers; leavers from theirs.
  const isLeaver = (id: number) => g.leaverIds.has(id);
  let writtenFor = 0;
  for (const id of voters.absentEntitledIds) if (!isLeaver(id) && rng.chance(0.5)) writtenFor += 1;
  for (const id of voters.absentEntitledIds) if (isLeaver(id) && g.leaverRng.chance(0.5)) writtenFor += 1;
  const presentStayed = voters.presentEntitledIds.filter((id) => !isLeaver(id)).length;
  let abstentions = presentStayed >= 3 && rng.chance(0.15) ? 1 : 0;
  let against = presentStayed >= 4 && rng.chance(0.2) ? 1 : 0;
  let votesFor = present - abstentions - against;
  if (plant === 'fail') {
    votesFor = Math.max(0, Math.min(votesFor, Math.floor(voters.entitled / 2) - writtenFor));
    against = present - abstentions - votesFor;
  }
  // Outside the planted cases the members support the motion: a small meeting's one abstention or
  // a missing written vote should not make a third failed vote by chance.
  if (plant === null && (votesFor + writtenFor) * 2 <= voters.entitled) {
    votesFor = present;
    against = 0;
    abstentions = 0;
    writtenFor = absent;
  }
  const counts = {
    entitled: voters.entitled,
    presentEntitled: present,
    votesFor,
    votesAgainst: against,
    abstentions,
    writtenFor,
    writtenAgainst: 0,
  };
  const decision = decideMotion(counts);
  const outcome = decision.passed ? 'passed' : 'failed';
  // The counts are the resolution's own fields, printed once in the 决议 row; its wording says only what was decided.
  const why = !decision.quorumReached
    ? '到会有表决权党员未超过应到会有表决权党员的半数，不能进行表决，此事项留待下次党员大会讨论。'
    : decision.passed
      ? decisionText
      : '赞成票未超过应到会有表决权党员的半数，决议未通过。';
  const resolution: DemoResolution = {
    activityId: activity.id,
    position,
    title,
    content: why,
    isVote: true,
    ...counts,
    outcome,
  };
  g.out.resolutions.push(resolution);
  return resolution;
}

function addNote(
  g: Gen,
  activity: DemoActivity,
  position: number,
  title: string,
  content: string,
): DemoResolution {
  const resolution: DemoResolution = {
    activityId: activity.id,
    position,
    title,
    content,
    isVote: false,
    entitled: null,
    presentEntitled: null,
    votesFor: null,
    votesAgainst: null,
    abstentions: null,
    writtenFor: null,
    writtenAgainst: null,
    outcome: 'recorded',
  };
  g.out.resolutions.push(resolution);
  return resolution;
}

/** Minutes in the usual 会议记录 layout, once the record is closed. */
function writeMinutes(
  g: Gen,
  activity: DemoActivity,
  resolutions: readonly DemoResolution[],
  votes: readonly DossierVote[] = [],
): void {
  if (activity.status !== 'closed') return;
  const { rng } = g;
  const name = (id: number | null): string => (id === null ? '—' : (g.personById.get(id)?.name ?? '—'));
  // Time, place, host, recorder and the attendance are the record's own fields (and rows of the printed
  // 会议记录), so the minutes hold only what was said and decided.
  const lines: string[] = [];
  if (activity.kind === 'talk') {
    lines.push(
      `谈话内容：围绕“${activity.topic ?? ''}”交流思想和工作情况，谈话对象${name(activity.partnerPersonId)}谈了近期的学习工作和思想状况，提出了意见建议。`,
      '谈话人肯定了成绩，指出了需要改进的方面，双方约定保持经常性沟通。',
    );
  } else {
    lines.push('议程及内容：');
    activity.agenda.forEach((a, i) => {
      const vote = votes.find((v) => v.agenda === a);
      lines.push(
        `${chineseNumber(i + 1)}、${a.title}。${vote ? voteAccounts[vote.kind] : rng.pick(discussions)}`,
      );
    });
    for (const s of activity.segments) lines.push(`【${s.name}】${s.content ?? ''}`);
    if (resolutions.length > 0) {
      lines.push('会议决定：');
      resolutions.forEach((r, i) => {
        lines.push(`${i + 1}. ${r.title}：${r.content}`);
      });
    } else {
      lines.push('会议要求：全体党员要把学习成果转化为做好本职工作的实际行动。');
    }
  }
  activity.minutes = lines.join('\n');
}

function planBranches(
  g: Gen,
  input: ActivityInput,
  joiners: readonly DemoPerson[],
  votesOf: ReadonlyMap<number, DossierVote[]>,
): BranchPlan[] {
  const { rng } = g;
  const branchOf = new Map<number, number>();
  for (const o of input.orgs) {
    if (isBranchType(o.type)) branchOf.set(o.id, o.id);
    else if (o.type === 'group' && o.parentId !== null) branchOf.set(o.id, o.parentId);
  }
  const byOrg = <P extends DemoPerson>(people: readonly P[]) => {
    const out = new Map<number, P[]>();
    for (const p of people) {
      for (const id of [p.orgId, branchOf.get(p.orgId) === p.orgId ? null : branchOf.get(p.orgId)]) {
        if (id === null || id === undefined) continue;
        const list = out.get(id);
        if (list) list.push(p);
        else out.set(id, [p]);
      }
    }
    return out;
  };
  const members = byOrg([...input.people, ...joiners]);
  const leavers = byOrg(input.leavers);
  const teamKinds = new Map<number, DemoTerm['teamKind']>();
  for (const t of input.terms) if (t.actualEndDate === null) teamKinds.set(t.orgId, t.teamKind);
  const zhibu = input.cases['term.overdue'];
  const branches = input.orgs.filter((o) => isBranchType(o.type));
  // Gaps go to branches older than the history, so that they show as gaps rather than a late start; a branch
  // that voted on a dossier in the history met then, so it is never the lax kind.
  const start = historyStart(g.today);
  const others = rng.shuffle(
    branches.filter((o) => o.id !== zhibu && (o.foundedOn ?? start) < start).map((o) => o.id),
  );
  const mayLapse = others.filter((id) => !votesOf.has(id));
  const laxCount = Math.max(2, Math.round(branches.length * 0.05));
  const patchyCount = Math.round(branches.length * 0.12);
  const diligence = new Map<number, Diligence>();
  const lax = new Set(mayLapse.slice(0, laxCount));
  for (const id of lax) diligence.set(id, 'lax');
  others
    .filter((id) => !lax.has(id))
    .forEach((id, i) => {
      diligence.set(id, i < patchyCount ? 'patchy' : 'diligent');
    });
  let laxSeen = 0;
  return branches.map((org) => {
    const d = diligence.get(org.id) ?? 'diligent';
    const gap = new Set<number>();
    if (d === 'lax') {
      // The first lax branch stopped five months ago (and shows in this month's alerts); the others had a gap last year.
      const end = laxSeen % 2 === 0 ? g.current - 1 : g.current - 10 - (laxSeen % 3);
      for (let m = end - 4; m <= end; m++) gap.add(m);
      laxSeen += 1;
    }
    return {
      org,
      diligence: d,
      members: members.get(org.id) ?? [],
      leavers: leavers.get(org.id) ?? [],
      groups: input.orgs
        .filter((o) => o.type === 'group' && o.parentId === org.id)
        .map((o) => ({ org: o, members: members.get(o.id) ?? [], leavers: leavers.get(o.id) ?? [] })),
      hasCommittee: teamKinds.get(org.id) === 'committee',
      votes: votesOf.get(org.id) ?? [],
      gap,
      themeDay: rng.int(12, 24),
      generalMonth: rng.int(1, 2),
      lectureMonth: rng.int(0, 2),
      reviewMonth: rng.weighted([
        [11, 3],
        [12, 5],
        [1, 2],
      ] as const),
    };
  });
}

/** Whether a branch of this diligence leaves out one activity it should have held. */
function skips(g: Gen, plan: BranchPlan): boolean {
  if (plan.diligence === 'diligent') return false;
  return g.rng.chance(plan.diligence === 'lax' ? 0.3 : 0.15);
}

function teamOn(g: Gen, orgId: number, date: IsoDate): DemoPerson[] {
  const posts = (g.postsOf.get(orgId) ?? []).filter((a) => a.termId !== null);
  const active = posts.filter((a) => isActiveOn(a, date));
  const chosen = active.length >= 2 ? active : posts.filter((a) => a.endDate === null);
  return chosen.map((a) => at(g.people, a.personId - 1));
}

function secretaryOn(g: Gen, orgId: number, date: IsoDate): DemoPerson | null {
  const posts = (g.postsOf.get(orgId) ?? []).filter((a) => a.post === 'secretary');
  const post = posts.find((a) => isActiveOn(a, date)) ?? posts.find((a) => a.endDate === null);
  if (post) return at(g.people, post.personId - 1);
  return teamOn(g, orgId, date)[0] ?? null;
}

function recorderOn(
  g: Gen,
  orgId: number,
  date: IsoDate,
  host: DemoPerson | null,
  pool: readonly DemoPerson[],
): DemoPerson | null {
  const posts = g.postsOf.get(orgId) ?? [];
  const officer = posts.find((a) => a.post === 'organization_officer' && isActiveOn(a, date));
  if (officer) return at(g.people, officer.personId - 1);
  const others = pool.filter((p) => p !== host && p.joinedOn <= date);
  return others.length > 0 ? g.rng.pick(others) : host;
}

const joinedBy = (people: readonly DemoPerson[], date: IsoDate): DemoPerson[] =>
  people.filter((p) => p.joinedOn <= date);

/** Members of a 党小组 on `date`: joined by then and placed in it by then. */
const placedBy = (g: Gen, people: readonly DemoPerson[], date: IsoDate): DemoPerson[] =>
  people.filter((p) => p.joinedOn <= date && (g.groupFrom.get(p.id) ?? p.joinedOn) <= date);

/** Leavers on the roster on `date`: joined by then and not yet gone (they leave on `leftOn`). */
const stillOn = (leavers: readonly DemoLeaver[], date: IsoDate): DemoLeaver[] =>
  leavers.filter((p) => p.joinedOn <= date && date < p.leftOn);

/**
 * One 支部 activity with its attendance, resolutions and minutes. `attendees` are those still on the roster
 * today; `leavers` those on the list then who have left since (listed after them). A 党员大会 that votes on
 * dossiers passes their resolutions first.
 */
function branchActivity(
  g: Gen,
  plan: BranchPlan,
  spec: Omit<Spec, 'host' | 'recorder' | 'org'> & { org?: DemoOrg; host?: DemoPerson | null },
  attendees: readonly DemoPerson[],
  leavers: readonly DemoLeaver[],
  resolve?: (activity: DemoActivity, c: Counts) => DemoResolution[],
  votes: readonly DossierVote[] = [],
): void {
  // Nobody on the list yet (a 党小组 of new students): nothing was held.
  if (attendees.length === 0) return;
  const org = spec.org ?? plan.org;
  const host = spec.host !== undefined ? spec.host : secretaryOn(g, plan.org.id, spec.date);
  const recorder = recorderOn(g, plan.org.id, spec.date, host, attendees);
  const activity = addActivity(g, { ...spec, org, host, recorder });
  const counts = addAttendance(g, activity, [...attendees, ...leavers], {
    dualLife: spec.kind !== 'committee_meeting',
  });
  if (votes.length > 0) holdVotes(g, activity, counts, votes);
  keepQuorum(g, activity, counts);
  const resolutions: DemoResolution[] = [];
  if (activity.status === 'closed') {
    for (const v of votes) {
      const vote = addVote(g, activity, counts, resolutions.length + 1, v.title, null, v.decision);
      if (vote?.outcome !== 'passed') throw new Error(`${activity.title}: ${v.title} did not pass`);
      resolutions.push(vote);
    }
    if (resolve) resolutions.push(...resolve(activity, counts));
  }
  writeMinutes(g, activity, resolutions, votes);
}

/**
 * A 党员大会 that voted on dossiers: the people voted on were there, and it had its quorum (it could not have
 * voted otherwise), so full members who stay on the roster and were marked away are present after all, in list
 * order, until more than half of them are; never the planted absentees or leaders who stay away. Those who left
 * the roster follow in keepQuorum.
 */
function holdVotes(g: Gen, activity: DemoActivity, c: Counts, votes: readonly DossierVote[]): void {
  if (activity.status !== 'closed') throw new Error(`${activity.title}: a vote is held at a closed record`);
  const a = g.out.attendance;
  const month = monthIndex(activity.onDate);
  const subjects = new Set(votes.map((v) => v.subjectId));
  const full: number[] = [];
  for (let i = c.from; i < c.to; i++) {
    const id = at(a.personId, i);
    if (subjects.has(id)) setStatus(g, activity, i, c, 'present', null);
    if (a.partyStatus[i] === 'full' && !g.leaverIds.has(id)) full.push(i);
  }
  let present = full.filter((i) => a.status[i] === 'present').length;
  for (const i of full) {
    if (present * 2 > full.length) return;
    const id = at(a.personId, i);
    const stays =
      g.absentMonths.get(id)?.has(month) || (g.noDualLife.has(id) && activity.onDate >= g.yearStart);
    if (a.status[i] === 'present' || stays) continue;
    setStatus(g, activity, i, c, 'present', null);
    present += 1;
  }
  if (present * 2 <= full.length) throw new Error(`${activity.title}: no quorum for a vote on a dossier`);
}

function generateBranch(g: Gen, plan: BranchPlan, first: number): void {
  const { rng, today } = g;
  const { org } = plan;
  const founded = org.foundedOn ?? monthStart(first);
  const isZhibu = plan.org.id === g.zhibu;
  for (let m = first; m <= g.last; m++) {
    if (plan.gap.has(m)) continue;
    const calMonth = (m % 12) + 1;
    const year = Math.floor(m / 12);
    const monthLabel = `${year}年${calMonth}月`;
    const ok = (date: IsoDate): ActivityStatus | null => (date < founded ? null : statusFor(g, date));

    // 支委会, monthly (支部条例 第十二条); the zhibu demo branch has not held this month's yet.
    if (plan.hasCommittee && !(isZhibu && m === g.current) && !skips(g, plan)) {
      const date = workday(dayOfMonth(m, rng.int(3, 10)));
      const status = ok(date);
      if (status) {
        const items = rng.shuffle(committeeItems).slice(0, rng.int(2, 3));
        branchActivity(
          g,
          plan,
          {
            kind: 'committee_meeting',
            title: `${monthLabel}支委会`,
            date,
            status,
            start: 12 * 60 + 30,
            duration: 60,
            agenda: items.map(item),
            place: '党员活动室',
          },
          teamOn(g, org.id, date),
          [],
          (activity) =>
            rng.chance(0.5)
              ? [
                  addNote(
                    g,
                    activity,
                    1,
                    `确定${calMonth}月主题党日活动方案`,
                    '按方案组织实施，由组织委员负责落实。',
                  ),
                ]
              : [],
        );
      }
    }

    // 主题党日, on the branch's fixed day each month, in 学习 / 交流 / 实做.
    if (!skips(g, plan)) {
      const date = workday(dayOfMonth(m, plan.themeDay));
      const status = ok(date);
      if (status) {
        const theme = at(themes, (m + org.id) % themes.length);
        branchActivity(
          g,
          plan,
          {
            kind: 'theme_day',
            title: `${calMonth}月主题党日：${theme}`,
            date,
            status,
            start: 14 * 60 + 30,
            duration: 180,
            agenda: [item(theme)],
            segments: [
              { name: '学习', minutes: 60, content: `集中学习“${theme}”相关内容` },
              { name: '交流', minutes: 60, content: '党员结合岗位谈体会' },
              { name: '实做', minutes: 60, content: rng.pick(practices) },
            ],
          },
          joinedBy(plan.members, date),
          stillOn(plan.leavers, date),
        );
      }
    }

    // 党小组会, monthly for each 党小组, led by the 党小组长.
    for (const group of plan.groups) {
      if (skips(g, plan)) continue;
      const date = workday(dayOfMonth(m, rng.int(5, 26)));
      const status = ok(date);
      if (!status) continue;
      const leader = (g.postsOf.get(group.org.id) ?? []).find((a) => a.post === 'group_leader');
      const host = leader ? at(g.people, leader.personId - 1) : (group.members[0] ?? null);
      branchActivity(
        g,
        plan,
        {
          org: group.org,
          kind: 'group_meeting',
          title: `${group.org.shortName ?? '党小组'}${calMonth}月党小组会`,
          date,
          status,
          start: 16 * 60,
          duration: 60,
          agenda: [item(at(themes, (m + group.org.id) % themes.length)), item('交流思想工作情况')],
          host,
        },
        placedBy(g, group.members, date),
        stillOn(group.leavers, date),
      );
    }

    const inQuarter = (calMonth - 1) % 3;
    // The branch's votes on dossiers this month, by day.
    const votesOn = new Map<IsoDate, DossierVote[]>();
    for (const v of plan.votes)
      if (monthIndex(v.date) === m) votesOn.set(v.date, [...(votesOn.get(v.date) ?? []), v]);
    // 支部党员大会, quarterly; in a month with a vote on a dossier, on the day of the first.
    if (inQuarter === plan.generalMonth && !skips(g, plan)) {
      const drawn = workday(dayOfMonth(m, rng.int(15, 26)));
      const [voteDay] = votesOn.keys();
      const date = voteDay ?? drawn;
      const votes = votesOn.get(date) ?? [];
      votesOn.delete(date);
      const status = ok(date);
      if (status) {
        // The planted votes fall within the last year, where the alerts look.
        const recent = date >= addMonths(today, -10) && date < addDays(today, -30);
        const plain = votes.length === 0;
        const noQuorum = plain && !g.plantedNoQuorum && plan.diligence === 'lax' && recent;
        const fail = plain && !noQuorum && !g.plantedFail && plan.diligence === 'patchy' && recent;
        const title = noQuorum
          ? '关于推荐“优秀共产党员”人选的决议'
          : fail
            ? '关于推荐“优秀党务工作者”人选的决议'
            : null;
        const agenda = [item('传达上级党组织会议和文件精神'), item('支部工作总结与部署')];
        agenda.splice(1, 0, ...votes.map((v) => v.agenda), ...(title ? [discussion(title)] : []));
        branchActivity(
          g,
          plan,
          {
            kind: 'general_meeting',
            title: `${year}年第${chineseNumber(Math.floor((calMonth - 1) / 3) + 1)}季度支部党员大会`,
            date,
            status,
            start: 15 * 60,
            duration: 90,
            agenda,
          },
          joinedBy(plan.members, date),
          stillOn(plan.leavers, date),
          (activity, c) => {
            if (!title) return [];
            if (noQuorum) {
              g.plantedNoQuorum = true;
              breakQuorum(g, activity, c);
            }
            const vote = addVote(g, activity, c, 1, title, fail ? 'fail' : 'no_quorum', '同意推荐。');
            if (fail && vote) g.plantedFail = true;
            return vote ? [vote] : [];
          },
          votes,
        );
      }
    }
    // A 支部党员大会 called for the other votes on dossiers this month.
    for (const [date, votes] of votesOn) {
      const about = new Set(votes.map((v) => v.kind));
      const business = about.size > 1 ? '发展党员' : about.has('admission') ? '接收预备党员' : '预备党员转正';
      branchActivity(
        g,
        plan,
        {
          kind: 'general_meeting',
          title: `${calMonth}月支部党员大会（${business}）`,
          date,
          status: 'closed',
          start: 15 * 60,
          duration: 60,
          agenda: votes.map((v) => v.agenda),
        },
        joinedBy(plan.members, date),
        stillOn(plan.leavers, date),
        undefined,
        votes,
      );
    }

    // 党课, quarterly, by the secretary or an invited speaker.
    if (inQuarter === plan.lectureMonth && !skips(g, plan)) {
      const date = workday(dayOfMonth(m, rng.int(8, 27)));
      const status = ok(date);
      if (status) {
        const invited = rng.chance(0.3);
        const topic = rng.pick(lectureTopics);
        branchActivity(
          g,
          plan,
          {
            kind: 'lecture',
            title: `党课：${topic}`,
            date,
            status,
            start: 15 * 60,
            duration: 90,
            agenda: [item(topic)],
            speaker: invited ? rng.pick(['马克思主义学院教授', '市委党校讲师', '党委组织部部长']) : null,
          },
          joinedBy(plan.members, date),
          stillOn(plan.leavers, date),
        );
      }
    }

    // 组织生活会 and 民主评议党员, yearly in November, December or the next January.
    if (calMonth === plan.reviewMonth && !(plan.diligence === 'lax' && rng.chance(0.5))) {
      const of = calMonth === 1 ? year - 1 : year;
      const date = workday(dayOfMonth(m, rng.int(10, 20)));
      for (const [kind, title, offset] of [
        ['member_appraisal', `${of}年度民主评议党员大会`, -3],
        ['review_meeting', `${of}年度组织生活会`, 0],
      ] as const) {
        const day = addDays(date, offset);
        const status = ok(day);
        if (!status) continue;
        branchActivity(
          g,
          plan,
          {
            kind,
            title,
            date: day,
            status,
            start: 14 * 60 + 30,
            duration: 150,
            agenda:
              kind === 'review_meeting'
                ? [item('支部班子对照检查'), item('党员个人对照检查'), item('开展批评和自我批评')]
                : [item('个人自评'), item('党员互评'), item('民主测评')],
          },
          joinedBy(plan.members, day),
          stillOn(plan.leavers, day),
          (activity, c) =>
            kind === 'member_appraisal'
              ? [
                  addNote(
                    g,
                    activity,
                    1,
                    '民主评议结果',
                    `评定优秀党员${Math.max(1, Math.round(c.present * 0.2))}名，其余参评党员为合格党员。`,
                  ),
                ]
              : [],
        );
      }
    }
  }
}

/** 谈心谈话: the secretary talks with most members each year; a few are still waiting this year. */
function generateTalks(g: Gen, plan: BranchPlan, first: number): void {
  const { rng, today } = g;
  const from = monthStart(first);
  for (let year = Math.floor(first / 12); year <= Math.floor(g.current / 12); year++) {
    for (const member of plan.members) {
      if (rng.chance(plan.diligence === 'diligent' ? 0.03 : 0.12)) continue;
      // Between early January (or a week after joining) and early November.
      const start = later(`${year}-01-05`, addDays(member.joinedOn, 7));
      const span = daysBetween(start, `${year}-11-05`);
      if (span < 0) continue;
      const date = workday(addDays(start, rng.int(0, span)));
      if (date < from || date >= today) continue;
      // A member who stays away from the branch is not reached for a talk either.
      if (g.absentMonths.get(member.id)?.has(monthIndex(date))) continue;
      // The secretary talks with the members; another 支委 (or the 党总支 secretary) with the secretary.
      const secretary = secretaryOn(g, plan.org.id, date);
      const host =
        secretary === member
          ? (teamOn(g, plan.org.id, date).find((p) => p !== member) ??
            (plan.org.parentId === null ? null : secretaryOn(g, plan.org.parentId, date)))
          : secretary;
      if (!host || host === member) continue;
      const topic = rng.pick(talkTopics);
      const activity = addActivity(g, {
        org: plan.org,
        kind: 'talk',
        title: `谈心谈话（${host.name}—${member.name}）`,
        date,
        status: 'closed',
        start: 10 * 60 + rng.int(0, 6) * 30,
        duration: 40,
        host,
        recorder: host,
        agenda: [],
        partner: member,
        topic,
        place: '书记办公室',
      });
      addAttendance(g, activity, [host, member], { dualLife: false, talk: true });
      writeMinutes(g, activity, []);
    }
  }
}

/** 党委 and 党总支: monthly 中心组学习 (第一议题 most months) and 党务工作例会; the 党委's yearly 党课 and 民主生活会. */
function generateUpper(g: Gen, org: DemoOrg, first: number, firstTopicMisses: number): void {
  const { rng } = g;
  const childSecretaries = (date: IsoDate): DemoPerson[] =>
    g.orgs
      .filter((o) => o.parentId === org.id && o.type !== 'group')
      .map((o) => secretaryOn(g, o.id, date))
      .filter((p): p is DemoPerson => p !== null);
  const name = org.shortName ?? org.name;
  const add = (spec: Omit<Spec, 'host' | 'recorder' | 'org'>, attendees: DemoPerson[]): void => {
    if (attendees.length === 0) return;
    const host = secretaryOn(g, org.id, spec.date);
    const recorder = recorderOn(g, org.id, spec.date, host, attendees);
    const activity = addActivity(g, { ...spec, org, host, recorder });
    addAttendance(g, activity, attendees, { dualLife: false });
    writeMinutes(g, activity, []);
  };
  for (let m = first; m <= g.last; m++) {
    const calMonth = (m % 12) + 1;
    const year = Math.floor(m / 12);
    const study = workday(dayOfMonth(m, rng.int(8, 20)));
    const studyStatus = statusFor(g, study);
    if (studyStatus) {
      const theme = at(themes, (m + org.id * 5) % themes.length);
      const agenda = rng.chance(firstTopicMisses) ? [item(theme)] : [firstTopic, item(theme)];
      add(
        {
          kind: 'study_group_session',
          title: `${name}理论学习中心组${year}年${calMonth}月集体学习`,
          date: study,
          status: studyStatus,
          start: 8 * 60 + 30,
          duration: 120,
          agenda,
        },
        teamOn(g, org.id, study),
      );
    }
    const work = workday(dayOfMonth(m, rng.int(2, 7)));
    const workStatus = statusFor(g, work);
    if (workStatus) {
      add(
        {
          kind: 'work_meeting',
          title: `${name}${calMonth}月党务工作例会`,
          date: work,
          status: workStatus,
          start: 14 * 60,
          duration: 90,
          agenda: [item('通报上月党建工作情况'), item('部署本月重点工作'), item('各支部汇报工作进展')],
        },
        [...teamOn(g, org.id, work), ...childSecretaries(work)],
      );
    }
    if (org.parentId === null && calMonth === 6) {
      const date = workday(dayOfMonth(m, 26));
      const status = statusFor(g, date);
      const host = secretaryOn(g, org.id, date);
      if (status && host) {
        add(
          {
            kind: 'lecture',
            title: `党委书记讲党课：${at(lectureTopics, year % lectureTopics.length)}`,
            date,
            status,
            start: 14 * 60 + 30,
            duration: 120,
            agenda: [item(at(lectureTopics, year % lectureTopics.length))],
            speaker: null,
            place: '图书馆报告厅',
          },
          [...teamOn(g, org.id, date), ...childSecretaries(date)],
        );
      }
    }
    if (org.parentId === null && calMonth === 1) {
      const date = workday(dayOfMonth(m, 22));
      const status = statusFor(g, date);
      if (status)
        add(
          {
            kind: 'leadership_review_meeting',
            title: `${year - 1}年度党委领导班子民主生活会`,
            date,
            status,
            start: 8 * 60 + 30,
            duration: 240,
            agenda: [
              item('通报上年度民主生活会整改落实情况'),
              item('班子对照检查'),
              item('开展批评和自我批评'),
            ],
          },
          teamOn(g, org.id, date),
        );
    }
  }
}

/**
 * A decision of a 党委会, a 党政联席会 or a 党总支's 党务工作例会. `handDown`: given to the units below to carry out, so
 * supervision.ts may make it a supervised task (督办); the others concern the school or the 学院 itself.
 */
export interface MeetingDecision {
  title: string;
  content: string;
  handDown: boolean;
}

const decision = (title: string, content: string, handDown = true): MeetingDecision => ({
  title,
  content,
  handDown,
});

/** What the 党委会 decides: mostly work the 党总支 and 直属党支部 carry out, sometimes the school's own matters. */
export const committeeDecisions: readonly MeetingDecision[] = [
  decision(
    '完成党支部标准化规范化建设自查',
    '各党总支、直属党支部对照达标验收标准逐项自查，形成自查报告和问题清单报组织部。',
  ),
  decision('开展“三会一课”记录专项检查', '检查近一年“三会一课”记录的完整性，督促补齐缺漏并建立台账。'),
  decision('推进“双带头人”教师党支部书记培育', '摸排具备条件的教师党员，制定培育计划并报组织部备案。'),
  decision('落实年度党员发展计划', '按年度发展计划做好入党积极分子培养考察，按程序推进发展对象政治审查。'),
  decision('开展主题教育专题学习', '各党总支组织专题学习不少于两次，形成学习记录和心得交流材料。'),
  decision('完成党费收缴核对', '核对党员党费基数和缴纳记录，补缴欠缴党费并报送收缴情况。'),
  decision('组织党员先锋岗评选', '制定评选方案，组织推荐和公示，报送评选结果。'),
  decision('做好毕业生党员组织关系转接', '逐一核对毕业生党员去向，按时开具组织关系介绍信并跟踪回执。'),
  decision('开展“我为师生办实事”项目', '梳理师生急难愁盼问题，确定办实事项目清单并按期办结。'),
  decision('推进校企党建联建', '与合作企业党组织签订联建协议，开展联学联建活动。'),
  decision('完善党建工作制度汇编', '梳理现行党建工作制度，修订完善后汇编成册。'),
  decision('落实意识形态工作责任制', '开展意识形态领域风险排查，形成排查报告。'),
  decision('研究中层干部任免事项', '会议研究了中层干部任免事项，由组织部按程序办理。', false),
  decision('审议学校预算执行情况', '原则同意预算执行情况报告，由财务处按程序报送。', false),
  decision('研究教职工职称评审推荐结果', '同意职称评审推荐结果，由人事处按程序公示。', false),
];

/** What a 二级学院's 党政联席会 decides: the 学院's own matters, and work its branches carry out. */
export const jointDecisions: readonly MeetingDecision[] = [
  decision('推进党建与专业建设融合', '各教工党支部结合专业建设确定一个党建引领项目，期末总结成效。'),
  decision('落实课程思政建设任务', '各教工党支部组织党员教师每人完成一门课程的思政教学设计。'),
  decision(
    '发挥学生党员在学风建设中的作用',
    '各学生党支部组织党员亮身份、作表率，按月报送学风建设活动情况。',
  ),
  decision('做好未就业毕业生帮扶', '各支部党员结对帮扶未就业毕业生，按月报送帮扶进展。'),
  decision('研究学院年度教学工作安排', '原则同意教学工作安排，由教学办公室组织实施。', false),
  decision('审议学生奖助学金评定结果', '同意评定结果，在学院范围内公示五个工作日。', false),
  decision('研究学院教师职称推荐人选', '同意推荐人选，按学校程序报送。', false),
];

/** What a 党总支's 党务工作例会 deploys to its branches. */
export const workMeetingDecisions: readonly MeetingDecision[] = [
  decision('完成“三会一课”记录自查', '各支部对照年度计划核对“三会一课”记录，月底前补齐缺漏并归档。'),
  decision('做好入党积极分子培养考察', '各支部落实培养联系人，每季度听取一次思想汇报并记录考察意见。'),
  decision('开展主题党日志愿服务', '各支部结合专业组织一次志愿服务主题党日，形成活动记录。'),
  decision('推进党员示范岗创建', '各教工党支部推荐党员示范岗人选，报总支审核。'),
  decision('做好困难学生党员帮扶', '各学生党支部摸排困难学生党员情况，落实帮扶措施。'),
  decision('落实支部书记讲党课', '各支部书记本学期讲一次党课，报送讲稿。'),
];

/** One or two of `pool` to hand down and, with `other`, one of the rest: a meeting's decisions, in agenda order. */
function drawDecisions(rng: Random, pool: readonly MeetingDecision[], other: number): MeetingDecision[] {
  const handDown = rng.shuffle(pool.filter((d) => d.handDown)).slice(0, rng.chance(0.5) ? 2 : 1);
  const rest = rng.chance(other) ? rng.shuffle(pool.filter((d) => !d.handDown)).slice(0, 1) : [];
  return [...handDown, ...rest];
}

/**
 * The meetings that decide, added after everything else (on the same stream, which nothing after them reads), so
 * the records before keep their ids and contents:
 * - the 党委会, about twice a month: the 党委's 委员 meet, the first meeting of a month opens with the 第一议题, and
 *   each decision is voted on (支部条例's majority of the 委员, the quorum from the attendance);
 * - each 二级学院's 党政联席会 once a month: the 党总支's 委员会 with the 学院's administration, decisions recorded
 *   without a vote, no 第一议题 (the 总支 studies it at the 中心组);
 * - each 党总支's 党务工作例会 already held deploys one of its tasks to the branches (a decision recorded).
 */
function generateDecisionMeetings(g: Gen, first: number): void {
  const { rng } = g;
  const committee = g.orgs.find((o) => o.type === 'committee' && o.parentId === null);
  const colleges = g.orgs.filter((o) => o.type === 'general_branch' && o.unitId !== null);
  const decide = (
    activity: DemoActivity,
    counts: Counts,
    decisions: readonly MeetingDecision[],
    vote: boolean,
  ): DemoResolution[] => {
    if (activity.status !== 'closed') return [];
    const entitled = counts.to - counts.from;
    const motion = {
      entitled,
      presentEntitled: counts.present,
      votesFor: counts.present,
      votesAgainst: 0,
      abstentions: 0,
      writtenFor: 0,
      writtenAgainst: 0,
    };
    // A 党委会 without its quorum decides nothing (支部条例 第十二条, applied to the 委员会 as the platform does).
    if (vote && !decideMotion(motion).passed) return [];
    return decisions.map((d, i) => {
      if (!vote) return addNote(g, activity, i + 1, d.title, d.content);
      const resolution: DemoResolution = {
        activityId: activity.id,
        position: i + 1,
        title: d.title,
        content: d.content,
        isVote: true,
        ...motion,
        outcome: 'passed',
      };
      g.out.resolutions.push(resolution);
      return resolution;
    });
  };
  for (let m = first; m <= g.last; m++) {
    const calMonth = (m % 12) + 1;
    const year = Math.floor(m / 12);
    if (committee) {
      for (const [n, from, to] of [
        [0, 6, 12],
        [1, 20, 27],
      ] as const) {
        const date = workday(dayOfMonth(m, rng.int(from, to)));
        const status = statusFor(g, date);
        const team = teamOn(g, committee.id, date);
        if (!status || team.length === 0) continue;
        const host = secretaryOn(g, committee.id, date);
        const decisions = drawDecisions(rng, committeeDecisions, 0.4);
        const activity = addActivity(g, {
          org: committee,
          kind: 'committee_meeting',
          title: `${committee.shortName ?? '党委'}${year}年第${(calMonth - 1) * 2 + n + 1}次会议`,
          date,
          status,
          start: 15 * 60,
          duration: 120,
          host,
          recorder: recorderOn(g, committee.id, date, host, team),
          agenda: [...(n === 0 ? [firstTopic] : []), ...decisions.map((d) => item(`研究${d.title}`))],
          place: '行政楼第一会议室',
        });
        const counts = addAttendance(g, activity, team, { dualLife: false });
        writeMinutes(g, activity, decide(activity, counts, decisions, true));
      }
    }
    for (const org of colleges) {
      const date = workday(dayOfMonth(m, rng.int(14, 22)));
      const status = statusFor(g, date);
      const team = teamOn(g, org.id, date);
      if (!status || team.length === 0) continue;
      const host = secretaryOn(g, org.id, date);
      const decisions = drawDecisions(rng, jointDecisions, 0.6);
      const activity = addActivity(g, {
        org,
        kind: 'joint_meeting',
        title: `${org.name.replace(/党总支$/, '')}${calMonth}月党政联席会`,
        date,
        status,
        start: 14 * 60 + 30,
        duration: 90,
        host,
        recorder: recorderOn(g, org.id, date, host, team),
        agenda: decisions.map((d) => item(`研究${d.title}`)),
        place: '学院会议室',
      });
      const counts = addAttendance(g, activity, team, { dualLife: false });
      writeMinutes(g, activity, decide(activity, counts, decisions, false));
    }
  }
  // The 党总支's 党务工作例会 already written: the 部署本月重点工作 item deploys one task, which the minutes record.
  const generalIds = new Set(g.orgs.filter((o) => o.type === 'general_branch').map((o) => o.id));
  for (const a of g.out.activities) {
    if (a.kind !== 'work_meeting' || a.status !== 'closed' || !generalIds.has(a.orgId)) continue;
    const d = rng.pick(workMeetingDecisions);
    addNote(g, a, 1, d.title, d.content);
    a.minutes = (a.minutes ?? '').replace(/会议要求：[^\n]*$/, `会议决定：\n1. ${d.title}：${d.content}`);
  }
}

const reviewComments: Record<ReviewRating, [string, string]> = {
  standard: ['内容紧扣主题，学习深入，记录完整。', '程序规范，签到、请假手续齐全。'],
  basic: ['学习内容较充实，但讨论发言记录偏简略。', '程序基本规范，个别请假未注明批准人。'],
  nonstandard: ['会议内容与主题关联不紧，缺少研讨环节。', '未提前发布通知，记录缺少决议事项。'],
};
const responses = [
  '已组织支委会研究，补充完善了会议记录，今后严格按程序开展。',
  '收到，已整改：补齐请假审批手续，加强记录人培训。',
  '支部已对照意见逐条整改，下次活动将提前发布通知。',
];

/** 督促检查: the 党总支 (or the 党委) reviews a few branch records; some branches have answered. */
function generateReviews(g: Gen, plans: readonly BranchPlan[]): void {
  const { rng, today } = g;
  const plansById = new Map(plans.map((p) => [p.org.id, p]));
  const since = addMonths(today, -12);
  const reviewable = new Set<ActivityKind>(['general_meeting', 'committee_meeting', 'theme_day', 'lecture']);
  const zhibuLast = g.out.activities.findLast(
    (a) => a.orgId === g.zhibu && a.kind === 'theme_day' && a.status === 'closed',
  );
  const checkedLax = new Set<number>();
  for (const activity of g.out.activities) {
    const plan = plansById.get(activity.orgId);
    if (!plan || activity.status !== 'closed' || activity.onDate < since || !reviewable.has(activity.kind))
      continue;
    // The zhibu branch has a comment to answer; each lax branch has been found 不规范 once.
    const laxFirst = plan.diligence === 'lax' && !checkedLax.has(plan.org.id);
    const forced = activity === zhibuLast || laxFirst;
    if (!forced && !rng.chance(0.025)) continue;
    const reviewDay = addDays(activity.onDate, rng.int(5, 25));
    if (reviewDay >= today) continue;
    const reviewerOrg = plan.org.parentId === null ? plan.org : at(g.orgs, plan.org.parentId - 1);
    const reviewer = secretaryOn(g, reviewerOrg.id, reviewDay);
    if (!reviewer) continue;
    if (laxFirst) checkedLax.add(plan.org.id);
    const rating: ReviewRating = laxFirst
      ? 'nonstandard'
      : forced
        ? 'basic'
        : plan.diligence === 'diligent'
          ? rng.weighted([
              ['standard', 7],
              ['basic', 3],
            ] as const)
          : rng.weighted([
              ['basic', 2],
              ['nonstandard', 2],
            ] as const);
    const [contentComment, procedureComment] = reviewComments[rating];
    const responseDay = addDays(reviewDay, rng.int(1, 10));
    const answered =
      activity !== zhibuLast && responseDay < today && rng.chance(rating === 'standard' ? 0.3 : 0.6);
    const responder = answered ? secretaryOn(g, plan.org.id, responseDay) : null;
    g.out.reviews.push({
      activityId: activity.id,
      reviewerName: reviewer.name,
      reviewerOrgId: reviewerOrg.id,
      rating,
      contentComment,
      procedureComment,
      reviewedAt: localInstant(reviewDay, 10 * 60 + rng.int(0, 300)),
      response: responder ? rng.pick(responses) : null,
      responderName: responder?.name ?? null,
      respondedAt: responder ? localInstant(responseDay, 9 * 60 + rng.int(0, 480)) : null,
    });
  }
}

/** Chooses the planted absentees (3 and 7 months up to now) and the leaders without 双重组织生活. */
function plantPeople(g: Gen, input: ActivityInput, plans: readonly BranchPlan[]): void {
  const { rng } = g;
  const holdsPost = new Set(input.appointments.map((a) => a.personId));
  const accountIds = new Set(input.accounts.map((a) => a.personId));
  const diligent = rng.shuffle(plans.filter((p) => p.diligence === 'diligent' && p.org.id !== g.zhibu));
  const streaks = [3, 7];
  for (const plan of diligent) {
    const months = streaks[0];
    if (months === undefined) break;
    const person = plan.members.find(
      (p) =>
        p.partyStatus === 'full' &&
        !holdsPost.has(p.id) &&
        !accountIds.has(p.id) &&
        p.joinedOn < monthStart(g.current - 12),
    );
    if (!person) continue;
    streaks.shift();
    const set = new Set<number>();
    for (let m = g.current - months; m <= g.current; m++) set.add(m);
    g.absentMonths.set(person.id, set);
  }
  const inDiligent = new Set(diligent.flatMap((p) => p.members.map((m) => m.id)));
  const leaders = rng.shuffle(
    [...g.upperPostsOf.entries()]
      .filter(([id, posts]) => inDiligent.has(id) && posts.some((a) => a.endDate === null))
      .map(([id]) => id),
  );
  for (const id of leaders.slice(0, 2)) g.noDualLife.add(id);
}

/**
 * What the dossiers bring to the branches' life: the admitted as members (with the day their 转正 was approved
 * and the day they were placed in a 党小组), and each branch's votes on dossiers within the history, by day.
 */
function admittedOf(input: ActivityInput) {
  const from = historyStart(input.today);
  const joiners: DemoPerson[] = [];
  const fullFrom = new Map<number, IsoDate>();
  const groupFrom = new Map<number, IsoDate>();
  const votesOf = new Map<number, DossierVote[]>();
  for (const r of input.recruits) {
    const p = r.person;
    const steps = r.state.stepDates;
    if (p.partyStatus !== null && p.orgId !== null && p.joinedOn !== null) {
      joiners.push({ ...p, partyStatus: p.partyStatus, orgId: p.orgId, joinedOn: p.joinedOn });
      if (p.confirmedOn !== null)
        fullFrom.set(p.id, later(steps.confirmation_approval ?? p.confirmedOn, p.confirmedOn));
      if (p.orgId !== r.orgId) groupFrom.set(p.id, steps.group_placement ?? p.joinedOn);
    }
    for (const { event: e } of r.events) {
      if ((e.step !== 'admission_meeting' && e.step !== 'confirmation_meeting') || e.date < from) continue;
      // Held and closed well before today (a record of the last two days may still be open).
      if (e.date >= addDays(input.today, -2)) throw new Error(`dossier ${r.id}: a vote too close to today`);
      const decision = e.step === 'confirmation_meeting' ? e.decision : null;
      const vote: DossierVote = {
        date: e.date,
        kind: e.step === 'admission_meeting' ? 'admission' : 'confirmation',
        subjectId: p.id,
        agenda: item(
          e.step === 'admission_meeting'
            ? `讨论接收${p.name}同志为中共预备党员`
            : `讨论${p.name}同志预备党员转正`,
        ),
        title: voteTitle(e.step, decision, p.name),
        decision: voteDecision(e.step, decision, p.name),
      };
      votesOf.set(r.orgId, [...(votesOf.get(r.orgId) ?? []), vote]);
    }
  }
  for (const votes of votesOf.values()) votes.sort((a, b) => a.date.localeCompare(b.date));
  return { joiners, fullFrom, groupFrom, votesOf };
}

/**
 * Generates two years of organisational life for a generated college (see the file comment for
 * what is planted). Deterministic for the same input and random streams.
 */
export function buildDemoActivities(
  input: ActivityInput,
  rng: Random,
  leaverRng: Random = createRandom(0x1eaf),
): DemoActivityData {
  const { today } = input;
  const current = monthIndex(today);
  const first = current - (historyMonths - 1);
  const postsOf = new Map<number, DemoAppointment[]>();
  const upperPostsOf = new Map<number, DemoAppointment[]>();
  for (const a of input.appointments) {
    const list = postsOf.get(a.orgId);
    if (list) list.push(a);
    else postsOf.set(a.orgId, [a]);
    const org = at(input.orgs, a.orgId - 1);
    if (a.termId !== null && (org.type === 'committee' || org.type === 'general_branch')) {
      const upper = upperPostsOf.get(a.personId);
      if (upper) upper.push(a);
      else upperPostsOf.set(a.personId, [a]);
    }
  }
  const { joiners, fullFrom, groupFrom, votesOf } = admittedOf(input);
  const g: Gen = {
    rng,
    leaverRng,
    leaverIds: new Set(input.leavers.map((p) => p.id)),
    today,
    yearStart: `${today.slice(0, 4)}-01-01`,
    current,
    last: monthIndex(addDays(today, 14)),
    horizon: addDays(today, 14),
    people: input.people,
    personById: new Map([...input.people, ...joiners].map((p) => [p.id, p])),
    fullFrom,
    groupFrom,
    orgs: input.orgs,
    out: {
      activities: [],
      attendance: {
        activityId: [],
        personId: [],
        role: [],
        partyStatus: [],
        status: [],
        signedInAfter: [],
        method: [],
        manualReason: [],
        leaveStatus: [],
        leaveReason: [],
      },
      resolutions: [],
      reviews: [],
    },
    postsOf,
    upperPostsOf,
    absentMonths: new Map(),
    noDualLife: new Set(),
    lastAbsence: new Map(),
    plantedFail: false,
    plantedNoQuorum: false,
    zhibu: input.cases['term.overdue'],
  };
  const plans = planBranches(g, input, joiners, votesOf);
  plantPeople(g, input, plans);
  const upper = input.orgs.filter((o) => o.type === 'committee' || o.type === 'general_branch');
  const laxUpper = upper.find((o) => o.type === 'general_branch')?.id;
  for (const org of upper) generateUpper(g, org, first, org.id === laxUpper ? 0.35 : 0.04);
  for (const plan of plans) {
    generateBranch(g, plan, first);
    generateTalks(g, plan, first);
  }
  generateReviews(g, plans);
  generateDecisionMeetings(g, first);
  return g.out;
}
