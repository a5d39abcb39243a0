import {
  type AlertDetail,
  type AlertFilter,
  type AlertItem,
  AppError,
  allowedFindingActions,
  assertFindingAction,
  type Clause,
  type FindingState,
  type OrgType,
  type RuleId,
  ruleCatalogue,
  type Severity,
  severities,
} from '@dangjian/core';
import type { Actor, Db, Trx } from '../../http/context.ts';
import { lastEvaluatedAt } from '../../http/findings-store.ts';
import { isPathInScope, requirePeopleInScope, subtreePathInScope } from '../../http/scope.ts';
import { notify, usersOfPeople } from '../notifications/service.ts';
import * as repo from './repo.ts';

/** The counts the filter chips show: each facet over the findings matching every other filter. */
export interface AlertCounts {
  bySeverity: Record<Severity, number>;
  byState: { open: number; acknowledged: number; resolved: number };
  byRule: { ruleId: RuleId; title: string; severity: Severity; count: number }[];
}

async function queryOf(db: Db, actor: Actor, filter: AlertFilter): Promise<repo.FindingQuery> {
  const subtreePath = filter.orgId ? await subtreePathInScope(db, actor, filter.orgId) : undefined;
  return { ...filter, scope: actor.scope, subtreePath };
}

/** One page of the stored findings in the caller's scope that the filter selects, with the chips' counts. */
export async function listAlerts(
  db: Db,
  actor: Actor,
  filter: AlertFilter,
  page: { page: number; pageSize: number },
) {
  const q = await queryOf(db, actor, filter);
  const [list, sev, states, rules, evaluatedAt] = await Promise.all([
    repo.findingPage(db, q, (page.page - 1) * page.pageSize, page.pageSize),
    repo.facetCounts(db, q, 'severity'),
    repo.facetCounts(db, q, 'state'),
    repo.facetCounts(db, q, 'ruleId'),
    lastEvaluatedAt(db),
  ]);
  const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  for (const c of sev) bySeverity[c.value as Severity] = c.count;
  const byState = { open: 0, acknowledged: 0, resolved: 0 };
  for (const c of states) byState[c.value as keyof typeof byState] = c.count;
  const counts: AlertCounts = {
    bySeverity,
    byState,
    byRule: rules
      .map((c) => {
        const rule = ruleCatalogue[c.value as RuleId];
        return { ruleId: c.value as RuleId, title: rule.title, severity: rule.severity, count: c.count };
      })
      .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, 'zh-CN')),
  };
  return { ...list, counts, evaluatedAt };
}

/** Every stored finding the filter selects (the export), and the subtree's name for its title. */
export async function exportAlerts(
  db: Db,
  actor: Actor,
  filter: AlertFilter,
): Promise<{ items: AlertItem[]; orgName: string | undefined }> {
  const q = await queryOf(db, actor, filter);
  const [items, org] = await Promise.all([
    repo.allFindings(db, q),
    filter.orgId ? repo.orgName(db, filter.orgId) : undefined,
  ]);
  return { items, orgName: org?.name };
}

/** The finding of `key` if the caller may see it; NOT_FOUND otherwise, exactly as for a missing one. */
async function findingInScope(db: Db | Trx, actor: Actor, key: string, lock = false) {
  const row = await repo.findingByKey(db, key, lock);
  if (!row || !isPathInScope(actor.scope, row.org_path)) throw new AppError('NOT_FOUND', '该预警不存在');
  return row;
}

/**
 * GET /api/alerts/{key}: the finding, its history and what the caller may do with it. Whoever may read the alerts
 * of its org sees it, and so does the person it is assigned to (a member asked to fix something can read what);
 * anyone else is answered as for a missing one.
 */
export async function getAlert(db: Db, actor: Actor, key: string): Promise<AlertDetail> {
  const row = await repo.findingByKey(db, key);
  const reads =
    actor.permissions.has('alert:alert:view') &&
    row !== undefined &&
    isPathInScope(actor.scope, row.org_path);
  const assignee = row !== undefined && actor.personId !== null && row.assignee_person_id === actor.personId;
  if (!row || !(reads || assignee)) throw new AppError('NOT_FOUND', '该预警不存在');
  const events = await repo.findingEvents(db, row.id);
  const allowed =
    actor.permissions.has('alert:alert:handle') && isPathInScope(actor.scope, row.org_path)
      ? allowedFindingActions(row.state)
      : [];
  return {
    item: repo.presentItem(row),
    events,
    abilities: { acknowledge: allowed.includes('acknowledge'), assign: allowed.includes('assign') },
  };
}

/** A finding as a rectification item needs it: to open an item from it, or to link it as resolved evidence. */
export interface FindingForRectification {
  id: string;
  key: string;
  state: FindingState;
  orgId: number;
  orgPath: string;
  orgName: string;
  title: string;
  message: string;
  clause: Clause;
  dueDate: string | null;
  assigneePersonId: number | null;
  resolvedAt: Date | null;
}

/**
 * The finding of `key` for the rectification module, if it lies in the caller's scope (NOT_FOUND otherwise, as
 * for a missing one). With `lock` its row stays locked to the end of the transaction, so two requests opening an
 * item from the same finding run one after the other.
 */
export async function findingForRectification(
  db: Db | Trx,
  actor: Actor,
  key: string,
  lock = false,
): Promise<FindingForRectification> {
  const row = await findingInScope(db, actor, key, lock);
  const rule = ruleCatalogue[row.rule_id];
  return {
    id: row.id,
    key: row.key,
    state: row.state,
    orgId: row.org_id,
    orgPath: row.org_path,
    orgName: row.org_name,
    title: rule.title,
    message: row.message,
    clause: rule.clause,
    dueDate: row.due_date,
    assigneePersonId: row.assignee_person_id,
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at),
  };
}

/**
 * Writes on a finding's history that a rectification item was opened from it, or that the item was closed (销号),
 * naming the item (the alert's page links to it). The rectification service calls it in its own transaction.
 */
export async function recordFindingRectification(
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
  await repo.insertRectificationEvent(trx, e);
}

/** 确认: the finding is known and being dealt with. It stays listed for everyone, the levels above included. */
export async function acknowledgeAlert(
  trx: Trx,
  actor: Actor,
  key: string,
  comment: string,
  now: Date,
): Promise<{ id: string; summary: string }> {
  const row = await findingInScope(trx, actor, key, true);
  assertFindingAction(row.state, 'acknowledge');
  await repo.acknowledge(trx, row, { userId: actor.userId, name: actor.displayName }, comment, now);
  return { id: row.id, summary: `确认预警：${row.org_name} ${ruleCatalogue[row.rule_id].title}` };
}

/** 指派: names the person responsible (someone in the caller's scope), or withdraws the assignment. */
export async function assignAlert(
  trx: Trx,
  actor: Actor,
  key: string,
  body: { personId: number | null; comment?: string | undefined },
  now: Date,
): Promise<{ id: string; summary: string }> {
  const row = await findingInScope(trx, actor, key, true);
  assertFindingAction(row.state, 'assign');
  if (body.personId !== null) await requirePeopleInScope(trx, actor, [body.personId], 'personId', '责任人');
  if (body.personId === row.assignee_person_id)
    throw new AppError('CONFLICT', body.personId === null ? '该预警尚未指派' : '该预警已指派给此人');
  await repo.assign(
    trx,
    row,
    { userId: actor.userId, name: actor.displayName },
    body.personId,
    body.comment || null,
    now,
  );
  if (body.personId !== null) await tellAssignee(trx, row, body.personId, body.comment ?? null, now);
  return {
    id: row.id,
    summary: `${body.personId === null ? '取消指派' : '指派'}预警：${row.org_name} ${ruleCatalogue[row.rule_id].title}`,
  };
}

/** The person a finding is now assigned to hears of it (through their account, if they have one). */
async function tellAssignee(
  trx: Trx,
  row: { key: string; rule_id: RuleId; org_name: string; message: string },
  personId: number,
  comment: string | null,
  now: Date,
): Promise<void> {
  await notify(
    trx,
    {
      kind: 'finding.assigned',
      key: `finding.assigned:${row.key}:${personId}:${now.getTime()}`,
      userIds: await usersOfPeople(trx, [personId]),
      title: `指派给我的预警：${ruleCatalogue[row.rule_id].title}`,
      body: `${row.org_name}：${row.message}${comment ? `（${comment}）` : ''}`,
      link: `/alerts/${row.key}`,
    },
    now,
  );
}

/** Open findings in scope by severity and rule (the home page). */
export async function alertSummary(db: Db, actor: Actor) {
  const rows = await repo.activeSummary(db, actor.scope);
  const counts = { error: 0, warning: 0, info: 0, total: 0 };
  const byRule = new Map<RuleId, number>();
  for (const r of rows) {
    counts[r.severity] += r.count;
    counts.total += r.count;
    byRule.set(r.ruleId, (byRule.get(r.ruleId) ?? 0) + r.count);
  }
  return {
    counts,
    byRule: [...byRule.entries()]
      .map(([ruleId, count]) => ({ ruleId, title: ruleCatalogue[ruleId].title, count }))
      .sort((a, b) => b.count - a.count),
  };
}

/** Open findings of one unit under the top of the tree, by severity. */
export interface UnitFindingCounts {
  org: { id: number; name: string; type: OrgType };
  /** The top org's own findings (党委本级), not its whole subtree. */
  own: boolean;
  counts: Record<Severity, number>;
  total: number;
}

/**
 * Open findings in scope per unit under the 党委 (a 党总支 or 直属党支部 with its subtree; the 党委's own as
 * 党委本级), most serious first: by 违规, then 预警, then 提醒 (core severities), then name. GET /api/alerts with the unit's orgId
 * (and orgOnly for 党委本级) lists exactly what a count counts.
 */
export async function openFindingsByUnit(db: Db, actor: Actor): Promise<UnitFindingCounts[]> {
  const { counts, units } = await repo.activeCountsByTopUnit(db, actor.scope);
  const byId = new Map<number, UnitFindingCounts>();
  for (const u of units)
    byId.set(u.id, {
      org: { id: u.id, name: u.name, type: u.type },
      own: u.path.split('/').filter(Boolean).length === 1,
      counts: Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>,
      total: 0,
    });
  for (const c of counts) {
    const unit = byId.get(c.unitId);
    if (!unit) continue;
    unit.counts[c.severity] += c.count;
    unit.total += c.count;
  }
  return [...byId.values()].sort(
    (a, b) =>
      severities.reduce((d, s) => d || b.counts[s] - a.counts[s], 0) ||
      a.org.name.localeCompare(b.org.name, 'zh-CN'),
  );
}

/** Acknowledges a finding on someone's behalf without a request (the demo's planted history). */
export async function acknowledgeAs(
  trx: Trx,
  by: { userId: number; name: string },
  key: string,
  comment: string,
  now: Date,
): Promise<void> {
  const row = await repo.findingByKey(trx, key, true);
  if (!row) throw new AppError('NOT_FOUND', '该预警不存在');
  assertFindingAction(row.state, 'acknowledge');
  await repo.acknowledge(trx, row, by, comment, now);
}

/** Assigns a finding on someone's behalf without a request (the demo's planted history). */
export async function assignAs(
  trx: Trx,
  by: { userId: number; name: string },
  key: string,
  personId: number,
  comment: string,
  now: Date,
): Promise<void> {
  const row = await repo.findingByKey(trx, key, true);
  if (!row) throw new AppError('NOT_FOUND', '该预警不存在');
  assertFindingAction(row.state, 'assign');
  await repo.assign(trx, row, by, personId, comment, now);
  await tellAssignee(trx, row, personId, comment, now);
}

/** The assessment metrics read from the findings (a provider of the assessment module). */
export { computeFindingMetrics, findingMetricKeys } from './metrics.ts';
