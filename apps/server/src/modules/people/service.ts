import { AppError, type DualLeaderKind, type PersonOption } from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { assertInScope, pathInScope, subtreePathInScope } from '../../http/scope.ts';
import * as repo from './repo.ts';

type PersonRow = {
  id: number;
  name: string;
  org_id: number | null;
  org_name: string | null;
  party_status: string | null;
  category: string;
  is_dual_leader: boolean;
};

function present(p: PersonRow): PersonOption {
  return {
    id: p.id,
    name: p.name,
    orgId: p.org_id,
    orgName: p.org_name,
    partyStatus: p.party_status as PersonOption['partyStatus'],
    category: p.category,
    isDualLeader: p.is_dual_leader,
  };
}

/** Active people within the actor's scope, optionally within one org's subtree and by name. */
export async function listPeople(
  db: Db,
  actor: Actor,
  query: { q?: string; orgId?: number; limit: number },
): Promise<PersonOption[]> {
  const rows = await repo.listPersonOptionRows(db, pathInScope(actor.scope, 'o.path'), {
    subtreePath: query.orgId ? await subtreePathInScope(db, actor, query.orgId) : undefined,
    q: query.q,
    limit: query.limit,
  });
  return rows.map(present);
}

/** Marks (or unmarks) a teacher member as a 双带头人. */
export async function setDualLeader(
  trx: Trx,
  actor: Actor,
  id: number,
  body: {
    isDualLeader: boolean;
    dualLeaderKind?: DualLeaderKind | null | undefined;
    dualLeaderNote?: string | null | undefined;
  },
  now: Date,
  change: AuditChange,
): Promise<PersonOption> {
  const before = await repo.lockDualLeaderFields(trx, id);
  assertInScope(actor.scope, before?.path);
  if (body.isDualLeader && before!.category !== 'staff')
    throw new AppError('RULE_VIOLATION', '“双带头人”只适用于教师党员');
  const kind = body.isDualLeader ? (body.dualLeaderKind ?? null) : null;
  if (body.isDualLeader && kind === null)
    throw new AppError('VALIDATION_FAILED', '类型：请选择专业带头人或学术带头人', {
      fields: [{ path: 'dualLeaderKind', message: '类型：请选择专业带头人或学术带头人' }],
    });
  await repo.updatePersonRow(trx, id, {
    is_dual_leader: body.isDualLeader,
    dual_leader_kind: kind,
    dual_leader_note: body.isDualLeader ? (body.dualLeaderNote ?? null) : null,
    updated_at: now,
  });
  Object.assign(change, {
    targetType: 'person',
    targetId: id,
    summary: `${body.isDualLeader ? '认定' : '取消'}“双带头人”：${before!.name}`,
    before: { isDualLeader: before!.is_dual_leader, note: before!.dual_leader_note },
    after: body,
  });
  const row = await repo.getPersonOptionRow(trx, id);
  return present(row);
}
