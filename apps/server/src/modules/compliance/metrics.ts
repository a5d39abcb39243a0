/**
 * Assessment metrics of organisational life (core `assessment/metrics.ts`): 三会一课, 主题党日, 组织生活会, 民主评议,
 * 第一议题 and their rates over a 总支's branches come from the compliance matrix (core `complianceMatrix`, the
 * rule the findings and the matrix page use: what was owed in which period, from the org's founding and the
 * school's go-live date); counts of records, 谈心谈话 coverage and attendance from the same closed records. Every
 * figure is computed for all the round's orgs at once: the orgs, the records, the members, the talks and the
 * attendance are each one statement whatever the number of orgs.
 */
import {
  type ActivityKind,
  type AssessmentRecordRef,
  activityKindLabels,
  type ComplianceRow,
  complianceMatrix,
  firstTopicKinds,
  type HeldActivityFacts,
  isBranchType,
  type LifeItem,
  type LifeOrgFacts,
  lifeItemLabels,
  lifeItems,
  type MetricKey,
  type Period,
  type PeriodUnit,
  parsePeriodKey,
  periodOf,
  periodsBetween,
  type RequirementStatus,
  type RuleSettings,
  requiredFrom,
} from '@dangjian/core';
import {
  bySubtree,
  clipLabel,
  dayAfter,
  FactsByOrg,
  isUnder,
  lastCountedDay,
  type MetricOrg,
  type MetricProvider,
  type MetricQuery,
  measuredOrgs,
  metricFact,
  metricFactOf,
  namesText,
  pushTo,
} from '../../http/assessment-metrics.ts';
import type { Db, Trx } from '../../http/context.ts';
import { readGoLiveSettings } from '../../http/go-live.ts';
import { getRuleSettings } from '../settings/service.ts';
import { loadOrgFacts, longAgo, withoutIncompleteAppraisals } from './facts.ts';
import * as metricsRepo from './metrics-repo.ts';
import * as repo from './repo.ts';

/** The metrics this module computes. */
export const lifeMetricKeys = [
  'three_meetings_one_lecture_rate',
  'theme_day_rate',
  'review_meeting_held',
  'member_appraisal_held',
  'talk_coverage',
  'life_attendance_rate',
  'branch_life_rate',
  'review_meeting_rate',
  'member_appraisal_rate',
  'first_topic_rate',
  'study_group_sessions',
  'leadership_review_meeting_held',
] as const satisfies readonly MetricKey[];

/** 三会一课 as the branch owes it: its own meetings and lectures, and each 党小组's monthly meeting. */
const branchLifeItems: readonly LifeItem[] = ['general_meeting', 'committee_meeting', 'lecture'];

/** A requirement instance of one org row, with the org's name for messages. */
interface Instance {
  orgId: number;
  orgName: string;
  status: RequirementStatus;
}

/** Instances owed so far: met, or their period is over (one still under way and unmet is not yet due). */
const isCounted = (s: RequirementStatus) => s.met || !s.pending;

function instancesOf(row: ComplianceRow | undefined, items: readonly LifeItem[], data: LifeData): Instance[] {
  if (!row) return [];
  return (data.instancesByOrg.get(row.orgId) ?? []).filter((i) => items.includes(i.status.item));
}

/** Every requirement instance of a matrix row, flattened once. */
function allInstances(row: ComplianceRow): Instance[] {
  return row.cells.flatMap((c) =>
    c.requirements.map((status) => ({ orgId: row.orgId, orgName: row.orgName, status })),
  );
}

const firstTopicKindSet = new Set<ActivityKind>(firstTopicKinds);

/** The requirement items a closed record counts towards: its kind, and the 第一议题 when flagged on a meeting of its kinds. */
function itemsOfRecord(a: HeldActivityFacts): LifeItem[] {
  const out: LifeItem[] = [];
  if ((lifeItems as readonly string[]).includes(a.kind)) out.push(a.kind as LifeItem);
  if (a.hasFirstTopic && firstTopicKindSet.has(a.kind)) out.push('first_topic');
  return out;
}

/** The records that met (or went towards) each counted instance, in date order, without repeats. */
function recordsOfInstances(instances: readonly Instance[], data: LifeData): HeldActivityFacts[] {
  const seen = new Map<number, HeldActivityFacts>();
  for (const i of instances) {
    if (i.status.count === 0) continue;
    let p = data.periods.get(i.status.periodKey);
    if (p === undefined) {
      p = parsePeriodKey(i.status.periodKey);
      data.periods.set(i.status.periodKey, p);
    }
    if (!p) continue;
    for (const a of data.recordsByOrgItem.get(i.orgId)?.get(i.status.item) ?? [])
      if (a.onDate >= p.start && a.onDate <= p.end) seen.set(a.id, a);
  }
  return [...seen.values()].sort((a, b) =>
    a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : a.id - b.id,
  );
}

/** Life facts of the orgs under the round's orgs, read once. */
interface LifeData {
  q: MetricQuery;
  orgById: Map<number, LifeOrgFacts>;
  rowById: Map<number, ComplianceRow>;
  groupsOf: Map<number, ComplianceRow[]>;
  activitiesByOrg: Map<number, HeldActivityFacts[]>;
  /** Each row's requirement instances. */
  instancesByOrg: Map<number, Instance[]>;
  /** Closed records by org and the requirement item they count towards. */
  recordsByOrgItem: Map<number, Map<LifeItem, HeldActivityFacts[]>>;
  periods: Map<string, Period | null>;
  /** The orgs of each subtree. */
  orgsUnder: Map<number, LifeOrgFacts[]>;
  /** Each branch's counted 三会一课 instances, once asked. */
  branchLife: Map<number, Instance[]>;
  /** Members of the branches (and their 党小组) whose 谈心谈话 coverage is asked, and their talks. */
  members: Awaited<ReturnType<typeof repo.lifeMembers>>;
  talks: Awaited<ReturnType<typeof metricsRepo.talksOfMembers>>;
  /**
   * Attendance per closed record of the branches (and their 党小组) whose attendance is asked: the slowest read,
   * awaited last so the other figures are computed while it runs.
   */
  attendance: Promise<Awaited<ReturnType<typeof metricsRepo.attendanceOfRecords>>>;
}

/** A record as a list shows it: '2026-03-12 支部党员大会', with its org when it is not the assessed one. */
function activityRef(a: HeldActivityFacts, data: LifeData, assessed: MetricOrg): AssessmentRecordRef {
  const org = a.orgId === assessed.id ? '' : `${nameUnder(data.orgById.get(a.orgId)?.name ?? '', assessed)} `;
  return {
    kind: 'activity',
    id: String(a.id),
    label: clipLabel(`${a.onDate} ${org}${activityKindLabels[a.kind]}`),
  };
}

/** An org's name under the assessed one, without the assessed one's name in front ('第一党小组'). */
function nameUnder(name: string, assessed: MetricOrg): string {
  return name.length > assessed.name.length && name.startsWith(assessed.name)
    ? name.slice(assessed.name.length)
    : name;
}

/** Why an org has no figure: it has been 撤销 (organisational life is owed by active orgs only). */
function notInForce(org: MetricOrg): string {
  return `${org.name}已撤销，不计算组织生活指标`;
}

/** When an org owed nothing of a kind in the period: its founding day explains it when it falls in the period. */
function nothingOwed(org: MetricOrg, q: MetricQuery, what: string): string {
  const founded =
    org.foundedOn && org.foundedOn > q.periodStart ? `（${org.name}成立于 ${org.foundedOn}）` : '';
  return `考核期内没有已到期的应${what}期次${founded}`;
}

/** The counted instances of a branch's 三会一课 (its own and its 党小组's). */
function branchLifeInstances(branchId: number, data: LifeData): Instance[] {
  let list = data.branchLife.get(branchId);
  if (!list) {
    list = branchLifeOf(branchId, data);
    data.branchLife.set(branchId, list);
  }
  return list;
}

function branchLifeOf(branchId: number, data: LifeData): Instance[] {
  return [
    ...instancesOf(data.rowById.get(branchId), branchLifeItems, data),
    ...(data.groupsOf.get(branchId) ?? []).flatMap((g) => instancesOf(g, ['group_meeting'], data)),
  ].filter((i) => isCounted(i.status));
}

/** "应开展 N 期（…），已按期开展 M 期；未按期开展：…" for counted instances. */
function tallyDetail(instances: readonly Instance[], assessed: MetricOrg, unitWord: string): string {
  const due = instances.length;
  const met = instances.filter((i) => i.status.met).length;
  const byItem = new Map<LifeItem, number>();
  for (const i of instances) byItem.set(i.status.item, (byItem.get(i.status.item) ?? 0) + 1);
  const parts =
    byItem.size > 1
      ? `（${[...byItem.entries()].map(([item, n]) => `${lifeItemLabels[item]} ${n}`).join('、')}）`
      : '';
  const missed = instances
    .filter((i) => !i.status.met)
    .map(
      (i) =>
        `${i.orgId === assessed.id ? '' : nameUnder(i.orgName, assessed)}${i.status.periodLabel}${byItem.size > 1 ? lifeItemLabels[i.status.item] : ''}`,
    );
  return `应开展 ${due} ${unitWord}${parts}，已按期开展 ${met} ${unitWord}${missed.length > 0 ? `；未按期开展：${namesText(missed, 5, unitWord)}` : ''}`;
}

/** 三会一课 and 主题党日 of a branch, and the 第一议题 of a 总支: met over owed instances. */
function rateFacts(
  out: FactsByOrg,
  data: LifeData,
  key: 'three_meetings_one_lecture_rate' | 'theme_day_rate' | 'first_topic_rate',
): void {
  const { q } = data;
  for (const org of measuredOrgs(q, key)) {
    if (!data.orgById.has(org.id)) {
      out.set(org.id, key, metricFact(null, notInForce(org), []));
      continue;
    }
    const instances =
      key === 'three_meetings_one_lecture_rate'
        ? branchLifeInstances(org.id, data)
        : instancesOf(
            data.rowById.get(org.id),
            [key === 'theme_day_rate' ? 'theme_day' : 'first_topic'],
            data,
          ).filter((i) => isCounted(i.status));
    const what =
      key === 'three_meetings_one_lecture_rate'
        ? '开展'
        : key === 'theme_day_rate'
          ? '开展主题党日的'
          : '落实“第一议题”的';
    if (instances.length === 0) {
      out.set(org.id, key, metricFact(null, nothingOwed(org, q, what), []));
      continue;
    }
    const met = instances.filter((i) => i.status.met).length;
    const detail =
      key === 'three_meetings_one_lecture_rate'
        ? tallyDetail(instances, org, '期')
        : `应${key === 'theme_day_rate' ? '开展' : '落实'} ${instances.length} 个月，已${key === 'theme_day_rate' ? '开展' : '落实'} ${met} 个月${
            met < instances.length
              ? `；未${key === 'theme_day_rate' ? '开展' : '落实'}：${namesText(
                  instances.filter((i) => !i.status.met).map((i) => i.status.periodLabel),
                  6,
                  '个月',
                )}`
              : ''
          }`;
    const records = recordsOfInstances(instances, data);
    out.set(
      org.id,
      key,
      metricFactOf(met / instances.length, detail, records, (a) => activityRef(a, data, org)),
    );
  }
}

/** 组织生活会 / 民主评议党员 held by a branch in the period; not applicable when none was owed (founded late). */
function heldFacts(
  out: FactsByOrg,
  data: LifeData,
  key: 'review_meeting_held' | 'member_appraisal_held',
): void {
  const { q } = data;
  const item = key === 'review_meeting_held' ? 'review_meeting' : 'member_appraisal';
  const last = lastCountedDay(q);
  for (const org of measuredOrgs(q, key)) {
    if (!data.orgById.has(org.id)) {
      out.set(org.id, key, metricFact(null, notInForce(org), []));
      continue;
    }
    const held = (data.activitiesByOrg.get(org.id) ?? []).filter(
      (a) => a.kind === item && a.onDate >= q.periodStart && a.onDate <= last,
    );
    const owed = instancesOf(data.rowById.get(org.id), [item], data);
    if (held.length === 0 && owed.length === 0) {
      out.set(org.id, key, metricFact(null, nothingOwed(org, q, `召开${lifeItemLabels[item]}的`), []));
      continue;
    }
    const detail = `考核期内已归档${lifeItemLabels[item]}记录 ${held.length} 次${held.length > 0 ? `（${held.map((a) => a.onDate).join('、')}）` : ''}`;
    out.set(
      org.id,
      key,
      metricFact(
        held.length,
        detail,
        held.map((a) => activityRef(a, data, org)),
      ),
    );
  }
}

/** 中心组学习 / 民主生活会 held by a 总支 in the period. */
function secondaryCountFacts(
  out: FactsByOrg,
  data: LifeData,
  key: 'study_group_sessions' | 'leadership_review_meeting_held',
): void {
  const { q } = data;
  const kind: ActivityKind =
    key === 'study_group_sessions' ? 'study_group_session' : 'leadership_review_meeting';
  const last = lastCountedDay(q);
  for (const org of measuredOrgs(q, key)) {
    if (!data.orgById.has(org.id)) {
      out.set(org.id, key, metricFact(null, notInForce(org), []));
      continue;
    }
    const held = (data.activitiesByOrg.get(org.id) ?? []).filter(
      (a) => a.kind === kind && a.onDate >= q.periodStart && a.onDate <= last,
    );
    out.set(
      org.id,
      key,
      metricFact(
        held.length,
        `考核期内已归档${activityKindLabels[kind]}记录 ${held.length} 次`,
        held.map((a) => activityRef(a, data, org)),
      ),
    );
  }
}

/** The branches under a 总支 that were active on the reference date. */
function branchesUnder(org: MetricOrg, data: LifeData): LifeOrgFacts[] {
  return (data.orgsUnder.get(org.id) ?? []).filter(
    (o) => o.id !== org.id && isBranchType(o.type) && o.activeFrom <= data.q.referenceDate,
  );
}

/** 三会一课 of a 总支's branches taken together. */
function branchLifeRateFacts(out: FactsByOrg, data: LifeData): void {
  const key = 'branch_life_rate';
  for (const org of measuredOrgs(data.q, key)) {
    const branches = branchesUnder(org, data);
    const instances = branches.flatMap((b) => branchLifeInstances(b.id, data));
    if (instances.length === 0) {
      out.set(
        org.id,
        key,
        metricFact(
          null,
          `所属党支部考核期内没有已到期的“三会一课”期次（所属支部 ${branches.length} 个）`,
          [],
        ),
      );
      continue;
    }
    const met = instances.filter((i) => i.status.met).length;
    const behind = branches
      .filter((b) => branchLifeInstances(b.id, data).some((i) => !i.status.met))
      .map((b) => b.name);
    const detail = `所属 ${branches.length} 个支部应开展 ${instances.length} 期，已按期开展 ${met} 期${
      behind.length > 0 ? `；未全部按期：${namesText(behind, 5, '个支部')}` : ''
    }`;
    const records = recordsOfInstances(instances, data);
    out.set(
      org.id,
      key,
      metricFactOf(met / instances.length, detail, records, (a) => activityRef(a, data, org)),
    );
  }
}

/** 组织生活会 / 民主评议党员 over a 总支's branches: the share of those that owed it which held it. */
function branchShareFacts(
  out: FactsByOrg,
  data: LifeData,
  key: 'review_meeting_rate' | 'member_appraisal_rate',
): void {
  const item = key === 'review_meeting_rate' ? 'review_meeting' : 'member_appraisal';
  const label = lifeItemLabels[item];
  for (const org of measuredOrgs(data.q, key)) {
    const owing = branchesUnder(org, data)
      .map((b) => ({
        b,
        instances: instancesOf(data.rowById.get(b.id), [item], data).filter((i) => isCounted(i.status)),
      }))
      .filter((x) => x.instances.length > 0);
    if (owing.length === 0) {
      out.set(org.id, key, metricFact(null, `所属党支部考核期内没有应召开${label}的支部`, []));
      continue;
    }
    const held = owing.filter((x) => x.instances.every((i) => i.status.met));
    const missing = owing.filter((x) => !x.instances.every((i) => i.status.met)).map((x) => x.b.name);
    const detail = `应开展${label}的所属支部 ${owing.length} 个，已开展 ${held.length} 个${
      missing.length > 0 ? `；未开展：${namesText(missing, 5, '个支部')}` : ''
    }`;
    const records = recordsOfInstances(
      owing.flatMap((x) => x.instances),
      data,
    );
    out.set(
      org.id,
      key,
      metricFactOf(held.length / owing.length, detail, records, (a) => activityRef(a, data, org)),
    );
  }
}

/**
 * 谈心谈话 coverage of a branch (支部条例: at least once a year): per year of the period, the members on the
 * roster (in the branch or its 党小组) who were there by the year's required-from day (core `requiredFrom`, as the
 * talk finding counts them) owe a talk; a talk in the year, within the period and by the reference date, meets it;
 * one still owed in a year not yet over is not yet due.
 */
function talkFacts(out: FactsByOrg, data: LifeData, settings: { yearlyWarningFromMonth: number }): void {
  const key = 'talk_coverage';
  const { q } = data;
  const orgs = measuredOrgs(q, key).filter((o) => data.orgById.has(o.id));
  for (const org of measuredOrgs(q, key))
    if (!data.orgById.has(org.id)) out.set(org.id, key, metricFact(null, notInForce(org), []));
  if (orgs.length === 0) return;
  const { members, talks } = data;
  const last = lastCountedDay(q);
  const years = periodsBetween(q.periodStart, q.periodEnd, 'year');
  const talksOf = new Map<number, typeof talks>();
  for (const t of talks)
    for (const p of [t.host_person_id, t.partner_person_id]) if (p !== null) pushTo(talksOf, p, t);
  const membersOf = new Map<number, typeof members>();
  for (const m of members) pushTo(membersOf, m.branch_id, m);
  for (const org of orgs) {
    const activeFrom = data.orgById.get(org.id)?.activeFrom ?? longAgo;
    let owed = 0;
    let met = 0;
    let pending = 0;
    const missed: string[] = [];
    const counted = new Map<number, (typeof talks)[number]>();
    for (const m of membersOf.get(org.id) ?? []) {
      const since = (m.since ?? longAgo) > activeFrom ? (m.since ?? longAgo) : activeFrom;
      for (const p of years) {
        if (since > requiredFrom(p, settings)) continue;
        const from = p.start > q.periodStart ? p.start : q.periodStart;
        const to = p.end < last ? p.end : last;
        const held = (talksOf.get(m.id) ?? []).filter((t) => t.on_date >= from && t.on_date <= to);
        if (held.length > 0) {
          owed += 1;
          met += 1;
          for (const t of held) counted.set(t.id, t);
        } else if (p.end <= q.referenceDate) {
          owed += 1;
          missed.push(years.length > 1 ? `${m.name}（${p.label}）` : m.name);
        } else pending += 1;
      }
    }
    if (owed === 0) {
      out.set(
        org.id,
        key,
        metricFact(
          null,
          pending > 0 ? `应谈心谈话的 ${pending} 名党员所在年度尚未结束，且尚未谈话` : '没有应谈心谈话的党员',
          [],
        ),
      );
      continue;
    }
    const unit = years.length > 1 ? '人次' : '人';
    const detail = `应谈 ${owed} ${unit}，已谈 ${met} ${unit}${missed.length > 0 ? `；未谈：${namesText(missed, 5, '人')}` : ''}${
      pending > 0 ? `（另有 ${pending} ${unit}所在年度尚未结束）` : ''
    }`;
    const records = [...counted.values()].sort((a, b) =>
      a.on_date < b.on_date ? -1 : a.on_date > b.on_date ? 1 : a.id - b.id,
    );
    out.set(
      org.id,
      key,
      metricFactOf(met / owed, detail, records, (t) => ({
        kind: 'activity',
        id: String(t.id),
        label: `${t.on_date} 谈心谈话`,
      })),
    );
  }
}

/** Attendance at a branch's closed records (its own and its 党小组's): present over expected. */
function attendanceFacts(out: FactsByOrg, data: LifeData, rows: Awaited<LifeData['attendance']>): void {
  const key = 'life_attendance_rate';
  const { q } = data;
  const orgs = measuredOrgs(q, key);
  if (orgs.length === 0) return;
  const branchOf = new Map<number, number>();
  for (const o of orgs) {
    branchOf.set(o.id, o.id);
    for (const g of data.groupsOf.get(o.id) ?? []) branchOf.set(g.orgId, o.id);
  }
  const byBranch = new Map<number, typeof rows>();
  for (const r of rows) {
    const b = branchOf.get(r.org_id);
    if (b !== undefined) pushTo(byBranch, b, r);
  }
  for (const org of orgs) {
    const list = byBranch.get(org.id) ?? [];
    const expected = list.reduce((n, r) => n + r.expected, 0);
    const present = list.reduce((n, r) => n + r.present, 0);
    const leave = list.reduce((n, r) => n + r.leave, 0);
    if (expected === 0) {
      out.set(org.id, key, metricFact(null, '考核期内没有登记出席情况的已归档组织生活记录', []));
      continue;
    }
    const detail = `${list.length} 次组织生活应出席 ${expected} 人次，出席 ${present} 人次，请假 ${leave} 人次，缺席 ${expected - present - leave} 人次`;
    const toRef = (r: (typeof list)[number]): AssessmentRecordRef => {
      const kind = activityKindLabels[r.kind as ActivityKind] ?? r.kind;
      const orgName = r.org_id === org.id ? '' : `${nameUnder(data.orgById.get(r.org_id)?.name ?? '', org)} `;
      return {
        kind: 'activity',
        id: String(r.id),
        label: clipLabel(`${r.on_date} ${orgName}${kind}（出席 ${r.present}/${r.expected}）`),
      };
    };
    out.set(org.id, key, metricFactOf(present / expected, detail, list, toRef));
  }
}

/** The round's orgs and everything under them, with their matrix over the period and their records. */
async function loadLifeData(db: Db | Trx, q: MetricQuery, settings: RuleSettings): Promise<LifeData> {
  const [allOrgs, goLive] = await Promise.all([loadOrgFacts(db, q.referenceDate), readGoLiveSettings(db)]);
  const roots = q.orgs.filter((o) => o.level !== null).map((o) => o.path);
  const orgs = allOrgs.filter((o) => o.path !== undefined && roots.some((r) => isUnder(o.path!, r)));
  // Records from the start of the earliest requirement period that ends in the period (a 党课 term began before it).
  const units: PeriodUnit[] = settings.lectureByTerm ? ['quarter', 'term', 'year'] : ['quarter', 'year'];
  const from = units.map((u) => periodOf(q.periodStart, u).start).reduce((a, b) => (a < b ? a : b));
  const last = lastCountedDay(q);
  // A branch's own org and its 党小组, for the member and attendance figures (all read at once, in parallel).
  const groupIds = new Map<number, number[]>();
  for (const o of orgs) if (o.type === 'group' && o.parentId !== null) pushTo(groupIds, o.parentId, o.id);
  const active = new Set(orgs.map((o) => o.id));
  const withGroups = (key: MetricKey) =>
    measuredOrgs(q, key)
      .filter((o) => active.has(o.id))
      .flatMap((o) => [o.id, ...(groupIds.get(o.id) ?? [])]);
  const talkOrgs = withGroups('talk_coverage');
  const attendanceOrgs = withGroups('life_attendance_rate');
  const attendance =
    attendanceOrgs.length === 0
      ? Promise.resolve([])
      : metricsRepo.attendanceOfRecords(db, attendanceOrgs, q.periodStart, last);
  // Awaited later (after the other figures): a failure must not be reported unhandled meanwhile.
  attendance.catch(() => {});
  const [activities, members, talks] = await Promise.all([
    orgs.length === 0
      ? []
      : metricsRepo
          .heldRecords(
            db,
            orgs.map((o) => o.id),
            from,
            last,
          )
          .then((rows) => withoutIncompleteAppraisals(db, rows))
          .then((rows) =>
            rows.map(
              (a): HeldActivityFacts => ({
                id: a.id,
                orgId: a.org_id,
                kind: a.kind,
                onDate: a.on_date,
                hasFirstTopic: a.has_first_topic,
                quorumReached: null,
              }),
            ),
          ),
    talkOrgs.length === 0 ? [] : repo.lifeMembers(db, q.referenceDate, talkOrgs),
    talkOrgs.length === 0 ? [] : metricsRepo.talksOfMembers(db, talkOrgs, q.periodStart, last),
  ]);
  // The assessment asks for the 第一议题 whether or not the school's findings do. Quarter columns give the same
  // requirement instances as month columns (those whose period ends in a column) in a third of the cells; those
  // ending in the months of the period are kept.
  const firstMonth = periodOf(q.periodStart, 'month').start;
  const lastMonth = periodOf(q.periodEnd, 'month').end;
  // Go-live dates all before the period's first month drop nothing from it: the matrix then skips the check.
  const latestStart = goLive
    ? [goLive.goLiveDate, ...goLive.ruleStarts.map((r) => r.startsOn)].reduce((a, b) => (a > b ? a : b))
    : null;
  const matrix = complianceMatrix(
    { orgs, activities, members: [] },
    { ...settings, firstTopicRequired: true },
    {
      from: q.periodStart,
      to: q.periodEnd,
      unit: 'quarter',
      today: dayAfter(q),
      goLive: latestStart !== null && latestStart > firstMonth ? goLive : null,
    },
  );
  const inPeriod = (i: Instance) => i.status.dueDate >= firstMonth && i.status.dueDate <= lastMonth;
  const rowById = new Map(matrix.rows.map((r) => [r.orgId, r]));
  const groupsOf = new Map<number, ComplianceRow[]>();
  for (const r of matrix.rows) if (r.type === 'group' && r.parentId !== null) pushTo(groupsOf, r.parentId, r);
  const activitiesByOrg = new Map<number, HeldActivityFacts[]>();
  const recordsByOrgItem = new Map<number, Map<LifeItem, HeldActivityFacts[]>>();
  for (const a of activities) {
    pushTo(activitiesByOrg, a.orgId, a);
    let byItem = recordsByOrgItem.get(a.orgId);
    if (!byItem) {
      byItem = new Map();
      recordsByOrgItem.set(a.orgId, byItem);
    }
    for (const item of itemsOfRecord(a)) pushTo(byItem, item, a);
  }
  return {
    q,
    orgById: new Map(orgs.map((o) => [o.id, o])),
    rowById,
    groupsOf,
    activitiesByOrg,
    instancesByOrg: new Map(matrix.rows.map((r) => [r.orgId, allInstances(r).filter(inPeriod)])),
    recordsByOrgItem,
    periods: new Map(),
    orgsUnder: bySubtree(orgs, (o) => o.path ?? ''),
    branchLife: new Map(),
    members,
    talks,
    attendance,
  };
}

/** The organisational-life metrics of a round's orgs (the assessment module's provider). */
export const computeLifeMetrics: MetricProvider = async (db, q) => {
  const out = new FactsByOrg();
  const settings = await getRuleSettings(db);
  const data = await loadLifeData(db, q, settings);
  rateFacts(out, data, 'three_meetings_one_lecture_rate');
  rateFacts(out, data, 'theme_day_rate');
  rateFacts(out, data, 'first_topic_rate');
  heldFacts(out, data, 'review_meeting_held');
  heldFacts(out, data, 'member_appraisal_held');
  secondaryCountFacts(out, data, 'study_group_sessions');
  secondaryCountFacts(out, data, 'leadership_review_meeting_held');
  branchLifeRateFacts(out, data);
  branchShareFacts(out, data, 'review_meeting_rate');
  branchShareFacts(out, data, 'member_appraisal_rate');
  talkFacts(out, data, settings);
  attendanceFacts(out, data, await data.attendance);
  return out.map;
};
