/**
 * Word materials of one dossier (GET /api/recruitment/{id}/materials/{kind}.docx): the kind's current template
 * (the school's or the built-in one) filled with the dossier's data by docxtemplater. Which step a material
 * documents, its date and whether it can be produced are core's (recruitmentMaterial): a material carries the
 * dates of the steps it records and never the day it is downloaded; one that cannot be produced — its step not
 * recorded, or no 公示 period recorded — answers 409 with the reason.
 */
import {
  AppError,
  type ConfirmationDecision,
  educationLabels,
  ethnicityLabels,
  formatChineseDate,
  genderLabels,
  type IsoDate,
  type MotionCounts,
  type NoticeStep,
  noticeMatters,
  noticeProposal,
  type RecruitmentEvent,
  type RecruitmentState,
  type RecruitmentStep,
  type RecruitmentTemplateKind,
  recruitmentMaterial,
  superiorTalkerRoleLabels,
} from '@dangjian/core';
import type { Actor, Db } from '../../http/context.ts';
import { assertInScope } from '../../http/scope.ts';
import * as repo from './repo.ts';
import { parseState } from './state.ts';
import { blankDate, currentTemplate, type PlaceholderValues, renderTemplate } from './templates.ts';

/** '2026-06-15' → '2026年6月15日'. */
export function chineseDate(iso: IsoDate | null | undefined): string | null {
  return iso ? formatChineseDate(iso) : null;
}

/** A box's date: the recorded one, or blank for handwriting — never made up. */
const boxDate = (iso: IsoDate | null | undefined): string => chineseDate(iso) ?? blankDate;

type Indexed<S extends RecruitmentEvent['step']> = { index: number; event: RecruitmentEvent & { step: S } };

/** The latest recorded event of a step, with its position. */
function lastOf<S extends RecruitmentEvent['step']>(
  events: readonly RecruitmentEvent[],
  step: S,
): Indexed<S> | undefined {
  const index = events.findLastIndex((e) => e.step === step);
  const event = events[index];
  return event?.step === step ? { index, event: event as RecruitmentEvent & { step: S } } : undefined;
}

/** The first event of a step after position `after` (an approval answers the meeting before it). */
function firstAfter<S extends RecruitmentEvent['step']>(
  events: readonly RecruitmentEvent[],
  step: S,
  after: number,
): (RecruitmentEvent & { step: S }) | undefined {
  const event = events.find((e, i) => i > after && e.step === step);
  return event?.step === step ? (event as RecruitmentEvent & { step: S }) : undefined;
}

/** Yes-votes and no-votes, with written votes of absent members (支部条例 第十一条). */
function tally(v: MotionCounts): { for: number; against: number } {
  return { for: v.votesFor + (v.writtenFor ?? 0), against: v.votesAgainst + (v.writtenAgainst ?? 0) };
}

/** What the 支部大会 decided, in the words of a 决议. */
function meetingDecision(name: string, decision: ConfirmationDecision | 'admit', months?: number): string {
  switch (decision) {
    case 'admit':
      return `同意接收${name}同志为中共预备党员`;
    case 'confirm':
      return `同意${name}同志按期转为中共正式党员`;
    case 'extend':
      return `同意延长${name}同志的预备期${months ?? ''}个月`;
    case 'revoke':
      return `同意取消${name}同志的预备党员资格`;
  }
}

/** The 支部大会决议 of a box: when, who, the counts and the decision. */
function resolutionText(
  e: { date: IsoDate; votes: MotionCounts },
  branch: string,
  name: string,
  subject: string,
  decision: string,
): string {
  const v = e.votes;
  const t = tally(v);
  const written =
    (v.writtenFor ?? 0) + (v.writtenAgainst ?? 0) > 0
      ? `（含因故缺席党员书面表决赞成${v.writtenFor ?? 0}票、反对${v.writtenAgainst ?? 0}票）`
      : '';
  return (
    `${chineseDate(e.date)}，${branch}召开支部大会，讨论${name}同志的${subject}。应到会有表决权的正式党员` +
    `${v.entitled}人，实到${v.presentEntitled}人。经表决，赞成${t.for}票，反对${t.against}票，弃权${v.abstentions}票${written}，` +
    `${decision}。`
  );
}

/** The milestones reached before position `before`, as a 公示 or a 审批表 recounts them. */
function pathBefore(events: readonly RecruitmentEvent[], before: number): string | null {
  const earlier = events.slice(0, Math.max(0, before));
  const at = (step: RecruitmentStep) => earlier.findLast((e) => e.step === step)?.date;
  const parts = [
    [at('application'), '递交入党申请书'],
    [at('activist_designation'), '被确定为入党积极分子'],
    [at('candidate_designation'), '被确定为发展对象'],
    [at('admission_meeting'), '被接收为中共预备党员'],
  ] as const;
  const said = parts.filter(([d]) => d).map(([d, what]) => `${chineseDate(d)}${what}`);
  return said.length ? said.join('，') : null;
}

/** The dossier's 党总支 and 党委: the nearest orgs of those types above its branch. */
async function superiorsOf(
  db: Db,
  path: string,
): Promise<{ general: string | null; committee: string | null }> {
  const ids = path.split('/').filter(Boolean).map(Number);
  const orgs = await repo.orgsByIds(db, ids);
  return {
    general: orgs.find((o) => o.type === 'general_branch')?.name ?? null,
    committee: orgs.find((o) => o.type === 'committee')?.name ?? null,
  };
}

/** The placeholders of a material of `kind` documenting the event at `index` (and, for a 公示, its step). */
function fillValues(
  f: {
    dossier: NonNullable<Awaited<ReturnType<typeof repo.materialDossier>>>;
    state: RecruitmentState;
    events: readonly RecruitmentEvent[];
    people: ReadonlyMap<number, string>;
    superiors: { general: string | null; committee: string | null };
    school: string | null;
  },
  kind: RecruitmentTemplateKind,
  src: { onDate: IsoDate; eventIndex: number; noticeStep: NoticeStep | null },
): PlaceholderValues {
  const { dossier: d, state, events, superiors } = f;
  const name = d.name;
  const branch = d.org_name;
  const names = (ids: readonly number[]) =>
    ids.length ? ids.map((p) => f.people.get(p) ?? `#${p}`).join('、') : null;
  const confirming = kind === 'confirmation_approval';
  const meeting = confirming ? lastOf(events, 'confirmation_meeting') : lastOf(events, 'admission_meeting');
  const approval = meeting
    ? confirming
      ? firstAfter(events, 'confirmation_approval', meeting.index)
      : firstAfter(events, 'admission_approval', meeting.index)
    : undefined;
  const talk = !confirming && meeting ? firstAfter(events, 'superior_talk', meeting.index) : undefined;
  const review = lastOf(events, 'political_review')?.event;
  const training = lastOf(events, 'training')?.event;
  const documented = events[src.eventIndex];
  const notice = documented && 'publicNotice' in documented ? documented.publicNotice : null;
  const v = meeting?.event.votes;
  const num = (n: number | undefined) => (n === undefined ? null : String(n));
  const gender = d.gender === 'male' || d.gender === 'female' ? genderLabels[d.gender] : null;
  const label = <T extends string>(labels: Record<T, string>, code: string | null) =>
    code && code in labels ? labels[code as T] : code;

  let resolution: string | null = null;
  let committeeOpinion = '';
  if (meeting?.event.step === 'admission_meeting') {
    resolution = resolutionText(meeting.event, branch, name, '入党申请', meetingDecision(name, 'admit'));
    if (approval?.step === 'admission_approval')
      committeeOpinion = approval.approved
        ? `经审批，同意接收${name}同志为中共预备党员，预备期自${chineseDate(state.probationStartOn)}至${chineseDate(state.probationEndOn)}。`
        : `经审批，不同意接收${name}同志为中共预备党员。`;
  } else if (meeting?.event.step === 'confirmation_meeting') {
    const m = meeting.event;
    resolution = resolutionText(
      m,
      branch,
      name,
      '转正申请',
      meetingDecision(name, m.decision, m.extensionMonths),
    );
    if (approval)
      committeeOpinion =
        m.decision === 'confirm'
          ? `经审批，同意${name}同志按期转为中共正式党员，党龄自${chineseDate(state.confirmedOn)}算起。`
          : m.decision === 'extend'
            ? `经审批，同意延长${name}同志的预备期${m.extensionMonths ?? ''}个月，至${chineseDate(state.probationEndOn)}期满。`
            : `经审批，同意取消${name}同志的预备党员资格。`;
  }
  const dated = chineseDate(src.onDate);
  return {
    姓名: name,
    性别: gender,
    出生日期: chineseDate(d.birth_date),
    民族: label(ethnicityLabels, d.ethnicity),
    学历: label(educationLabels, d.education),
    所在党支部: branch,
    党总支: superiors.general ?? '（党委直属）',
    党委: superiors.committee,
    申请日期: chineseDate(state.appliedOn),
    谈话日期: chineseDate(state.stepDates.application_talk),
    积极分子日期: chineseDate(state.activistOn),
    发展对象日期: chineseDate(state.candidateOn),
    培养联系人: names(state.mentorIds),
    入党介绍人: names(state.sponsorIds),
    培养经历: pathBefore(events, src.eventIndex),
    政审日期: chineseDate(state.politicalReviewOn),
    政审结论: review ? (review.passed ? '合格' : '不合格') : null,
    培训学时: training ? `${training.days}天，${training.hours}学时` : null,
    支部大会日期: chineseDate(meeting?.event.date),
    应到: num(v?.entitled),
    实到: num(v?.presentEntitled),
    赞成: v ? String(tally(v).for) : null,
    反对: v ? String(tally(v).against) : null,
    弃权: num(v?.abstentions),
    支部决议: resolution,
    总支意见: superiors.general ? '' : `${branch}为党委直属党支部，不经党总支审查。`,
    上级谈话情况: talk
      ? `${chineseDate(talk.date)}，上级党委${superiorTalkerRoleLabels[talk.talkerRole]}与${name}同志谈话。`
      : '',
    上级谈话日期: boxDate(talk?.date),
    党委意见: committeeOpinion,
    审批日期: boxDate(approval?.date),
    预备期开始: chineseDate(state.probationStartOn),
    预备期结束: chineseDate(state.probationEndOn),
    转正申请日期: chineseDate(state.stepDates.confirmation_application),
    转正日期: chineseDate(state.confirmedOn),
    公示开始: chineseDate(notice?.startOn),
    公示结束: chineseDate(notice?.endOn),
    公示事项: src.noticeStep ? noticeMatters[src.noticeStep] : null,
    公示内容: src.noticeStep ? noticeProposal(src.noticeStep, name) : null,
    学校: f.school,
    落款日期: dated,
    今天: dated,
  };
}

/** GET /api/recruitment/{id}/materials/{kind}.docx: the filled document and its file name. */
export async function buildMaterial(
  db: Db,
  actor: Actor,
  id: number,
  kind: RecruitmentTemplateKind,
  noticeStep: NoticeStep | undefined,
): Promise<{ buffer: Buffer; fileName: string }> {
  const d = await repo.materialDossier(db, id);
  assertInScope(actor.scope, d?.path);
  const dossier = d!;
  if (noticeStep !== undefined && kind !== 'public_notice')
    throw new AppError('VALIDATION_FAILED', '公示步骤：只有发展党员公示可以指定');
  const rows = await repo.stepEventsOf(db, id);
  const events = rows.map((r) => r.event as RecruitmentEvent);
  const src = recruitmentMaterial(events, kind, noticeStep);
  if (!src.available) throw new AppError('CONFLICT', `${src.label}：${src.reason}`);
  const state = parseState(dossier.state);
  const ids = [...state.mentorIds, ...state.sponsorIds];
  const [people, superiors, school] = await Promise.all([
    ids.length ? repo.personIdNames(db, ids) : [],
    superiorsOf(db, dossier.path),
    repo.institutionName(db),
  ]);
  const values = fillValues(
    {
      dossier,
      state,
      events,
      people: new Map(people.map((p) => [p.id, p.name])),
      superiors,
      school: school?.name ?? null,
    },
    kind,
    src,
  );
  const template = await currentTemplate(db, kind);
  let buffer: Buffer;
  try {
    buffer = renderTemplate(template.content, values);
  } catch {
    throw new AppError('RULE_VIOLATION', `${src.label}：模板无法填写，请检查或恢复内置模板`);
  }
  return { buffer, fileName: `${dossier.name}-${src.label}.docx` };
}
