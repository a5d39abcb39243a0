import { describe, expect, it } from 'vitest';
import { type ActivityTransition, activityTransitions } from '../contracts/activity.ts';
import { type ActivityStatus, activityStatuses } from './dictionaries.ts';
import {
  type ActivityActorFacts,
  type ActivityTransitionFacts,
  allowedActivityActions,
  applyActivityTransition,
} from './lifecycle.ts';

/** A meeting with everything filled in, so only the status decides. */
const complete: ActivityTransitionFacts = {
  kind: 'general_meeting',
  notice: '通知',
  topic: null,
  minutes: '记录',
  summary: null,
  reason: '原因',
};

/** Every status × transition: the new status, or the refusal's message. */
const table: Record<ActivityStatus, Record<ActivityTransition, ActivityStatus | string>> = {
  planned: {
    publish: 'published',
    start: 'held',
    close: '该活动筹备中，不能归档',
    cancel: 'cancelled',
    'reopen-sign-in': '该活动筹备中，不能开启签到',
    'stop-sign-in': '该活动筹备中，不能停止签到',
  },
  published: {
    publish: '该活动已发通知，不能发布通知',
    start: 'held',
    close: '该活动已发通知，不能归档',
    cancel: 'cancelled',
    'reopen-sign-in': '该活动已发通知，不能开启签到',
    'stop-sign-in': '该活动已发通知，不能停止签到',
  },
  held: {
    publish: '该活动进行中，不能发布通知',
    start: '该活动进行中，不能开始活动',
    close: 'closed',
    cancel: 'cancelled',
    'reopen-sign-in': 'held',
    'stop-sign-in': 'held',
  },
  closed: Object.fromEntries(activityTransitions.map((t) => [t, '该活动已归档，记录不能再修改'])) as Record<
    ActivityTransition,
    string
  >,
  cancelled: Object.fromEntries(
    activityTransitions.map((t) => [t, '该活动已取消，记录不能再修改']),
  ) as Record<ActivityTransition, string>,
};

describe('applyActivityTransition: every status × transition', () => {
  for (const status of activityStatuses)
    for (const transition of activityTransitions) {
      const expected = table[status][transition];
      it(`${status} —${transition}→ ${expected}`, () => {
        const r = applyActivityTransition({ status, signInOpen: status === 'held' }, transition, complete);
        if ((activityStatuses as readonly string[]).includes(expected)) {
          expect(r).toMatchObject({ ok: true, state: { status: expected } });
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok)
            expect(r.violations).toEqual([{ kind: 'conflict', path: null, message: expected, clause: null }]);
        }
      });
    }
});

describe('applyActivityTransition: sign-in', () => {
  it.each([
    ['start', 'planned', false, true],
    ['stop-sign-in', 'held', true, false],
    ['reopen-sign-in', 'held', false, true],
    ['close', 'held', true, false],
    ['cancel', 'held', true, false],
  ] as const)('%s from %s (open %s) leaves sign-in open = %s', (transition, status, open, after) => {
    const r = applyActivityTransition({ status, signInOpen: open }, transition, complete);
    expect(r).toMatchObject({ ok: true, state: { signInOpen: after } });
  });
});

describe('applyActivityTransition: what must be filled in first', () => {
  it.each<[ActivityTransition, ActivityStatus, Partial<ActivityTransitionFacts>, string, string]>([
    ['publish', 'planned', { notice: null }, 'notice', '会议通知：发布前须填写通知内容'],
    ['close', 'held', { minutes: null }, 'minutes', '会议记录：归档前须填写会议记录'],
    [
      'close',
      'held',
      { kind: 'talk', topic: null, summary: '要点' },
      'summary',
      '谈话要点：归档前须填写谈话主题和谈话要点',
    ],
    [
      'close',
      'held',
      { kind: 'talk', topic: '主题', summary: null, minutes: null },
      'summary',
      '谈话要点：归档前须填写谈话主题和谈话要点',
    ],
    ['cancel', 'planned', { reason: undefined }, 'reason', '原因：取消活动须填写原因'],
    ['cancel', 'held', { reason: '' }, 'reason', '原因：取消活动须填写原因'],
    [
      'close',
      'held',
      { kind: 'committee_meeting', presentCount: 0 },
      'attendance',
      '出席情况：没有人出席，不能作为已召开归档；如活动未召开，请取消并说明原因',
    ],
  ])('%s from %s with %o is refused on %s', (transition, status, facts, path, message) => {
    const r = applyActivityTransition({ status, signInOpen: false }, transition, { ...complete, ...facts });
    expect(r).toEqual({ ok: false, violations: [{ kind: 'field', path, message, clause: null }] });
  });

  it.each<Partial<ActivityTransitionFacts>>([
    { kind: 'talk', topic: '主题', summary: '要点', minutes: null },
    { kind: 'talk', topic: '主题', summary: null, minutes: '记录' },
  ])('a talk closes with its topic and points (%o)', (facts) => {
    const r = applyActivityTransition({ status: 'held', signInOpen: true }, 'close', {
      ...complete,
      ...facts,
    });
    expect(r.ok).toBe(true);
  });

  it('a meeting closes with one person present, and a talk needs no attendance list', () => {
    const close = (facts: Partial<ActivityTransitionFacts>) =>
      applyActivityTransition({ status: 'held', signInOpen: false }, 'close', { ...complete, ...facts }).ok;
    expect(close({ presentCount: 1 })).toBe(true);
    expect(close({ kind: 'talk', topic: '主题', summary: '要点', presentCount: 0 })).toBe(true);
  });

  it('the status is checked before the contents', () => {
    const r = applyActivityTransition({ status: 'closed', signInOpen: false }, 'cancel', {
      ...complete,
      reason: undefined,
    });
    expect(r).toMatchObject({ ok: false, violations: [{ kind: 'conflict' }] });
  });
});

const editor: ActivityActorFacts = {
  mayEdit: true,
  reviewsFromAbove: false,
  hasUnansweredReview: false,
  mine: null,
};
const none = {
  edit: false,
  publish: false,
  start: false,
  close: false,
  cancel: false,
  manageAttendance: false,
  showSignInCode: false,
  review: false,
  respond: false,
  signIn: false,
  requestLeave: false,
  decideLeave: false,
};

describe('allowedActivityActions: the editor, every status', () => {
  it.each<[ActivityStatus, boolean, Partial<typeof none>]>([
    ['planned', false, { edit: true, publish: true, start: true, cancel: true, decideLeave: true }],
    ['published', false, { edit: true, start: true, cancel: true, decideLeave: true }],
    [
      'held',
      true,
      {
        edit: true,
        close: true,
        cancel: true,
        manageAttendance: true,
        showSignInCode: true,
        decideLeave: true,
      },
    ],
    ['held', false, { edit: true, close: true, cancel: true, manageAttendance: true, decideLeave: true }],
    ['closed', false, {}],
    ['cancelled', false, {}],
  ])('%s (sign-in open %s)', (status, signInOpen, allowed) => {
    expect(allowedActivityActions({ status, signInOpen }, editor)).toEqual({ ...none, ...allowed });
  });

  it('agrees with applyActivityTransition on every status × status-changing action', () => {
    for (const status of activityStatuses) {
      const abilities = allowedActivityActions({ status, signInOpen: true }, editor);
      for (const t of ['publish', 'start', 'close', 'cancel'] as const)
        expect(abilities[t], `${status} ${t}`).toBe(
          applyActivityTransition({ status, signInOpen: true }, t, complete).ok,
        );
    }
  });

  it('nothing without the right to edit in scope', () => {
    for (const status of activityStatuses)
      expect(allowedActivityActions({ status, signInOpen: true }, { ...editor, mayEdit: false })).toEqual(
        none,
      );
  });
});

describe('allowedActivityActions: reviewers and attendees', () => {
  const reader: ActivityActorFacts = {
    mayEdit: false,
    reviewsFromAbove: false,
    hasUnansweredReview: false,
    mine: null,
  };

  it.each<[ActivityStatus, boolean]>([
    ['planned', false],
    ['held', false],
    ['closed', true],
    ['cancelled', false],
  ])('a reviewer from above may review a %s record: %s', (status, review) => {
    expect(
      allowedActivityActions({ status, signInOpen: false }, { ...reader, reviewsFromAbove: true }).review,
    ).toBe(review);
  });

  it('the editor answers an unanswered review, even on a closed record', () => {
    const a = { status: 'closed', signInOpen: false } as const;
    expect(allowedActivityActions(a, { ...editor, hasUnansweredReview: true }).respond).toBe(true);
    expect(allowedActivityActions(a, { ...reader, hasUnansweredReview: true }).respond).toBe(false);
  });

  it.each<[ActivityStatus, boolean, ActivityActorFacts['mine'], boolean, boolean]>([
    ['held', true, { status: 'expected', leaveStatus: null }, true, true],
    ['held', false, { status: 'expected', leaveStatus: null }, false, true],
    ['held', true, { status: 'present', leaveStatus: null }, false, false],
    ['held', true, { status: 'expected', leaveStatus: 'requested' }, true, false],
    ['held', true, { status: 'expected', leaveStatus: 'rejected' }, true, true],
    ['published', false, { status: 'expected', leaveStatus: null }, false, true],
    ['closed', false, { status: 'expected', leaveStatus: null }, false, false],
    ['held', true, null, false, false],
  ])(
    '%s (sign-in %s), own row %o: sign in %s, ask leave %s',
    (status, signInOpen, mine, signIn, requestLeave) => {
      const a = allowedActivityActions({ status, signInOpen }, { ...reader, mine });
      expect({ signIn: a.signIn, requestLeave: a.requestLeave }).toEqual({ signIn, requestLeave });
    },
  );
});
