import {
  type IsoDate,
  initialRecruitmentState,
  type RecruitmentFacts,
  type RecruitmentSettings,
  type RecruitmentState,
  type RuleSettings,
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
    approvingOrgIsTemporary: false,
    isFullMember: () => false,
    settings: recruitmentSettings(settings),
    today,
  };
}
