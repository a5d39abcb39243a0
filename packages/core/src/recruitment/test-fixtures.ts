/** Test helpers for the 发展党员 procedure: valid events for each step and one applicant's full walk. */
import type { MotionCounts } from '../activities/votes.ts';
import { addDays, type IsoDate } from '../dates.ts';
import { defaultRuleSettings } from '../settings.ts';
import type { RecruitmentStep } from './dictionaries.ts';
import {
  applyStep,
  initialRecruitmentState,
  type PublicNotice,
  type RecruitmentEvent,
  type RecruitmentFacts,
  type RecruitmentState,
} from './procedure.ts';

/** People 100–199 are full members; others are not (预备党员 or not members). */
export const isFullMember = (id: number): boolean => id >= 100 && id < 200;

export function makeFacts(over: Partial<RecruitmentFacts> = {}): RecruitmentFacts {
  return {
    birthDate: '2005-05-10',
    branchIsTemporary: false,
    isFullMember,
    leavesUnitOn: null,
    settings: {
      recruitmentMinMonthsBeforeActivist: defaultRuleSettings.recruitmentMinMonthsBeforeActivist,
      politicalReviewValidMonths: defaultRuleSettings.politicalReviewValidMonths,
      publicNoticeWorkingDays: defaultRuleSettings.publicNoticeWorkingDays,
      probationReminderDays: defaultRuleSettings.probationReminderDays,
    },
    today: '2030-12-31',
    ...over,
  };
}

/** A 5-working-day 公示 ending the day before `date`. */
export function noticeBefore(date: IsoDate): PublicNotice {
  return { startOn: addDays(date, -8), endOn: addDays(date, -1), workingDays: 5 };
}

/** 10 entitled, 8 present, 7 for: quorum and majority. */
export const passingVotes: MotionCounts = {
  entitled: 10,
  presentEntitled: 8,
  votesFor: 7,
  votesAgainst: 1,
  abstentions: 0,
};

type EventOf<S extends RecruitmentEvent['step']> = RecruitmentEvent & { step: S };

/** A valid event of a step on a date; `extra` replaces any field. */
export function eventFor<S extends RecruitmentEvent['step']>(
  step: S,
  date: IsoDate,
  extra: Partial<EventOf<S>> = {},
): EventOf<S> {
  const base = { date, actorId: 1 };
  const fields: Record<string, unknown> = {};
  switch (step as RecruitmentEvent['step']) {
    case 'activist_designation':
      Object.assign(fields, { recommendation: 'member', publicNotice: noticeBefore(date) });
      break;
    case 'mentor_assignment':
      Object.assign(fields, { mentorIds: [101, 102] });
      break;
    case 'candidate_designation':
      Object.assign(fields, { publicNotice: noticeBefore(date) });
      break;
    case 'sponsor_assignment':
      Object.assign(fields, { sponsorIds: [101, 102] });
      break;
    case 'political_review':
    case 'pre_examination':
      Object.assign(fields, { passed: true });
      break;
    case 'training':
      Object.assign(fields, { days: 3, hours: 24 });
      break;
    case 'admission_meeting':
      Object.assign(fields, { votes: passingVotes, publicNotice: noticeBefore(date) });
      break;
    case 'superior_talk':
      Object.assign(fields, { talkerRole: 'organiser' });
      break;
    case 'admission_approval':
      Object.assign(fields, { approved: true });
      break;
    case 'confirmation_meeting':
      Object.assign(fields, { decision: 'confirm', votes: passingVotes, publicNotice: noticeBefore(date) });
      break;
    case 'withdrawal':
      Object.assign(fields, { reason: '本人书面申请撤回' });
      break;
    default:
      break;
  }
  return { ...base, step, ...fields, ...extra } as EventOf<S>;
}

/** One applicant from application (2023-10-09) to archiving (2026-05-20): 25 steps, two activist reviews. */
export const fullWalk: readonly [RecruitmentStep, IsoDate][] = [
  ['application', '2023-10-09'],
  ['application_talk', '2023-10-20'],
  ['activist_designation', '2024-01-15'],
  ['activist_filing', '2024-01-20'],
  ['mentor_assignment', '2024-01-20'],
  ['activist_review', '2024-07-10'],
  ['activist_review', '2025-01-10'],
  ['candidate_designation', '2025-01-15'],
  ['candidate_filing', '2025-01-20'],
  ['sponsor_assignment', '2025-01-20'],
  ['political_review', '2025-02-20'],
  ['training', '2025-03-10'],
  ['committee_review', '2025-03-20'],
  ['pre_examination', '2025-03-25'],
  ['application_form', '2025-03-28'],
  ['admission_meeting', '2025-04-10'],
  ['superior_talk', '2025-04-20'],
  ['admission_approval', '2025-05-10'],
  ['admission_filing', '2025-05-20'],
  ['group_placement', '2025-05-20'],
  ['oath', '2025-06-01'],
  ['probation_review', '2025-10-10'],
  ['confirmation_application', '2026-03-20'],
  ['confirmation_meeting', '2026-04-10'],
  ['confirmation_approval', '2026-05-10'],
  ['archiving', '2026-05-20'],
];

export const fullWalkEvents: RecruitmentEvent[] = fullWalk.map(([step, date]) => eventFor(step, date));

/** Applies events that must all be accepted; throws with the messages otherwise. */
export function run(
  events: readonly RecruitmentEvent[],
  facts: RecruitmentFacts = makeFacts(),
  from: RecruitmentState = initialRecruitmentState(),
): RecruitmentState {
  let state = from;
  for (const e of events) {
    const r = applyStep(state, e, facts);
    if (!r.ok) throw new Error(`${e.step} ${e.date}: ${r.violations.map((v) => v.message).join('; ')}`);
    state = r.state;
  }
  return state;
}

/** The state after the walk's events up to (and including) the last one of `step`. */
export function stateAfter(step: RecruitmentStep, facts: RecruitmentFacts = makeFacts()): RecruitmentState {
  let last = -1;
  fullWalk.forEach(([s], i) => {
    if (s === step) last = i;
  });
  return run(fullWalkEvents.slice(0, last + 1), facts);
}
