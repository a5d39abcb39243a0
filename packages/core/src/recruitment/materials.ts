/**
 * The Word materials of a 发展党员 dossier and the recorded step each one documents. A material carries the
 * date of that step — the 谈话记录 the talk's, the 政审材料 the review's, a 审批表 its 支部大会's, a 公示 the
 * first day of its period — never the day it is printed, and it cannot be produced before that step is recorded.
 *
 * A 公示 is recorded with the step it precedes (确定入党积极分子, 确定发展对象, 接收预备党员, 转正: the event's
 * `publicNotice`, its first and last day, entered when the step is recorded after the 公示 has ended). So a 公示
 * exists for the platform only once such a step is recorded with its period: before that, or when the step was
 * recorded without one (the school waived it), there is no 公示 to print and none is made up.
 */
import type { IsoDate } from '../dates.ts';
import { type RecruitmentStep, recruitmentStepInfo } from './dictionaries.ts';
import type { PublicNotice, RecruitmentEvent } from './procedure.ts';

/** Word materials generated from a dossier with the school's template (a built-in one ships with the platform). */
export const recruitmentTemplateKinds = [
  'talk_record',
  'public_notice',
  'political_review',
  'admission_approval',
  'confirmation_approval',
] as const;
export type RecruitmentTemplateKind = (typeof recruitmentTemplateKinds)[number];
export const recruitmentTemplateKindLabels = {
  talk_record: '入党申请人谈话记录',
  public_notice: '发展党员公示',
  political_review: '政治审查综合材料',
  admission_approval: '接收预备党员审批表',
  confirmation_approval: '预备党员转正审批表',
} as const satisfies Record<RecruitmentTemplateKind, string>;

/** The step each material other than the 公示 documents; the material is dated by it. */
export const materialSteps = {
  talk_record: 'application_talk',
  political_review: 'political_review',
  admission_approval: 'admission_meeting',
  confirmation_approval: 'confirmation_meeting',
} as const satisfies Record<Exclude<RecruitmentTemplateKind, 'public_notice'>, RecruitmentStep>;

/** Steps a 公示 precedes (RULES.md §4: common practice before 积极分子, 发展对象, 接收预备党员 and 转正). */
export const noticeSteps = [
  'activist_designation',
  'candidate_designation',
  'admission_meeting',
  'confirmation_meeting',
] as const satisfies readonly RecruitmentStep[];
export type NoticeStep = (typeof noticeSteps)[number];
export const isNoticeStep = (s: string): s is NoticeStep => (noticeSteps as readonly string[]).includes(s);

/** What the person is to become by the step a 公示 precedes. */
export const noticeMatters = {
  activist_designation: '入党积极分子',
  candidate_designation: '发展对象',
  admission_meeting: '中共预备党员',
  confirmation_meeting: '中共正式党员',
} as const satisfies Record<NoticeStep, string>;

/** What a 公示 proposes, as its title and first sentence say it: "拟接收张三同志为中共预备党员". */
export function noticeProposal(step: NoticeStep, name: string): string {
  switch (step) {
    case 'activist_designation':
    case 'candidate_designation':
      return `拟确定${name}同志为${noticeMatters[step]}`;
    case 'admission_meeting':
      return `拟接收${name}同志为中共预备党员`;
    case 'confirmation_meeting':
      return `拟同意${name}同志按期转为中共正式党员`;
  }
}

/**
 * One material of a dossier: the date it carries and the event it documents (its index in the recorded events),
 * or why it cannot be produced (in Chinese; the API's 409 says “label：reason”).
 */
export type RecruitmentMaterialSource = {
  kind: RecruitmentTemplateKind;
  /** For a 公示: the step it precedes. */
  noticeStep: NoticeStep | null;
  label: string;
} & (
  | { available: true; onDate: IsoDate; eventIndex: number; notice: PublicNotice | null }
  | { available: false; reason: string }
);

const stepName = (s: RecruitmentStep): string =>
  `第${recruitmentStepInfo[s].no}步“${recruitmentStepInfo[s].label}”`;

const noticeOfEvent = (e: RecruitmentEvent | undefined): PublicNotice | null =>
  e && 'publicNotice' in e ? e.publicNotice : null;

/**
 * A material of the recorded events. For a 公示, `noticeStep` picks the step it precedes; without one, the latest
 * step recorded with a 公示 period.
 */
export function recruitmentMaterial(
  events: readonly RecruitmentEvent[],
  kind: RecruitmentTemplateKind,
  noticeStep?: NoticeStep,
): RecruitmentMaterialSource {
  if (kind !== 'public_notice') {
    const step = materialSteps[kind];
    const base = { kind, noticeStep: null, label: recruitmentTemplateKindLabels[kind] };
    const i = events.findLastIndex((e) => e.step === step);
    const e = events[i];
    return e
      ? { ...base, available: true, onDate: e.date, eventIndex: i, notice: noticeOfEvent(e) }
      : { ...base, available: false, reason: `尚未登记${stepName(step)}，暂不能生成` };
  }
  if (noticeStep === undefined) {
    const i = events.findLastIndex((e) => isNoticeStep(e.step) && noticeOfEvent(e) !== null);
    const e = events[i];
    if (e && isNoticeStep(e.step)) return recruitmentMaterial(events, kind, e.step);
    return {
      kind,
      noticeStep: null,
      label: recruitmentTemplateKindLabels[kind],
      available: false,
      reason: `尚未登记公示期（公示期在登记确定入党积极分子、确定发展对象、接收预备党员或转正的步骤时填写），暂不能生成`,
    };
  }
  const base = {
    kind,
    noticeStep,
    label: `${recruitmentTemplateKindLabels[kind]}（${noticeMatters[noticeStep]}）`,
  };
  const i = events.findLastIndex((e) => e.step === noticeStep);
  const notice = noticeOfEvent(events[i]);
  if (i < 0)
    return {
      ...base,
      available: false,
      reason: `尚未登记${stepName(noticeStep)}及其公示期，暂不能生成`,
    };
  if (notice === null)
    return {
      ...base,
      available: false,
      reason: `${stepName(noticeStep)}登记时没有公示期，不能生成公示`,
    };
  return { ...base, available: true, onDate: notice.startOn, eventIndex: i, notice };
}

/**
 * Every material of a dossier as the dossier page offers it, available or with the reason: one 公示 for each
 * step recorded that a 公示 precedes (a single unavailable one before any), the other kinds once each.
 */
export function recruitmentMaterials(events: readonly RecruitmentEvent[]): RecruitmentMaterialSource[] {
  return recruitmentTemplateKinds.flatMap((kind) => {
    if (kind !== 'public_notice') return [recruitmentMaterial(events, kind)];
    const recorded = noticeSteps.filter((s) => events.some((e) => e.step === s));
    return recorded.length
      ? recorded.map((s) => recruitmentMaterial(events, kind, s))
      : [recruitmentMaterial(events, kind)];
  });
}
