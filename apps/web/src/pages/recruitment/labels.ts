import {
  type RecruitmentOutcome,
  type RecruitmentStage,
  type RecruitmentStep,
  recruitmentStepInfo,
} from '@dangjian/core';

/** "第N步 label" of a step, as the list, the history and the buttons show it. */
export function stepTitle(step: RecruitmentStep): string {
  const info = recruitmentStepInfo[step];
  return `第${info.no}步 ${info.label}`;
}

/** Short stage names for tabs and tags (the full ones are in core's recruitmentStageLabels). */
export const stageShortLabels = {
  application: '申请入党',
  activist: '入党积极分子',
  candidate: '发展对象',
  admission: '预备党员接收',
  probation: '预备期考察和转正',
} as const satisfies Record<RecruitmentStage, string>;

export const stageColors = {
  application: 'default',
  activist: 'blue',
  candidate: 'geekblue',
  admission: 'orange',
  probation: 'red',
} as const satisfies Record<RecruitmentStage, string>;

export const outcomeColors = {
  in_progress: 'processing',
  confirmed: 'success',
  revoked: 'error',
  not_admitted: 'error',
  withdrawn: 'default',
} as const satisfies Record<RecruitmentOutcome, string>;
