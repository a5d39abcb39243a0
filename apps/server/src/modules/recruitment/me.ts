import {
  AppError,
  expectedSteps,
  type IsoDate,
  type MyRecruitment,
  nextDue,
  type RecruitmentDocumentKind,
  type RecruitmentStep,
  type RuleSettings,
  recruitmentStepInfo,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { storeDocument } from './documents.ts';
import { presentDocument, presentDue } from './presenter.ts';
import * as repo from './repo.ts';
import { dueFacts, parseState } from './state.ts';

/** Kinds an applicant may upload themselves. */
export const ownDocumentKinds: readonly RecruitmentDocumentKind[] = ['thought_report', 'application_letter'];

/** The caller's own dossier (the open one, else the latest closed), or null when they have none. */
export async function myRecruitment(
  db: Db,
  actor: Actor,
  settings: RuleSettings,
  today: IsoDate,
): Promise<MyRecruitment | null> {
  if (actor.personId === null) return null;
  const id = await repo.latestDossierIdOf(db, actor.personId);
  if (id === null) return null;
  const r = (await repo.findDossier(db, id))!;
  const state = parseState(r.state);
  const docs = await repo.documentsOf(db, id);
  const people = await repo.personNames(db, [...state.mentorIds, ...state.sponsorIds]);
  const ref = (pid: number) => ({ id: pid, name: people.get(pid) ?? `#${pid}` });
  const step = (s: RecruitmentStep) => ({
    step: s,
    no: recruitmentStepInfo[s].no,
    label: recruitmentStepInfo[s].label,
  });
  return {
    id,
    orgName: r.org_name,
    outcome: r.outcome,
    stage: r.stage,
    currentStep: r.current_step,
    done: state.history.flatMap((h) => (h.step === 'withdrawal' ? [] : [{ ...step(h.step), date: h.date }])),
    next: expectedSteps(state).map(step),
    dues: nextDue(state, dueFacts(settings, today, r.birth_date), today).map((d) => presentDue(d, today)),
    mentors: state.mentorIds.map(ref),
    sponsors: state.sponsorIds.map(ref),
    probationEndOn: state.probationEndOn,
    documents: docs.map(presentDocument),
  };
}

/** The applicant uploads their own 思想汇报 or 申请书 to their open dossier, dated today. */
export async function uploadOwnDocument(
  trx: Trx,
  actor: Actor,
  q: { kind: RecruitmentDocumentKind; fileName: string; title?: string | undefined },
  content: Buffer,
  today: IsoDate,
  change: AuditChange,
): Promise<number> {
  if (!ownDocumentKinds.includes(q.kind))
    throw new AppError('VALIDATION_FAILED', '类型：本人只能上传思想汇报或入党申请书', {
      fields: [{ path: 'kind', message: '类型：本人只能上传思想汇报或入党申请书' }],
    });
  const open = actor.personId === null ? undefined : await repo.lockOpenDossierOf(trx, actor.personId);
  if (!open) throw new AppError('NOT_FOUND', '您没有进行中的发展党员档案');
  const r = (await repo.findDossier(trx, open.id))!;
  return storeDocument(
    trx,
    r,
    { ...q, onDate: today },
    content,
    { userId: actor.userId, name: actor.displayName },
    change,
  );
}
