/**
 * Assessment metrics read from the findings (监测预警) and their history: what was open at the end of the reference
 * day, at which severity, and what appeared in the period and was resolved by then. The history is the findings'
 * own (appeared, reappeared, resolved, escalated, eased), so a finding resolved after the reference day still
 * counts as open on it, and one that reappeared counts as open again. One statement for all the round's orgs.
 */
import { type AssessmentRecordRef, type MetricKey, type RuleId, ruleCatalogue } from '@dangjian/core';
import {
  bySubtree,
  clipLabel,
  FactsByOrg,
  type MetricOrg,
  type MetricProvider,
  type MetricQuery,
  measuredOrgs,
  metricFact,
  pushTo,
} from '../../http/assessment-metrics.ts';
import { type FindingThen, findingsAsOf } from './metrics-repo.ts';

/** The metrics this module computes. */
export const findingMetricKeys = [
  'members_absent_six_months',
  'findings_open',
  'findings_resolved_rate',
  'team_findings_open',
  'dual_life_missing',
  'transfers_overdue',
] as const satisfies readonly MetricKey[];

/** 班子配备: 应设未设支委会, 委员人数不符, 书记空缺. */
const teamRules: readonly RuleId[] = [
  'branch.committee_required',
  'team.committee_size',
  'team.secretary_missing',
];
const transferRules: readonly RuleId[] = ['transfer.receipt_overdue', 'transfer.internal_pending'];
/** 党章 第九条: six months in a row (the school's shorter warning is `life.absence_warning`, not counted here). */
const absenceRule: RuleId = 'life.absence_lapsed';
const dualLifeRule: RuleId = 'life.dual_life_missing';

const isSerious = (f: FindingThen, severity = f.severity) => severity === 'error' || severity === 'warning';

function findingRef(f: FindingThen): AssessmentRecordRef {
  return { kind: 'finding', id: f.key, label: clipLabel(`${ruleCatalogue[f.rule_id].title}：${f.message}`) };
}

/** Most severe first, then by key: the refs a reviewer reads first. */
function refsOf(list: readonly FindingThen[]): AssessmentRecordRef[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...list]
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.key.localeCompare(b.key))
    .map(findingRef);
}

/** The findings as stood, by org and by every org above (the subtree of an org is one read). */
interface Index {
  byOrg: Map<number, FindingThen[]>;
  bySubtree: Map<number, FindingThen[]>;
}

/**
 * The findings that are an org's own: a branch's with its 党小组's (members' findings sit on their 党小组), a 总支's
 * filed on itself; with `subtree`, everything under the org.
 */
function ownFindings(org: MetricOrg, index: Index, subtree: boolean): FindingThen[] {
  if (subtree || org.level === 'branch') return index.bySubtree.get(org.id) ?? [];
  return index.byOrg.get(org.id) ?? [];
}

function countBy(list: readonly FindingThen[]): string {
  const error = list.filter((f) => f.severity === 'error').length;
  return `违规 ${error} 条、预警 ${list.length - error} 条`;
}

/** Distinct people of person findings, for "所涉党员数". */
function peopleOf(list: readonly FindingThen[]): number {
  return new Set(list.map((f) => f.person_id ?? -1).filter((id) => id !== -1)).size;
}

function setFacts(out: FactsByOrg, q: MetricQuery, index: Index): void {
  const ref = q.referenceDate;
  for (const org of measuredOrgs(q, 'findings_open')) {
    const open = ownFindings(org, index, false).filter((f) => f.open && isSerious(f));
    const scope = org.level === 'branch' ? '本支部（含党小组）' : '本组织';
    out.set(
      org.id,
      'findings_open',
      metricFact(
        open.length,
        open.length === 0
          ? `${ref} ${scope}没有未解决的错误、警告级预警`
          : `${ref} ${scope}未解决的错误、警告级预警 ${open.length} 条（${countBy(open)}）`,
        refsOf(open),
      ),
    );
  }
  for (const org of measuredOrgs(q, 'findings_resolved_rate')) {
    const appeared = ownFindings(org, index, false).filter(
      (f) => f.appeared_on >= q.periodStart && f.appeared_on <= q.periodEnd && isSerious(f, f.worst),
    );
    const resolved = appeared.filter((f) => !f.open);
    const stillOpen = appeared.filter((f) => f.open);
    out.set(
      org.id,
      'findings_resolved_rate',
      appeared.length === 0
        ? metricFact(null, '考核期内本组织没有产生错误、警告级预警', [])
        : metricFact(
            resolved.length / appeared.length,
            `考核期内产生错误、警告级预警 ${appeared.length} 条，至 ${ref} 已解决 ${resolved.length} 条，未解决 ${stillOpen.length} 条`,
            [...refsOf(stillOpen), ...refsOf(resolved)],
          ),
    );
  }
  for (const org of measuredOrgs(q, 'members_absent_six_months')) {
    const open = ownFindings(org, index, false).filter((f) => f.open && f.rule_id === absenceRule);
    const people = peopleOf(open);
    out.set(
      org.id,
      'members_absent_six_months',
      metricFact(
        people,
        people === 0
          ? `${ref} 没有未解决的“连续6个月不参加组织生活”预警`
          : `${ref} 未解决的“连续6个月不参加组织生活”预警涉及党员 ${people} 名`,
        refsOf(open),
      ),
    );
  }
  for (const org of measuredOrgs(q, 'team_findings_open')) {
    const open = (index.byOrg.get(org.id) ?? []).filter((f) => f.open && teamRules.includes(f.rule_id));
    out.set(
      org.id,
      'team_findings_open',
      metricFact(
        open.length,
        open.length === 0
          ? `${ref} 没有未解决的班子配备预警`
          : `${ref} 未解决的班子配备预警 ${open.length} 条：${[...new Set(open.map((f) => ruleCatalogue[f.rule_id].title))].join('、')}`,
        refsOf(open),
      ),
    );
  }
  for (const org of measuredOrgs(q, 'dual_life_missing')) {
    const open = ownFindings(org, index, true).filter((f) => f.open && f.rule_id === dualLifeRule);
    const people = peopleOf(open);
    out.set(
      org.id,
      'dual_life_missing',
      metricFact(
        people,
        people === 0
          ? `${ref} 本组织及所属支部没有未解决的“双重组织生活”预警`
          : `${ref} 本组织及所属支部未解决的“双重组织生活”预警 ${open.length} 条，涉及领导干部党员 ${people} 名`,
        refsOf(open),
      ),
    );
  }
  for (const org of measuredOrgs(q, 'transfers_overdue')) {
    // Transfers are handled by the branches: a 总支 answers for its branches' too.
    const open = ownFindings(org, index, true).filter((f) => f.open && transferRules.includes(f.rule_id));
    const scope = org.level === 'branch' ? '' : '本组织及所属支部';
    out.set(
      org.id,
      'transfers_overdue',
      metricFact(
        open.length,
        open.length === 0
          ? `${ref} ${scope}没有超期未办结的组织关系转接预警`
          : `${ref} ${scope}超期未接收或未办结的组织关系转接预警 ${open.length} 条`,
        refsOf(open),
      ),
    );
  }
}

/** The finding metrics of a round's orgs (the assessment module's provider). */
export const computeFindingMetrics: MetricProvider = async (db, q) => {
  const out = new FactsByOrg();
  const roots = q.orgs.filter((o) => o.level !== null).map((o) => o.path);
  const all = await findingsAsOf(db, roots, q.periodStart, q.referenceDate);
  const byOrg = new Map<number, FindingThen[]>();
  for (const f of all) pushTo(byOrg, f.org_id, f);
  setFacts(out, q, { byOrg, bySubtree: bySubtree(all, (f) => f.org_path) });
  return out.map;
};
