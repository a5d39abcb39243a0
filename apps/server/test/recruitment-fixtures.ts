/**
 * 发展党员 dossiers written straight into the database for the report tests: the events are replayed by
 * packages/core (replaySteps, with everyone counted as a full member) so the stored state, the denormalised
 * columns and the person's roster status are what the service stores after the same steps.
 */
import {
  addDays,
  defaultRuleSettings,
  type IsoDate,
  type MotionCounts,
  type RecruitmentEvent,
  type RecruitmentStep,
  replaySteps,
} from '@dangjian/core';
import type { Db } from '../src/http/context.ts';
import { bumpGeneration } from '../src/http/generation.ts';
import { dossierColumns, recruitmentSettings } from '../src/modules/recruitment/state.ts';

/** 10 entitled, 8 present, 7 for: quorum and majority. */
export const passingVotes: MotionCounts = {
  entitled: 10,
  presentEntitled: 8,
  votesFor: 7,
  votesAgainst: 1,
  abstentions: 0,
};

const notice = (date: IsoDate) => ({ startOn: addDays(date, -8), endOn: addDays(date, -1), workingDays: 5 });

/** A valid event of a step on a date (mentors and sponsors are `people`); `extra` replaces any field. */
export function eventFor(
  step: RecruitmentEvent['step'],
  date: IsoDate,
  people: readonly number[] = [],
  extra: Record<string, unknown> = {},
): RecruitmentEvent {
  const fields: Record<string, unknown> = {
    activist_designation: { recommendation: 'member', publicNotice: notice(date) },
    mentor_assignment: { mentorIds: people.slice(0, 2) },
    candidate_designation: { publicNotice: notice(date) },
    sponsor_assignment: { sponsorIds: people.slice(0, 2) },
    political_review: { passed: true },
    pre_examination: { passed: true },
    training: { days: 3, hours: 24 },
    admission_meeting: { votes: passingVotes, publicNotice: notice(date) },
    superior_talk: { talkerRole: 'organiser' },
    admission_approval: { approved: true },
    confirmation_meeting: { decision: 'confirm', votes: passingVotes, publicNotice: notice(date) },
    withdrawal: { reason: '本人书面申请撤回' },
  };
  return { date, actorId: 1, step, ...(fields[step] as object), ...extra } as RecruitmentEvent;
}

/** Events from [step, date] pairs. */
export const walk = (
  pairs: readonly (readonly [RecruitmentEvent['step'], IsoDate])[],
  people: readonly number[] = [],
): RecruitmentEvent[] => pairs.map(([s, d]) => eventFor(s, d, people));

/** Steps 1–15 of one applicant, ending with the 支部大会 on `admissionOn` (a typical 2.5-year path). */
export const toAdmissionMeeting: readonly (readonly [RecruitmentStep, IsoDate])[] = [
  ['application', '2024-03-01'],
  ['application_talk', '2024-03-10'],
  ['activist_designation', '2024-09-10'],
  ['activist_filing', '2024-09-15'],
  ['mentor_assignment', '2024-09-15'],
  ['activist_review', '2025-03-01'],
  ['activist_review', '2025-09-01'],
  ['candidate_designation', '2025-09-20'],
  ['candidate_filing', '2025-09-25'],
  ['sponsor_assignment', '2025-09-25'],
  ['political_review', '2025-10-10'],
  ['training', '2025-11-01'],
  ['committee_review', '2026-03-01'],
  ['pre_examination', '2026-03-10'],
  ['application_form', '2026-03-15'],
  ['admission_meeting', '2026-04-20'],
];

/** The whole procedure of one applicant: application 2023-10-09, 转正 approved 2026-05-10, archived 2026-05-20. */
export const fullWalk: readonly (readonly [RecruitmentStep, IsoDate])[] = [
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

/**
 * Inserts an applicant (not on the roster) with a dossier at `orgId` and its recorded events; admitted
 * applicants enter the roster as the service puts them (预备党员 from the resolution date, 正式 on 转正).
 */
export async function insertDossier(
  db: Db,
  input: {
    orgId: number;
    events: readonly RecruitmentEvent[];
    name?: string;
    gender?: 'male' | 'female';
    birthDate?: IsoDate;
    category?: 'staff' | 'student';
    unitId?: number | null;
  },
): Promise<{ id: number; personId: number }> {
  const birthDate = input.birthDate ?? '2000-05-10';
  const { state, refused } = replaySteps(input.events, {
    birthDate,
    branchIsTemporary: false,
    isFullMember: () => true,
    settings: recruitmentSettings(defaultRuleSettings),
    today: '2099-12-31',
  });
  if (refused)
    throw new Error(
      `fixture event ${refused.index} refused: ${refused.violations.map((v) => v.message).join('; ')}`,
    );
  const admitted = state.probationStartOn !== null && state.outcome !== 'revoked';
  const person = await db
    .insertInto('person')
    .values({
      name: input.name ?? `申请人${Math.random().toString(36).slice(2, 6)}`,
      gender: input.gender ?? 'male',
      birth_date: birthDate,
      category: input.category ?? 'student',
      unit_id: input.unitId ?? null,
      party_status: admitted ? (state.confirmedOn ? 'full' : 'probationary') : null,
      org_id: admitted ? input.orgId : null,
      joined_on: admitted ? state.probationStartOn : null,
      confirmed_on: admitted ? state.confirmedOn : null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const _step = state.currentStep;
  const row = await db
    .insertInto('recruitment')
    .values({
      person_id: person.id,
      org_id: input.orgId,
      ...dossierColumns(state),
      version: input.events.length,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.events.length)
    await db
      .insertInto('recruitment_event')
      .values(
        input.events.map((e, i) => ({
          recruitment_id: row.id,
          seq: i + 1,
          step: e.step,
          on_date: e.date,
          event: JSON.stringify(e),
          warnings: JSON.stringify(state.history[i]?.warnings ?? []),
          overrides: JSON.stringify(state.history[i]?.overrides ?? []),
          recorder_name: '测试',
        })),
      )
      .execute();
  bumpGeneration(db);
  return { id: row.id, personId: person.id };
}
