/**
 * The findings of some subtrees as they stood at the end of a reference day, rebuilt from their history
 * (finding_event): whether each was open then, its severity then, the worst severity it had reached, and the
 * day it first appeared. One statement for every org of a round.
 */
import type { IsoDate, RuleId, Severity } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

/** One finding at the end of the reference day. */
export interface FindingThen {
  key: string;
  rule_id: RuleId;
  org_id: number;
  org_path: string;
  person_id: number | null;
  message: string;
  /** Open (found and not resolved since) at the end of the day. */
  open: boolean;
  /** Its severity then. */
  severity: Severity;
  /** The most severe level it had reached by then. */
  worst: Severity;
  /** The Shanghai day it first appeared. */
  appeared_on: string;
}

/**
 * Findings filed on the subtrees of `rootPaths` that existed by the end of `referenceDate` and were either open at
 * some point since `since` (so possibly open on the reference day) or appeared on or after it.
 */
export async function findingsAsOf(
  db: Q,
  rootPaths: readonly string[],
  since: IsoDate,
  referenceDate: IsoDate,
): Promise<FindingThen[]> {
  if (rootPaths.length === 0) return [];
  const patterns = rootPaths.map((p) => `${escapeLike(p)}%`);
  const dayStart = (d: IsoDate) => sql`(${d}::date::timestamp at time zone 'Asia/Shanghai')`;
  const end = sql`((${referenceDate}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const { rows } = await sql<{
    key: string;
    rule_id: RuleId;
    org_id: number;
    org_path: string;
    person_id: number | null;
    message: string;
    last_kind: string | null;
    severity: Severity | null;
    worst: number | null;
    appeared_on: string | null;
  }>`
    select f.key, f.rule_id, f.org_id, o.path as org_path, f.person_id, f.message,
      (array_agg(e.kind order by e.at desc, e.id desc)
        filter (where e.kind in ('appeared', 'reappeared', 'resolved')))[1] as last_kind,
      (array_agg(e.severity order by e.at desc, e.id desc) filter (where e.severity is not null))[1] as severity,
      min(case e.severity when 'error' then 0 when 'warning' then 1 when 'info' then 2 end) as worst,
      ((min(e.at) filter (where e.kind = 'appeared')) at time zone 'Asia/Shanghai')::date::text as appeared_on
    from finding f
    join org o on o.id = f.org_id
    join finding_event e on e.finding_id = f.id and e.at < ${end}
    where o.path like any(${patterns}::text[])
      and f.first_seen_at < ${end}
      and (f.state <> 'resolved' or f.resolved_at >= ${dayStart(since)} or f.first_seen_at >= ${dayStart(since)})
    group by f.id, o.path`.execute(db);
  const severityOf = ['error', 'warning', 'info'] as const;
  return rows
    .filter((r) => r.last_kind !== null && r.appeared_on !== null)
    .map((r) => ({
      key: r.key,
      rule_id: r.rule_id,
      org_id: r.org_id,
      org_path: r.org_path,
      person_id: r.person_id,
      message: r.message,
      open: r.last_kind !== 'resolved',
      severity: r.severity ?? 'info',
      worst: severityOf[r.worst ?? 2] ?? 'info',
      appeared_on: r.appeared_on!,
    }));
}
