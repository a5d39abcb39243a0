/**
 * The findings table and how it is kept up to date. Writes mark the orgs they touch (triggers, in the
 * write's own transaction); `refreshFindings` re-evaluates only the providers and orgs those marks name,
 * right after the write commits, and reconciles the stored findings (appeared, seen, resolved, reappeared)
 * in one transaction that also consumes the marks. `evaluateAllFindings` does the same for every provider
 * and org (at start-up and nightly, through the job queue, for date-driven findings). Readers only read
 * the table. One evaluation runs at a time across all processes (an advisory lock).
 */
import {
  type FindingCause,
  findingKey,
  type IsoDate,
  type RuleId,
  reconcileFindings,
  type Severity,
} from '@dangjian/core';
import { sql } from 'kysely';
import type { Clock, Db, ResolvedScope, Trx } from './context.ts';
import {
  evaluateFindings,
  type FindingsProvider,
  findingsProviders,
  type ProvidedFinding,
  providersReading,
  rulesVersion,
} from './findings.ts';
import { pathInScope } from './scope.ts';

type Q = Db | Trx;

/** Key of the advisory lock that lets one evaluation at a time reconcile the findings table. */
const evaluationLockKey = 727_012;
/** Marks consumed per round (a bulk import leaves many; the next round takes the rest). */
const marksPerRound = 20_000;

/** What an evaluation changed, for its log and the caller. */
export interface EvaluationSummary {
  kind: 'full' | 'incremental';
  today: IsoDate;
  orgCount: number | null;
  providers: string[];
  found: number;
  appeared: number;
  reappeared: number;
  resolved: number;
}

interface Mark {
  source: string;
  org_id: number | null;
  cause: FindingCause | null;
}

/** The orgs whose findings a change to `orgIds` can move: each org, its ancestors, and its branch's 党小组. */
export async function affectedOrgs(trx: Q, orgIds: readonly number[]): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with d as (select id, path, type, parent_id from org where id = any(${orgIds}::int[])),
    b as (select case when d.type = 'group' and d.parent_id is not null then d.parent_id else d.id end as id from d)
    select o.id from org o where exists (select 1 from d where d.path like o.path || '%')
    union select id from b
    union select o.id from org o join b on o.parent_id = b.id where o.type = 'group'`.execute(trx);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** The cause to record on a finding resolved on `orgId`: the write that touched that org, else the only write. */
function causeFor(orgId: number, marks: readonly Mark[]): FindingCause | null {
  const direct = marks.find((m) => m.org_id === orgId && m.cause);
  if (direct) return direct.cause;
  const causes = new Set(marks.filter((m) => m.cause).map((m) => JSON.stringify(m.cause)));
  return causes.size === 1 ? (JSON.parse([...causes][0]!) as FindingCause) : null;
}

/**
 * Reconciles `current` (what the providers found for `orgIds`, or the college) with the stored findings of
 * those providers' rules on those orgs, and logs the evaluation.
 */
async function reconcile(
  trx: Trx,
  run: {
    kind: 'full' | 'incremental';
    trigger: string;
    today: IsoDate;
    now: Date;
    orgIds: readonly number[] | null;
    providers: readonly FindingsProvider[];
    current: readonly ProvidedFinding[];
    marks: readonly Mark[];
  },
): Promise<EvaluationSummary> {
  const ruleIds = run.providers.flatMap((p) => p.ruleIds);
  let storedQuery = trx
    .selectFrom('finding')
    .select(['id', 'key', 'state', 'severity', 'org_id'])
    .where('rule_id', 'in', ruleIds.length > 0 ? ruleIds : ['-' as RuleId]);
  if (run.orgIds) storedQuery = storedQuery.where(sql<boolean>`org_id = any(${run.orgIds}::int[])`);
  const stored = await storedQuery.forUpdate().execute();
  const r = reconcileFindings(stored, run.current);
  const idOf = new Map(stored.map((s) => [s.key, s.id]));
  const orgOf = new Map(stored.map((s) => [s.key, s.org_id]));
  const now = run.now;
  const events: {
    finding_id: string;
    at: Date;
    kind: 'appeared' | 'reappeared' | 'resolved' | 'escalated' | 'eased';
    severity?: Severity;
    cause?: string | null;
  }[] = [];
  const textOf = (f: ProvidedFinding) => ({
    key: findingKey(f),
    severity: f.severity,
    message: f.message,
    suggestion: f.suggestion,
    due_date: f.dueDate ?? null,
  });

  // Appeared: new rows (in slices: one statement per few thousand rows).
  for (let i = 0; i < r.appeared.length; i += 2000) {
    const slice = r.appeared.slice(i, i + 2000);
    const inserted = await trx
      .insertInto('finding')
      .values(
        slice.map((f) => ({
          ...textOf(f),
          rule_id: f.ruleId,
          provider: f.provider,
          org_id: f.orgId,
          person_id: f.personId ?? null,
          subject: f.subject ?? null,
          period: f.period ?? null,
          first_seen_at: now,
          last_seen_at: now,
        })),
      )
      .returning(['id', 'severity'])
      .execute();
    for (const row of inserted)
      events.push({ finding_id: row.id, at: now, kind: 'appeared', severity: row.severity });
  }

  // Seen (still open) and reappeared: refresh the text and last seen in one statement.
  const refreshed = [
    ...r.seen.map((s) => ({ ...textOf(s.finding), reopen: false })),
    ...r.reappeared.map((f) => ({ ...textOf(f), reopen: true })),
  ];
  for (let i = 0; i < refreshed.length; i += 5000) {
    const slice = refreshed.slice(i, i + 5000);
    await sql`
      update finding f set severity = x.severity, message = x.message, suggestion = x.suggestion,
        due_date = x.due_date::date, last_seen_at = ${now},
        state = case when x.reopen then 'open' else f.state end,
        resolved_at = case when x.reopen then null else f.resolved_at end,
        resolved_by = case when x.reopen then null else f.resolved_by end,
        acknowledged_at = case when x.reopen then null else f.acknowledged_at end,
        acknowledged_by = case when x.reopen then null else f.acknowledged_by end,
        ack_comment = case when x.reopen then null else f.ack_comment end,
        reopen_count = f.reopen_count + case when x.reopen then 1 else 0 end
      from jsonb_to_recordset(${JSON.stringify(slice)}::jsonb)
        as x(key text, severity text, message text, suggestion text, due_date text, reopen boolean)
      where f.key = x.key`.execute(trx);
  }
  for (const f of r.reappeared)
    events.push({ finding_id: idOf.get(findingKey(f))!, at: now, kind: 'reappeared', severity: f.severity });
  for (const s of r.seen)
    if (s.severityChange)
      events.push({
        finding_id: idOf.get(findingKey(s.finding))!,
        at: now,
        kind: s.severityChange,
        severity: s.finding.severity,
      });

  // Resolved: no longer found. The cause is the write whose marks led here, when one did.
  const resolvedByCause = new Map<string, string[]>();
  for (const key of r.resolved) {
    const cause = causeFor(orgOf.get(key)!, run.marks);
    const json = cause ? JSON.stringify(cause) : '';
    resolvedByCause.set(json, [...(resolvedByCause.get(json) ?? []), key]);
  }
  for (const [json, keys] of resolvedByCause) {
    await trx
      .updateTable('finding')
      .set({ state: 'resolved', resolved_at: now, resolved_by: json === '' ? null : json })
      .where('key', 'in', keys)
      .execute();
    for (const key of keys)
      events.push({
        finding_id: idOf.get(key)!,
        at: now,
        kind: 'resolved',
        cause: json === '' ? null : json,
      });
  }
  for (let i = 0; i < events.length; i += 5000)
    await trx
      .insertInto('finding_event')
      .values(
        events
          .slice(i, i + 5000)
          .map((e) => ({ ...e, severity: e.severity ?? null, cause: e.cause ?? null })),
      )
      .execute();

  const summary: EvaluationSummary = {
    kind: run.kind,
    today: run.today,
    orgCount: run.orgIds ? run.orgIds.length : null,
    providers: run.providers.map((p) => p.id),
    found: run.current.length,
    appeared: r.appeared.length,
    reappeared: r.reappeared.length,
    resolved: r.resolved.length,
  };
  await trx
    .insertInto('finding_evaluation')
    .values({
      kind: run.kind,
      trigger: run.trigger,
      today: run.today,
      rules_version: rulesVersion(),
      providers: summary.providers,
      org_count: summary.orgCount,
      found: summary.found,
      appeared: summary.appeared,
      reappeared: summary.reappeared,
      resolved: summary.resolved,
      started_at: now,
      finished_at: new Date(),
    })
    .execute();
  return summary;
}

// ——— Record generations: whether something computed from an org's records is still current ———

/** The org id of `record_generation` that stands for the whole college. */
const collegeGeneration = 0;

/**
 * Gives `orgIds` (null: the whole college) the next record generation. Only where marks are consumed, under the
 * evaluation lock and in its transaction: generations are committed in the order they are taken, so a reader
 * that sees the largest one has seen every change numbered up to it (see `recordChanges`).
 */
async function bumpGenerations(trx: Trx, orgIds: readonly number[] | null): Promise<void> {
  const ids = orgIds === null ? [collegeGeneration] : orgIds;
  if (ids.length === 0) return;
  await sql`
    insert into record_generation (org_id, generation)
    select id, (select coalesce(max(generation), 0) + 1 from record_generation)
    from unnest(${ids}::int[]) as id
    on conflict (org_id) do update set generation = excluded.generation`.execute(trx);
}

/** What `recordChanges` answers: the largest generation, and per org whether it changed since a generation. */
export interface RecordChanges {
  /** The largest generation committed when read: what a computation that starts now has seen. */
  latest: number;
  /**
   * True when the records `orgId`'s figures read (its subtree, and the college-wide ones) may have changed since
   * a computation that had seen `generation` (null: none was made): a larger generation of the org or of the
   * college, or a write's mark not consumed yet under it.
   */
  changedSince(orgId: number, generation: number | null): boolean;
}

/**
 * The record generations of `orgIds` and the marks pending under them, in one statement (one snapshot): read it
 * before computing from the records, store `latest` with the result, and compute again once `changedSince` says
 * so. A write committed before this read is counted in `latest` or pending; one committed after it is numbered
 * above `latest` (or pending) at the next read.
 */
export async function recordChanges(db: Q, orgIds: readonly number[]): Promise<RecordChanges> {
  const { rows } = await sql<{
    org_id: number | null;
    generation: string;
    latest: string;
    pending: boolean;
  }>`
    with g as (
      select coalesce(max(generation), 0) as latest,
        coalesce(max(generation) filter (where org_id = ${collegeGeneration}), 0) as college,
        exists (select 1 from finding_dirty where org_id is null) as college_pending
      from record_generation)
    select null::int as org_id, g.college as generation, g.latest, g.college_pending as pending from g
    union all
    select o.id, coalesce(r.generation, 0), g.latest,
      exists (select 1 from finding_dirty d join org x on x.id = d.org_id where x.path like o.path || '%')
    from org o cross join g left join record_generation r on r.org_id = o.id
    where o.id = any(${[...orgIds]}::int[])`.execute(db);
  const college = rows.find((r) => r.org_id === null)!;
  const byOrg = new Map(rows.filter((r) => r.org_id !== null).map((r) => [r.org_id!, r]));
  const latest = Number(college.latest);
  return {
    latest,
    changedSince(orgId, generation) {
      const org = byOrg.get(orgId);
      if (generation === null || !org || college.pending || org.pending) return true;
      return Number(college.generation) > generation || Number(org.generation) > generation;
    },
  };
}

/** Takes the evaluation lock (waits for a running evaluation in any process) and the pending marks. */
async function claimMarks(trx: Trx, limit: number | null): Promise<Mark[]> {
  await sql`select pg_advisory_xact_lock(${evaluationLockKey})`.execute(trx);
  const { rows } = await sql<Mark>`
    delete from finding_dirty where id in (
      select id from finding_dirty order by id ${limit === null ? sql`` : sql`limit ${limit}`} for update skip locked)
    returning source, org_id, cause`.execute(trx);
  return rows;
}

/**
 * Re-evaluates what the pending marks name (the providers reading the tables written, on the orgs touched)
 * and reconciles the findings, round after round until no mark is left. Returns what each round changed.
 * With `untilEmpty: false` it stops once it has taken every mark that was there when it started (a round that
 * took fewer than a round's worth): marks that later writes leave meanwhile are the next run's, so a writer
 * waiting for its own marks does not wait for everyone else's too.
 */
export async function processMarks(
  db: Db,
  clock: Clock,
  trigger = 'write',
  { untilEmpty = true }: { untilEmpty?: boolean } = {},
): Promise<EvaluationSummary[]> {
  const out: EvaluationSummary[] = [];
  for (let more = true; more; ) {
    const summary = await db.transaction().execute(async (trx) => {
      const marks = await claimMarks(trx, marksPerRound);
      more = untilEmpty || marks.length === marksPerRound;
      if (marks.length === 0) return null;
      const college = marks.some((m) => m.org_id === null);
      const orgIds = college ? null : await affectedOrgs(trx, [...new Set(marks.map((m) => m.org_id!))]);
      // Every consumed mark is a change of records, whether or not a findings provider reads its table.
      await bumpGenerations(trx, orgIds);
      const chosen = providersReading(marks.map((m) => m.source));
      if (chosen.length === 0) return 'nothing';
      const today = clock.today();
      const current = await evaluateFindings(trx, today, orgIds, chosen);
      const everything = college && chosen.length === findingsProviders().length;
      return reconcile(trx, {
        kind: everything ? 'full' : 'incremental',
        trigger,
        today,
        now: clock.now(),
        orgIds,
        providers: chosen,
        current,
        marks,
      });
    });
    if (!summary) return out;
    if (summary !== 'nothing') out.push(summary);
  }
  return out;
}

/**
 * Evaluates every provider for the whole college on today and reconciles every stored finding: what makes
 * date-driven findings (terms ending, deadlines passing) appear and go. Consumes every pending mark too.
 */
export async function evaluateAllFindings(db: Db, clock: Clock, trigger: string): Promise<EvaluationSummary> {
  return db.transaction().execute((trx) => fullEvaluation(trx, clock, trigger));
}

async function fullEvaluation(trx: Trx, clock: Clock, trigger: string): Promise<EvaluationSummary> {
  const marks = await claimMarks(trx, null);
  // The marks and the findings of the whole college: a change of everything.
  await bumpGenerations(trx, null);
  const today = clock.today();
  const current = await evaluateFindings(trx, today, null);
  const summary = await reconcile(trx, {
    kind: 'full',
    trigger,
    today,
    now: clock.now(),
    orgIds: null,
    providers: findingsProviders(),
    current,
    marks,
  });
  // The log of small re-evaluations is kept for a month; full ones for good.
  await trx
    .deleteFrom('finding_evaluation')
    .where('kind', '=', 'incremental')
    .where('started_at', '<', new Date(clock.now().getTime() - 30 * 86_400_000))
    .execute();
  return summary;
}

/** The day and rules of the last full evaluation, and whether marks are pending: one query. */
async function freshness(db: Q) {
  const { rows } = await sql<{ pending: boolean; day: string | null; rules: string | null }>`
    select exists (select 1 from finding_dirty) as pending,
      (select today::text from finding_evaluation where kind = 'full' order by id desc limit 1) as day,
      (select rules_version from finding_evaluation where kind = 'full' order by id desc limit 1) as rules`.execute(
    db,
  );
  return rows[0]!;
}

/** When the findings were last brought up to date (any evaluation), or null before the first. */
export async function lastEvaluatedAt(db: Db | Trx): Promise<string | null> {
  const last = await db
    .selectFrom('finding_evaluation')
    .select('finished_at')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? new Date(last.finished_at).toISOString() : null;
}

/**
 * Brings the stored findings up to date: a full evaluation when the last one was on another day or under
 * other rules (the start-up job; a missed nightly run), else the pending marks only. One query when there
 * is nothing to do.
 */
export async function bringFindingsUpToDate(db: Db, clock: Clock, trigger: string): Promise<void> {
  const stale = (s: { day: string | null; rules: string | null }) =>
    s.day !== clock.today() || s.rules !== rulesVersion();
  const s = await freshness(db);
  if (stale(s)) {
    // Checked again under the evaluation lock: another process (a start-up job of its own) may have just done it.
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${evaluationLockKey})`.execute(trx);
      if (stale(await freshness(trx))) await fullEvaluation(trx, clock, trigger);
    });
  } else if (s.pending) await processMarks(db, clock, trigger);
}

// ——— The engine of one app (per database handle): re-evaluation after writes, one run at a time ———

interface Engine {
  db: Db;
  clock: Clock;
  log: (level: 'info' | 'warn' | 'error', msg: string) => void;
  chain: Promise<void>;
  queued: Promise<void> | null;
}

const engines = new WeakMap<object, Engine>();

/** Installs the re-evaluation of this app's database (buildApp does, once). */
export function installFindingsEngine(db: Db, clock: Clock, log: Engine['log']): void {
  engines.set(db, { db, clock, log, chain: Promise.resolve(), queued: null });
}

/**
 * Processes the pending marks of this database (right after a write commits, or when another process
 * NOTIFYs one). One run at a time per process, and callers that arrive while one runs share the next run,
 * which sees their marks. Errors are logged, not thrown: the write is committed and its marks stay for the
 * next run or the nightly evaluation.
 */
export function refreshFindings(db: Db): Promise<void> {
  const engine = engines.get(db);
  if (!engine) return Promise.resolve();
  if (engine.queued) return engine.queued;
  const run = engine.chain.then(async () => {
    engine.queued = null;
    try {
      await processMarks(engine.db, engine.clock, 'write', { untilEmpty: false });
    } catch (e) {
      engine.log('error', `监测预警增量评估失败（将在下次写入或每日评估时重试）：${(e as Error).message}`);
    }
  });
  engine.queued = run;
  engine.chain = run;
  return run;
}

/**
 * The statement (a data-modifying WITH query of the audit append, in the write's transaction) that records the
 * write's audit entry — the row of the query named `entry`, with its `id` — as the cause on the marks of the current
 * transaction, returning their sources: the fact tables the write touched, for the caches that depend on them. No
 * entry row, nothing noted.
 */
export function noteMarksCauseSql(entry: string, cause: Omit<FindingCause, 'auditId'>) {
  return sql`update finding_dirty d
    set cause = ${JSON.stringify(cause)}::jsonb || jsonb_build_object('auditId', e.id)
    from ${sql.table(entry)} e where d.xid = txid_current() returning d.source`;
}

// ——— Reads other modules make (the alerts module owns the list, the detail and the export) ———

/** Open findings per org in scope (the org tree's badges). */
export async function activeCountsByOrg(db: Q, scope: ResolvedScope): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('finding as f')
    .innerJoin('org as o', 'o.id', 'f.org_id')
    .select(['f.org_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('f.state', '<>', 'resolved')
    .where(pathInScope(scope, 'o.path'))
    .groupBy('f.org_id')
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}

/** Open findings of some rules in scope (org id and message), e.g. the branch-size problems of the statistics. */
export async function activeFindingsOfRules(db: Q, scope: ResolvedScope, rules: readonly RuleId[]) {
  if (rules.length === 0) return [];
  return db
    .selectFrom('finding as f')
    .innerJoin('org as o', 'o.id', 'f.org_id')
    .select(['f.org_id', 'f.message', 'f.rule_id'])
    .where('f.state', '<>', 'resolved')
    .where('f.rule_id', 'in', [...rules])
    .where(pathInScope(scope, 'o.path'))
    .orderBy('f.org_id')
    .orderBy('f.key')
    .execute();
}
