/**
 * Demo supervised tasks (督办事项): about 30 decisions given to the units below the org that took them — most of the
 * 党委会 (to the 党总支 and 直属党支部), some of a 党总支's 党务工作例会 and a few of a 二级学院's 党政联席会 (to the
 * 总支's branches) — each carrying out one decision recorded on the meeting (activities.ts), in every state: waiting
 * to be accepted, being handled (some with progress reports on their cadence, some with a report missing, some
 * overdue, one with an extension asked for, two extended), reported done, returned and done. Each task's timeline is
 * built by replaying core's state machine, so the row is what the server would have written; deterministic for a
 * seed. The 党委 issues through the 组织部 (zzb); a 总支 through its secretary (the demo's zongzhi for its 总支); the
 * lead unit acts through its secretary (the demo's zongzhi and zhibu accounts where they lead, otherwise the
 * secretary by name, without an account).
 */
import {
  addDays,
  applySupervisedTaskTransition,
  type IsoDate,
  nextProgressReportDue,
  type OrgType,
  type ProgressReportCadence,
  type SupervisedTaskState,
  type SupervisedTaskStatus,
  type SupervisedTaskTransition,
  supervisionSourceLabel,
} from '@dangjian/core';
import { committeeDecisions, jointDecisions, workMeetingDecisions } from './activities.ts';
import type { Random } from './random.ts';
import type {
  CollegeData,
  DemoActivity,
  DemoResolution,
  DemoSupervisedTask,
  DemoSupervisedTaskEvent,
} from './types.ts';

/** What the tasks read of the college. */
export type SupervisionInput = Pick<
  CollegeData,
  'today' | 'orgs' | 'activities' | 'resolutions' | 'appointments' | 'people' | 'accounts'
>;

/** How many tasks the demo issues. */
export const demoSupervisedTaskCount = 30;

const cadences: readonly [ProgressReportCadence, number][] = [
  ['monthly', 5],
  ['weekly', 1],
  ['quarterly', 1],
  ['none', 1],
];

/** The state each task ends in, in order; `overdue` keeps its deadline in the past. */
type Plan =
  | 'awaiting'
  | 'awaiting_overdue'
  | 'in_progress'
  | 'in_progress_overdue'
  | 'report_missing'
  | 'extension_asked'
  | 'extended'
  | 'reported_done'
  | 'returned'
  | 'done';
const plans: readonly Plan[] = [
  ...Array<Plan>(3).fill('awaiting'),
  ...Array<Plan>(2).fill('awaiting_overdue'),
  ...Array<Plan>(6).fill('in_progress'),
  ...Array<Plan>(3).fill('in_progress_overdue'),
  ...Array<Plan>(2).fill('report_missing'),
  'extension_asked',
  ...Array<Plan>(2).fill('extended'),
  ...Array<Plan>(3).fill('reported_done'),
  'returned',
  ...Array<Plan>(7).fill('done'),
];

interface Actor {
  id: number | null;
  name: string;
}

/** A moment of `day` in the college's time zone. */
const at = (day: IsoDate, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/** The demo's supervised tasks, each replayed through core's state machine. */
export function buildDemoSupervisedTasks(input: SupervisionInput, rng: Random): DemoSupervisedTask[] {
  const { today } = input;
  const orgById = new Map(input.orgs.map((o) => [o.id, o]));
  const accountOf = (username: string): Actor & { orgId: number | null } => {
    const i = input.accounts.findIndex((a) => a.username === username);
    if (i < 0) throw new Error(`demo account ${username} missing`);
    const a = input.accounts[i]!;
    return { id: i + 1, name: a.displayName, orgId: a.roles[0]?.orgId ?? null };
  };
  const zzb = accountOf('zzb');
  const leads = [accountOf('zongzhi'), accountOf('zhibu')];
  const personName = new Map(input.people.map((p) => [p.id, p.name]));
  const secretaryOf = (orgId: number): Actor => {
    const own = leads.find((a) => a.orgId === orgId);
    if (own) return own;
    const post = input.appointments.find(
      (a) => a.orgId === orgId && a.post === 'secretary' && (a.endDate === null || a.endDate > today),
    );
    const org = orgById.get(orgId)!;
    return {
      id: null,
      name: post ? (personName.get(post.personId) ?? `${org.name}书记`) : `${org.name}书记`,
    };
  };
  const childrenOf = (orgId: number) =>
    input.orgs.filter((o) => o.parentId === orgId && o.type !== 'group').map((o) => o.id);

  // The meetings: closed records of the last ten months whose decisions a unit below carries out, newest first —
  // the 党委会, the 党总支's 党务工作例会 and each 二级学院's 党政联席会.
  const from = addDays(today, -300);
  const handDown = new Set(
    [...committeeDecisions, ...jointDecisions, ...workMeetingDecisions]
      .filter((d) => d.handDown)
      .map((d) => d.title),
  );
  const decisionsOf = new Map<number, DemoResolution[]>();
  for (const r of input.resolutions) {
    if (!handDown.has(r.title) || r.outcome === 'failed') continue;
    const list = decisionsOf.get(r.activityId);
    if (list) list.push(r);
    else decisionsOf.set(r.activityId, [r]);
  }
  const meetingsOf = (kind: 'committee_meeting' | 'work_meeting' | 'joint_meeting', type: OrgType) =>
    input.activities
      .filter(
        (a) =>
          a.kind === kind &&
          orgById.get(a.orgId)?.type === type &&
          a.status === 'closed' &&
          a.onDate >= from &&
          a.onDate < addDays(today, -7) &&
          decisionsOf.has(a.id) &&
          childrenOf(a.orgId).length > 0,
      )
      .sort((a, b) => (a.onDate > b.onDate ? -1 : a.onDate < b.onDate ? 1 : a.id - b.id));
  const sources = {
    committee: meetingsOf('committee_meeting', 'committee'),
    work: meetingsOf('work_meeting', 'general_branch'),
    joint: meetingsOf('joint_meeting', 'general_branch'),
  };
  const zongzhiOrg = leads[0]!.orgId;
  const zhibuOrg = leads[1]!.orgId;
  const used = new Set<string>();

  const tasks: DemoSupervisedTask[] = [];
  plans.forEach((plan, i) => {
    // Most from the 党委会 (the 组织部 issues them), some from a 总支's 党务工作例会, a few from a 党政联席会; the 总支
    // of the demo's zongzhi issues every other one of those, so that zhibu's branch leads some.
    const wanted: keyof typeof sources =
      i % 10 === 5 || i === plans.length - 1 ? 'joint' : i % 10 === 2 || i % 10 === 8 ? 'work' : 'committee';
    const kind = sources[wanted].length > 0 ? wanted : 'committee';
    const ofZongzhi = sources[kind].filter((m) => m.orgId === zongzhiOrg);
    const meetings = kind !== 'committee' && i % 2 === 0 && ofZongzhi.length > 0 ? ofZongzhi : sources[kind];
    if (meetings.length === 0) return;
    // An overdue task comes from a meeting two months back or more, so that its deadline passed recently.
    const overdue = plan === 'awaiting_overdue' || plan === 'in_progress_overdue';
    const older = meetings.filter((m) => m.onDate < addDays(today, -60));
    const pool = (overdue && older.length > 0 ? older : meetings).filter((m) =>
      decisionsOf.get(m.id)!.some((r) => !used.has(`${m.id}:${r.position}`)),
    );
    if (pool.length === 0) return;
    const meeting = pool[rng.int(0, Math.min(pool.length, 8) - 1)]!;
    const resolution = rng.pick(
      decisionsOf.get(meeting.id)!.filter((r) => !used.has(`${meeting.id}:${r.position}`)),
    );
    used.add(`${meeting.id}:${resolution.position}`);
    const issuerId = meeting.orgId;
    const units = childrenOf(issuerId);
    // The demo accounts lead some tasks, so that zongzhi and zhibu find them in their 待办.
    const own = kind === 'committee' ? zongzhiOrg : zhibuOrg;
    const leadId = i % 3 === 0 && own !== null && units.includes(own) ? own : rng.pick(units);
    const assisting = rng
      .shuffle(units.filter((u) => u !== leadId))
      .slice(0, rng.chance(0.4) ? rng.int(1, 2) : 0);
    const span = rng.int(45, 120);
    // Issued a day or three after the meeting; a task still open is due in the future unless planned overdue.
    let issuedOn = addDays(meeting.onDate, rng.int(1, 3));
    let deadline = addDays(issuedOn, span);
    if (overdue) deadline = addDays(today, -rng.int(3, 25));
    else if (plan !== 'done' && plan !== 'reported_done' && deadline <= addDays(today, 3))
      deadline = addDays(today, rng.int(5, 60));
    if (deadline <= issuedOn) issuedOn = addDays(deadline, -30);
    const cadence = plan === 'report_missing' ? 'weekly' : rng.weighted(cadences);
    const issuer = orgById.get(issuerId)!.type === 'committee' ? zzb : secretaryOf(issuerId);
    const lead = secretaryOf(leadId);
    const task = replay({
      id: tasks.length + 1,
      issuerId,
      leadId,
      assisting,
      meeting,
      sourceLabel: supervisionSourceLabel(meeting.kind, orgById.get(issuerId)!.type) ?? '会议',
      resolution,
      cadence,
      issuedOn,
      deadline,
      plan,
      today,
      issuer,
      lead,
      rng,
    });
    tasks.push(task);
  });
  return tasks;
}

/** Builds one task's timeline by applying each step with core's state machine. */
function replay(p: {
  id: number;
  issuerId: number;
  leadId: number;
  assisting: number[];
  meeting: DemoActivity;
  /** The meeting's name as the task shows it (党委会, 党务工作例会, 党政联席会). */
  sourceLabel: string;
  /** The decision the task carries out: its title and requirements are the task's. */
  resolution: DemoResolution;
  cadence: ProgressReportCadence;
  issuedOn: IsoDate;
  deadline: IsoDate;
  plan: Plan;
  today: IsoDate;
  issuer: Actor;
  lead: Actor;
  rng: Random;
}): DemoSupervisedTask {
  const { rng, today, plan } = p;
  const title = p.resolution.title;
  const lastDay = addDays(today, -1);
  let state: SupervisedTaskState = {
    status: 'awaiting_acceptance',
    deadline: p.deadline,
    originalDeadline: p.deadline,
    extensions: 0,
    extensionRequest: null,
  };
  const events: DemoSupervisedTaskEvent[] = [
    {
      kind: 'created',
      at: at(p.issuedOn, 9),
      fromStatus: null,
      toStatus: 'awaiting_acceptance',
      actorId: p.issuer.id,
      actorName: p.issuer.name,
      note: `${p.sourceLabel}：${p.meeting.title}（${p.meeting.onDate}）`,
      until: p.deadline,
    },
  ];
  let result: string | null = null;
  let lastReportOn: IsoDate | null = null;
  const stamps: { acceptedAt: string | null; reportedDoneAt: string | null; doneAt: string | null } = {
    acceptedAt: null,
    reportedDoneAt: null,
    doneAt: null,
  };
  let day = p.issuedOn;
  const step = (
    t: SupervisedTaskTransition,
    on: IsoDate,
    extra: { result?: string; reason?: string; until?: IsoDate } = {},
  ) => {
    const by =
      t === 'confirm_done' || t === 'return' || t === 'approve_extension' || t === 'reject_extension'
        ? p.issuer
        : p.lead;
    const out = applySupervisedTaskTransition(state, t, {
      today: on,
      result: extra.result ?? null,
      reason: extra.reason,
      until: extra.until,
    });
    if (!out.ok) throw new Error(`demo supervised task ${p.id}: ${t} refused: ${out.violations[0]!.message}`);
    const from: SupervisedTaskStatus = state.status;
    state = out.state;
    const stamp = at(on, 10 + (events.length % 6));
    events.push({
      kind: t,
      at: stamp,
      fromStatus: from,
      toStatus: state.status,
      actorId: by.id,
      actorName: by.name,
      note: t === 'report_done' ? (extra.result ?? null) : (extra.reason ?? null),
      until:
        t === 'request_extension' ? (extra.until ?? null) : t === 'approve_extension' ? state.deadline : null,
    });
    if (t === 'accept') stamps.acceptedAt = stamp;
    if (t === 'report_done') stamps.reportedDoneAt = stamp;
    if (t === 'return') stamps.reportedDoneAt = null;
    if (t === 'confirm_done') stamps.doneAt = stamp;
    day = on;
  };
  const later = (min: number, max: number) => {
    const d = addDays(day, rng.int(min, max));
    return d > lastDay ? lastDay : d;
  };
  /** Progress reports on the cadence up to `until` (all but the last when one is to be missing). */
  const reportUntil = (until: IsoDate, skipLast: boolean) => {
    for (;;) {
      const due = nextProgressReportDue(state.status, p.cadence, p.issuedOn, lastReportOn, state.deadline);
      if (due === null) return;
      const on = addDays(due, -rng.int(0, 2));
      if (on > until || (skipLast && addDays(due, 7) > until) || on <= day) return;
      events.push({
        kind: 'progress',
        at: at(on, 15),
        fromStatus: null,
        toStatus: null,
        actorId: p.lead.id,
        actorName: p.lead.name,
        note: `${title}：已按计划推进，完成阶段性工作。`,
        until: null,
      });
      lastReportOn = on;
      day = on;
    }
  };

  if (plan !== 'awaiting' && plan !== 'awaiting_overdue') {
    step('accept', later(1, 3));
    const doneBy = plan === 'done' || plan === 'reported_done' || plan === 'returned';
    const horizon = doneBy ? addDays(state.deadline, -rng.int(1, 10)) : lastDay;
    if (plan === 'extended') {
      step('request_extension', later(5, 15), {
        reason: '涉及多个单位协调，需延长办理时间',
        until: addDays(state.deadline, 30),
      });
      step('approve_extension', later(1, 3));
    }
    reportUntil(horizon < lastDay ? horizon : lastDay, plan === 'report_missing');
    if (plan === 'extension_asked')
      step('request_extension', later(0, 2), {
        reason: '需等待上级文件',
        until: addDays(state.deadline, 30),
      });
    if (doneBy) {
      step('report_done', later(1, 5), { result: `${title}已完成，相关材料已归档。` });
      if (plan === 'returned') {
        step('return', later(1, 4), { reason: '办理结果缺少佐证材料，请补充后再报' });
      } else if (plan === 'done') step('confirm_done', later(1, 6));
    }
    if (state.status === 'reported_done' || state.status === 'done')
      result = `${title}已完成，相关材料已归档。`;
  }
  const updatedAt = events.at(-1)!.at;
  return {
    id: p.id,
    issuerOrgId: p.issuerId,
    leadOrgId: p.leadId,
    assistingOrgIds: p.assisting,
    activityId: p.meeting.id,
    resolutionPosition: p.resolution.position,
    title,
    content: p.resolution.content,
    cadence: p.cadence,
    status: state.status,
    issuedOn: p.issuedOn,
    deadline: state.deadline,
    originalDeadline: state.originalDeadline,
    extensions: state.extensions,
    extensionRequest: state.extensionRequest,
    lastReportOn,
    result,
    ...stamps,
    createdBy: p.issuer.id,
    createdAt: events[0]!.at,
    updatedAt,
    version: events.length - 1,
    events,
  };
}
