/**
 * Rectification campaigns (问题清单): the 组织部 issues a round (e.g. “个个过关、全面过硬”) to the orgs in scope — a
 * 党总支 takes part with each of its branches — with the day the problem lists and the day the summary reports are
 * due. Each participating org registers its problems as rectification items of the campaign (through the
 * rectification module's `openRectification`, which asks `campaignForNewItem` here), submits its list (or states
 * that its self-check found none), and later its summary report, whose figures are counted from the items. The
 * level above (the 总支 for its branches, the 组织部 for every org) may return either with a reason. Core decides
 * every step (`applyCampaignTransition`, `allowedCampaignActions`, `rectificationSides`); this file loads the rows,
 * checks scope and sides, and writes the result with its history entry and notifications in the caller's
 * transaction. A campaign is seen by whoever's scope holds one of its orgs, and only those orgs' rows.
 */
import {
  AppError,
  allowedCampaignActions,
  applyCampaignTransition,
  type CampaignDetail,
  type CampaignItem,
  type CampaignListQuery,
  type CampaignPart,
  type CampaignRow,
  type CampaignTransition,
  type CampaignViolation,
  type CreateCampaign,
  campaignDateProblems,
  campaignFieldLabels,
  campaignItemSource,
  campaignKindLabels,
  campaignNoProblemsStatement,
  campaignPartLabels,
  campaignTransitionActor,
  campaignTransitionLabels,
  countCampaignFigures,
  type IsoDate,
  monthDayLabel,
  orgTypeLabels,
  type Page,
  type RectificationSource,
  type ReturnCampaignBody,
  rectificationSides,
  rectificationVerifierLevel,
  type SubmitCampaignListBody,
  type SubmitCampaignSummaryBody,
  toLocalDate,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { isPathInScope, outOfScope, pathInScope } from '../../http/scope.ts';
import { notify, secretariesOf } from '../notifications/service.ts';
import { byUrgency, presentCampaign, presentRow, progressOf, stateOf } from './presenter.ts';
import * as repo from './repo.ts';

const notFound = () => new AppError('NOT_FOUND', '该问题清单不存在');
/** A participating org that is not there, or not in the caller's scope: one answer for both. */
const rowNotFound = () => new AppError('NOT_FOUND', '该问题清单中没有这个党组织，或不在您的管理范围内');
const changed = () => new AppError('CONFLICT', '该党组织的问题清单已被他人修改，请刷新后重试');
const linkOf = (id: number) => `/rectification-campaigns/${id}`;
const isBranch = (type: string) =>
  type === 'branch' || type === 'joint_branch' || type === 'temporary_branch';

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** A refusal of core's: the wrong state (409), or what the step still needs (400 naming it). */
function refusal(violations: readonly CampaignViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  return new AppError('VALIDATION_FAILED', violations[0]!.message, {
    fields: violations.map((v) => ({ path: v.path ?? '', message: v.message })),
  });
}

type Participant = Pick<
  repo.ParticipantRow,
  'org_path' | 'org_type' | 'parent_path' | 'parent_type' | 'list_submitted_at' | 'summary_submitted_at'
>;

/**
 * Which side of a participating org the actor is on (core `rectificationSides`, as for its items): the org
 * itself submits (its secretaries); the level that verifies its items reviews and may return (the 总支 for its
 * branches, the 组织部 for every org). Never both.
 */
export function sidesOf(actor: Actor, r: Participant): { org: boolean; reviewer: boolean } {
  const sides = rectificationSides(
    {
      mayEdit: actor.permissions.has('rectification:item:edit'),
      mayVerify: actor.permissions.has('rectification:item:verify'),
      coversOrg: isPathInScope(actor.scope, r.org_path),
      coversParent: r.parent_path !== null && isPathInScope(actor.scope, r.parent_path),
      coversCollege: actor.scope.kind === 'all',
    },
    rectificationVerifierLevel(r.org_type, r.parent_type),
  );
  return { org: sides.responsible, reviewer: sides.verifier };
}

/** The orgs the actor's own role is granted on (a secretary's branch or 总支): their row is the caller's own. */
const ownOrgIdsOf = (actor: Actor): readonly number[] =>
  actor.scope.kind === 'subtrees' ? actor.scope.orgIds : [];

// Reading

/** Campaigns the actor's scope takes part in, the newest first, with the progress of the orgs in its scope. */
export async function listCampaigns(
  db: Db,
  actor: Actor,
  query: CampaignListQuery,
  today: IsoDate,
): Promise<Page<CampaignItem> & { today: string }> {
  const inScope = (column: string) => pathInScope(actor.scope, column);
  const { rows, total } = await repo.campaignPage(
    db,
    { inScope, year: query.year, q: query.q || undefined },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const ids = rows.map((c) => c.id);
  const [participants, items] = await Promise.all([
    repo.rowsOf(db, ids, inScope('o.path')),
    repo.itemFactsOf(db, ids, inScope('o.path')),
  ]);
  const own = ownOrgIdsOf(actor);
  return {
    items: rows.map((c) => {
      const mine = participants.filter((p) => p.campaign_id === c.id);
      const facts = items
        .filter((i) => i.campaign_id === c.id)
        .map((i) => ({ status: i.status, nextDue: i.next_due }));
      const ownRow = mine.find((p) => own.includes(p.org_id)) ?? null;
      return presentCampaign(c, progressOf(c, mine, facts, today), ownRow, today);
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    today,
  };
}

/**
 * One campaign with its participating orgs in the actor's scope (NOT_FOUND when there is none, exactly as for a
 * campaign that does not exist): those not submitted first, each with its figures, history and abilities.
 */
export async function getCampaignDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<CampaignDetail> {
  const c = await repo.findCampaign(db, id);
  if (!c) throw notFound();
  const scope = pathInScope(actor.scope, 'o.path');
  const [participants, items] = await Promise.all([
    repo.rowsOf(db, [id], scope),
    repo.itemFactsOf(db, [id], scope),
  ]);
  if (participants.length === 0) throw notFound();
  const events = await repo.eventsOf(
    db,
    id,
    participants.map((p) => p.org_id),
  );
  const facts = items.map((i) => ({ orgId: i.org_id, status: i.status, nextDue: i.next_due }));
  const rows: CampaignRow[] = participants
    .map((p) =>
      presentRow(
        p,
        c,
        {
          figures: countCampaignFigures(
            facts.filter((f) => f.orgId === p.org_id),
            today,
          ),
          events: events.filter((e) => e.org_id === p.org_id),
          items: items.filter((i) => i.org_id === p.org_id),
          abilities: allowedCampaignActions(stateOf(p), sidesOf(actor, p)),
        },
        today,
      ),
    )
    .sort(byUrgency);
  const own = ownOrgIdsOf(actor);
  return {
    ...presentCampaign(
      c,
      progressOf(c, participants, facts, today),
      participants.find((p) => own.includes(p.org_id)) ?? null,
      today,
    ),
    description: c.description,
    createdByName: c.created_by_name,
    rows,
    today,
  };
}

/** The campaign if one of its orgs lies in the actor's scope (an item's form names it); out of scope as missing. */
export async function requireCampaignInScope(
  db: Db | Trx,
  actor: Actor,
  campaignId: number,
  field: string,
): Promise<void> {
  const rows = await repo.rowsOf(db, [campaignId], pathInScope(actor.scope, 'o.path'));
  if (rows.length === 0) throw outOfScope(field, campaignFieldLabels.campaignId);
}

/**
 * For `openRectification`: the campaign's list of the org, locked so that the list cannot be submitted while the
 * item is written (FOR SHARE: items of one list may be written side by side). Refuses an org that does not take
 * part, a list already submitted, and a source other than the campaign's; returns what the item takes from it.
 */
export async function campaignForNewItem(
  trx: Trx,
  campaignId: number,
  orgId: number,
  source: RectificationSource,
): Promise<{ name: string; source: RectificationSource }> {
  const r = await repo.lockRow(trx, campaignId, orgId, 'share');
  if (!r) {
    const c = await repo.findCampaign(trx, campaignId);
    if (!c) throw outOfScope('campaignId', campaignFieldLabels.campaignId);
    throw fieldError('campaignId', `问题清单：该党组织不在《${c.name}》的范围内`);
  }
  if (r.list_submitted_at !== null)
    throw new AppError(
      'CONFLICT',
      `${r.org_name}的问题清单已于 ${monthDayLabel(toLocalDate(new Date(r.list_submitted_at)))} 提交，不能再登记问题；确需补充的，请上级党组织退回后再登记`,
    );
  const wanted = campaignItemSource[r.kind];
  if (source !== wanted)
    throw fieldError('source', `问题来源：《${r.campaign_name}》的问题来源为“${campaignKindLabels[r.kind]}”`);
  return { name: r.campaign_name, source: wanted };
}

// Issuing

/**
 * The orgs that must submit, from the orgs chosen: a 党总支 with its branches (not archived), a 党支部 alone. The
 * 党委 itself and 党小组 do not submit; an archived org cannot be chosen. Unknown ids answer as out of scope.
 */
async function participantsOf(
  trx: Trx,
  actor: Actor,
  orgIds: readonly number[],
): Promise<{ id: number; name: string; path: string }[]> {
  const chosen = await repo.orgsByIds(trx, orgIds);
  const byId = new Map(chosen.map((o) => [o.id, o]));
  for (const id of orgIds) {
    const o = byId.get(id);
    if (!o || !isPathInScope(actor.scope, o.path)) throw outOfScope('orgIds', campaignFieldLabels.orgIds);
  }
  for (const o of chosen) {
    if (o.archived_at !== null) throw fieldError('orgIds', `参加的党组织：${o.name}已撤销`);
    if (o.type === 'committee' || o.type === 'group')
      throw fieldError(
        'orgIds',
        `参加的党组织：问题清单由党总支和党支部报送，${orgTypeLabels[o.type]}（${o.name}）不单独报送`,
      );
  }
  const general = chosen.filter((o) => o.type === 'general_branch').map((o) => o.id);
  const all = new Map<number, { id: number; name: string; path: string }>();
  for (const o of [...chosen, ...(await repo.branchesUnder(trx, general))])
    if (o.type === 'general_branch' || isBranch(o.type)) all.set(o.id, o);
  return [...all.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * POST /api/rectification-campaigns: the 组织部 issues a campaign on behalf of the 党委 to the orgs chosen (a 总支
 * with its branches); each org's secretaries are told. Returns its id.
 */
export async function createCampaign(
  trx: Trx,
  actor: Actor,
  body: CreateCampaign,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const orgs = await participantsOf(trx, actor, body.orgIds);
  const problems = campaignDateProblems(body, today, true);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: problems });
  // The 党委 issues: the root of the tree the orgs belong to.
  const issuerOrgId = Number(orgs[0]!.path.split('/')[1]);
  const id = await repo.insertCampaign(trx, {
    issuer_org_id: issuerOrgId,
    name: body.name,
    year: body.year,
    kind: body.kind,
    issued_on: today,
    list_due_on: body.listDueOn,
    summary_due_on: body.summaryDueOn,
    description: body.description,
    created_by: actor.userId,
    updated_at: now,
  });
  await repo.insertRows(
    trx,
    orgs.map((o) => ({ campaign_id: id, org_id: o.id, updated_at: now })),
  );
  await tell(
    trx,
    orgs.map((o) => o.id),
    actor.userId,
    now,
    {
      kind: 'rectification_campaign.issued',
      key: `rectification_campaign.issued:${id}`,
      title: `问题清单工作部署：${body.name}`,
      body: `请查摆问题、逐项登记整改事项，于 ${monthDayLabel(body.listDueOn)} 前提交问题清单，${monthDayLabel(body.summaryDueOn)} 前提交整改总结。`,
      link: linkOf(id),
    },
  );
  Object.assign(change, {
    targetType: 'rectification_campaign',
    targetId: id,
    summary: `部署问题清单工作：${body.name}（${orgs.length}个党组织）`,
    after: {
      name: body.name,
      year: body.year,
      kind: body.kind,
      listDueOn: body.listDueOn,
      summaryDueOn: body.summaryDueOn,
      orgIds: orgs.map((o) => o.id),
      orgCount: orgs.length,
    },
  });
  return id;
}

// Submitting and returning

/** Locks a participating org in the actor's scope (NOT_FOUND otherwise); refuses a version other than the one read. */
async function loadForChange(
  trx: Trx,
  actor: Actor,
  campaignId: number,
  orgId: number,
  version: number | undefined,
): Promise<repo.LockedRow> {
  const r = await repo.lockRow(trx, campaignId, orgId, 'update');
  if (!r || !isPathInScope(actor.scope, r.org_path)) throw rowNotFound();
  if (version !== undefined && r.version !== version) throw changed();
  return r;
}

/**
 * One transition of core's machine on a participating org, under its row lock: the wrong state answers 409 with
 * core's message, the wrong side 403, what the step still needs 400 naming it.
 */
function decide(
  actor: Actor,
  r: repo.LockedRow,
  t: CampaignTransition,
  facts: Parameters<typeof applyCampaignTransition>[2],
): void {
  const result = applyCampaignTransition(stateOf(r), t, facts);
  if (!result.ok && result.violations.some((v) => v.kind === 'conflict')) throw refusal(result.violations);
  const sides = sidesOf(actor, r);
  if (campaignTransitionActor[t] === 'org' && !sides.org)
    throw new AppError('FORBIDDEN', `${campaignTransitionLabels[t]}由${r.org_name}办理`);
  if (campaignTransitionActor[t] === 'reviewer' && !sides.reviewer)
    throw new AppError('FORBIDDEN', `${campaignTransitionLabels[t]}由${r.org_name}的上级党组织办理`);
  if (!result.ok) throw refusal(result.violations);
}

/**
 * POST /api/rectification-campaigns/{id}/orgs/{orgId}/list: the org submits its problem list — the items it
 * registered with the campaign, or none with the statement 经自查未发现问题.
 */
export async function submitList(
  trx: Trx,
  actor: Actor,
  campaignId: number,
  orgId: number,
  body: SubmitCampaignListBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, campaignId, orgId, body.version);
  const items = await repo.itemFactsOfRow(trx, campaignId, orgId);
  const noProblems = body.noProblems ?? false;
  decide(actor, r, 'submit_list', { itemCount: items.length, noProblems });
  const note = body.note?.trim() || null;
  const ok = await repo.updateRow(trx, campaignId, orgId, r.version, {
    list_submitted_at: now,
    list_submitted_by: actor.userId,
    list_submitted_by_name: actor.displayName,
    no_problems: noProblems,
    list_note: note,
    list_returned_at: null,
    list_returned_by_name: null,
    list_return_reason: null,
    updated_at: now,
  });
  if (!ok) throw changed();
  const what = noProblems ? campaignNoProblemsStatement : `${items.length}个问题`;
  await event(trx, actor, campaignId, orgId, now, 'submit_list', note ? `${what}。${note}` : what);
  Object.assign(change, {
    targetType: 'rectification_campaign',
    targetId: campaignId,
    summary: `提交问题清单（${what}）：${r.org_name}《${r.campaign_name}》`,
    after: { orgId, items: items.length, noProblems, ...(note ? { note } : {}) },
  });
}

/**
 * POST /api/rectification-campaigns/{id}/orgs/{orgId}/summary: the org submits its summary report; the figures it
 * reports are counted from its items now and kept with it.
 */
export async function submitSummary(
  trx: Trx,
  actor: Actor,
  campaignId: number,
  orgId: number,
  body: SubmitCampaignSummaryBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, campaignId, orgId, body.version);
  decide(actor, r, 'submit_summary', { itemCount: 0, summary: body.summary });
  const figures = countCampaignFigures(
    (await repo.itemFactsOfRow(trx, campaignId, orgId)).map((i) => ({
      status: i.status,
      nextDue: i.next_due,
    })),
    today,
  );
  const ok = await repo.updateRow(trx, campaignId, orgId, r.version, {
    summary: body.summary.trim(),
    summary_submitted_at: now,
    summary_submitted_by: actor.userId,
    summary_submitted_by_name: actor.displayName,
    summary_items: figures.items,
    summary_closed: figures.closed,
    summary_open: figures.open,
    summary_overdue: figures.overdue,
    summary_returned_at: null,
    summary_returned_by_name: null,
    summary_return_reason: null,
    updated_at: now,
  });
  if (!ok) throw changed();
  const counted = `问题${figures.items}个，已销号${figures.closed}个，整改中${figures.open}个，逾期${figures.overdue}个`;
  await event(trx, actor, campaignId, orgId, now, 'submit_summary', counted);
  Object.assign(change, {
    targetType: 'rectification_campaign',
    targetId: campaignId,
    summary: `提交整改总结（${counted}）：${r.org_name}《${r.campaign_name}》`,
    after: { orgId, figures },
  });
}

/**
 * POST /api/rectification-campaigns/{id}/orgs/{orgId}/return: the level above returns the org's list (its items
 * may then be added to) or its summary (kept as the draft) with the reason; the org's secretaries are told.
 */
export async function returnPart(
  trx: Trx,
  actor: Actor,
  campaignId: number,
  orgId: number,
  body: ReturnCampaignBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForChange(trx, actor, campaignId, orgId, body.version);
  const part: CampaignPart = body.part;
  const t: CampaignTransition = part === 'list' ? 'return_list' : 'return_summary';
  decide(actor, r, t, { itemCount: 0, reason: body.reason });
  const reason = body.reason.trim();
  const ok = await repo.updateRow(
    trx,
    campaignId,
    orgId,
    r.version,
    part === 'list'
      ? {
          list_submitted_at: null,
          list_submitted_by: null,
          list_submitted_by_name: null,
          no_problems: false,
          list_returned_at: now,
          list_returned_by_name: actor.displayName,
          list_return_reason: reason,
          updated_at: now,
        }
      : {
          summary_submitted_at: null,
          summary_submitted_by: null,
          summary_submitted_by_name: null,
          summary_items: null,
          summary_closed: null,
          summary_open: null,
          summary_overdue: null,
          summary_returned_at: now,
          summary_returned_by_name: actor.displayName,
          summary_return_reason: reason,
          updated_at: now,
        },
  );
  if (!ok) throw changed();
  await event(trx, actor, campaignId, orgId, now, t, reason);
  const what = campaignPartLabels[part];
  await tell(trx, [orgId], actor.userId, now, {
    kind: 'rectification_campaign.returned',
    key: `rectification_campaign.returned:${campaignId}:${orgId}:${r.version + 1}`,
    title: `${what}被退回：${r.campaign_name}`,
    body: `${actor.displayName}退回了${r.org_name}的${what}：${reason}。请修改后重新提交。`,
    link: linkOf(campaignId),
  });
  Object.assign(change, {
    targetType: 'rectification_campaign',
    targetId: campaignId,
    summary: `退回${what}：${r.org_name}《${r.campaign_name}》`,
    after: { orgId, part, reason },
  });
}

/** Appends one entry to a participating org's history, by the actor, in the change's transaction. */
async function event(
  trx: Trx,
  actor: Actor,
  campaignId: number,
  orgId: number,
  now: Date,
  kind: CampaignTransition,
  note: string | null,
): Promise<void> {
  await repo.insertEvent(trx, {
    campaign_id: campaignId,
    org_id: orgId,
    at: now,
    kind,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    note,
  });
}

/** Tells the secretaries of the orgs (less the one who acted), once per key. */
async function tell(
  trx: Trx,
  orgIds: readonly number[],
  actorUserId: number | null,
  now: Date,
  m: Omit<Parameters<typeof notify>[1], 'userIds'>,
): Promise<void> {
  const users = new Set<number>();
  for (const orgId of orgIds) for (const u of await secretariesOf(trx, orgId)) users.add(u);
  if (actorUserId !== null) users.delete(actorUserId);
  if (users.size > 0) await notify(trx, { ...m, userIds: [...users] }, now);
}
