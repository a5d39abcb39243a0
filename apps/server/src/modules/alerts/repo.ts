/**
 * Reads and hand-made changes of the stored findings (the findings store in http/ keeps them up to date):
 * filtered, counted and paged in SQL, so a list never loads the college.
 */
import {
  type AlertFilter,
  type AlertItem,
  type FindingCause,
  type FindingEvent,
  type RuleId,
  type RuleKind,
  ruleCatalogue,
  ruleIds,
  type Severity,
} from '@dangjian/core';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db, ResolvedScope, Trx } from '../../http/context.ts';
import { escapeLike, pathInScope } from '../../http/scope.ts';

type Q = Db | Trx;
const base = (db: Q) => db.selectFrom('finding as f').innerJoin('org as o', 'o.id', 'f.org_id');
type From = ReturnType<typeof base>;

/** A list filter as the repo applies it: the query's filters, the caller's scope and subtree. */
export interface FindingQuery extends AlertFilter {
  scope: ResolvedScope;
  subtreePath?: string | undefined;
}

/** A facet a count ignores (its own filter). */
export type Facet = 'severity' | 'ruleId' | 'state';

const rulesOfKind = (kind: RuleKind) => ruleIds.filter((id) => ruleCatalogue[id].kind === kind);
const shanghaiDay = sql`(f.first_seen_at at time zone 'Asia/Shanghai')::date`;

/** Findings joined to their org, narrowed by scope and every filter except `except`. */
function filtered(db: Q, q: FindingQuery, except?: Facet): From {
  let b = base(db).where(pathInScope(q.scope, 'o.path'));
  if (q.subtreePath)
    b = q.orgOnly
      ? b.where('o.path', '=', q.subtreePath)
      : b.where('o.path', 'like', `${escapeLike(q.subtreePath)}%`);
  if (except !== 'ruleId' && q.ruleId) b = b.where('f.rule_id', '=', q.ruleId as RuleId);
  if (except !== 'severity' && q.severity) b = b.where('f.severity', '=', q.severity);
  if (except !== 'state') {
    if (q.state === 'active') b = b.where('f.state', '<>', 'resolved');
    else if (q.state !== 'all') b = b.where('f.state', '=', q.state);
  }
  if (q.kind) b = b.where('f.rule_id', 'in', rulesOfKind(q.kind));
  if (q.period) b = b.where('f.period', '=', q.period);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    b = b.where((eb) => eb.or([eb('o.name', 'like', like), eb('f.message', 'like', like)]));
  }
  if (q.appearedFrom) b = b.where(sql<boolean>`${shanghaiDay} >= ${q.appearedFrom}::date`);
  if (q.appearedTo) b = b.where(sql<boolean>`${shanghaiDay} <= ${q.appearedTo}::date`);
  if (q.assigneeId) b = b.where('f.assignee_person_id', '=', q.assigneeId);
  return b;
}

const itemColumns = [
  'f.id',
  'f.key',
  'f.rule_id',
  'f.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'f.person_id',
  'f.subject',
  'f.period',
  'f.severity',
  'f.message',
  'f.suggestion',
  'f.due_date',
  'f.state',
  'f.first_seen_at',
  'f.last_seen_at',
  'f.resolved_at',
  'f.resolved_by',
  'f.acknowledged_at',
  'f.ack_comment',
  'f.assignee_person_id',
  'f.reopen_count',
] as const;

/** Most severe first, then by org and rule; resolved ones after the rest when both are listed. */
async function withNames(b: From, page?: { offset: number; limit: number }) {
  let s = b
    .leftJoin('person as ap', 'ap.id', 'f.assignee_person_id')
    .leftJoin('app_user as au', 'au.id', 'f.acknowledged_by')
    .select([...itemColumns, 'ap.name as assignee_name', 'au.display_name as acknowledged_by_name'])
    .orderBy(sql`case when f.state = 'resolved' then 1 else 0 end`)
    .orderBy(sql`case f.severity when 'error' then 0 when 'warning' then 1 else 2 end`)
    .orderBy('o.path')
    .orderBy('f.rule_id')
    .orderBy('f.key');
  if (page) s = s.offset(page.offset).limit(page.limit);
  return s.execute();
}

type ItemRow = Awaited<ReturnType<typeof withNames>>[number];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A stored finding as the API shows it (title, clause and kind from the catalogue). */
export function presentItem(r: ItemRow): AlertItem {
  const rule = ruleCatalogue[r.rule_id];
  return {
    key: r.key,
    ruleId: r.rule_id,
    severity: r.severity,
    orgId: r.org_id,
    orgName: r.org_name,
    title: rule.title,
    message: r.message,
    suggestion: r.suggestion,
    clause: rule.clause,
    kind: rule.kind,
    ...(r.due_date ? { dueDate: r.due_date } : {}),
    ...(r.person_id !== null ? { personId: r.person_id } : {}),
    ...(r.period ? { period: r.period } : {}),
    ...(r.subject ? { subject: r.subject } : {}),
    state: r.state,
    firstSeenAt: iso(r.first_seen_at)!,
    lastSeenAt: iso(r.last_seen_at)!,
    resolvedAt: iso(r.resolved_at),
    resolvedBy: (r.resolved_by as FindingCause | null) ?? null,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by_name,
    ackComment: r.ack_comment,
    assignee:
      r.assignee_person_id !== null ? { personId: r.assignee_person_id, name: r.assignee_name ?? '' } : null,
    reopenCount: r.reopen_count,
  };
}

/** One page of the findings a query selects, in list order, and how many there are. */
export async function findingPage(db: Q, q: FindingQuery, offset: number, limit: number) {
  const [rows, total] = await Promise.all([
    withNames(filtered(db, q), { offset, limit }),
    filtered(db, q)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentItem), total: Number(total.n) };
}

/** Every finding a query selects (the export), in list order. */
export async function allFindings(db: Q, q: FindingQuery): Promise<AlertItem[]> {
  return (await withNames(filtered(db, q))).map(presentItem);
}

/** Counts per value of a facet, over the findings matching every other filter. */
export async function facetCounts(db: Q, q: FindingQuery, facet: Facet) {
  const column = facet === 'ruleId' ? 'f.rule_id' : facet === 'severity' ? 'f.severity' : 'f.state';
  const rows = await filtered(db, q, facet)
    .select([sql<string>`${sql.ref(column)}`.as('value'), (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(column)
    .execute();
  return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
}

/** The finding of `key` with its org path (for the scope check), or undefined. */
export async function findingByKey(db: Q, key: string, lock = false) {
  const b = filtered(db, { scope: { kind: 'all' }, state: 'all' }).where('f.key', '=', key);
  const [row] = await withNames(lock ? b.forUpdate(['f']) : b);
  return row;
}

/** The history of a finding, oldest first. */
export async function findingEvents(db: Q, findingId: string): Promise<FindingEvent[]> {
  const rows = await db
    .selectFrom('finding_event as e')
    .leftJoin('person as p', 'p.id', 'e.assignee_person_id')
    .select([
      'e.at',
      'e.kind',
      'e.actor_name',
      'e.comment',
      'p.name as assignee_name',
      'e.severity',
      'e.cause',
      'e.rectification_id',
    ])
    .where('e.finding_id', '=', findingId)
    .orderBy('e.id')
    .execute();
  return rows.map((e) => ({
    at: new Date(e.at).toISOString(),
    kind: e.kind,
    actorName: e.actor_name,
    comment: e.comment,
    assigneeName: e.assignee_name,
    severity: e.severity,
    cause: (e.cause as FindingCause | null) ?? null,
    rectificationId: e.rectification_id,
  }));
}

/** Records on a finding's history that a rectification item was opened from it or closed (销号). */
export async function insertRectificationEvent(
  trx: Trx,
  e: {
    findingId: string;
    kind: 'rectification_opened' | 'rectification_closed';
    rectificationId: number;
    by: { userId: number | null; name: string };
    comment: string | null;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('finding_event')
    .values({
      finding_id: e.findingId,
      at: e.at,
      kind: e.kind,
      actor_id: e.by.userId,
      actor_name: e.by.name,
      comment: e.comment,
      rectification_id: e.rectificationId,
    })
    .execute();
}

/** Acknowledges a finding (its row is locked by the caller). */
export async function acknowledge(
  trx: Trx,
  f: { id: string },
  by: { userId: number; name: string },
  comment: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('finding')
    .set({ state: 'acknowledged', acknowledged_at: now, acknowledged_by: by.userId, ack_comment: comment })
    .where('id', '=', f.id)
    .execute();
  await trx
    .insertInto('finding_event')
    .values({
      finding_id: f.id,
      at: now,
      kind: 'acknowledged',
      actor_id: by.userId,
      actor_name: by.name,
      comment,
    })
    .execute();
}

/** Assigns a finding to a person, or withdraws the assignment (null). */
export async function assign(
  trx: Trx,
  f: { id: string },
  by: { userId: number; name: string },
  personId: number | null,
  comment: string | null,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('finding')
    .set({ assignee_person_id: personId, assigned_at: personId === null ? null : now })
    .where('id', '=', f.id)
    .execute();
  await trx
    .insertInto('finding_event')
    .values({
      finding_id: f.id,
      at: now,
      kind: personId === null ? 'unassigned' : 'assigned',
      actor_id: by.userId,
      actor_name: by.name,
      comment,
      assignee_person_id: personId,
    })
    .execute();
}

/** Open findings in scope counted by severity and by rule (the home page). */
export async function activeSummary(db: Q, scope: ResolvedScope) {
  const rows = await db
    .selectFrom('finding as f')
    .innerJoin('org as o', 'o.id', 'f.org_id')
    .select(['f.rule_id', 'f.severity', (eb) => eb.fn.countAll<string>().as('n')])
    .where('f.state', '<>', 'resolved')
    .where(pathInScope(scope, 'o.path'))
    .groupBy(['f.rule_id', 'f.severity'])
    .execute();
  return rows.map((r) => ({ ruleId: r.rule_id, severity: r.severity as Severity, count: Number(r.n) }));
}

/**
 * Open findings in scope counted by severity and by the unit under the top of the tree they fall in: the second
 * id of the org's path (a 党总支 or 直属党支部 with everything below it), or the top org itself for its own
 * findings (党委本级). Each unit comes with its name, type and path.
 */
export async function activeCountsByTopUnit(db: Q, scope: ResolvedScope) {
  const unitId = sql<number>`coalesce(nullif(split_part(o.path, '/', 3), ''), split_part(o.path, '/', 2))::int`;
  const rows = await db
    .selectFrom('finding as f')
    .innerJoin('org as o', 'o.id', 'f.org_id')
    .select([unitId.as('unit_id'), 'f.severity', (eb) => eb.fn.countAll<string>().as('n')])
    .where('f.state', '<>', 'resolved')
    .where(pathInScope(scope, 'o.path'))
    .groupBy([unitId, 'f.severity'])
    .execute();
  const ids = [...new Set(rows.map((r) => r.unit_id))];
  const units = ids.length
    ? await db.selectFrom('org').select(['id', 'name', 'type', 'path']).where('id', 'in', ids).execute()
    : [];
  return {
    counts: rows.map((r) => ({ unitId: r.unit_id, severity: r.severity, count: Number(r.n) })),
    units,
  };
}

/** The org's name (for an export's title), if the org exists. */
export async function orgName(db: Q, orgId: number) {
  return db.selectFrom('org').select('name').where('id', '=', orgId).executeTakeFirst();
}

/** Active orgs per type among those matching `where` (on `o.path`): the dashboard's org counts. */
export async function activeOrgCountsByType(db: Q, where: RawBuilder<SqlBool>) {
  return db
    .selectFrom('org as o')
    .select(['o.type'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('o.archived_at', 'is', null)
    .where(where)
    .groupBy('o.type')
    .execute();
}

/** Active people per party status in orgs matching `where` (on `o.path`): the dashboard's member counts. */
export async function activeMemberCountsByPartyStatus(db: Q, where: RawBuilder<SqlBool>) {
  return db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.party_status'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('p.status', '=', 'active')
    .where(where)
    .groupBy('p.party_status')
    .execute();
}

/** Open findings assigned to a person, most severe first. */
export async function openFindingsAssignedTo(db: Q, personId: number) {
  return db
    .selectFrom('finding as f')
    .innerJoin('org as o', 'o.id', 'f.org_id')
    .select(['f.key', 'f.rule_id', 'f.message', 'f.due_date', 'f.severity', 'o.name as org_name'])
    .where('f.assignee_person_id', '=', personId)
    .where('f.state', '<>', 'resolved')
    .orderBy(sql`case f.severity when 'error' then 0 when 'warning' then 1 else 2 end`)
    .orderBy('f.key')
    .execute();
}
