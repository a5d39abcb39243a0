/**
 * The lifecycle of an organisational-life record, as a pure state machine:
 *
 *   planned ─publish→ published ─start→ held (sign-in open ⇄ stopped) ─close→ closed
 *      └──────────────start──────────────┘                 any open ─cancel→ cancelled
 *
 * closed and cancelled records are read-only. One table serves both the abilities the UI shows
 * (`allowedActivityActions`) and the server's checks (`applyActivityTransition`).
 */
import {
  type ActivityAbilities,
  type ActivityTransition,
  activityTransitionLabels,
} from '../contracts/activity.ts';
import {
  type ActivityKind,
  type ActivityStatus,
  type AttendanceStatus,
  activityStatusLabels,
  type LeaveStatus,
} from './dictionaries.ts';

/** Where a record is in its lifecycle. */
export interface ActivityLifecycleState {
  status: ActivityStatus;
  /** Meaningful while held: whether the meeting screen's sign-in code is accepted. */
  signInOpen: boolean;
}

/** Statuses in which a record may still change; closed and cancelled records are read-only. */
export const openActivityStatuses = [
  'planned',
  'published',
  'held',
] as const satisfies readonly ActivityStatus[];

/** True while the record may still change (planned, published or held). */
export function isActivityOpen(status: ActivityStatus): boolean {
  return (openActivityStatuses as readonly ActivityStatus[]).includes(status);
}

/** The statuses each transition may start from (the status table). */
export const activityTransitionFrom = {
  publish: ['planned'],
  start: ['planned', 'published'],
  close: ['held'],
  cancel: ['planned', 'published', 'held'],
  'reopen-sign-in': ['held'],
  'stop-sign-in': ['held'],
} as const satisfies Record<ActivityTransition, readonly ActivityStatus[]>;

/** True when `transition` may start from `status`. */
export function canTransitionFrom(status: ActivityStatus, transition: ActivityTransition): boolean {
  return (activityTransitionFrom[transition] as readonly ActivityStatus[]).includes(status);
}

/** What is known of the actor when working out their abilities on one record. */
export interface ActivityActorFacts {
  /** Holds life:activity:edit and the record's org is in their scope. */
  mayEdit: boolean;
  /** Holds life:activity:review for an org above the record's (or the whole college). */
  reviewsFromAbove: boolean;
  /** A review of the record has not been answered yet. */
  hasUnansweredReview: boolean;
  /** The actor's own attendee row, when they are on the list. */
  mine: { status: AttendanceStatus; leaveStatus: LeaveStatus | null } | null;
}

/** What the actor may do with the record; the UI shows buttons from these and the server checks them. */
export function allowedActivityActions(
  a: ActivityLifecycleState,
  actor: ActivityActorFacts,
): ActivityAbilities {
  const open = isActivityOpen(a.status);
  const held = a.status === 'held';
  const edit = actor.mayEdit;
  const expected = actor.mine !== null && actor.mine.status === 'expected';
  return {
    edit: edit && open,
    publish: edit && canTransitionFrom(a.status, 'publish'),
    start: edit && canTransitionFrom(a.status, 'start'),
    close: edit && canTransitionFrom(a.status, 'close'),
    cancel: edit && canTransitionFrom(a.status, 'cancel'),
    manageAttendance: edit && held,
    showSignInCode: edit && held && a.signInOpen,
    review: a.status === 'closed' && actor.reviewsFromAbove,
    respond: edit && actor.hasUnansweredReview,
    signIn: held && a.signInOpen && expected,
    requestLeave: open && expected && actor.mine?.leaveStatus !== 'requested',
    // Leave is decided as soon as it is asked for, not only once the meeting has begun.
    decideLeave: edit && open,
  };
}

/** The record's contents a transition looks at. */
export interface ActivityTransitionFacts {
  kind: ActivityKind;
  notice: string | null;
  topic: string | null;
  minutes: string | null;
  summary: string | null;
  /** The reason given with the request (required to cancel). */
  reason?: string | undefined;
  /** Members (not 列席) marked present; a record nobody attended cannot be closed as held. */
  presentCount?: number | undefined;
}

/**
 * Why a transition is refused. `conflict`: the record's status does not allow it (HTTP 409);
 * `field`: something must be filled in first (HTTP 400, on `path`). `clause` names the regulation
 * when one applies; the content requirements are the college's record-keeping practice.
 */
export interface ActivityViolation {
  kind: 'conflict' | 'field';
  path: string | null;
  message: string;
  clause: string | null;
}

export type ActivityTransitionResult =
  | { ok: true; state: ActivityLifecycleState }
  | { ok: false; violations: ActivityViolation[] };

/** The message for any change to a closed or cancelled record. */
export function activityReadOnlyMessage(status: ActivityStatus): string {
  return `该活动${activityStatusLabels[status]}，记录不能再修改`;
}

const conflict = (message: string): ActivityViolation => ({
  kind: 'conflict',
  path: null,
  message,
  clause: null,
});
const field = (path: string, message: string): ActivityViolation => ({
  kind: 'field',
  path,
  message,
  clause: null,
});

/** What must be filled in before `transition` (none for most). */
function contentViolations(transition: ActivityTransition, f: ActivityTransitionFacts): ActivityViolation[] {
  switch (transition) {
    case 'publish':
      return f.notice === null ? [field('notice', '会议通知：发布前须填写通知内容')] : [];
    case 'close':
      if (f.kind === 'talk')
        return f.topic === null || (f.summary === null && f.minutes === null)
          ? [field('summary', '谈话要点：归档前须填写谈话主题和谈话要点')]
          : [];
      if (f.presentCount === 0)
        return [
          field('attendance', '出席情况：没有人出席，不能作为已召开归档；如活动未召开，请取消并说明原因'),
        ];
      return f.minutes === null ? [field('minutes', '会议记录：归档前须填写会议记录')] : [];
    case 'cancel':
      return f.reason ? [] : [field('reason', '原因：取消活动须填写原因')];
    default:
      return [];
  }
}

/**
 * Applies one status change: refuses it on a read-only record or from the wrong status, or when
 * the record lacks what the step needs (a notice to publish, minutes or the talk's points to close,
 * a reason to cancel); otherwise returns the new state. Starting opens sign-in; closing and
 * cancelling end it.
 */
export function applyActivityTransition(
  state: ActivityLifecycleState,
  transition: ActivityTransition,
  facts: ActivityTransitionFacts,
): ActivityTransitionResult {
  if (!isActivityOpen(state.status))
    return { ok: false, violations: [conflict(activityReadOnlyMessage(state.status))] };
  if (!canTransitionFrom(state.status, transition))
    return {
      ok: false,
      violations: [
        conflict(`该活动${activityStatusLabels[state.status]}，不能${activityTransitionLabels[transition]}`),
      ],
    };
  const problems = contentViolations(transition, facts);
  if (problems.length > 0) return { ok: false, violations: problems };
  switch (transition) {
    case 'publish':
      return { ok: true, state: { status: 'published', signInOpen: state.signInOpen } };
    case 'start':
      return { ok: true, state: { status: 'held', signInOpen: true } };
    case 'close':
      return { ok: true, state: { status: 'closed', signInOpen: false } };
    case 'cancel':
      return { ok: true, state: { status: 'cancelled', signInOpen: false } };
    case 'reopen-sign-in':
    case 'stop-sign-in':
      return { ok: true, state: { status: 'held', signInOpen: transition === 'reopen-sign-in' } };
  }
}
