/**
 * Word materials of one dossier (GET /api/recruitment/{id}/materials/{kind}.docx): the kind's current
 * template (the school's or the built-in one) filled with the dossier's data by docxtemplater. A material
 * whose step has not been recorded yet answers 409 naming that step.
 */
import {
  AppError,
  expectedSteps,
  genderLabels,
  type IsoDate,
  publicNoticeEnd,
  type RecruitmentEvent,
  type RecruitmentStep,
  type RecruitmentTemplateKind,
  recruitmentStepInfo,
  recruitmentTemplateKindLabels,
} from '@dangjian/core';
import type { Actor, Db } from '../../http/context.ts';
import { assertInScope } from '../../http/scope.ts';
import { getRuleSettings } from '../settings/service.ts';
import * as repo from './repo.ts';
import { parseState } from './state.ts';
import { currentTemplate, type PlaceholderValues, renderTemplate } from './templates.ts';

/** The step each material needs recorded (the 公示 is handled apart: see noticeOf). */
export const materialStep = {
  talk_record: 'application_talk',
  political_review: 'political_review',
  admission_approval: 'admission_meeting',
  confirmation_approval: 'confirmation_meeting',
} as const satisfies Partial<Record<RecruitmentTemplateKind, RecruitmentStep>>;

type NoticeStep =
  | 'activist_designation'
  | 'candidate_designation'
  | 'admission_meeting'
  | 'confirmation_meeting';
/** What a 公示 before each step is about. */
export const noticeMatter = {
  activist_designation: '入党积极分子',
  candidate_designation: '发展对象',
  admission_meeting: '中共预备党员',
  confirmation_meeting: '中共正式党员',
} as const satisfies Record<NoticeStep, string>;
const isNoticeStep = (s: string): s is NoticeStep => s in noticeMatter;

/** '2026-06-15' → '2026年6月15日'. */
export function chineseDate(iso: IsoDate | null | undefined): string | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

type Stored = { step: string; event: RecruitmentEvent };

/** The latest recorded event of a step. */
function lastOf<S extends RecruitmentEvent['step']>(
  events: readonly Stored[],
  step: S,
): (RecruitmentEvent & { step: S }) | undefined {
  const e = events.filter((x) => x.step === step).at(-1)?.event;
  return e?.step === step ? (e as RecruitmentEvent & { step: S }) : undefined;
}

/**
 * The 公示 a notice material is about: the one due next when the next step needs a notice (starting today,
 * for the school's number of working days), otherwise the last one recorded; null when there is none.
 */
function noticeOf(
  state: ReturnType<typeof parseState>,
  events: readonly Stored[],
  today: IsoDate,
  workingDays: number,
): { matter: string; startOn: IsoDate | null; endOn: IsoDate | null } | null {
  const upcoming = expectedSteps(state).find(isNoticeStep);
  if (upcoming)
    return { matter: noticeMatter[upcoming], startOn: today, endOn: publicNoticeEnd(today, workingDays) };
  const last = [...events].reverse().find((e) => isNoticeStep(e.step));
  if (!last || !isNoticeStep(last.step)) return null;
  const n = 'publicNotice' in last.event ? last.event.publicNotice : null;
  return { matter: noticeMatter[last.step], startOn: n?.startOn ?? null, endOn: n?.endOn ?? null };
}

/** GET /api/recruitment/{id}/materials/{kind}.docx: the filled document and its file name. */
export async function buildMaterial(
  db: Db,
  actor: Actor,
  id: number,
  kind: RecruitmentTemplateKind,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const d = await repo.materialDossier(db, id);
  assertInScope(actor.scope, d?.path);
  const dossier = d!;
  const state = parseState(dossier.state);
  const [rows, settings, school] = await Promise.all([
    repo.stepEventsOf(db, id),
    getRuleSettings(db),
    repo.institutionName(db),
  ]);
  const events: Stored[] = rows.map((r) => ({ step: r.step, event: r.event as RecruitmentEvent }));
  const label = recruitmentTemplateKindLabels[kind];
  const notice =
    kind === 'public_notice' ? noticeOf(state, events, today, settings.publicNoticeWorkingDays) : null;
  if (kind === 'public_notice' ? notice === null : !state.stepDates[materialStep[kind]]) {
    const need =
      kind === 'public_notice'
        ? '需要公示的步骤（确定入党积极分子、确定发展对象、接收预备党员或转正）'
        : `第${recruitmentStepInfo[materialStep[kind]].no}步“${recruitmentStepInfo[materialStep[kind]].label}”`;
    throw new AppError('CONFLICT', `${label}：尚未登记${need}，暂不能生成`);
  }
  const ids = [...state.mentorIds, ...state.sponsorIds];
  const people = ids.length ? await repo.personIdNames(db, ids) : [];
  const names = (list: readonly number[]) =>
    list.length ? list.map((p) => people.find((x) => x.id === p)?.name ?? `#${p}`).join('、') : null;
  const confirming = kind === 'confirmation_approval';
  const meeting = lastOf(events, confirming ? 'confirmation_meeting' : 'admission_meeting');
  const review = lastOf(events, 'political_review');
  const training = lastOf(events, 'training');
  const v = meeting?.votes;
  const num = (n: number | undefined) => (n === undefined ? null : String(n));
  const gender =
    dossier.gender === 'male' || dossier.gender === 'female' ? genderLabels[dossier.gender] : null;
  const values: PlaceholderValues = {
    姓名: dossier.name,
    性别: gender,
    出生日期: chineseDate(dossier.birth_date),
    所在党支部: dossier.org_name,
    申请日期: chineseDate(state.appliedOn),
    谈话日期: chineseDate(state.stepDates.application_talk),
    积极分子日期: chineseDate(state.activistOn),
    发展对象日期: chineseDate(state.candidateOn),
    培养联系人: names(state.mentorIds),
    入党介绍人: names(state.sponsorIds),
    政审日期: chineseDate(state.politicalReviewOn),
    政审结论: review ? (review.passed ? '合格' : '不合格') : null,
    培训学时: training ? `${training.days}天，${training.hours}学时` : null,
    支部大会日期: chineseDate(
      confirming ? state.stepDates.confirmation_meeting : state.admissionResolutionOn,
    ),
    应到: num(v?.entitled),
    实到: num(v?.presentEntitled),
    赞成: v ? String(v.votesFor + (v.writtenFor ?? 0)) : null,
    反对: v ? String(v.votesAgainst + (v.writtenAgainst ?? 0)) : null,
    弃权: num(v?.abstentions),
    审批日期: chineseDate(
      confirming ? state.stepDates.confirmation_approval : state.stepDates.admission_approval,
    ),
    预备期开始: chineseDate(state.probationStartOn),
    预备期结束: chineseDate(state.probationEndOn),
    转正日期: chineseDate(state.confirmedOn),
    公示开始: chineseDate(notice?.startOn),
    公示结束: chineseDate(notice?.endOn),
    公示事项: notice?.matter ?? null,
    学校: school?.name ?? null,
    今天: chineseDate(today),
  };
  const template = await currentTemplate(db, kind);
  let buffer: Buffer;
  try {
    buffer = renderTemplate(template.content, values);
  } catch {
    throw new AppError('RULE_VIOLATION', `${label}：模板无法填写，请检查或恢复内置模板`);
  }
  return { buffer, fileName: `${dossier.name}-${label}.docx` };
}
