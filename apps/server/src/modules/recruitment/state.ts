import {
  type IsoDate,
  initialRecruitmentState,
  type RecruitmentFacts,
  type RecruitmentSettings,
  type RecruitmentState,
  type RuleSettings,
  recruitmentStepInfo,
} from '@dangjian/core';

/**
 * The stored state of a dossier (recruitment.state, written by the service after every accepted step). It is
 * what packages/core's applyStep returned; replaying recruitment_event from the initial state gives it again.
 */
export function parseState(json: unknown): RecruitmentState {
  if (json === null || typeof json !== 'object') return initialRecruitmentState();
  return { ...initialRecruitmentState(), ...(json as Partial<RecruitmentState>) };
}

/** The procedure's settings out of the school's rule settings. */
export function recruitmentSettings(s: RuleSettings): RecruitmentSettings {
  return {
    recruitmentMinMonthsBeforeActivist: s.recruitmentMinMonthsBeforeActivist,
    politicalReviewValidMonths: s.politicalReviewValidMonths,
    publicNoticeWorkingDays: s.publicNoticeWorkingDays,
    probationReminderDays: s.probationReminderDays,
  };
}

/**
 * Facts for computing deadlines (nextDue reads only the settings): the member checks are never consulted
 * there, so they answer false rather than touching the database.
 */
export function dueFacts(
  settings: RuleSettings,
  today: IsoDate,
  birthDate: IsoDate | null,
): RecruitmentFacts {
  return {
    birthDate: birthDate ?? '1900-01-01',
    branchIsTemporary: false,
    isFullMember: () => false,
    settings: recruitmentSettings(settings),
    today,
  };
}

/** The recruitment row's columns that follow from the state: the state itself and its denormalised copies. */
export function dossierColumns(s: RecruitmentState) {
  return {
    outcome: s.outcome,
    current_step: s.currentStep,
    stage: s.currentStep ? recruitmentStepInfo[s.currentStep].stage : null,
    applied_on: s.appliedOn,
    activist_on: s.activistOn,
    candidate_on: s.candidateOn,
    resolution_on: s.admissionResolutionOn,
    probation_end_on: s.probationEndOn,
    confirmed_on: s.confirmedOn,
    last_date: s.lastDate,
    closed_on: s.outcome === 'in_progress' ? null : s.lastDate,
    state: JSON.stringify(s),
  };
}
