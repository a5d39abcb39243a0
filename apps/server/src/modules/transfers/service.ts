import {
  AppError,
  allowedTransferActions,
  type CancelTransfer,
  type ConfirmTransfer,
  type CreateTransfer,
  canHoldMembers,
  checkIncomingLetter,
  checkInternalRequest,
  checkMemberRecord,
  checkOutgoingLetter,
  checkPlacementDate,
  checkReceiptDate,
  checkTransferDate,
  completedYears,
  type Ethnicity,
  ethnicityLabels,
  type FieldProblem,
  impliedBirthAndGender,
  letterExpiresOn,
  type MemberRecord,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
  type Page,
  type PlaceTransfer,
  type RecordReceipt,
  type RejectTransfer,
  type TransferAbilities,
  type TransferAction,
  type TransferDetail,
  type TransferKind,
  type TransferListItem,
  type TransferSide,
  type TransferStatus,
  type TransferTargetOrg,
  transferActionLabels,
  transferActions,
  transferFieldLabels,
  transferKindLabels,
  transferStatusLabels,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import {
  assertInScope,
  isPathInScope,
  nameIfInScope,
  pathInScope,
  requirePeopleInScope,
  subtreePathInScope,
} from '../../http/scope.ts';
import { shouldUnmask } from '../../http/sensitive.ts';
import {
  checkMemberReferences,
  markTransferredOut,
  moveMember,
  placeIncomingMember,
  recordMemberEvents,
} from '../members/service.ts';
import { buildTransferLetter } from './letter.ts';
import { type PersonSnapshot, presentTransfer, presentTransferDetail } from './presenter.ts';
import * as repo from './repo.ts';

type Row = repo.TransferRow;
type Input<K extends TransferKind> = Extract<CreateTransfer, { kind: K }>;

/*
 * When does a member leaving the college leave the active roster? A mature practice, followed here:
 * not when the letter is issued but when its 回执 comes back. Until then the sending 基层党委 stays
 * responsible for the member (RULES §6) and party statistics still count them with the sending
 * branch, so they stay 'active' there (posts and counts unchanged) and the letter is tracked as 待回执,
 * with an alert once it is overdue. When the 回执 is recorded, the member becomes 'transferred_out'
 * as of the letter's date (the day the relation left), their open posts end that day, and their record
 * and history stay. Cancelling an issued letter (作废) therefore changes nothing on the roster.
 */

/** Which sides of the transfer lie in the actor's scope. */
function coveredSides(actor: Actor, r: { from_path: string | null; to_path: string | null }) {
  return {
    from: r.from_path !== null && isPathInScope(actor.scope, r.from_path),
    to: r.to_path !== null && isPathInScope(actor.scope, r.to_path),
  };
}

function stateOf(r: { kind: TransferKind; status: TransferStatus; requested_side: TransferSide | null }) {
  return {
    kind: r.kind,
    status: r.status,
    requestedSide: r.requested_side,
  };
}

/** What the actor may do with the transfer; the UI shows buttons from this. */
export function transferAbilities(
  actor: Actor,
  r: {
    kind: TransferKind;
    status: TransferStatus;
    requested_side: TransferSide | null;
    from_path: string | null;
    to_path: string | null;
  },
): TransferAbilities {
  const allowed = allowedTransferActions(stateOf(r), coveredSides(actor, r));
  const manages = actor.permissions.has('member:transfer:manage');
  return Object.fromEntries(transferActions.map((a) => [a, manages && allowed[a]])) as TransferAbilities;
}

const sideRefusals: Record<TransferAction, string> = {
  confirm: '应由另一方党组织确认，发起方不能自行确认',
  reject: '应由另一方党组织退回，发起方可以撤销申请',
  cancel: '只有发起方党组织可以撤销',
  recordReceipt: '只有转出党组织可以登记回执',
  place: '只有接收党组织可以办理报到',
  downloadLetter: '只有转出党组织可以打印介绍信',
};

/** Refuses an action the transfer's state does not allow (422) or that belongs to the other side (403). */
function requireAction(actor: Actor, r: Row, action: TransferAction): void {
  const state = stateOf(r);
  if (!allowedTransferActions(state, { from: true, to: true })[action])
    throw new AppError(
      'RULE_VIOLATION',
      `该${transferKindLabels[state.kind]}${transferStatusLabels[state.status]}，不能${transferActionLabels[action]}`,
    );
  if (!transferAbilities(actor, r)[action]) throw new AppError('FORBIDDEN', sideRefusals[action]);
}

function failOn(problems: FieldProblem[]): void {
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields: problems });
}

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** The transfer if it touches the actor's scope; 404 otherwise, as for a missing one. */
async function loadInScope(db: Db | Trx, actor: Actor, id: number): Promise<Row> {
  const r = await repo.findTransferRow(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  const sides = coveredSides(actor, r);
  if (!sides.from && !sides.to) throw new AppError('NOT_FOUND');
  return r;
}

/** Locks and loads a transfer for a step, checking the version the client read. */
async function loadForStep(trx: Trx, actor: Actor, id: number, version: number, action: TransferAction) {
  if (!(await repo.lockTransfer(trx, id))) throw new AppError('NOT_FOUND');
  const r = await loadInScope(trx, actor, id);
  requireAction(actor, r, action);
  if (r.version !== version) throw new AppError('CONFLICT', '该转接已被他人处理，请刷新后重试');
  return r;
}

/** Transfers touching the actor's scope (either side), filtered and paged. */
export async function listTransfers(
  db: Db,
  actor: Actor,
  query: {
    kind?: TransferKind | undefined;
    status?: TransferStatus | undefined;
    orgId?: number | undefined;
    personId?: number | undefined;
    q?: string | undefined;
    overdue?: 'true' | 'false' | undefined;
    page: number;
    pageSize: number;
  },
  today: string,
): Promise<Page<TransferListItem> & { today: string }> {
  const scope = repo.eitherInScope(pathInScope(actor.scope, 'fo.path'), pathInScope(actor.scope, 'tor.path'));
  const { rows, total } = await repo.listTransferRows(
    db,
    {
      scope,
      kind: query.kind,
      status: query.status,
      subtreePath: query.orgId ? await subtreePathInScope(db, actor, query.orgId) : undefined,
      personId: query.personId,
      q: query.q || undefined,
      overdueOn: query.overdue === 'true' ? today : undefined,
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return {
    items: rows.map((r) => presentTransfer(r, transferAbilities(actor, r), today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    today,
  };
}

/** One transfer in the actor's scope. */
export async function getTransferDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: string,
): Promise<TransferDetail> {
  const r = await loadInScope(db, actor, id);
  return presentTransferDetail(r, transferAbilities(actor, r), today);
}

/**
 * Orgs a member may be transferred to, college-wide: the sending side must be able to name a branch
 * outside its own scope. Names only; each says whether it lies in the caller's scope.
 */
export async function listTargetOrgs(
  db: Db,
  actor: Actor,
  q: string | undefined,
): Promise<TransferTargetOrg[]> {
  const rows = await repo.candidateTargetOrgs(db, q);
  return rows
    .filter((o) => canHoldMembers(o.type, o.parent_type))
    .map((o) => ({
      id: o.id,
      name: o.name,
      parentName: o.parent_name,
      inScope: isPathInScope(actor.scope, o.path),
    }));
}

/** Refuses a second transfer while one is under way for the member. */
async function requireNoOpenTransfer(trx: Trx, person: { id: number; name: string }): Promise<void> {
  const open = await repo.openTransferOf(trx, person.id);
  if (open)
    throw new AppError(
      'CONFLICT',
      `${person.name}已有一项${transferKindLabels[open.kind]}尚未办结（${transferStatusLabels[open.status]}）`,
    );
}

/** Starts a transfer of any kind; returns its id. */
export async function createTransfer(
  trx: Trx,
  actor: Actor,
  body: CreateTransfer,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<number> {
  if (body.kind === 'internal') return createInternal(trx, actor, body, today, now, change);
  if (body.kind === 'outgoing') return createOutgoing(trx, actor, body, today, now, change);
  return createIncoming(trx, actor, body, today, now, change);
}

/** A member on the roster for a transfer out of their org: in scope (404) and active. */
async function activePersonInScope(trx: Trx, actor: Actor, personId: number) {
  await requirePeopleInScope(trx, actor, [personId], 'personId', transferFieldLabels.personId);
  const person = await repo.findPerson(trx, { id: personId });
  assertInScope(actor.scope, person?.org_path);
  if (person!.status !== 'active' || person!.org_id === null)
    throw new AppError('RULE_VIOLATION', `${person!.name}已不在在册名单中，不能办理转接`);
  return {
    ...person!,
    org_id: person!.org_id!,
    org_path: person!.org_path!,
    org_name: person!.org_name ?? '',
  };
}

async function createInternal(
  trx: Trx,
  actor: Actor,
  body: Input<'internal'>,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<number> {
  let person: Awaited<ReturnType<typeof activePersonInScope>>;
  if (body.personId !== undefined) person = await activePersonInScope(trx, actor, body.personId);
  else {
    // The receiving side names a member it cannot see; both name and ID number must match the roster.
    const found = await repo.findPerson(trx, { idNumber: normaliseIdNumber(body.idNumber ?? '') });
    if (!found || found.name !== body.personName || found.status !== 'active' || found.org_id === null)
      throw new AppError('NOT_FOUND', '未找到该在册党员：姓名与身份证号须与名册一致', {
        fields: [{ path: 'idNumber', message: '身份证号：未找到姓名与身份证号一致的在册党员' }],
      });
    person = { ...found, org_id: found.org_id, org_path: found.org_path!, org_name: found.org_name ?? '' };
  }
  const to = await repo.findOrg(trx, body.toOrgId);
  if (!to) throw fieldError('toOrgId', '接收党组织：不存在');
  const requestedOn = body.requestedOn ?? today;
  failOn(
    checkInternalRequest(
      {
        fromOrgId: person.org_id,
        toOrgId: to.id,
        toOrgType: to.type,
        toParentType: to.parent_type,
        toArchived: to.archived_at !== null,
      },
      requestedOn,
      today,
    ),
  );
  const sides = coveredSides(actor, { from_path: person.org_path, to_path: to.path });
  if (!sides[body.requestedSide])
    throw new AppError(
      'FORBIDDEN',
      body.requestedSide === 'from'
        ? '您不管理该党员所在党组织，请以接收方发起'
        : '您不管理接收党组织，请以转出方发起',
    );
  await requireNoOpenTransfer(trx, person);
  const id = await repo.insertTransfer(trx, {
    kind: 'internal',
    status: 'requested',
    person_id: person.id,
    from_org_id: person.org_id,
    to_org_id: to.id,
    requested_side: body.requestedSide,
    requested_on: requestedOn,
    reason: body.reason,
    requested_by: actor.userId,
    updated_at: now,
  });
  await recordMemberEvents(trx, actor, [
    {
      personId: person.id,
      kind: 'transfer_requested',
      on: requestedOn,
      summary: `申请组织关系由${person.org_name}转至${to.name}（${body.requestedSide === 'from' ? '转出方' : '接收方'}提出）`,
      details: { transferId: id },
    },
  ]);
  Object.assign(change, {
    targetType: 'transfer',
    targetId: id,
    summary: `校内转接申请：${person.name}，${person.org_name} → ${to.name}`,
    after: { kind: 'internal', personId: person.id, fromOrgId: person.org_id, toOrgId: to.id, requestedOn },
  });
  return id;
}

async function createOutgoing(
  trx: Trx,
  actor: Actor,
  body: Input<'outgoing'>,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const person = await activePersonInScope(trx, actor, body.personId);
  const issuedOn = body.issuedOn ?? today;
  failOn(checkOutgoingLetter({ issuedOn, validDays: body.validDays }, today));
  await requireNoOpenTransfer(trx, person);
  let letterNumber = body.letterNumber;
  if (letterNumber === null) letterNumber = await repo.nextLetterNumber(trx, issuedOn.slice(0, 4));
  else if (await repo.outgoingLetterExists(trx, letterNumber))
    throw new AppError('CONFLICT', `介绍信编号：第${letterNumber}号已被使用`, {
      fields: [{ path: 'letterNumber', message: `介绍信编号：第${letterNumber}号已被使用` }],
    });
  const expiresOn = letterExpiresOn(issuedOn, body.validDays);
  const id = await repo.insertTransfer(trx, {
    kind: 'outgoing',
    status: 'issued',
    person_id: person.id,
    from_org_id: person.org_id,
    external_org_name: body.externalOrgName,
    external_unit: body.externalUnit,
    external_address: body.externalAddress,
    letter_number: letterNumber,
    issued_on: issuedOn,
    valid_days: body.validDays,
    expires_on: expiresOn,
    dues_paid_until: body.duesPaidUntil,
    requested_on: issuedOn,
    reason: body.reason,
    requested_by: actor.userId,
    updated_at: now,
  });
  await recordMemberEvents(trx, actor, [
    {
      personId: person.id,
      kind: 'transfer_requested',
      on: issuedOn,
      summary: `开具组织关系介绍信（第${letterNumber}号），转往${body.externalOrgName}，有效期${body.validDays}天；回执退回前仍在本校在册`,
      details: { transferId: id },
    },
  ]);
  Object.assign(change, {
    targetType: 'transfer',
    targetId: id,
    summary: `开具组织关系介绍信：第${letterNumber}号 ${person.name} → ${body.externalOrgName}`,
    after: {
      kind: 'outgoing',
      personId: person.id,
      letterNumber,
      issuedOn,
      validDays: body.validDays,
      expiresOn,
    },
  });
  return id;
}

/** The member record of an incoming letter, placed in `orgId`. */
function recordOf(s: Input<'incoming'>['person'], orgId: number): MemberRecord & { idNumber: string } {
  return { ...s, orgId };
}

/** An org that may receive a member, in the actor's scope; otherwise a field error on `path`. */
async function receivingOrg(trx: Trx, actor: Actor, orgId: number, path: string) {
  const org = await repo.findOrg(trx, orgId);
  if (!org || !isPathInScope(actor.scope, org.path))
    throw fieldError(path, '接收党组织：不存在或不在您的管理范围内');
  if (org.archived_at !== null) throw fieldError(path, '接收党组织：已撤销');
  if (!canHoldMembers(org.type, org.parent_type))
    throw fieldError(path, '接收党组织：只能是党支部、联合党支部或其党小组');
  return org;
}

async function checkIncomingPerson(
  trx: Trx,
  actor: Actor,
  record: MemberRecord & { idNumber: string },
  today: string,
) {
  failOn(checkMemberRecord(record, today).map((p) => ({ path: `person.${p.path}`, message: p.message })));
  await checkMemberReferences(trx, record, 'person.');
  const onRoster = await repo.findPerson(trx, { idNumber: record.idNumber });
  if (onRoster?.status === 'active') {
    // The member is named only to a caller who may see them.
    const name = await nameIfInScope(trx, actor, onRoster);
    throw new AppError(
      'CONFLICT',
      name === null
        ? '身份证号：已是本校在册党员，不能重复转入'
        : `身份证号与在册党员${name}相同，不能重复转入`,
      {
        fields: [
          {
            path: 'person.idNumber',
            message: name === null ? '身份证号：已是本校在册党员' : `身份证号：已是在册党员（${name}）`,
          },
        ],
      },
    );
  }
}

async function createIncoming(
  trx: Trx,
  actor: Actor,
  body: Input<'incoming'>,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<number> {
  const to = await receivingOrg(trx, actor, body.toOrgId, 'toOrgId');
  const receivedOn = body.receivedOn ?? today;
  failOn(checkIncomingLetter({ issuedOn: body.issuedOn, validDays: body.validDays, receivedOn }, today));
  const record = recordOf(body.person, to.id);
  await checkIncomingPerson(trx, actor, record, today);
  const pending = await repo.openIncomingFor(trx, record.idNumber);
  if (pending)
    throw new AppError('CONFLICT', `该党员的转入介绍信（第${pending.letter_number}号）已登记，尚未报到`);
  const { orgId: _placedLater, ...snapshot } = record;
  const id = await repo.insertTransfer(trx, {
    kind: 'incoming',
    status: 'registered',
    to_org_id: to.id,
    external_org_name: body.externalOrgName,
    external_unit: body.externalUnit,
    external_address: body.externalAddress,
    letter_number: body.letterNumber,
    issued_on: body.issuedOn,
    valid_days: body.validDays,
    expires_on: letterExpiresOn(body.issuedOn, body.validDays),
    dues_paid_until: body.duesPaidUntil,
    requested_on: receivedOn,
    reason: body.reason,
    person_snapshot: JSON.stringify(snapshot),
    requested_by: actor.userId,
    updated_at: now,
  });
  Object.assign(change, {
    targetType: 'transfer',
    targetId: id,
    summary: `登记转入介绍信：${body.externalOrgName}第${body.letterNumber}号 ${record.name} → ${to.name}`,
    after: {
      kind: 'incoming',
      letterNumber: body.letterNumber,
      toOrgId: to.id,
      receivedOn,
      name: record.name,
    },
  });
  return id;
}

/** The other side accepts an internal request: the member moves, posts in the old branch end. */
export async function confirmTransfer(
  trx: Trx,
  actor: Actor,
  id: number,
  body: ConfirmTransfer,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForStep(trx, actor, id, body.version, 'confirm');
  const on = body.transferredOn ?? today;
  failOn(checkTransferDate(on, r.requested_on, today));
  const to = await repo.findOrg(trx, r.to_org_id!);
  failOn(
    checkInternalRequest(
      {
        fromOrgId: r.from_org_id!,
        toOrgId: to!.id,
        toOrgType: to!.type,
        toParentType: to!.parent_type,
        toArchived: to!.archived_at !== null,
      },
      r.requested_on,
      today,
    ),
  );
  const { endedPosts } = await moveMember(trx, actor, now, {
    personId: r.person_id!,
    fromOrgId: r.from_org_id!,
    toOrgId: to!.id,
    on,
    summary: `组织关系由${r.from_org_name}转至${r.to_org_name}`,
    details: { transferId: id },
  });
  await repo.updateTransfer(trx, id, now, {
    status: 'completed',
    decided_on: on,
    decided_by: actor.userId,
    decision_note: body.reason ?? null,
  });
  Object.assign(change, {
    targetType: 'transfer',
    targetId: id,
    summary: `确认校内转接：${r.person_name}，${r.from_org_name} → ${r.to_org_name}（${on}）`,
    before: { status: r.status, orgId: r.from_org_id },
    after: { status: 'completed', orgId: to!.id, transferredOn: on, endedPosts },
  });
}

/** Closes a transfer without moving anyone (rejected by the other side, or cancelled). */
async function close(
  trx: Trx,
  actor: Actor,
  r: Row,
  status: 'rejected' | 'cancelled',
  reason: string,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  await repo.updateTransfer(trx, r.id, now, {
    status,
    decided_on: today,
    decided_by: actor.userId,
    decision_note: reason,
  });
  const what =
    r.kind === 'outgoing'
      ? `组织关系介绍信（第${r.letter_number}号）已作废`
      : `${transferKindLabels[r.kind]}申请已${status === 'rejected' ? '退回' : '撤销'}`;
  if (r.person_id !== null)
    await recordMemberEvents(trx, actor, [
      {
        personId: r.person_id,
        kind: 'transfer_requested',
        on: today,
        summary: `${what}：${reason}`,
        details: { transferId: r.id },
      },
    ]);
  Object.assign(change, {
    targetType: 'transfer',
    targetId: r.id,
    summary: `${what}：${r.person_name}`,
    before: { status: r.status },
    after: { status, reason },
  });
}

/** The other side refuses an internal request. */
export async function rejectTransfer(
  trx: Trx,
  actor: Actor,
  id: number,
  body: RejectTransfer,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForStep(trx, actor, id, body.version, 'reject');
  await close(trx, actor, r, 'rejected', body.reason, today, now, change);
}

/**
 * Withdraws a request, voids an issued letter or drops a registered incoming letter. The roster is
 * untouched: an issued letter did not take the member off it (see the note at the top).
 */
export async function cancelTransfer(
  trx: Trx,
  actor: Actor,
  id: number,
  body: CancelTransfer,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForStep(trx, actor, id, body.version, 'cancel');
  await close(trx, actor, r, 'cancelled', body.reason, today, now, change);
}

/** The 回执 came back: the member leaves the roster as 已转出 as of the letter's date. */
export async function recordReceipt(
  trx: Trx,
  actor: Actor,
  id: number,
  body: RecordReceipt,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForStep(trx, actor, id, body.version, 'recordReceipt');
  failOn(checkReceiptDate(body.receiptOn, r.issued_on!, today));
  const { endedPosts } = await markTransferredOut(trx, actor, now, {
    personId: r.person_id!,
    on: r.issued_on!,
    note: `组织关系转往${r.external_org_name}（介绍信第${r.letter_number}号）`,
    summary: `组织关系转出本校，转往${r.external_org_name}（介绍信第${r.letter_number}号，回执 ${body.receiptOn} 退回）`,
    details: { transferId: id },
  });
  await repo.updateTransfer(trx, id, now, {
    status: 'completed',
    receipt_on: body.receiptOn,
    decided_on: body.receiptOn,
    decided_by: actor.userId,
    decision_note: body.reason ?? null,
  });
  Object.assign(change, {
    targetType: 'transfer',
    targetId: id,
    summary: `登记介绍信回执：第${r.letter_number}号 ${r.person_name}（${body.receiptOn}）`,
    before: { status: r.status },
    after: { status: 'completed', receiptOn: body.receiptOn, personStatus: 'transferred_out', endedPosts },
  });
}

/** The incoming member reported: they join the roster in the receiving org. */
export async function placeTransfer(
  trx: Trx,
  actor: Actor,
  id: number,
  body: PlaceTransfer,
  today: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForStep(trx, actor, id, body.version, 'place');
  const org = await receivingOrg(trx, actor, body.orgId ?? r.to_org_id!, 'orgId');
  const placedOn = body.placedOn ?? today;
  failOn(checkPlacementDate(placedOn, r.requested_on, today));
  const record = recordOf(r.person_snapshot as PersonSnapshot & Input<'incoming'>['person'], org.id);
  await checkIncomingPerson(trx, actor, record, today);
  const { personId, reactivated } = await placeIncomingMember(trx, actor, now, {
    record,
    on: placedOn,
    summary: `由${r.external_org_name}转入本校，编入${org.name}（介绍信第${r.letter_number}号）`,
    details: { transferId: id },
  });
  await repo.updateTransfer(trx, id, now, {
    status: 'completed',
    person_id: personId,
    to_org_id: org.id,
    decided_on: placedOn,
    decided_by: actor.userId,
  });
  Object.assign(change, {
    targetType: 'transfer',
    targetId: id,
    summary: `转入报到：${record.name}编入${org.name}（${placedOn}）`,
    before: { status: r.status },
    after: { status: 'completed', personId, orgId: org.id, placedOn, reactivated },
  });
}

/**
 * The 介绍信 of an outgoing transfer as a Word document; printing it is always audited. The printed letter
 * needs the full ID number and phone: they are filled in only under the one masking rule (`unmasked=true`
 * and member:member:sensitive), otherwise masked like everywhere else.
 */
export async function transferLetter(
  trx: Trx,
  actor: Actor,
  id: number,
  unmasked: boolean | undefined,
  change: AuditChange,
): Promise<{ fileName: string; content: Buffer }> {
  const full = shouldUnmask(actor, unmasked);
  const r = await loadInScope(trx, actor, id);
  if (r.kind !== 'outgoing') throw new AppError('RULE_VIOLATION', '只有转出本校的转接才有介绍信');
  requireAction(actor, r, 'downloadLetter');
  // The 基层党委 (the committee at the top of the tree) issues the letter; the branch is named on it,
  // the branch of a 党小组 for a member placed in one.
  const committeeId = Number(r.from_path!.split('/').filter(Boolean)[0]);
  const [issuerName, from] = await Promise.all([
    repo.orgName(trx, committeeId),
    repo.findOrg(trx, r.from_org_id!),
  ]);
  const branchName = from?.type === 'group' ? from.parent_name : (from?.name ?? null);
  const { birthDate, gender } = impliedBirthAndGender({
    idNumber: r.id_number,
    birthDate: r.birth_date,
    gender: r.gender,
  });
  const content = await buildTransferLetter({
    letterNumber: r.letter_number!,
    name: r.person_name,
    gender,
    age: birthDate ? completedYears(birthDate, r.issued_on!) : null,
    ethnicity: r.ethnicity ? (ethnicityLabels[r.ethnicity as Ethnicity] ?? r.ethnicity) : null,
    idNumber: full ? r.id_number : maskIdNumber(r.id_number),
    partyStatus: r.party_status,
    issuerName: issuerName ?? '',
    fromOrgName: r.from_org_id === committeeId ? '' : (branchName ?? ''),
    toOrgName: r.external_org_name!,
    toUnit: r.external_unit,
    duesPaidUntil: r.dues_paid_until,
    validDays: r.valid_days!,
    issuedOn: r.issued_on!,
    phone: full ? r.phone : maskPhone(r.phone),
  });
  Object.assign(change, {
    targetType: 'transfer',
    targetId: id,
    summary: `打印组织关系介绍信：第${r.letter_number}号 ${r.person_name}${full ? '（含完整身份证号和电话）' : ''}`,
  });
  return { fileName: `党员组织关系介绍信-第${r.letter_number}号-${r.person_name}.docx`, content };
}

/** A transfer as another module links it (a rectification's evidence) and checks its scope by either side. */
export interface LinkedTransfer {
  id: number;
  kind: TransferKind;
  requestedOn: string;
  personId: number | null;
  personName: string;
  fromPath: string | null;
  toPath: string | null;
}

/** Transfers by id (those that exist), for another module's links; scope is the caller's check. */
export async function linkedTransfers(
  db: Db | Trx,
  ids: readonly number[],
): Promise<Map<number, LinkedTransfer>> {
  const rows = await repo.linkedTransfers(db, ids);
  return new Map(
    rows.map((t) => [
      t.id,
      {
        id: t.id,
        kind: t.kind,
        requestedOn: t.requested_on,
        personId: t.person_id,
        personName: t.person_name,
        fromPath: t.from_path,
        toPath: t.to_path,
      },
    ]),
  );
}
