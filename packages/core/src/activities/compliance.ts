/**
 * The organisational-life compliance engine (RULES.md §2): which org must hold what in which period, and
 * the findings for what is missing. Pure: the server fills the facts from a few queries and passes `today`.
 *
 * What the server must know:
 * - Only CLOSED activity records are facts; planned, published, held and cancelled ones never count.
 * - Org requirements (see lifeRequirementsOf): branches (党支部, 联合党支部, 临时党支部) hold the 党员大会,
 *   党课, 主题党日, 组织生活会, 民主评议党员 and — when their current term is a committee — the 支委会; each
 *   党小组 holds its own 党小组会; a 党委 or 党总支 puts the 第一议题 on an agenda every month when the school
 *   requires it. An activity counts for the org it was recorded on (a 党小组会 on the group, the rest on
 *   the branch).
 * - Periods are required only from the org's activeFrom: a month, quarter or term when the org existed on
 *   its first day; a year when it existed on the first day of the school's warning month (default 1 Oct).
 * - A finished period within the lookback window gives a warning (yearly items: an error); the period under
 *   way gives at most an `info` reminder in its last lifeReminderDays days; the yearly items warn in the
 *   current year from yearlyWarningFromMonth. A finding disappears once a closed activity satisfies it.
 * - Member findings (谈心谈话, absence, 双重组织生活) carry `personId` and are attached to the member's own org
 *   (their 党小组 when they are in one, else their branch), so the org-path scope filters them.
 */
import { addMonths, type IsoDate } from '../dates.ts';
import { isBranchType, type OrgType } from '../dictionaries.ts';
import type { LifeRuleId } from '../rules/catalogue.ts';
import { type Finding, finding, sortFindings } from '../rules/org-rules.ts';
import type { RuleSettings } from '../settings.ts';
import { type AttendanceRow, absenceLevel, absenceStreak } from './attendance.ts';
import { type ActivityKind, activityKindLabels } from './dictionaries.ts';
import {
  daysLeft,
  monthKeyOf,
  monthKeysOf,
  type Period,
  type PeriodUnit,
  periodOf,
  periodsBetween,
} from './periods.ts';

/** One party org as the engine sees it. */
export interface LifeOrgFacts {
  id: number;
  name: string;
  type: OrgType;
  /** The parent org (a 党小组's branch, a branch's 党总支 or 党委); null for the root. */
  parentId: number | null;
  /** Materialised path, passed through to the matrix rows for scope filtering. */
  path?: string;
  /** Its current term is led by a committee (teamKind 'committee'), so the monthly 支委会 applies. */
  hasCommittee: boolean;
  /** Day the org was founded or created; periods before it are not required. */
  activeFrom: IsoDate;
}

/** One CLOSED activity record. */
export interface HeldActivityFacts {
  id: number;
  /** The org that held it (a 党小组会: the group; other branch activities: the branch). */
  orgId: number;
  kind: ActivityKind;
  /** Its day in Asia/Shanghai. */
  onDate: IsoDate;
  /** An agenda item is flagged first topic (第一议题). */
  hasFirstTopic: boolean;
  /** For a record with a vote: whether more than half of those entitled were present; null when no vote. */
  quorumReached: boolean | null;
  /** Shown in findings when given. */
  title?: string;
}

/** One member (正式 or 预备) of a branch, as the organisational-life rules need them. */
export interface MemberLifeFacts {
  personId: number;
  name: string;
  /** The org the member belongs to: their 党小组 when they are in one, else their branch. */
  orgId: number;
  /** Their branch (the group's parent when orgId is a group). */
  branchId: number;
  /** Day they joined this branch (transfer placement or admission); earlier periods are not required. */
  memberSince: IsoDate;
  /** A party-member leader: holds a team post on a 党委 or 党总支, so owes 双重组织生活 to their own branch. */
  isLeader: boolean;
  /** Days of the 谈心谈话 records they were a party to. */
  talkDates: readonly IsoDate[];
  /**
   * Their attendance rows on closed activities of their own branch and its groups that they were expected
   * at. Pass at least the lookback window plus 6 months (the absence streak looks back as far as it runs).
   */
  attendance: readonly AttendanceRow[];
}

/** Everything the engine reads. */
export interface LifeFacts {
  orgs: readonly LifeOrgFacts[];
  activities: readonly HeldActivityFacts[];
  members: readonly MemberLifeFacts[];
}

/** What an org can owe in a period: the checked activity kinds, and the 第一议题 on an agenda. */
export const lifeItems = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'lecture',
  'theme_day',
  'review_meeting',
  'member_appraisal',
  'first_topic',
] as const;
export type LifeItem = (typeof lifeItems)[number];
export const lifeItemLabels = {
  general_meeting: activityKindLabels.general_meeting,
  committee_meeting: activityKindLabels.committee_meeting,
  group_meeting: activityKindLabels.group_meeting,
  lecture: activityKindLabels.lecture,
  theme_day: activityKindLabels.theme_day,
  review_meeting: activityKindLabels.review_meeting,
  member_appraisal: activityKindLabels.member_appraisal,
  first_topic: '第一议题',
} as const satisfies Record<LifeItem, string>;

/**
 * Kinds of the 党委/党总支 meeting whose agenda can carry the 第一议题 (党委会、党政联席会、中心组学习). A 党务工作例会
 * still counts: before the 党政联席会 had a record of its own, colleges entered it as one.
 */
export const firstTopicKinds = [
  'committee_meeting',
  'joint_meeting',
  'study_group_session',
  'work_meeting',
] as const satisfies readonly ActivityKind[];

/** One requirement of an org: `needed` of `item` in each period of `unit`. */
export interface LifeRequirement {
  item: LifeItem;
  unit: PeriodUnit;
  needed: number;
}

/** The rule a missing item breaks. */
export const lifeItemRules = {
  general_meeting: 'life.general_meeting_missing',
  committee_meeting: 'life.committee_meeting_missing',
  group_meeting: 'life.group_meeting_missing',
  lecture: 'life.lecture_missing',
  theme_day: 'life.theme_day_missing',
  review_meeting: 'life.review_meeting_missing',
  member_appraisal: 'life.member_appraisal_missing',
  first_topic: 'life.first_topic_missing',
} as const satisfies Record<LifeItem, LifeRuleId>;

/**
 * What an org owes (RULES.md §2): a branch — 党员大会 each quarter (支部条例 第十一条), 支委会 each month when
 * it has a committee (第十二条), 党课 each quarter or lecturesPerTerm each term, 主题党日 each month,
 * 组织生活会 and 民主评议党员 each year; a 党小组 — 党小组会 each month (第十三条); a 党委 or 党总支 — the
 * 第一议题 each month when firstTopicRequired.
 */
export function lifeRequirementsOf(
  org: Pick<LifeOrgFacts, 'type' | 'hasCommittee'>,
  settings: RuleSettings,
): LifeRequirement[] {
  if (isBranchType(org.type)) {
    const out: LifeRequirement[] = [];
    if (org.hasCommittee) out.push({ item: 'committee_meeting', unit: 'month', needed: 1 });
    out.push(
      { item: 'general_meeting', unit: 'quarter', needed: 1 },
      settings.lectureByTerm
        ? { item: 'lecture', unit: 'term', needed: settings.lecturesPerTerm }
        : { item: 'lecture', unit: 'quarter', needed: 1 },
      { item: 'theme_day', unit: 'month', needed: 1 },
      { item: 'review_meeting', unit: 'year', needed: 1 },
      { item: 'member_appraisal', unit: 'year', needed: 1 },
    );
    return out;
  }
  if (org.type === 'group') return [{ item: 'group_meeting', unit: 'month', needed: 1 }];
  return settings.firstTopicRequired ? [{ item: 'first_topic', unit: 'month', needed: 1 }] : [];
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The day by which an org (or member) must have existed for a period to be required of it: the first day
 * of a month, quarter or term; for a year, the first day of the school's warning month.
 */
export function requiredFrom(
  period: Period,
  settings: Pick<RuleSettings, 'yearlyWarningFromMonth'>,
): IsoDate {
  return period.unit === 'year' ? `${period.key}-${pad2(settings.yearlyWarningFromMonth)}-01` : period.start;
}

/** First day of the lookback window: the first of the month `complianceLookbackMonths` before today's. */
export function lookbackStart(
  today: IsoDate,
  settings: Pick<RuleSettings, 'complianceLookbackMonths'>,
): IsoDate {
  return addMonths(`${monthKeyOf(today)}-01`, -settings.complianceLookbackMonths);
}

/** Closed-activity counts by org, item and period, read from an index built once. */
export interface LifeCounts {
  /** Closed activities of `item` the org held within the period. */
  count(orgId: number, item: LifeItem, period: Period): number;
  /** Closed activities per item the org held within the period (items with none left out). */
  held(orgId: number, period: Period): Partial<Record<LifeItem, number>>;
}

/** Indexes closed activities by org, month and item, so that any period's count is a few map reads. */
export function indexLifeCounts(activities: readonly HeldActivityFacts[]): LifeCounts {
  const itemIndex = new Map<string, number>(lifeItems.map((item, i) => [item, i]));
  const firstTopic = new Set<string>(firstTopicKinds);
  const firstTopicIndex = itemIndex.get('first_topic')!;
  // org → month → counts indexed like lifeItems.
  const byOrg = new Map<number, Map<string, number[]>>();
  const add = (orgId: number, month: string, i: number) => {
    let months = byOrg.get(orgId);
    if (!months) {
      months = new Map();
      byOrg.set(orgId, months);
    }
    let row = months.get(month);
    if (!row) {
      row = lifeItems.map(() => 0);
      months.set(month, row);
    }
    row[i] = (row[i] ?? 0) + 1;
  };
  for (const a of activities) {
    const month = monthKeyOf(a.onDate);
    const i = itemIndex.get(a.kind);
    if (i !== undefined) add(a.orgId, month, i);
    if (a.hasFirstTopic && firstTopic.has(a.kind)) add(a.orgId, month, firstTopicIndex);
  }
  const monthsOf = new Map<string, string[]>();
  const monthKeys = (period: Period): string[] => {
    let months = monthsOf.get(period.key);
    if (!months) {
      months = monthKeysOf(period);
      monthsOf.set(period.key, months);
    }
    return months;
  };
  return {
    count(orgId, item, period) {
      const months = byOrg.get(orgId);
      if (!months) return 0;
      const i = itemIndex.get(item)!;
      let n = 0;
      for (const m of monthKeys(period)) n += months.get(m)?.[i] ?? 0;
      return n;
    },
    held(orgId, period) {
      const out: Partial<Record<LifeItem, number>> = {};
      const months = byOrg.get(orgId);
      if (!months) return out;
      for (const m of monthKeys(period)) {
        const row = months.get(m);
        if (!row) continue;
        row.forEach((n, i) => {
          const item = lifeItems[i];
          if (n > 0 && item) out[item] = (out[item] ?? 0) + n;
        });
      }
      return out;
    },
  };
}

const itemVerbs = {
  general_meeting: '召开支部党员大会',
  committee_meeting: '召开支委会',
  group_meeting: '召开党小组会',
  lecture: '上党课',
  theme_day: '开展主题党日',
  review_meeting: '召开组织生活会',
  member_appraisal: '开展民主评议党员',
  first_topic: '在党委会、党政联席会或中心组学习中落实“第一议题”',
} as const satisfies Record<LifeItem, string>;

const itemSuggestions = {
  general_meeting: '按季度召开支部党员大会，会后及时录入会议记录并归档。',
  committee_meeting: '每月召开支委会研究支部工作，会后及时录入会议记录并归档。',
  group_meeting: '党小组长每月组织召开党小组会，会后及时录入记录并归档。',
  lecture: '由书记、支委或党员领导干部为党员讲党课，及时录入记录并归档。',
  theme_day: '每月相对固定1天开展主题党日，录入活动记录并归档。',
  review_meeting:
    '一般在第四季度召开组织生活会：会前学习、谈心谈话、听取意见，会上开展批评和自我批评，录入记录并归档。',
  member_appraisal:
    '按个人自评、党员互评、民主测评的程序开展民主评议党员，由支委会或党员大会提出评定意见，录入记录并归档。',
  first_topic:
    '将学习习近平总书记最新重要讲话和重要指示批示精神列为会议第一项议题，并在会议议程中标记“第一议题”。',
} as const satisfies Record<LifeItem, string>;

const currentWords = {
  month: '本月',
  quarter: '本季度',
  term: '本学期',
  year: '本年度',
} as const satisfies Record<PeriodUnit, string>;

const pastTail = '如已开展，请补录记录并归档。';

/**
 * A missing item of an org in a period: a finished period (the catalogue severity) when `reminder` is
 * undefined, else the period under way with the reminder's severity.
 */
function missingFinding(
  org: LifeOrgFacts,
  req: LifeRequirement,
  p: Period,
  count: number,
  reminder: 'info' | 'warning' | undefined,
): Finding<LifeRuleId> {
  const verb = itemVerbs[req.item];
  const many = req.needed > 1;
  const message =
    reminder === undefined
      ? many
        ? `${org.name}${p.label}${verb} ${count} 次，少于应有的 ${req.needed} 次。`
        : `${org.name}${p.label}未${verb}。`
      : many
        ? `${org.name}${currentWords[p.unit]}（${p.label}）已${verb} ${count} 次，还需 ${req.needed - count} 次，请于 ${p.end} 前完成。`
        : `${org.name}${currentWords[p.unit]}（${p.label}）尚未${verb}，请于 ${p.end} 前完成。`;
  const suggestion =
    reminder === undefined ? `${itemSuggestions[req.item]}${pastTail}` : itemSuggestions[req.item];
  return finding(lifeItemRules[req.item], org, message, suggestion, {
    ...(reminder ? { severity: reminder } : {}),
    dueDate: p.end,
    period: p.key,
  });
}

/** The periods of each unit overlapping the lookback window up to today, built once per evaluation. */
type WindowPeriods = (unit: PeriodUnit) => Period[];

function windowPeriods(from: IsoDate, today: IsoDate): WindowPeriods {
  const cache = new Map<PeriodUnit, Period[]>();
  return (unit) => {
    let ps = cache.get(unit);
    if (!ps) {
      ps = periodsBetween(from, today, unit);
      cache.set(unit, ps);
    }
    return ps;
  };
}

/** Missing org items in the lookback window and the period under way. */
function checkOrgItems(
  org: LifeOrgFacts,
  counts: LifeCounts,
  settings: RuleSettings,
  today: IsoDate,
  periods: WindowPeriods,
): Finding<LifeRuleId>[] {
  const out: Finding<LifeRuleId>[] = [];
  const thisMonth = Number(today.slice(5, 7));
  for (const req of lifeRequirementsOf(org, settings)) {
    for (const p of periods(req.unit)) {
      if (org.activeFrom > requiredFrom(p, settings)) continue;
      const count = counts.count(org.id, req.item, p);
      if (count >= req.needed) continue;
      if (p.end < today) out.push(missingFinding(org, req, p, count, undefined));
      else if (req.unit === 'year') {
        if (thisMonth >= settings.yearlyWarningFromMonth)
          out.push(missingFinding(org, req, p, count, 'warning'));
      } else if (daysLeft(p, today) <= settings.lifeReminderDays) {
        out.push(missingFinding(org, req, p, count, 'info'));
      }
    }
  }
  return out;
}

/** Votes held without a quorum (支部条例 第十一条, 第十二条), within the lookback window. */
function checkQuorums(
  activities: readonly HeldActivityFacts[],
  orgById: ReadonlyMap<number, LifeOrgFacts>,
  today: IsoDate,
  from: IsoDate,
): Finding<LifeRuleId>[] {
  const out: Finding<LifeRuleId>[] = [];
  for (const a of activities) {
    if (a.quorumReached !== false || a.onDate < from || a.onDate > today) continue;
    const org = orgById.get(a.orgId);
    if (!org) continue;
    const named = a.title ? `“${a.title}”` : '';
    if (a.kind === 'general_meeting')
      out.push(
        finding(
          'life.quorum_not_reached',
          org,
          `${org.name}于 ${a.onDate} 召开的支部党员大会${named}进行表决时，到会有表决权的党员未超过半数，表决无效。`,
          '重新召开党员大会，有表决权的党员半数以上到会后再行表决；据此作出的决议应撤回重议。',
          { period: monthKeyOf(a.onDate) },
        ),
      );
    else if (a.kind === 'committee_meeting')
      out.push(
        finding(
          'life.committee_quorum_not_reached',
          org,
          `${org.name}于 ${a.onDate} 召开的支委会${named}到会委员未超过半数，会议不能作出决定。`,
          '重新召开支委会，半数以上委员到会后再研究决定；据此作出的决定应重新讨论。',
          { period: monthKeyOf(a.onDate) },
        ),
      );
  }
  return out;
}

function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** 谈心谈话 at least once a year (支部条例), for members in the branch by the warning month's first day. */
function checkTalks(
  m: MemberLifeFacts,
  org: LifeOrgFacts,
  settings: RuleSettings,
  today: IsoDate,
  periods: WindowPeriods,
): Finding<LifeRuleId>[] {
  const out: Finding<LifeRuleId>[] = [];
  const since = laterOf(m.memberSince, org.activeFrom);
  const thisMonth = Number(today.slice(5, 7));
  for (const p of periods('year')) {
    if (since > requiredFrom(p, settings)) continue;
    if (m.talkDates.some((d) => d >= p.start && d <= p.end && d <= today)) continue;
    const base = { personId: m.personId, period: p.key, dueDate: p.end };
    if (p.end < today)
      out.push(
        finding(
          'life.talk_missing',
          org,
          `${m.name}${p.label}未开展谈心谈话。`,
          '书记或支委及时与该党员谈心谈话并登记谈话记录；支委之间、支委和党员之间、党员之间每年谈心谈话一般不少于1次。',
          base,
        ),
      );
    else if (thisMonth >= settings.yearlyWarningFromMonth)
      out.push(
        finding(
          'life.talk_missing',
          org,
          `${m.name}本年度（${p.label}）尚未开展谈心谈话，请于 ${p.end} 前完成。`,
          '书记或支委与该党员谈心谈话（可结合组织生活会前的谈心谈话进行），并登记谈话记录。',
          { ...base, severity: 'warning' },
        ),
      );
  }
  return out;
}

/** Absence without leave, 3 (school) / 6 (党章 第九条) months in a row. */
function checkAbsence(
  m: MemberLifeFacts,
  org: LifeOrgFacts,
  settings: RuleSettings,
  today: IsoDate,
): Finding<LifeRuleId>[] {
  const streak = absenceStreak(m.attendance, laterOf(m.memberSince, org.activeFrom), today);
  const level = absenceLevel(streak.length, settings);
  const first = streak.months[0];
  const last = streak.months[streak.months.length - 1];
  if (level === 'none' || !first || !last) return [];
  const months = streak.months.map((x) => x.label).join('、');
  const message = `${m.name}自${first.label}以来连续 ${streak.length} 个月无故不参加党的组织生活（${months}）。`;
  const extra = { personId: m.personId, period: last.month };
  return level === 'lapsed'
    ? [
        finding(
          'life.absence_lapsed',
          org,
          message,
          '党支部查明情况：确无正当理由的，按党章第九条视为自行脱党，由支部大会决定除名并报上级党组织批准；有正当理由的，补办请假手续并登记。',
          extra,
        ),
      ]
    : [
        finding(
          'life.absence_warning',
          org,
          message,
          '书记或支委及时与该党员谈心谈话，了解原因，督促其按时参加组织生活；确有困难的，按规定办理请假。',
          extra,
        ),
      ];
}

/** 双重组织生活: a party-member leader attends dualLifePerQuarter activities of their own branch a quarter. */
function checkDualLife(
  m: MemberLifeFacts,
  org: LifeOrgFacts,
  settings: RuleSettings,
  today: IsoDate,
  periods: WindowPeriods,
): Finding<LifeRuleId>[] {
  if (!m.isLeader) return [];
  const since = laterOf(m.memberSince, org.activeFrom);
  const attended = new Map<string, number>();
  for (const r of m.attendance) {
    if (r.status !== 'present' || r.onDate < since || r.onDate > today) continue;
    const key = periodOf(r.onDate, 'quarter').key;
    attended.set(key, (attended.get(key) ?? 0) + 1);
  }
  const needed = settings.dualLifePerQuarter;
  const out: Finding<LifeRuleId>[] = [];
  for (const q of periods('quarter')) {
    if (since > q.start) continue;
    const count = attended.get(q.key) ?? 0;
    if (count >= needed) continue;
    const extra = { personId: m.personId, period: q.key, dueDate: q.end };
    const did =
      count === 0
        ? '未参加所在党支部（党小组）的组织生活'
        : `参加所在党支部（党小组）组织生活 ${count} 次，少于 ${needed} 次`;
    if (q.end < today)
      out.push(
        finding(
          'life.dual_life_missing',
          org,
          `党员领导干部${m.name}${q.label}${did}。`,
          '提醒该领导干部以普通党员身份按时参加所在党支部或党小组的组织生活；如已参加，请补登签到。',
          extra,
        ),
      );
    else if (daysLeft(q, today) <= settings.lifeReminderDays)
      out.push(
        finding(
          'life.dual_life_missing',
          org,
          `党员领导干部${m.name}本季度（${q.label}）尚${did}，请于 ${q.end} 前参加。`,
          '提醒该领导干部以普通党员身份参加所在党支部或党小组的组织生活。',
          { ...extra, severity: 'info' },
        ),
      );
  }
  return out;
}

/**
 * Every organisational-life finding on `today`, most severe first: missing 三会一课, 主题党日, 组织生活会,
 * 民主评议党员 and 第一议题 per org and period; votes without a quorum; and per member, missing 谈心谈话,
 * absence streaks and 双重组织生活. See the file comment for periods, severities and attribution.
 */
export function evaluateLifeRules(
  facts: LifeFacts,
  settings: RuleSettings,
  today: IsoDate,
): Finding<LifeRuleId>[] {
  const from = lookbackStart(today, settings);
  const periods = windowPeriods(from, today);
  const counts = indexLifeCounts(facts.activities);
  const orgById = new Map(facts.orgs.map((o) => [o.id, o]));
  const out: Finding<LifeRuleId>[] = [];
  for (const org of facts.orgs) out.push(...checkOrgItems(org, counts, settings, today, periods));
  out.push(...checkQuorums(facts.activities, orgById, today, from));
  for (const m of facts.members) {
    const org = orgById.get(m.orgId) ?? orgById.get(m.branchId);
    if (!org) continue;
    out.push(
      ...checkTalks(m, org, settings, today, periods),
      ...checkAbsence(m, org, settings, today),
      ...checkDualLife(m, org, settings, today, periods),
    );
  }
  return sortFindings(out);
}
