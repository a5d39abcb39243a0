/**
 * The demo's 选拔任用 (issue 18 item 2), played through the cadre-appointments service (core's state machine, the
 * roster written at 任职) by the 组织部 (zzb) on the days each step took place: one at 动议, one at 考察, one in 任前公示
 * (its window holds the demo's today), one vetoed at 政治素质考察, and two that reached 任职 a year ago — one whose 试用期
 * ends within 30 days (the reminder), one whose 试用期 is over (转正 due, a finding citing 条例第四十二条). The decisions
 * link the 党委's own 党委会 records. The people are staff party members without a cadre record at that point (the
 * roster's demo step runs first), chosen by the seed; deterministic for a seed and a demo day.
 */
import { type AppointmentStep, addDays, addMonths, type IsoDate, workingDaysBetween } from '@dangjian/core';
import { appendAuditEntry } from '../http/audit-append.ts';
import type { Actor, AuditChange, Clock, Db, Trx } from '../http/context.ts';
import { buildActor } from '../http/guard.ts';
import { createAppointment, takeStep } from '../modules/cadre-appointments/service.ts';
import { createRandom } from './random.ts';

/** What the demo planted, for its test. */
export interface DemoAppointmentPlan {
  motion: number;
  inspected: number;
  notice: number;
  vetoed: number;
  probationEnding: number;
  probationOver: number;
}

/** 14:00 in Shanghai on `day`, the instant a step is recorded at. */
const at = (day: IsoDate) => new Date(`${day}T14:00:00+08:00`);

/** The first weekday on or after `day`. */
function weekdayFrom(day: IsoDate): IsoDate {
  let d = day;
  while (workingDaysBetween(d, d) === 0) d = addDays(d, 1);
  return d;
}

/** The end of a notice from `start` of at least `days` working days, reaching `atLeast`. */
function noticeEnd(start: IsoDate, days: number, atLeast: IsoDate): IsoDate {
  let end = start;
  while (workingDaysBetween(start, end) < days || end < atLeast) end = addDays(end, 1);
  return end;
}

export async function plantCadreAppointments(
  db: Db,
  clock: Clock,
  seed: number,
): Promise<DemoAppointmentPlan> {
  const rng = createRandom(seed ^ 0xca0e);
  const today = clock.today();
  const account = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'person_id'])
    .where('username', '=', 'zzb')
    .executeTakeFirst();
  if (!account) throw new Error('demo account zzb is missing');
  const zzb = await buildActor(
    db,
    {
      userId: account.id,
      username: account.username,
      displayName: account.display_name,
      personId: account.person_id,
      mustChangePassword: false,
    },
    { sessionId: 'demo', csrfToken: 'demo' },
  );
  const committee = await db
    .selectFrom('org')
    .select('id')
    .where('parent_id', 'is', null)
    .where('type', '=', 'committee')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const meetings = await db
    .selectFrom('activity')
    .select(['id', 'on_date'])
    .where('org_id', '=', committee.id)
    .where('kind', '=', 'committee_meeting')
    .where('status', 'in', ['held', 'closed'])
    .orderBy('on_date')
    .execute();
  /** The 党委会 held latest in [from, to], or the one nearest before `to`. */
  const meetingIn = (from: IsoDate, to: IsoDate) => {
    const inside = meetings.filter((m) => m.on_date >= from && m.on_date <= to);
    return inside.at(-1) ?? meetings.filter((m) => m.on_date <= to).at(-1) ?? null;
  };
  // Staff party members without a cadre record, in a seeded order.
  const candidates = await db
    .selectFrom('person as p')
    .select(['p.id'])
    .where('p.category', '=', 'staff')
    .where('p.party_status', '=', 'full')
    .where('p.status', '=', 'active')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('cadre as c').select('c.id').whereRef('c.person_id', '=', 'p.id'))),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('cadre_appointment as a').select('a.id').whereRef('a.person_id', '=', 'p.id'),
        ),
      ),
    )
    .orderBy('p.id')
    .execute();
  const people = rng.shuffle(candidates.map((c) => c.id)).slice(0, 6);
  const units = await db.selectFrom('unit').select(['id', 'name', 'kind']).orderBy('id').execute();
  const colleges = units.filter((u) => u.kind === 'college');
  const unitFor = () => rng.pick(colleges.length > 0 ? colleges : units).id;
  if (people.length < 6 || units.length === 0) throw new Error('demo 选拔任用: not enough people or units');

  const write = <T>(day: IsoDate, action: string, fn: (trx: Trx, change: AuditChange) => Promise<T>) =>
    db.transaction().execute(async (trx) => {
      const change: AuditChange = {};
      const result = await fn(trx, change);
      await appendAuditEntry(trx, {
        actorId: zzb.userId,
        actorName: zzb.username,
        ip: null,
        action,
        targetType: change.targetType ?? null,
        targetId: change.targetId === undefined ? null : String(change.targetId),
        summary: change.summary ?? null,
        before: change.before ?? null,
        after: change.after ?? null,
        outcome: 'success',
        at: at(day),
      });
      return result;
    });
  const motion = (personId: number, day: IsoDate, post: { title: string; level: 'principal' | 'deputy' }) =>
    write(day, 'cadre_appointment.create', (trx, change) =>
      createAppointment(
        trx,
        zzb,
        {
          personId,
          unitId: unitFor(),
          postTitle: post.title,
          level: post.level,
          track: rng.pick(['admin', 'admin', 'party', 'both'] as const),
          exceptional: false,
          note: rng.pick([
            '班子职数空缺，经党委书记专题会议研究动议',
            '工作需要，拟调整充实班子',
            '换届调整',
          ]),
        },
        day,
        at(day),
        change,
      ),
    );
  let version = 0;
  const step = async (id: number, day: IsoDate, s: AppointmentStep, facts: Record<string, unknown> = {}) => {
    await write(day, 'cadre_appointment.step', (trx, change) =>
      takeStep(trx, zzb as Actor, id, { step: s, version, ...facts }, day, at(day), change),
    );
    version += 1;
  };
  const passed = { vetoResults: { political: true, ethics: true } };
  const deputy = { title: '副院长', level: 'deputy' as const };

  /** From 动议 to 党委讨论决定 at `meeting`, then 公示 and (when `appointOn`) 任职. */
  const through = async (
    personId: number,
    meeting: { id: number; on_date: IsoDate },
    notice: { start: IsoDate; end: IsoDate },
    appointOn: IsoDate | null,
  ) => {
    const id = await motion(personId, addDays(meeting.on_date, -40), deputy);
    version = 0;
    await step(id, addDays(meeting.on_date, -30), 'recommend');
    await step(id, addDays(meeting.on_date, -12), 'inspect', passed);
    await step(id, meeting.on_date, 'decide', { meetingId: meeting.id });
    await step(id, meeting.on_date, 'publish_notice', {
      noticeStartOn: notice.start,
      noticeEndOn: notice.end,
    });
    if (appointOn) {
      const year = appointOn.slice(0, 4);
      await step(id, appointOn, 'appoint', { documentNo: `院党委〔${year}〕${10 + rng.int(0, 40)}号` });
    }
    return id;
  };
  const publicNotice = (decidedOn: IsoDate, atLeast: IsoDate) => {
    const start = weekdayFrom(addDays(decidedOn, 1));
    return { start, end: noticeEnd(start, 5, atLeast) };
  };

  const plan: DemoAppointmentPlan = {
    motion: 0,
    inspected: 0,
    notice: 0,
    vetoed: 0,
    probationEnding: 0,
    probationOver: 0,
  };
  const [pMotion, pInspected, pNotice, pVetoed, pEnding, pOver] = people as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];

  // 试用期 over: decided 13–14 months ago (转正 due).
  const over = meetingIn(addMonths(today, -14), addMonths(today, -13));
  if (over) {
    const n = publicNotice(over.on_date, over.on_date);
    await through(pOver, over, n, weekdayFrom(addDays(n.end, 1)));
    plan.probationOver = 1;
  }
  // 试用期 ending within 30 days: decided between 12 months and 11 months + a week ago.
  const ending = meetingIn(addDays(addMonths(today, -12), 3), addDays(addMonths(today, -11), -7));
  if (ending) {
    const n = publicNotice(ending.on_date, ending.on_date);
    await through(pEnding, ending, n, weekdayFrom(addDays(n.end, 1)));
    plan.probationEnding = 1;
  }
  // In 公示 today: decided at the latest 党委会 of the last three weeks; the window holds today.
  const recent = meetingIn(addDays(today, -21), addDays(today, -1));
  if (recent) {
    const start =
      weekdayFrom(addDays(recent.on_date, 1)) > today ? today : weekdayFrom(addDays(recent.on_date, 1));
    await through(pNotice, recent, { start, end: noticeEnd(start, 5, addDays(today, 2)) }, null);
    plan.notice = 1;
  }
  // Vetoed at 政治素质考察.
  {
    const id = await motion(pVetoed, addDays(today, -70), deputy);
    version = 0;
    await step(id, addDays(today, -55), 'recommend');
    await step(id, addDays(today, -40), 'inspect', { vetoResults: { political: false, ethics: true } });
    plan.vetoed = 1;
  }
  // At 考察 passed, waiting for the 党委.
  {
    const id = await motion(pInspected, addDays(today, -35), { title: '院长', level: 'principal' });
    version = 0;
    await step(id, addDays(today, -25), 'recommend');
    await step(id, addDays(today, -8), 'inspect', passed);
    plan.inspected = 1;
  }
  // A fresh 动议.
  await motion(pMotion, addDays(today, -3), { title: '党总支副书记', level: 'deputy' });
  plan.motion = 1;
  return plan;
}
