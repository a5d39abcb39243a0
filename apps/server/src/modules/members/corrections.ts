import {
  AppError,
  type CorrectableField,
  type Correction,
  checkMemberRecord,
  type IsoDate,
  impliedBirthAndGender,
  type MemberRecord,
  type MyMemberRecord,
  maskIdNumber,
  maskPhone,
  memberFieldLabels,
  type Page,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { assertInScope, duplicateIdNumberElsewhere, nameIfInScope, pathInScope } from '../../http/scope.ts';
import { shouldUnmask } from '../../http/sensitive.ts';
import { fromPersonColumns, toPersonColumns } from './record.ts';
import * as repo from './repo.ts';
import { getMember, recordMemberEvents } from './service.ts';

type Changes = Partial<Record<CorrectableField, { from: unknown; to: unknown }>>;

type CorrectionRow = repo.CorrectionRow;

function maskChange(field: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (field === 'idNumber') return maskIdNumber(value);
  if (field === 'phone') return maskPhone(value);
  return value;
}

function presentCorrection(r: CorrectionRow, viewer: { masked: boolean; canDecide: boolean }): Correction {
  const changes = r.changes as Changes;
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    branchName: r.org_name,
    changes: Object.fromEntries(
      Object.entries(changes).map(([f, c]) => [
        f,
        viewer.masked
          ? { from: maskChange(f, c?.from), to: maskChange(f, c?.to) }
          : (c ?? { from: null, to: null }),
      ]),
    ),
    reason: r.reason,
    status: r.status as Correction['status'],
    requestedAt: new Date(r.requested_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decidedByName: r.decided_by_name,
    decisionNote: r.decision_note,
    canDecide: viewer.canDecide && r.status === 'pending',
  };
}

/** Problems a change would add to a record (problems it already had do not block a correction). */
function newProblems(before: MemberRecord, after: MemberRecord, today: IsoDate) {
  const existing = new Set(checkMemberRecord(before, today).map((p) => p.message));
  const implied = impliedBirthAndGender(after);
  const completed = {
    ...after,
    birthDate: after.birthDate ?? implied.birthDate,
    gender: after.gender ?? implied.gender,
  };
  return checkMemberRecord(completed, today).filter((p) => !existing.has(p.message));
}

/** The signed-in user's own record (in full: it is theirs) and their correction requests. */
export async function myMemberRecord(db: Db, actor: Actor, today: IsoDate): Promise<MyMemberRecord> {
  if (actor.personId === null) return { member: null, corrections: [] };
  const self: Actor = {
    ...actor,
    scope: { kind: 'all' },
    permissions: new Set(['member:member:sensitive']),
  };
  const member = await getMember(db, self, actor.personId, true, today);
  const rows = await repo.correctionsOfPerson(db, actor.personId, 50);
  return {
    member: {
      ...member,
      abilities: { edit: false, viewSensitive: false, transfer: false, leave: false, editPosts: false },
    },
    corrections: rows.map((r) => presentCorrection(r, { masked: false, canDecide: false })),
  };
}

/** A member asks their branch to correct fields of their own record. */
export async function requestCorrection(
  trx: Trx,
  actor: Actor,
  body: { changes: Partial<Record<CorrectableField, unknown>>; reason: string },
  today: IsoDate,
  change: AuditChange,
): Promise<Correction> {
  if (actor.personId === null) throw new AppError('FORBIDDEN', '当前账号未关联党员档案');
  const row = await repo.findMember(trx, actor.personId);
  if (row?.status !== 'active') throw new AppError('RULE_VIOLATION', '您的党员档案不在册，不能申请更正');
  const before = fromPersonColumns(row);
  const changes: Changes = {};
  for (const [field, to] of Object.entries(body.changes) as [CorrectableField, unknown][]) {
    if (to === undefined) continue;
    if (before[field] === to) continue;
    changes[field] = { from: before[field], to };
  }
  if (Object.keys(changes).length === 0)
    throw new AppError('VALIDATION_FAILED', '更正内容：与现有信息相同，无需更正', {
      fields: [{ path: 'changes', message: '更正内容：与现有信息相同，无需更正' }],
    });
  const after = {
    ...before,
    ...Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c?.to])),
  } as MemberRecord;
  const problems = newProblems(before, after, today);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), {
      fields: problems.map((p) => ({ path: `changes.${p.path}`, message: p.message })),
    });
  const inserted = await repo.insertCorrection(trx, {
    person_id: actor.personId,
    requested_by: actor.userId,
    changes: JSON.stringify(changes),
    reason: body.reason,
  });
  const labels = Object.keys(changes)
    .map((f) => memberFieldLabels[f as CorrectableField])
    .join('、');
  await recordMemberEvents(trx, actor, [
    { personId: actor.personId, kind: 'correction_requested', on: today, summary: `申请更正${labels}` },
  ]);
  Object.assign(change, {
    targetType: 'member_correction',
    targetId: inserted.id,
    summary: `${row.name}申请更正${labels}`,
  });
  const saved = await repo.getCorrection(trx, inserted.id);
  return presentCorrection(saved, { masked: false, canDecide: false });
}

/** The requester withdraws a pending request. */
export async function withdrawCorrection(
  trx: Trx,
  actor: Actor,
  id: number,
  change: AuditChange,
): Promise<Correction> {
  const row = await repo.lockCorrection(trx, id);
  if (!row || row.person_id !== actor.personId) throw new AppError('NOT_FOUND');
  if (row.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理，不能撤回');
  await repo.updateCorrection(trx, id, { status: 'withdrawn' });
  Object.assign(change, {
    targetType: 'member_correction',
    targetId: id,
    summary: `${row.person_name}撤回更正申请`,
  });
  const saved = await repo.getCorrection(trx, id);
  return presentCorrection(saved, { masked: false, canDecide: false });
}

/** Correction requests of members in the reviewer's scope, newest first. */
export async function listCorrections(
  db: Db,
  actor: Actor,
  query: {
    status?: Correction['status'] | undefined;
    page: number;
    pageSize: number;
    unmasked?: boolean | undefined;
  },
): Promise<Page<Correction>> {
  const { rows, count } = await repo.listCorrectionRows(
    db,
    pathInScope(actor.scope, 'o.path'),
    query.status,
    {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    },
  );
  const viewer = {
    masked: !shouldUnmask(actor, query.unmasked),
    canDecide: actor.permissions.has('member:correction:review'),
  };
  return {
    items: rows.map((r) => presentCorrection(r, viewer)),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * The branch approves (the changes are applied, re-checked against the record as it is now) or
 * rejects (with a reason) a correction request.
 */
export async function decideCorrection(
  trx: Trx,
  actor: Actor,
  id: number,
  body: { approve: boolean; note: string | null },
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<Correction> {
  const row = await repo.lockCorrection(trx, id);
  assertInScope(actor.scope, row?.org_path);
  if (row!.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
  if (!body.approve && body.note === null)
    throw new AppError('VALIDATION_FAILED', '处理意见：驳回时须说明理由', {
      fields: [{ path: 'note', message: '处理意见：驳回时须说明理由' }],
    });
  const changes = row!.changes as Changes;
  const labels = Object.keys(changes)
    .map((f) => memberFieldLabels[f as CorrectableField])
    .join('、');
  if (body.approve) {
    const locked = await repo.lockPerson(trx, row!.person_id);
    if (locked?.status !== 'active') throw new AppError('RULE_VIOLATION', '该党员已不在册，不能更正');
    const person = (await repo.findMember(trx, row!.person_id))!;
    const before = fromPersonColumns(person);
    const stale = Object.entries(changes).filter(([f, c]) => before[f as CorrectableField] !== c?.from);
    if (stale.length > 0)
      throw new AppError(
        'CONFLICT',
        `${stale.map(([f]) => memberFieldLabels[f as CorrectableField]).join('、')}已在申请后被修改，请驳回并请党员重新申请`,
      );
    const after = {
      ...before,
      ...Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c?.to])),
    } as MemberRecord;
    const problems = newProblems(before, after, today);
    if (problems.length > 0)
      throw new AppError(
        'RULE_VIOLATION',
        `更正后的信息不符合要求：${problems.map((p) => p.message).join('；')}`,
      );
    if (after.idNumber !== before.idNumber && after.idNumber !== null) {
      const other = await repo.findByIdNumber(trx, after.idNumber);
      if (other && other.id !== row!.person_id) {
        const name = await nameIfInScope(trx, actor, other);
        throw new AppError(
          'CONFLICT',
          name === null ? duplicateIdNumberElsewhere : `${memberFieldLabels.idNumber}：与“${name}”重复`,
        );
      }
    }
    await repo.updatePersonRecord(trx, row!.person_id, toPersonColumns(after), now);
  }
  await repo.updateCorrection(trx, id, {
    status: body.approve ? 'approved' : 'rejected',
    decided_by: actor.userId,
    decided_at: now,
    decision_note: body.note,
  });
  await recordMemberEvents(trx, actor, [
    {
      personId: row!.person_id,
      kind: 'correction_decided',
      on: today,
      summary: `${body.approve ? '同意' : '驳回'}更正${labels}${body.note ? `（${body.note}）` : ''}`,
    },
  ]);
  Object.assign(change, {
    targetType: 'member_correction',
    targetId: id,
    summary: `${body.approve ? '同意' : '驳回'}${row!.person_name}的更正申请（${labels}）`,
  });
  const saved = await repo.getCorrection(trx, id);
  // After a decision the changes are shown masked; the list can ask for them in full.
  return presentCorrection(saved, { masked: true, canDecide: true });
}
