// What the burst benches share (sign-in.ts, ballots.ts): a 党总支 of branches whose members each have an account and a
// session written straight into the database, and the two ways of sending their requests — a fixed number in flight,
// or open-loop arrivals — with latency percentiles and the answers' statuses.
import { randomBytes } from 'node:crypto';
import type { OrgType } from '@dangjian/core';
import type { Db } from '../src/http/context.ts';
import { sessionIdOf } from '../src/http/guard.ts';

/** Requests in flight at once (BENCH_SIGN_IN_CONCURRENCY, default 50). */
export const concurrency = Number(process.env.BENCH_SIGN_IN_CONCURRENCY ?? 50);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Latencies, statuses and failures (not 2xx) of a run of requests. */
class Tally {
  readonly latencies: number[] = [];
  readonly statuses = new Map<number, number>();
  failures = 0;
  async time(send: () => Promise<Response>) {
    const s = performance.now();
    const res = await send();
    await res.arrayBuffer();
    this.latencies.push(performance.now() - s);
    this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
    if (!res.ok) this.failures++;
  }
  result(t0: number) {
    const wallMs = performance.now() - t0;
    this.latencies.sort((a, b) => a - b);
    return {
      wallMs,
      statuses: this.statuses,
      failures: this.failures,
      p50: percentile(this.latencies, 50),
      p99: percentile(this.latencies, 99),
    };
  }
}

/** Runs `count` requests with a fixed number in flight; latencies, statuses and the wall time. */
export async function fire(count: number, send: (i: number) => Promise<Response>) {
  const tally = new Tally();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await tally.time(() => send(i));
      }
    }),
  );
  return tally.result(t0);
}

/** Open-loop arrivals: request i starts at i × (seconds / count), whatever is still in flight. */
export async function paced(count: number, seconds: number, send: (i: number) => Promise<Response>) {
  const tally = new Tally();
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = t0 + (i * seconds * 1000) / count - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(tally.time(() => send(i)));
  }
  await Promise.all(pending);
  return tally.result(t0);
}

/** A user with a session written straight into the database; returns its cookie and CSRF token. */
export async function session(db: Db, userId: number) {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const now = new Date();
  await db
    .insertInto('session')
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      csrf_token: csrf,
      created_at: now,
      last_seen_at: now,
      ip: null,
      user_agent: null,
    })
    .execute();
  return { cookie: `dj_session=${token}`, csrf };
}

/**
 * A 党总支 `name` under the college's 党委 with `branches` branches of `perBranch` full members each (named
 * `${member}N`), every member with a 党员 account `${username}_<person id>` and a session.
 */
export async function burstGeneralBranch(
  db: Db,
  o: { name: string; branch: string; member: string; username: string; branches: number; perBranch: number },
) {
  const root = await db
    .selectFrom('org')
    .select(['id', 'path', 'depth'])
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const addOrg = async (parent: { id: number; path: string; depth: number }, type: OrgType, name: string) => {
    const row = await db
      .insertInto('org')
      .values({
        parent_id: parent.id,
        path: '',
        depth: parent.depth + 1,
        type,
        name,
        category: 'staff',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent.path}${row.id}/`;
    await db.updateTable('org').set({ path }).where('id', '=', row.id).execute();
    return { id: row.id, path, depth: parent.depth + 1 };
  };
  const general = await addOrg(root, 'general_branch', o.name);
  const people: number[] = [];
  for (let b = 0; b < o.branches; b++) {
    const branch = await addOrg(general, 'branch', `${o.branch}第${b + 1}党支部`);
    const rows = await db
      .insertInto('person')
      .values(
        Array.from({ length: o.perBranch }, (_, i) => ({
          name: `${o.member}${b * o.perBranch + i + 1}`,
          category: 'staff',
          party_status: 'full',
          org_id: branch.id,
          joined_on: '2015-07-01',
          confirmed_on: '2016-07-01',
          updated_at: new Date(),
        })),
      )
      .returning('id')
      .execute();
    people.push(...rows.map((r) => r.id));
  }
  const users = await db
    .insertInto('app_user')
    .values(
      people.map((personId) => ({
        username: `${o.username}_${personId}`,
        display_name: `${o.member}${personId}`,
        person_id: personId,
        password_hash: 'x',
        must_change_password: false,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('user_role')
    .values(users.map((u) => ({ user_id: u.id, role: 'member', org_id: null })))
    .execute();
  const sessions: { cookie: string; csrf: string }[] = [];
  for (const u of users) sessions.push(await session(db, u.id));
  return { general, people, users, sessions };
}
