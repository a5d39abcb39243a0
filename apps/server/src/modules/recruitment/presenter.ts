import {
  activistRecommendationLabels,
  type ConfirmationDecision,
  confirmationDecisionLabels,
  daysBetween,
  type Gender,
  type IsoDate,
  isOverdue,
  isReminding,
  type MotionCounts,
  maskIdNumber,
  maskPhone,
  type PublicNotice,
  type RecruitmentDocument,
  type RecruitmentDue,
  type RecruitmentDueItem,
  type RecruitmentEvent,
  type RecruitmentEventOut,
  type RecruitmentListItem,
  type RecruitmentMaterial,
  type RecruitmentRuleId,
  type RecruitmentStage,
  type RecruitmentState,
  type RecruitmentStep,
  type RecruitmentViolation,
  type RecruitmentViolationOut,
  recruitmentMaterials,
  recruitmentRuleCatalogue,
  recruitmentStepInfo,
  type SuperiorTalkerRole,
  superiorTalkerRoleLabels,
} from '@dangjian/core';
import type { DocumentRow, DossierRow, EventRow } from './repo.ts';

/** A deadline with its overdue/reminding flags on `today`. */
export function presentDue(d: RecruitmentDue, today: IsoDate): RecruitmentDueItem {
  return {
    kind: d.kind,
    step: d.step,
    dueOn: d.dueOn,
    remindFrom: d.remindFrom,
    overdue: isOverdue(d, today),
    reminding: isReminding(d, today),
    message: d.message,
    ruleId: d.ruleId,
  };
}

/** The first date recorded in the dossier's current stage. */
function stageStartedOn(state: RecruitmentState, stage: RecruitmentStage | null): IsoDate | null {
  if (stage === null) return null;
  const first = state.history.find(
    (h) => h.step !== 'withdrawal' && recruitmentStepInfo[h.step].stage === stage,
  );
  return first?.date ?? null;
}

/** A list row: the person, the branch and its 总支, the milestones and the next deadline. */
export function presentListItem(
  r: DossierRow,
  state: RecruitmentState,
  dues: readonly RecruitmentDueItem[],
  today: IsoDate,
): RecruitmentListItem {
  const stage = r.stage;
  const started = stageStartedOn(state, stage);
  const end = r.outcome === 'in_progress' ? today : (r.closed_on ?? today);
  return {
    id: r.id,
    person: {
      id: r.person_id,
      name: r.person_name,
      gender: r.gender as Gender | null,
      category: r.category,
    },
    org: { id: r.org_id, name: r.org_name },
    generalBranch:
      r.general_id !== null && r.general_name !== null ? { id: r.general_id, name: r.general_name } : null,
    unitName: r.unit_name,
    outcome: r.outcome,
    stage,
    currentStep: r.current_step,
    appliedOn: r.applied_on,
    activistOn: r.activist_on,
    candidateOn: r.candidate_on,
    resolutionOn: r.resolution_on,
    probationEndOn: r.probation_end_on,
    confirmedOn: r.confirmed_on,
    lastDate: r.last_date,
    daysInStage: started === null ? null : Math.max(0, daysBetween(started, end)),
    nextDue: dues[0] ?? null,
  };
}

/** A person's ID number and phone, masked unless the caller may see them. */
export function presentSensitive(r: Pick<DossierRow, 'id_number' | 'phone'>, masked: boolean) {
  return {
    idNumber: masked ? maskIdNumber(r.id_number) : r.id_number,
    phone: masked ? maskPhone(r.phone) : r.phone,
  };
}

export function presentDocument(d: DocumentRow): RecruitmentDocument {
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    onDate: d.on_date,
    fileName: d.file_name,
    mimeType: d.mime_type,
    size: d.size,
    uploaderName: d.uploader_name,
    uploadedAt: d.uploaded_at.toISOString(),
  };
}

/** A core violation with its rule title and clause, as the API answers it. */
export function presentViolation(v: RecruitmentViolation): RecruitmentViolationOut {
  return {
    ruleId: v.ruleId,
    title: v.title,
    message: v.message,
    field: v.field,
    severity: v.severity,
    kind: v.kind,
    clause: { source: v.clause.source, article: v.clause.article, text: v.clause.text },
  };
}

/** The event JSON as stored: the core event plus the ids of the documents it names. */
export interface StoredEvent {
  step: RecruitmentStep | 'withdrawal';
  date: IsoDate;
  documentIds?: number[];
  recommendation?: keyof typeof activistRecommendationLabels;
  publicNotice?: PublicNotice | null;
  mentorIds?: number[];
  sponsorIds?: number[];
  passed?: boolean;
  days?: number;
  hours?: number;
  votes?: MotionCounts;
  talkerRole?: SuperiorTalkerRole;
  approved?: boolean;
  specialReason?: string;
  decision?: ConfirmationDecision;
  extensionMonths?: number;
  reason?: string;
}

/** Person ids an event names (培养联系人, 入党介绍人), to load their names. */
export function peopleOfEvent(e: StoredEvent): number[] {
  return [...(e.mentorIds ?? []), ...(e.sponsorIds ?? [])];
}

const names = (ids: readonly number[] | undefined, people: Map<number, string>) =>
  (ids ?? []).map((id) => people.get(id) ?? `#${id}`).join('、');

function noticeText(n: PublicNotice | null | undefined): string {
  return n ? `${n.startOn} 至 ${n.endOn}（${n.workingDays} 个工作日）` : '未公示';
}

function votesText(v: MotionCounts): string {
  const wFor = v.writtenFor ?? 0;
  const wAgainst = v.writtenAgainst ?? 0;
  const written = wFor > 0 || wAgainst > 0 ? `；书面表决赞成 ${wFor} 票、反对 ${wAgainst} 票` : '';
  return `应到 ${v.entitled} 人，实到 ${v.presentEntitled} 人；赞成 ${v.votesFor} 票，反对 ${v.votesAgainst} 票，弃权 ${v.abstentions} 票${written}`;
}

/** The step's own data in Chinese, in order. */
export function eventDetails(
  e: StoredEvent,
  people: Map<number, string>,
): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const add = (label: string, value: string) => out.push({ label, value });
  if (e.recommendation) add('推荐方式', activistRecommendationLabels[e.recommendation]);
  if (e.mentorIds) add('培养联系人', names(e.mentorIds, people));
  if (e.sponsorIds) add('入党介绍人', names(e.sponsorIds, people));
  if (e.passed !== undefined)
    add(e.step === 'pre_examination' ? '预审结果' : '审查结论', e.passed ? '通过' : '未通过');
  if (e.days !== undefined && e.hours !== undefined) add('培训时间', `${e.days} 天，${e.hours} 学时`);
  if (e.talkerRole) add('谈话人身份', superiorTalkerRoleLabels[e.talkerRole]);
  if (e.approved !== undefined) add('审批结论', e.approved ? '批准' : '不批准');
  if (e.specialReason) add('特殊情况说明', e.specialReason);
  if (e.decision) add('讨论结论', confirmationDecisionLabels[e.decision]);
  if (e.decision === 'extend' && e.extensionMonths) add('延长月数', `${e.extensionMonths} 个月`);
  if (e.votes) add('表决', votesText(e.votes));
  if (e.publicNotice !== undefined) add('公示', noticeText(e.publicNotice));
  if (e.step === 'withdrawal' && e.reason) add('撤回理由', e.reason);
  return out;
}

const ruleTitle = (id: string): string => recruitmentRuleCatalogue[id as RecruitmentRuleId]?.title ?? id;

/** One recorded step as the history shows it. */
export function presentEvent(
  row: EventRow,
  people: Map<number, string>,
  docs: Map<number, string>,
): RecruitmentEventOut {
  const e = row.event as StoredEvent;
  const step = row.step;
  const info = step === 'withdrawal' ? null : recruitmentStepInfo[step];
  const warnings = (row.warnings as string[]) ?? [];
  const overrides = (row.overrides as { ruleId: string; reason: string }[]) ?? [];
  return {
    seq: row.seq,
    step,
    no: info?.no ?? 0,
    label: info?.label ?? '撤回入党申请',
    date: row.on_date,
    details: eventDetails(e, people),
    note: row.note,
    activity:
      row.activity_id !== null
        ? { id: row.activity_id, name: row.activity_title ?? `#${row.activity_id}` }
        : null,
    documents: (e.documentIds ?? []).map((id) => ({ id, name: docs.get(id) ?? '（已删除）' })),
    warnings: warnings.map((ruleId) => ({ ruleId, title: ruleTitle(ruleId) })),
    overrides: overrides.map((o) => ({ ruleId: o.ruleId, title: ruleTitle(o.ruleId), reason: o.reason })),
    recorderName: row.recorder_name,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** Every Word material of a dossier, available (with the date it carries) or with the reason it is not. */
export function presentMaterials(rows: readonly EventRow[]): RecruitmentMaterial[] {
  return recruitmentMaterials(rows.map((r) => r.event as RecruitmentEvent)).map((m) => ({
    kind: m.kind,
    noticeStep: m.noticeStep,
    label: m.label,
    available: m.available,
    onDate: m.available ? m.onDate : null,
    reason: m.available ? null : m.reason,
  }));
}
