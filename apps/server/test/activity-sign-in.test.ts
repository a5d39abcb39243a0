import { randomBytes } from 'node:crypto';
import type { ActivityDetail, SignInCodeResponse, SignInResult } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdOf } from '../src/http/guard.ts';
import { signInToken, windowOf } from '../src/modules/activities/sign-in.ts';
import { client, createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = ReturnType<typeof client>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let sec: Client;
let outsider: Client;
const members: { personId: number; c: Client }[] = [];

/** A member account with a session written straight into the database (no password hashing per member). */
async function memberSession(personId: number): Promise<Client> {
  const user = await t.db
    .insertInto('app_user')
    .values({
      username: `m${personId}_${randomBytes(3).toString('hex')}`,
      display_name: `党员${personId}`,
      person_id: personId,
      password_hash: 'x',
      must_change_password: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('user_role').values({ user_id: user.id, role: 'member', org_id: null }).execute();
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const at = t.clock.now();
  await t.db
    .insertInto('session')
    .values({
      id: sessionIdOf(token),
      user_id: user.id,
      csrf_token: csrf,
      created_at: at,
      last_seen_at: at,
      ip: null,
      user_agent: null,
    })
    .execute();
  return client(t.app, `dj_session=${token}`, csrf, null);
}

async function plan(body: Record<string, unknown>): Promise<ActivityDetail> {
  const res = await sec.post('/api/activities', {
    orgId: tree.general.id,
    kind: 'lecture',
    title: '全体党员党课',
    startsAt: '2026-06-15T14:00:00+08:00',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  const a = res.json() as ActivityDetail;
  const started = await sec.post(`/api/activities/${a.id}/start`, { version: a.version });
  expect(started.statusCode, started.body).toBe(200);
  return started.json() as ActivityDetail;
}

async function code(id: number): Promise<string> {
  const res = await sec.get(`/api/activities/${id}/sign-in-code`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as SignInCodeResponse).token;
}

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T06:00:00Z')) });
  tree = await t.factory.tree();
  sec = await t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]);
  const rows = await t.db
    .insertInto('person')
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        name: `签到党员${i + 1}`,
        category: 'staff',
        party_status: 'full',
        org_id: i % 2 === 0 ? tree.branchA.id : tree.branchB.id,
        joined_on: '2015-07-01',
        confirmed_on: '2016-07-01',
        updated_at: new Date(),
      })),
    )
    .returning('id')
    .execute();
  for (const r of rows) members.push({ personId: r.id, c: await memberSession(r.id) });
  const other = await t.factory.person({ orgId: tree.other.id });
  outsider = await memberSession(other);
});
afterAll(() => t?.close());

describe('QR sign-in', () => {
  it('signs a member in with the current code, once; a replay answers already', async () => {
    const a = await plan({});
    expect(a.counts.expected).toBe(200);
    const token = await code(a.id);
    const m = members[0]!;
    const first = await m.c.post(`/api/activities/${a.id}/sign-in`, { token });
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as SignInResult).already).toBe(false);
    const again = await m.c.post(`/api/activities/${a.id}/sign-in`, { token });
    expect(again.statusCode).toBe(200);
    const r = again.json() as SignInResult;
    expect(r.already).toBe(true);
    expect(r.signedInAt).toBe((first.json() as SignInResult).signedInAt);
    const detail = (await sec.get(`/api/activities/${a.id}`)).json() as ActivityDetail;
    expect(detail.counts.present).toBe(1);
    const row = detail.attendees.find((x) => x.personId === m.personId)!;
    expect(row.status).toBe('present');
    expect(row.signInMethod).toBe('qr');
  });

  it('accepts a code within the grace window and refuses an expired one (a forwarded photo)', async () => {
    const a = await plan({});
    const token = await code(a.id);
    t.clock.advance(10_000);
    const late = await members[1]!.c.post(`/api/activities/${a.id}/sign-in`, { token });
    expect(late.statusCode, late.body).toBe(200);
    t.clock.advance(25_000);
    const expired = await members[2]!.c.post(`/api/activities/${a.id}/sign-in`, { token });
    expect(expired.statusCode).toBe(403);
    expect(expired.json().code).toBe('SIGN_IN_CODE_EXPIRED');
    const detail = (await sec.get(`/api/activities/${a.id}`)).json() as ActivityDetail;
    expect(detail.attendees.find((x) => x.personId === members[2]!.personId)!.status).toBe('expected');
  });

  it('refuses a code of another activity, a tampered or forged code, and a malformed one', async () => {
    const a = await plan({});
    const b = await plan({ title: '另一次党课' });
    const tokenB = await code(b.id);
    const foreign = await members[3]!.c.post(`/api/activities/${a.id}/sign-in`, { token: tokenB });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('SIGN_IN_CODE_INVALID');

    const tokenA = await code(a.id);
    const [id, window, mac] = Buffer.from(tokenA, 'base64url').toString().split('.');
    const flipped = `${mac![0] === 'A' ? 'B' : 'A'}${mac!.slice(1)}`;
    const tampered = Buffer.from(`${id}.${window}.${flipped}`).toString('base64url');
    const r1 = await members[3]!.c.post(`/api/activities/${a.id}/sign-in`, { token: tampered });
    expect(r1.statusCode).toBe(403);
    expect(r1.json().code).toBe('SIGN_IN_CODE_INVALID');

    const forged = signInToken('not-the-secret', a.id, windowOf(t.clock.now()));
    const r2 = await members[3]!.c.post(`/api/activities/${a.id}/sign-in`, { token: forged });
    expect(r2.json().code).toBe('SIGN_IN_CODE_INVALID');

    const r3 = await members[3]!.c.post(`/api/activities/${a.id}/sign-in`, {
      token: 'bm90LWEtdG9rZW4tYXQtYWxs',
    });
    expect(r3.statusCode).toBe(400);
    const detail = (await sec.get(`/api/activities/${a.id}`)).json() as ActivityDetail;
    expect(detail.counts.present).toBe(0);
  });

  it('refuses someone not invited, and an anonymous caller', async () => {
    const a = await plan({});
    const token = await code(a.id);
    const res = await outsider.post(`/api/activities/${a.id}/sign-in`, { token });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('NOT_INVITED');
    expect((await t.anonymous.post(`/api/activities/${a.id}/sign-in`, { token })).statusCode).toBe(401);
  });

  it('checks the place when the activity asks for it', async () => {
    const a = await plan({ placeCheck: { lat: 30.0, lng: 120.0, radiusM: 200 } });
    const token = await code(a.id);
    const url = `/api/activities/${a.id}/sign-in`;
    const none = await members[4]!.c.post(url, { token });
    expect(none.statusCode).toBe(400);
    const far = await members[4]!.c.post(url, { token, lat: 30.01, lng: 120.0 });
    expect(far.statusCode).toBe(403);
    expect(far.json().code).toBe('SIGN_IN_OUT_OF_PLACE');
    expect(far.json().message).toContain('200 米');
    const near = await members[4]!.c.post(url, { token, lat: 30.001, lng: 120.0 });
    expect(near.statusCode, near.body).toBe(200);
  });

  it('refuses sign-in once stopped, and the code is not shown', async () => {
    const a = await plan({});
    const token = await code(a.id);
    const stopped = await sec.post(`/api/activities/${a.id}/stop-sign-in`, { version: a.version });
    expect(stopped.statusCode, stopped.body).toBe(200);
    const res = await members[5]!.c.post(`/api/activities/${a.id}/sign-in`, { token });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SIGN_IN_CLOSED');
    expect((await sec.get(`/api/activities/${a.id}/sign-in-code`)).statusCode).toBe(409);
    expect((await members[5]!.c.get(`/api/activities/${a.id}/sign-in-code`)).statusCode).toBe(403);
  });

  it('counts each of 200 concurrent members exactly once, with duplicates fired alongside', async () => {
    const a = await plan({});
    const token = await code(a.id);
    const url = `/api/activities/${a.id}/sign-in`;
    const requests = [...members, ...members.slice(0, 50), ...members.slice(100, 130)].map((m) =>
      m.c.post(url, { token }),
    );
    const results = await Promise.all(requests);
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const fresh = results.filter((r) => !(r.json() as SignInResult).already).length;
    expect(fresh).toBe(200);
    const rows = await t.db
      .selectFrom('activity_attendee')
      .select(['person_id', 'status', 'sign_in_method'])
      .where('activity_id', '=', a.id)
      .execute();
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.status === 'present' && r.sign_in_method === 'qr')).toBe(true);
  });
});
