import {
  AppError,
  entitledVoters,
  type IsoDate,
  type PublicNotice,
  type RecruitmentEvent,
  type RecruitmentFacts,
  type RecruitmentStepInput,
  type RuleSettings,
  recruitmentFieldLabels,
  workingDaysBetween,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import { statusOn } from '../activities/invitees.ts';
import type { StoredEvent } from './presenter.ts';
import type { DossierRow } from './repo.ts';
import * as repo from './repo.ts';
import { recruitmentSettings } from './state.ts';

type Q = Db | Trx;

function fail(
  field: string,
  message: string,
  code: 'VALIDATION_FAILED' | 'RULE_VIOLATION' = 'VALIDATION_FAILED',
): never {
  throw new AppError(code, message, { fields: [{ path: field, message }] });
}

const notice = (n: { startOn: string; endOn: string } | null): PublicNotice | null =>
  n === null
    ? null
    : { startOn: n.startOn, endOn: n.endOn, workingDays: workingDaysBetween(n.startOn, n.endOn) };

/** The titles of the given documents, which must belong to the dossier. */
async function documentTitles(db: Q, dossierId: number, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await repo.documentTitleRows(db, dossierId, ids);
  // No ids in the answer: another dossier's document answers exactly like a missing one.
  if (ids.some((id) => !rows.some((r) => r.id === id)))
    fail('documentIds', `${recruitmentFieldLabels.documentIds}：不存在或不是本档案的材料`);
  return ids.map((id) => rows.find((r) => r.id === id)?.title ?? String(id));
}

/**
 * The core event of a step body (actor = the recording user; documents by title; 公示 with its working days
 * counted here) and the same event as stored (with the document ids).
 */
export async function buildEvent(
  db: Q,
  dossierId: number,
  b: RecruitmentStepInput,
  actorId: number,
): Promise<{ event: RecruitmentEvent; stored: StoredEvent }> {
  const documents = await documentTitles(db, dossierId, b.documentIds);
  const base = { date: b.date, actorId, documents, ...(b.override ? { override: b.override } : {}) };
  let event: RecruitmentEvent;
  switch (b.step) {
    case 'activist_designation':
      event = {
        ...base,
        step: b.step,
        recommendation: b.recommendation,
        publicNotice: notice(b.publicNotice),
      };
      break;
    case 'mentor_assignment':
      event = { ...base, step: b.step, mentorIds: b.mentorIds };
      break;
    case 'candidate_designation':
      event = { ...base, step: b.step, publicNotice: notice(b.publicNotice) };
      break;
    case 'sponsor_assignment':
      event = { ...base, step: b.step, sponsorIds: b.sponsorIds };
      break;
    case 'political_review':
    case 'pre_examination':
      event = { ...base, step: b.step, passed: b.passed };
      break;
    case 'training':
      event = { ...base, step: b.step, days: b.days, hours: b.hours };
      break;
    case 'admission_meeting':
      event = { ...base, step: b.step, votes: b.votes, publicNotice: notice(b.publicNotice) };
      break;
    case 'superior_talk':
      event = { ...base, step: b.step, talkerRole: b.talkerRole };
      break;
    case 'admission_approval':
      event = {
        ...base,
        step: b.step,
        approved: b.approved,
        ...(b.specialReason ? { specialReason: b.specialReason } : {}),
      };
      break;
    case 'confirmation_meeting':
      event = {
        ...base,
        step: b.step,
        decision: b.decision,
        ...(b.extensionMonths !== null ? { extensionMonths: b.extensionMonths } : {}),
        votes: b.votes,
        publicNotice: notice(b.publicNotice),
      };
      break;
    case 'withdrawal':
      event = { ...base, step: b.step, reason: b.reason };
      break;
    default:
      event = { ...base, step: b.step };
  }
  return { event, stored: { ...(event as StoredEvent), documentIds: [...b.documentIds] } };
}

/**
 * A vote step linked to its 支部党员大会 record: the record must be this branch's closed general meeting held
 * on the step's date, and the counts must agree with its attendance (only 正式党员 vote).
 */
export async function checkMeetingRecord(
  db: Q,
  dossier: Pick<DossierRow, 'org_id'>,
  activityId: number,
  date: IsoDate,
  votes: { entitled: number; presentEntitled: number },
): Promise<void> {
  const label = recruitmentFieldLabels.activityId;
  const a = await repo.meetingOfActivity(db, activityId);
  const bad = (m: string): never => fail('activityId', `${label}：${m}`, 'RULE_VIOLATION');
  if (!a || a.org_id !== dossier.org_id || a.kind !== 'general_meeting') bad('应为本支部的支部党员大会记录');
  if (a!.status !== 'closed') bad('该会议记录尚未归档');
  if (a!.on_date !== date) bad(`会议日期（${a!.on_date}）与本步骤日期（${date}）不一致`);
  const rows = await repo.attendanceOfActivity(db, activityId);
  const v = entitledVoters(
    rows.map((r) => ({
      personId: r.person_id,
      partyStatus: r.party_status ?? 'probationary',
      status: r.status,
      role: r.role,
    })),
  );
  if (votes.entitled !== v.entitled)
    bad(`会议记录中应到会有表决权的党员为 ${v.entitled} 人，填写的是 ${votes.entitled} 人`);
  if (votes.presentEntitled > v.presentEntitled)
    bad(`会议记录中到会有表决权的党员为 ${v.presentEntitled} 人，填写的是 ${votes.presentEntitled} 人`);
}

/**
 * What the procedure needs beyond its state: the applicant's birth date, the party status of the named
 * 培养联系人/入党介绍人 on any day (they must exist in the school and be active), the branch type, the day the
 * applicant leaves, the school's settings and today.
 */
export async function loadFacts(
  db: Q,
  dossier: DossierRow,
  event: RecruitmentEvent,
  settings: RuleSettings,
  today: IsoDate,
): Promise<RecruitmentFacts> {
  const field = event.step === 'mentor_assignment' ? 'mentorIds' : 'sponsorIds';
  const ids =
    event.step === 'mentor_assignment'
      ? event.mentorIds
      : event.step === 'sponsor_assignment'
        ? event.sponsorIds
        : [];
  const people = ids.length === 0 ? [] : await repo.partyStatusRows(db, ids);
  const unknown = ids.filter((id) => !people.some((p) => p.id === id && p.status === 'active'));
  if (unknown.length > 0)
    fail(field, `${recruitmentFieldLabels[field]}：人员 ${unknown.join('、')} 不存在或不在册`);
  if (ids.includes(dossier.person_id)) fail(field, `${recruitmentFieldLabels[field]}：不能是申请人本人`);
  if (dossier.birth_date === null) fail('birthDate', '出生日期：申请人的出生日期未登记');
  return {
    birthDate: dossier.birth_date,
    branchIsTemporary: dossier.org_type === 'temporary_branch',
    isFullMember: (personId, on) => {
      const p = people.find((x) => x.id === personId);
      return p !== undefined && statusOn(p, on) === 'full';
    },
    nameOf: (personId) => people.find((x) => x.id === personId)?.name ?? String(personId),
    leavesUnitOn: dossier.leaves_on,
    settings: recruitmentSettings(settings),
    today,
  };
}
