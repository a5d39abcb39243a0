/**
 * 中层干部选拔任用 as a pure procedure (党政领导干部选拔任用工作条例; clause numbers as RULES.md §11 gives
 * them, 2014 numbering):
 *
 *   motion(动议) ─recommend→ recommended(民主推荐) ─inspect→ inspected(考察) ─decide→ decided(党委讨论决定)
 *     ─publish_notice→ notice(任前公示) ─appoint→ probation(任职，试用期一年) ─confirm→ confirmed(转正)
 *                                                                              └─dismiss→ dismissed(免去试任职务)
 *
 * Any step before 任职 may `withdraw` (终止). A failed 政治素质考察 (or another veto the school configures,
 * e.g. 师德师风) stops the procedure at 考察: `inspect` with a failed veto ends in `vetoed`.
 */
import { addDays, addMonths, daysBetween, type IsoDate } from '../dates.ts';
import { workingDaysBetween } from '../recruitment/public-notice.ts';

export const appointmentStatuses = [
  'motion',
  'recommended',
  'inspected',
  'decided',
  'notice',
  'probation',
  'confirmed',
  'dismissed',
  'vetoed',
  'withdrawn',
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  motion: '动议',
  recommended: '民主推荐',
  inspected: '考察',
  decided: '党委讨论决定',
  notice: '任前公示',
  probation: '试用期',
  confirmed: '正式任职',
  dismissed: '免去试任职务',
  vetoed: '考察否决',
  withdrawn: '终止',
};

export const appointmentSteps = [
  'recommend',
  'inspect',
  'decide',
  'publish_notice',
  'appoint',
  'confirm',
  'dismiss',
  'withdraw',
] as const;
export type AppointmentStep = (typeof appointmentSteps)[number];

export const appointmentStepLabels: Record<AppointmentStep, string> = {
  recommend: '民主推荐',
  inspect: '考察',
  decide: '党委讨论决定',
  publish_notice: '任前公示',
  appoint: '任职',
  confirm: '试用期满转正',
  dismiss: '免去试任职务',
  withdraw: '终止',
};

export const appointmentStepFrom = {
  recommend: ['motion'],
  inspect: ['recommended'],
  decide: ['inspected'],
  publish_notice: ['decided'],
  appoint: ['notice'],
  confirm: ['probation'],
  dismiss: ['probation'],
  withdraw: ['motion', 'recommended', 'inspected', 'decided', 'notice'],
} as const satisfies Record<AppointmentStep, readonly AppointmentStatus[]>;

/** The vetoes a school may configure (一票否决 at 考察). */
export const cadreVetoes = ['political', 'ethics'] as const;
export type CadreVeto = (typeof cadreVetoes)[number];
export const cadreVetoLabels: Record<CadreVeto, string> = { political: '政治素质', ethics: '师德师风' };

/** The school's settings the procedure reads. */
export interface AppointmentSettings {
  /** Years as 副职 before 正职 (默认 2). */
  deputyYearsBeforePrincipal: number;
  /** Working days of 任前公示 (默认 5, never fewer). */
  noticeWorkingDays: number;
  /** Months of 试用期 (默认 12). */
  probationMonths: number;
  /** The vetoes applied at 考察. */
  vetoes: readonly CadreVeto[];
}

export const defaultAppointmentSettings: AppointmentSettings = {
  deputyYearsBeforePrincipal: 2,
  noticeWorkingDays: 5,
  probationMonths: 12,
  vetoes: ['political', 'ethics'],
};

export type PostLevel = 'principal' | 'deputy';

export interface AppointmentState {
  status: AppointmentStatus;
  /** 党委讨论决定 date: the start of the post. */
  decidedOn: IsoDate | null;
  noticeStartOn: IsoDate | null;
  noticeEndOn: IsoDate | null;
  appointedOn: IsoDate | null;
  probationEndOn: IsoDate | null;
}

export interface AppointmentFacts {
  today: IsoDate;
  /** For `inspect`: the result of each configured veto check (true = 合格). */
  vetoResults?: Partial<Record<CadreVeto, boolean>> | undefined;
  /** For `decide`: the 党委会 record's date (null when no meeting is linked). */
  meetingOn?: IsoDate | null | undefined;
  /** For `publish_notice`: the notice's first and last day. */
  noticeStartOn?: IsoDate | undefined;
  noticeEndOn?: IsoDate | undefined;
  reason?: string | undefined;
}

export interface AppointmentViolation {
  kind: 'conflict' | 'field';
  path: string | null;
  message: string;
}

export type AppointmentResult =
  | { ok: true; state: AppointmentState }
  | { ok: false; violations: AppointmentViolation[] };

export const initialAppointmentState: AppointmentState = {
  status: 'motion',
  decidedOn: null,
  noticeStartOn: null,
  noticeEndOn: null,
  appointedOn: null,
  probationEndOn: null,
};

/** The steps that may be taken from a state. */
export function allowedAppointmentSteps(state: AppointmentState): AppointmentStep[] {
  return appointmentSteps.filter((s) =>
    (appointmentStepFrom[s] as readonly AppointmentStatus[]).includes(state.status),
  );
}

/** The day the 试用期 ends: `months` after the 党委's decision, the day before the anniversary. */
export function probationEnd(decidedOn: IsoDate, months: number): IsoDate {
  return addDays(addMonths(decidedOn, months), -1);
}

/** Take a step; every refusal names its rule. */
export function applyAppointmentStep(
  state: AppointmentState,
  step: AppointmentStep,
  facts: AppointmentFacts,
  settings: AppointmentSettings = defaultAppointmentSettings,
): AppointmentResult {
  const from = appointmentStepFrom[step] as readonly AppointmentStatus[];
  if (!from.includes(state.status))
    return fail(
      'conflict',
      null,
      `当前为「${appointmentStatusLabels[state.status]}」，不能进行「${appointmentStepLabels[step]}」`,
    );
  switch (step) {
    case 'recommend':
      return ok({ ...state, status: 'recommended' });
    case 'inspect': {
      const results = facts.vetoResults ?? {};
      const missing = settings.vetoes.filter((v) => results[v] === undefined);
      if (missing.length)
        return fail(
          'field',
          `vetoResults.${missing[0]}`,
          `${cadreVetoLabels[missing[0] as CadreVeto]}考察：须填写考察结论`,
        );
      const failed = settings.vetoes.some((v) => results[v] === false);
      return ok({ ...state, status: failed ? 'vetoed' : 'inspected' });
    }
    case 'decide': {
      if (!facts.meetingOn) return fail('field', 'meetingId', '党委会：党委讨论决定须关联党委会记录');
      if (facts.meetingOn > facts.today) return fail('field', 'meetingId', '党委会：会议尚未召开');
      return ok({ ...state, status: 'decided', decidedOn: facts.meetingOn });
    }
    case 'publish_notice': {
      const { noticeStartOn: s, noticeEndOn: e } = facts;
      if (!s) return fail('field', 'noticeStartOn', '公示开始日期：须填写');
      if (!e) return fail('field', 'noticeEndOn', '公示结束日期：须填写');
      if (state.decidedOn && s < state.decidedOn)
        return fail('field', 'noticeStartOn', '公示开始日期：不能早于党委讨论决定');
      const days = workingDaysBetween(s, e);
      const min = Math.max(5, settings.noticeWorkingDays);
      if (days < min)
        return fail(
          'field',
          'noticeEndOn',
          `公示结束日期：任前公示不少于${min}个工作日（党政领导干部选拔任用工作条例第四十一条），现为${days}个工作日`,
        );
      return ok({ ...state, status: 'notice', noticeStartOn: s, noticeEndOn: e });
    }
    case 'appoint': {
      if (state.noticeEndOn && facts.today <= state.noticeEndOn)
        return fail('conflict', null, `任前公示至${state.noticeEndOn}，公示期满后方可任职`);
      const decidedOn = state.decidedOn ?? facts.today;
      return ok({
        ...state,
        status: 'probation',
        appointedOn: facts.today,
        probationEndOn: probationEnd(decidedOn, settings.probationMonths),
      });
    }
    case 'confirm': {
      if (state.probationEndOn && facts.today <= state.probationEndOn)
        return fail('conflict', null, `试用期至${state.probationEndOn}，期满后方可转正（条例第四十二条）`);
      return ok({ ...state, status: 'confirmed' });
    }
    case 'dismiss':
    case 'withdraw': {
      if (!facts.reason?.trim())
        return fail(
          'field',
          'reason',
          step === 'dismiss' ? '理由：免去试任职务须说明理由' : '理由：终止须说明理由',
        );
      return ok({ ...state, status: step === 'dismiss' ? 'dismissed' : 'withdrawn' });
    }
  }
}

/** True from the day after the 试用期 ends while the cadre is still on probation (转正 due). */
export function isProbationDue(state: AppointmentState, today: IsoDate): boolean {
  return state.status === 'probation' && state.probationEndOn !== null && today > state.probationEndOn;
}

/** A past post as the eligibility rules read it. */
export interface HeldPost {
  level: PostLevel;
  startOn: IsoDate;
  /** null while held. */
  endOn: IsoDate | null;
  /** True when the post was a promotion (提拔), and whether it was 破格. */
  promotion: boolean;
}

export interface EligibilityCheck {
  targetLevel: PostLevel;
  /** 破格提拔. */
  exceptional: boolean;
  /** The 党委's decision day the rules are read on. */
  on: IsoDate;
  /** Training: met already, or (when not) the procedure must record that it will be completed within a year. */
  trainingMet: boolean;
}

/** What keeps a person from the post (none when eligible); each names its clause. */
export function appointmentEligibilityProblems(
  posts: readonly HeldPost[],
  check: EligibilityCheck,
  settings: AppointmentSettings = defaultAppointmentSettings,
): { path: string; message: string; blocking: boolean }[] {
  const problems: { path: string; message: string; blocking: boolean }[] = [];
  if (check.targetLevel === 'principal' && !check.exceptional) {
    const asDeputy = deputyDays(posts, check.on);
    const needed = daysInYears(check.on, settings.deputyYearsBeforePrincipal);
    if (asDeputy < needed)
      problems.push({
        path: 'postLevel',
        message: `职务层次：由副职提任正职须在副职岗位工作${settings.deputyYearsBeforePrincipal}年以上（党政领导干部选拔任用工作条例第八条）`,
        blocking: true,
      });
  }
  if (check.exceptional) {
    const last = posts
      .filter((p) => p.promotion)
      .map((p) => p.startOn)
      .sort()
      .at(-1);
    if (last && addMonths(last, 12) > check.on)
      problems.push({
        path: 'exceptional',
        message: `破格提拔：距上次提拔（${last}）不满一年，不得破格提拔（条例第九条）`,
        blocking: true,
      });
  }
  if (!check.trainingMet)
    problems.push({
      path: 'training',
      message: '培训：提任前未达到培训要求，须在提任后一年内完成（条例第八条）',
      blocking: false,
    });
  return problems;
}

/** Days spent as 副职 up to `on` (overlapping posts counted once). */
function deputyDays(posts: readonly HeldPost[], on: IsoDate): number {
  const days = new Set<IsoDate>();
  for (const p of posts) {
    if (p.level !== 'deputy') continue;
    const end = p.endOn && p.endOn < on ? p.endOn : addDays(on, -1);
    for (let d = p.startOn; d <= end; d = addDays(d, 1)) days.add(d);
  }
  return days.size;
}

/** Days in the `years` before `on` (so 2 years ending on `on` counts leap days correctly). */
function daysInYears(on: IsoDate, years: number): number {
  return daysBetween(addMonths(on, -12 * years), on);
}

function ok(state: AppointmentState): AppointmentResult {
  return { ok: true, state };
}
function fail(kind: 'conflict' | 'field', path: string | null, message: string): AppointmentResult {
  return { ok: false, violations: [{ kind, path, message }] };
}
