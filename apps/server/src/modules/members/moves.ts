import { AppError, type MemberRecord, postLabels } from '@dangjian/core';
import type { Actor, Trx } from '../../http/context.ts';
import { recordMemberEvents } from './events.ts';
import { toPersonColumns } from './record.ts';
import * as repo from './repo.ts';

/**
 * Changes of a member's place on the roster that a transfer makes (组织关系转接). The members module
 * owns person writes; the transfers module decides when and calls these in its transaction.
 */

type EventActor = Pick<Actor, 'userId' | 'username'>;

/** Locks an active member's row and returns where they are; CONFLICT when they left the roster. */
async function lockActiveMember(trx: Trx, personId: number) {
  const p = await repo.lockPersonPlace(trx, personId);
  if (!p) throw new AppError('NOT_FOUND', '党员不存在');
  if (p.status !== 'active' || p.org_id === null) throw new AppError('CONFLICT', `${p.name}已不在在册名单中`);
  return { ...p, org_id: p.org_id };
}

/**
 * Ends the member's open posts (appointments with no end date) on `on`, or on a post's start day if
 * it began later: those held in orgs under `underPath` (all when null), except in an org that also
 * contains `newOrgPath`, the member's new place. One timeline event per post.
 */
export async function endOpenPosts(
  trx: Trx,
  actor: EventActor,
  personId: number,
  on: string,
  why: string,
  underPath: string | null,
  newOrgPath: string | null,
): Promise<number> {
  const open = (await repo.openPostsOfPerson(trx, personId, underPath)).filter(
    (a) => newOrgPath === null || !newOrgPath.startsWith(a.path),
  );
  for (const a of open) {
    const end = a.start_date > on ? a.start_date : on;
    await repo.endAppointmentOn(trx, a.id, end);
  }
  await recordMemberEvents(
    trx,
    actor,
    open.map((a) => ({
      personId,
      kind: 'post_ended' as const,
      on: a.start_date > on ? a.start_date : on,
      summary: `免去${a.org_name}${postLabels[a.post] ?? a.post}（${why}）`,
      details: { appointmentId: a.id },
    })),
  );
  return open.length;
}

/** The branch an org belongs to: itself, or the parent of a 党小组. */
async function branchPathOf(trx: Trx, orgId: number): Promise<string> {
  const org = await repo.getOrgWithParentPath(trx, orgId);
  return org.type === 'group' && org.parent_path !== null ? org.parent_path : org.path;
}

/**
 * Moves an active member from their org to `toOrgId` on `on` (校内转接): their open posts in the old
 * branch's subtree end that day, except posts in an org that also contains the new place (moving
 * between 党小组 of one branch keeps the branch posts). Member counts follow from person.org_id.
 */
export async function moveMember(
  trx: Trx,
  actor: EventActor,
  now: Date,
  input: {
    personId: number;
    fromOrgId: number;
    toOrgId: number;
    on: string;
    summary: string;
    details?: unknown;
  },
): Promise<{ endedPosts: number }> {
  const p = await lockActiveMember(trx, input.personId);
  if (p.org_id !== input.fromOrgId)
    throw new AppError('CONFLICT', `${p.name}所在党组织已变化，请撤销本次转接后重新办理`);
  const [oldBranchPath, newOrg] = await Promise.all([
    branchPathOf(trx, input.fromOrgId),
    repo.getOrgPath(trx, input.toOrgId),
  ]);
  const endedPosts = await endOpenPosts(
    trx,
    actor,
    p.id,
    input.on,
    '组织关系转出',
    oldBranchPath,
    newOrg.path,
  );
  await repo.updatePersonRow(trx, p.id, { org_id: input.toOrgId, updated_at: now });
  await recordMemberEvents(trx, actor, [
    { personId: p.id, kind: 'transferred', on: input.on, summary: input.summary, details: input.details },
  ]);
  return { endedPosts };
}

/**
 * Takes a member off the active roster as 已转出 on `on` (转出本校): every open post ends that day;
 * the record and its history stay.
 */
export async function markTransferredOut(
  trx: Trx,
  actor: EventActor,
  now: Date,
  input: { personId: number; on: string; note: string; summary: string; details?: unknown },
): Promise<{ endedPosts: number }> {
  const p = await lockActiveMember(trx, input.personId);
  const endedPosts = await endOpenPosts(trx, actor, p.id, input.on, '组织关系转出本校', null, null);
  await repo.updatePersonRow(trx, p.id, {
    status: 'transferred_out',
    left_on: input.on,
    leave_note: input.note,
    updated_at: now,
  });
  await recordMemberEvents(trx, actor, [
    { personId: p.id, kind: 'transferred_out', on: input.on, summary: input.summary, details: input.details },
  ]);
  return { endedPosts };
}

/**
 * Places a member arriving from outside the college (转入本校) in `record.orgId` on `on`: a new person,
 * or — when someone with the same 身份证号 left the roster earlier (e.g. transferred out and now back)
 * — that person, re-activated with the record from the letter, so one person keeps one history.
 * CONFLICT when the ID number belongs to someone still on the roster.
 */
export async function placeIncomingMember(
  trx: Trx,
  actor: EventActor,
  now: Date,
  input: { record: MemberRecord & { idNumber: string }; on: string; summary: string; details?: unknown },
): Promise<{ personId: number; reactivated: boolean }> {
  const existing = await repo.lockByIdNumber(trx, input.record.idNumber);
  if (existing?.status === 'active')
    // Not named: the receiving side may not see the member it collides with.
    throw new AppError('CONFLICT', '身份证号：已是本校在册党员，不能重复转入', {
      fields: [{ path: 'idNumber', message: '身份证号：已是本校在册党员，不能重复转入' }],
    });
  const columns = { ...toPersonColumns(input.record), updated_at: now };
  let personId: number;
  if (existing) {
    await repo.updatePersonRow(trx, existing.id, {
      ...columns,
      status: 'active',
      left_on: null,
      leave_note: null,
    });
    personId = existing.id;
  } else {
    const row = await repo.insertPerson(trx, columns);
    personId = row.id;
  }
  await recordMemberEvents(trx, actor, [
    { personId, kind: 'transferred_in', on: input.on, summary: input.summary, details: input.details },
  ]);
  return { personId, reactivated: existing !== undefined };
}
