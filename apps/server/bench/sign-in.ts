// Bench case of the QR sign-in burst (called by run.ts): a 全校党课 of a 党总支 with 2,000 members, each
// with their own session, all signing in through the real HTTP server with a valid current code. The
// latency is compared with the same number of GET /api/me requests (session check + actor only) at the
// same concurrency in the same run; afterwards every member must be present exactly once.
import type { Db } from '../src/http/context.ts';
import { burstGeneralBranch, concurrency, fire, paced, session } from './burst.ts';

const members = 2_000;

export async function benchSignIn(db: Db, base: string) {
  // A 党总支 of 40 branches × 50 members under the college's 党委.
  const { general, sessions } = await burstGeneralBranch(db, {
    name: '签到压测党总支',
    branch: '签到压测',
    member: '压测党员',
    username: 'signin',
    branches: 40,
    perBranch: members / 40,
  });
  const secretary = await db
    .insertInto('app_user')
    .values({
      username: `signin_secretary`,
      display_name: '压测书记',
      person_id: null,
      password_hash: 'x',
      must_change_password: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_role')
    .values({ user_id: secretary.id, role: 'org_admin', org_id: null })
    .execute();
  const sec = await session(db, secretary.id);
  const secHeaders = { cookie: sec.cookie, 'x-csrf-token': sec.csrf, 'content-type': 'application/json' };

  /** A 党课 of the whole 党总支, started, with the screen refreshing its code as it rotates. */
  async function openLecture(title: string) {
    const created = await fetch(`${base}/api/activities`, {
      method: 'POST',
      headers: secHeaders,
      body: JSON.stringify({ orgId: general.id, kind: 'lecture', title, startsAt: new Date().toISOString() }),
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
    const a = (await created.json()) as { id: number; version: number; counts: { expected: number } };
    if (a.counts.expected !== members) throw new Error(`expected ${members}, got ${a.counts.expected}`);
    const started = await fetch(`${base}/api/activities/${a.id}/start`, {
      method: 'POST',
      headers: secHeaders,
      body: JSON.stringify({ version: a.version }),
    });
    if (!started.ok) throw new Error(`start: ${started.status}`);
    const screen = { id: a.id, token: '', timer: undefined as NodeJS.Timeout | undefined };
    const refresh = async () => {
      const r = await fetch(`${base}/api/activities/${a.id}/sign-in-code`, {
        headers: { cookie: sec.cookie },
      });
      screen.token = ((await r.json()) as { token: string }).token;
    };
    await refresh();
    screen.timer = setInterval(() => void refresh(), 2_000);
    return screen;
  }
  const signIn = (screen: { id: number; token: string }) => (i: number) =>
    fetch(`${base}/api/activities/${screen.id}/sign-in`, {
      method: 'POST',
      headers: {
        cookie: sessions[i]!.cookie,
        'x-csrf-token': sessions[i]!.csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ token: screen.token }),
    });
  async function checkPresent(id: number) {
    const present = await db
      .selectFrom('activity_attendee')
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        eb.fn.count<string>('person_id').distinct().as('people'),
      ])
      .where('activity_id', '=', id)
      .where('status', '=', 'present')
      .executeTakeFirstOrThrow();
    if (Number(present.n) !== members || Number(present.people) !== members)
      throw new Error(`present ${present.n} (${present.people} people), expected ${members}`);
  }
  const me = (i: number) => fetch(`${base}/api/me`, { headers: { cookie: sessions[i]!.cookie } });
  const line = (r: { p50: number; p99: number; wallMs: number }) =>
    `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${(r.wallMs / 1000).toFixed(1)} s`;

  // 1. Arrivals spread over `seconds` (the issue: 2,000 within 60 s; default 20 s, three times as dense).
  const seconds = Number(process.env.BENCH_SIGN_IN_SECONDS ?? 20);
  const first = await openLecture('全体党员党课（分散到达）');
  const mePaced = await paced(members, seconds, me);
  const burstPaced = await paced(members, seconds, signIn(first));
  clearInterval(first.timer);
  if (burstPaced.failures > 0) throw new Error(`${burstPaced.failures} sign-ins failed`);
  await checkPresent(first.id);

  // 2. Saturation: everyone at once, `concurrency` in flight.
  const second = await openLecture('全体党员党课（同时到达）');
  const meSat = await fire(members, me);
  const burstSat = await fire(members, signIn(second));
  clearInterval(second.timer);
  if (burstSat.failures > 0) throw new Error(`${burstSat.failures} sign-ins failed`);
  await checkPresent(second.id);
  const rate = (members / burstSat.wallMs) * 1000;
  return [
    {
      case: `GET /api/me ×${members}, arrivals over ${seconds} s (baseline)`,
      value: line(mePaced),
      baseline: '-',
      ratio: '1.000',
    },
    {
      case: `QR sign-in ×${members}, arrivals over ${seconds} s`,
      value: `${line(burstPaced)}; ${members} present, none twice`,
      baseline: `p99 ${mePaced.p99.toFixed(1)} ms`,
      ratio: (burstPaced.p99 / mePaced.p99).toFixed(2),
    },
    {
      case: `GET /api/me ×${members}, ${concurrency} in flight (baseline)`,
      value: line(meSat),
      baseline: '-',
      ratio: '1.000',
    },
    {
      case: `QR sign-in ×${members}, ${concurrency} in flight (${rate.toFixed(0)}/s)`,
      value: `${line(burstSat)}; ${members} present, none twice`,
      baseline: `p99 ${meSat.p99.toFixed(1)} ms`,
      ratio: (burstSat.p99 / meSat.p99).toFixed(2),
    },
  ];
}
