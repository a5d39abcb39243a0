/**
 * Assessment metrics of orgs and their terms on the reference date: days a term is overdue (its planned end, or
 * the postponement the superior had approved by then: core `effectiveTermEnd`, the date the term.overdue rule
 * reads), terms in order over a 总支's branches, and the 双带头人 mark of a 教工党支部's secretary. One statement
 * for all the round's orgs. A term's ref names its org (core `termRefId`, `org:12:term:34`): the term is shown on
 * the org's 班子与届次 tab.
 */
import {
  type AssessmentRecordRef,
  assessedLevelOf,
  daysBetween,
  effectiveTermEnd,
  type IsoDate,
  isBranchType,
  type MetricKey,
  termRefId,
} from '@dangjian/core';
import {
  FactsByOrg,
  isUnder,
  type MetricOrg,
  type MetricProvider,
  type MetricQuery,
  measuredOrgs,
  metricFact,
  namesText,
} from '../../http/assessment-metrics.ts';
import type { Db, Trx } from '../../http/context.ts';
import { orgsByIds, termsOn } from './metrics-repo.ts';

/** The metrics this module computes. */
export const termMetricKeys = [
  'term_overdue_days',
  'terms_in_order_rate',
  'dual_leader_secretary',
  'dual_leader_rate',
] as const satisfies readonly MetricKey[];

/** The orgs of a round as the metric providers read them; ids that name no org are left out. */
export async function metricOrgsOf(db: Db | Trx, ids: readonly number[]): Promise<MetricOrg[]> {
  const rows = await orgsByIds(db, ids);
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
    path: o.path,
    parentId: o.parent_id,
    category: o.category,
    foundedOn: o.founded_on,
    level: assessedLevelOf(o.type),
  }));
}

type TermRow = Awaited<ReturnType<typeof termsOn>>[number];

/** An org's term on the day: its effective end (a postponement counts once approved) and days overdue. */
function termOn(row: TermRow, day: IsoDate) {
  if (row.term_id === null || row.planned_end_date === null || row.start_date === null) return null;
  const approved =
    row.postponed_to !== null &&
    (row.postponement_approved_on === null || row.postponement_approved_on <= day);
  const end = effectiveTermEnd({
    plannedEndDate: row.planned_end_date,
    postponedTo: approved ? row.postponed_to : null,
  });
  const ref: AssessmentRecordRef = {
    kind: 'term',
    id: termRefId(row.org_id, row.term_id),
    label: `${row.name}第${row.number}届（${row.start_date} 至 ${end}${approved ? '，经批准延期' : ''}）`,
  };
  return { end, approved, overdueDays: day > end ? daysBetween(end, day) : 0, ref };
}

/** The 双带头人 mark of a branch's secretary on the day: 1 or 0 (0 too when the post is vacant). */
function dualLeaderOf(row: TermRow): { value: 0 | 1; detail: string } {
  if (row.secretary_name === null) return { value: 0, detail: '参照日书记空缺' };
  return row.is_dual_leader
    ? { value: 1, detail: `书记${row.secretary_name}为“双带头人”` }
    : { value: 0, detail: `书记${row.secretary_name}未认定为“双带头人”` };
}

function setFacts(out: FactsByOrg, q: MetricQuery, rows: readonly TermRow[]): void {
  const day = q.referenceDate;
  const byId = new Map(rows.map((r) => [r.org_id, r]));
  const branchesUnder = (org: MetricOrg) =>
    rows.filter((r) => r.org_id !== org.id && isBranchType(r.type) && isUnder(r.path, org.path));

  for (const org of measuredOrgs(q, 'term_overdue_days')) {
    const row = byId.get(org.id);
    const term = row ? termOn(row, day) : null;
    if (!row || !term) {
      out.set(
        org.id,
        'term_overdue_days',
        metricFact(
          null,
          row ? `${day} 没有已开始的届次记录，无法计算超期天数` : `${day} 该党组织尚未成立或已撤销`,
          [],
        ),
      );
      continue;
    }
    const detail =
      term.overdueDays > 0
        ? `第${row.number}届已于 ${term.end} 届满${term.approved ? '（经批准延期）' : ''}，至 ${day} 超期 ${term.overdueDays} 天未换届`
        : `第${row.number}届届满日期 ${term.end}${term.approved ? '（经批准延期）' : ''}，${day} 在任期内`;
    out.set(org.id, 'term_overdue_days', metricFact(term.overdueDays, detail, [term.ref]));
  }

  for (const org of measuredOrgs(q, 'terms_in_order_rate')) {
    const branches = branchesUnder(org);
    if (branches.length === 0) {
      out.set(org.id, 'terms_in_order_rate', metricFact(null, `${day} 没有所属党支部`, []));
      continue;
    }
    const terms = branches.map((b) => ({ b, term: termOn(b, day) }));
    const late = terms.filter((t) => !t.term || t.term.overdueDays > 0);
    const none = terms.filter((t) => !t.term).map((t) => t.b.name);
    const overdue = terms.filter((t) => t.term && t.term.overdueDays > 0).map((t) => t.b.name);
    const detail = `${day} 所属 ${branches.length} 个支部中按期换届 ${branches.length - late.length} 个${
      overdue.length > 0 ? `；超期未换届：${namesText(overdue, 5, '个支部')}` : ''
    }${none.length > 0 ? `；无届次记录：${namesText(none, 5, '个支部')}` : ''}`;
    const refs = [...late, ...terms.filter((t) => !late.includes(t))].flatMap((t) =>
      t.term ? [t.term.ref] : [],
    );
    out.set(
      org.id,
      'terms_in_order_rate',
      metricFact((branches.length - late.length) / branches.length, detail, refs),
    );
  }

  for (const org of measuredOrgs(q, 'dual_leader_secretary')) {
    const row = byId.get(org.id);
    if (org.category !== 'staff') {
      out.set(org.id, 'dual_leader_secretary', metricFact(null, '非教工党支部不适用', []));
      continue;
    }
    if (!row) {
      out.set(org.id, 'dual_leader_secretary', metricFact(null, `${day} 该党组织尚未成立或已撤销`, []));
      continue;
    }
    const d = dualLeaderOf(row);
    const term = termOn(row, day);
    out.set(org.id, 'dual_leader_secretary', metricFact(d.value, d.detail, term ? [term.ref] : []));
  }

  for (const org of measuredOrgs(q, 'dual_leader_rate')) {
    const staff = branchesUnder(org).filter((b) => b.category === 'staff');
    if (staff.length === 0) {
      out.set(org.id, 'dual_leader_rate', metricFact(null, `${day} 没有所属教工党支部，不适用`, []));
      continue;
    }
    const dual = staff.filter((b) => dualLeaderOf(b).value === 1);
    const not = staff.filter((b) => dualLeaderOf(b).value === 0).map((b) => b.name);
    const detail = `${day} 所属教工党支部 ${staff.length} 个，书记为“双带头人”的 ${dual.length} 个${
      not.length > 0 ? `；不是或书记空缺：${namesText(not, 5, '个支部')}` : ''
    }`;
    const refs = staff.flatMap((b) => {
      const t = termOn(b, day);
      return t ? [t.ref] : [];
    });
    out.set(org.id, 'dual_leader_rate', metricFact(dual.length / staff.length, detail, refs));
  }
}

/** The term metrics of a round's orgs (the assessment module's provider). */
export const computeTermMetrics: MetricProvider = async (db, q) => {
  const out = new FactsByOrg();
  const roots = q.orgs.filter((o) => o.level !== null).map((o) => o.path);
  setFacts(out, q, await termsOn(db, roots, q.referenceDate));
  return out.map;
};
