import { AppError, type PartyStatus, type RecruitmentEvent, type RecruitmentState } from '@dangjian/core';
import type { Actor, Trx } from '../../http/context.ts';
import { recordMemberEvents } from '../members/events.ts';
import type { DossierRow } from './repo.ts';
import * as repo from './repo.ts';

/** A 党小组 the person is placed in at step 19. */
export interface PlacementGroup {
  id: number;
  name: string;
}

/**
 * The 党小组 of a 编入党小组 step, checked before anything is written: it must be a current group directly
 * under the dossier's branch.
 */
export async function placementGroup(
  trx: Trx,
  dossier: Pick<DossierRow, 'org_id'>,
  groupId: number,
): Promise<PlacementGroup> {
  const group = await repo.findGroupOrg(trx, groupId);
  if (group?.type !== 'group' || group.parent_id !== dossier.org_id || group.archived_at !== null) {
    const message = '党小组：应为本支部下在建的党小组';
    throw new AppError('RULE_VIOLATION', message, { fields: [{ path: 'groupId', message }] });
  }
  return { id: group.id, name: group.name };
}

/**
 * What an accepted step changes on the roster (no retyping): 上级党委审批 admits the person as 预备党员 of
 * the branch from the 支部大会 resolution date; 编入党小组 places them in a group of the branch; 转正 approved
 * makes them 正式 from 预备期满之日; 延长预备期 approved notes the new end on their timeline; 取消预备党员资格
 * approved takes them off the roster. Every change writes a person_event in the step's transaction.
 */
export async function applyRosterConsequences(
  trx: Trx,
  actor: Actor,
  dossier: DossierRow,
  event: RecruitmentEvent,
  group: PlacementGroup | null,
  before: RecruitmentState,
  after: RecruitmentState,
  now: Date,
): Promise<void> {
  const personId = dossier.person_id;
  const update = (set: {
    party_status?: PartyStatus | null;
    org_id?: number | null;
    joined_on?: string | null;
    confirmed_on?: string | null;
  }) => repo.updatePersonPlacement(trx, personId, set, now);

  if (event.step === 'admission_approval' && event.approved && after.admissionResolutionOn) {
    const joinedOn = after.admissionResolutionOn;
    await update({
      party_status: 'probationary',
      org_id: dossier.org_id,
      joined_on: joinedOn,
      confirmed_on: null,
    });
    await recordMemberEvents(trx, actor, [
      {
        personId,
        kind: 'created',
        on: joinedOn,
        summary: `经上级党委批准接收为预备党员，编入${dossier.org_name}（预备期自 ${joinedOn} 起）`,
        details: { recruitmentId: dossier.id, approvedOn: event.date },
      },
    ]);
    return;
  }
  if (event.step === 'group_placement' && group !== null) {
    await update({ org_id: group.id });
    await recordMemberEvents(trx, actor, [
      { personId, kind: 'updated', on: event.date, summary: `编入${dossier.org_name}${group.name}` },
    ]);
    return;
  }
  if (event.step === 'confirmation_approval') {
    const decision = before.pendingDecision?.decision;
    if (decision === 'confirm' && after.confirmedOn) {
      await update({ party_status: 'full', confirmed_on: after.confirmedOn });
      await recordMemberEvents(trx, actor, [
        {
          personId,
          kind: 'status_confirmed',
          on: after.confirmedOn,
          summary: `经上级党委批准按期转为正式党员（转正日期 ${after.confirmedOn}）`,
          details: { recruitmentId: dossier.id, approvedOn: event.date },
        },
      ]);
    } else if (decision === 'extend' && after.probationEndOn) {
      await recordMemberEvents(trx, actor, [
        {
          personId,
          kind: 'updated',
          on: event.date,
          summary: `经上级党委批准延长预备期${after.extensionMonths ?? ''}个月，预备期至 ${after.probationEndOn}`,
          details: { recruitmentId: dossier.id, probationEndOn: after.probationEndOn },
        },
      ]);
    } else if (decision === 'revoke') {
      await update({ party_status: null, org_id: null });
      await recordMemberEvents(trx, actor, [
        {
          personId,
          kind: 'left',
          on: event.date,
          summary: '经上级党委批准取消预备党员资格，离开在册名单',
          details: { recruitmentId: dossier.id },
        },
      ]);
    }
  }
}
