import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Me, OrgCategory, OrgType, PostCode, RoleGrant } from '@dangjian/core';
import { addDays, auditFieldLabel, auditFieldPaths, toLocalDate } from '@dangjian/core';
import pg from 'pg';
import { inject } from 'vitest';
import { type AppOptions, buildApp } from '../src/app.ts';
import { connect, dropDatabase, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { type AuditKeyring, createAuditKeyring } from '../src/http/audit-keyring.ts';
import type { Db } from '../src/http/context.ts';
import { bringFindingsUpToDate, evaluateAllFindings } from '../src/http/findings-store.ts';
import { bumpGeneration } from '../src/http/generation.ts';
import { hashPassword } from '../src/modules/auth/password.ts';

/** Password every factory-made user gets. */
export const testPassword = 'Test-Passw0rd!';
let passwordHash: Promise<string> | null = null;

/** A clock the test can set; defaults to a fixed instant so "today" is known. */
export function testClock(start = new Date('2026-06-15T04:00:00Z')) {
  let current = start;
  return {
    now: () => current,
    today: () => toLocalDate(current),
    set(d: Date) {
      current = d;
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** The tests' audit key (hex), for a CLI run on a test database through DJ_AUDIT_KEY. */
export const testAuditKeyHex = 'a1'.repeat(32);
let auditKeys: AuditKeyring | null = null;

/** The tests' audit keyring: a fixed key, checkpoints in a temporary file (lines are per database). */
export function testAuditKeys(): AuditKeyring {
  auditKeys ??= createAuditKeyring(
    Buffer.from(testAuditKeyHex, 'hex'),
    path.join(mkdtempSync(path.join(tmpdir(), 'dj-test-audit-')), 'audit-checkpoints.jsonl'),
    'tests',
  );
  return auditKeys;
}

/**
 * A fresh database cloned from the migrated template, and the app on it connected as the app role (`db`, no
 * superuser, owns nothing: what the platform runs as). `adminDb` is a superuser connection to the same
 * database, for tests that tamper behind the app's back.
 */
export async function createTestApp(
  options: {
    clock?: ReturnType<typeof testClock>;
    empty?: boolean;
    /** Clone this database instead of the migrated template (a loaded demo college: `createDemoTestApp`). */
    from?: string;
    /** More options of the app: its outside channels, or the background work (the job queue's worker). */
    app?: Pick<AppOptions, 'notifications'> & { background?: boolean };
  } = {},
) {
  const adminUrl = inject('pgAdminUrl');
  const name = `dj_t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, name, options.from ?? inject('pgTemplate'), inject('pgOwnerRole'));
  const url = withDatabase(inject('pgAppUrl'), name);
  const db = connect(url, 5);
  const adminDb = connect(withDatabase(adminUrl, name), 2);
  const clock = options.clock ?? testClock();
  const app = await buildApp({
    db,
    clock,
    auditKeys: testAuditKeys(),
    ...(options.app?.notifications ? { notifications: options.app.notifications } : {}),
    ...(options.app?.background ? { background: { connectionString: url } } : {}),
  });
  await app.ready();
  settlers.set(app, () => bringFindingsUpToDate(db, clock, 'test'));
  if (!options.empty)
    // A school on the platform for years: the tests' back-dated records all count.
    await db
      .insertInto('institution')
      .values({ name: '测试职业技术学院', is_demo: false, go_live_date: '2020-01-01' })
      .execute();
  const factory = createFactory(db);
  return {
    app,
    db,
    /** The app role's URL of this test's database (for a server process or a child the test starts). */
    url,
    adminDb,
    clock,
    factory,
    /** Signs in and returns a client that sends the session cookie and CSRF token. */
    async login(username: string, password = testPassword) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'dj_session');
      const me = res.json() as Me;
      return client(app, `dj_session=${cookie!.value}`, me.csrfToken, me);
    },
    /** Creates a user with the given roles and signs them in. */
    async as(roles: RoleGrant[], extra: { personId?: number } = {}) {
      const user = await factory.user(roles, extra);
      return this.login(user.username);
    },
    anonymous: client(app, '', '', null),
    async close() {
      await app.close();
      await expectNamedAuditFields(adminDb);
      await db.destroy();
      await adminDb.destroy();
      await dropDatabase(adminUrl, name);
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The demo accounts' password in the tests' demo colleges. */
export const demoPassword = 'Demo-Pass-2026!';

/**
 * The demo college as `setupDemoCollege` loads it on a fresh database on the clock's day, for a test file that
 * reads it (and may change its own copy). Loading it takes many seconds, so it is loaded once per test run and
 * day: the first file to ask loads it into a database of its own under an advisory lock (the other workers wait
 * on the lock), renamed into place only when complete, and every file clones that database like the migrated
 * template. `global-setup` drops these databases with the template.
 */
export async function createDemoTestApp(at: Date) {
  const adminUrl = inject('pgAdminUrl');
  const demo = `${inject('pgTemplate')}_demo_${Math.floor(at.getTime() / 1000)}`;
  const lock = new pg.Client({ connectionString: adminUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [demo]);
    const found = await lock.query('select 1 from pg_database where datname = $1', [demo]);
    if (found.rowCount === 0) {
      const building = `${demo}_loading`;
      await dropDatabase(adminUrl, building);
      await ensureDatabase(adminUrl, building, inject('pgTemplate'), inject('pgOwnerRole'));
      const db = connect(withDatabase(inject('pgAppUrl'), building), 5);
      try {
        const { setupDemoCollege } = await import('../src/modules/setup/service.ts');
        const clock = testClock(at);
        // The app registers what the demo's loading uses (the findings providers, the audit key).
        const app = await buildApp({ db, clock, auditKeys: testAuditKeys() });
        await app.ready();
        try {
          await setupDemoCollege(db, clock, demoPassword, null);
          await evaluateAllFindings(db, clock, 'test');
        } finally {
          await app.close();
        }
      } finally {
        await db.destroy();
      }
      await lock.query(`alter database ${building} rename to ${demo}`);
    }
  } finally {
    await lock.end();
  }
  return createTestApp({ clock: testClock(at), empty: true, from: demo });
}

/**
 * Every field any test's writes put into the audit log's before/after snapshots has a Chinese name
 * (the auditor reads 字段 in Chinese): checked on every test database before it is dropped.
 */
async function expectNamedAuditFields(adminDb: Db) {
  const rows = await adminDb.selectFrom('audit_log').select(['action', 'before', 'after']).execute();
  const unnamed = new Set<string>();
  for (const r of rows)
    for (const path of [...auditFieldPaths(r.before).keys(), ...auditFieldPaths(r.after).keys()])
      if (auditFieldLabel(r.action, path) === null) unnamed.add(`${r.action}: ${path}`);
  if (unnamed.size > 0)
    throw new Error(
      `audit fields without a Chinese name (core audit-catalogue.ts): ${[...unnamed].join(', ')}`,
    );
}
type AppT = Awaited<ReturnType<typeof buildApp>>;

const settlers = new WeakMap<object, () => Promise<void>>();

/**
 * Before each request, the findings are brought up to date with what the test wrote straight into the
 * database (the factory) and with the test clock's day: what the server's listener and its start-up and
 * nightly jobs do in production.
 */
async function settle(app: AppT): Promise<void> {
  await settlers.get(app)?.();
}

/** A tiny HTTP client over app.inject with cookie and CSRF header. */
export function client(app: AppT, cookie: string, csrf: string, me: Me | null) {
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => {
    await settle(app);
    return app.inject({
      method,
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  };
  return {
    me,
    cookie,
    csrf,
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload ?? {}),
    patch: (url: string, payload?: unknown) => call('PATCH', url, payload ?? {}),
    put: (url: string, payload?: unknown) => call('PUT', url, payload ?? {}),
    delete: (url: string) => call('DELETE', url),
  };
}

/** Builders for rows the tests need, straight into the database. */
export function createFactory(db: Db) {
  let seq = 0;
  const next = () => ++seq;
  const factory = {
    async org(input: {
      parentId: number | null;
      type: OrgType;
      name?: string;
      category?: OrgCategory | null;
      unitId?: number | null;
    }) {
      const parent = input.parentId
        ? await db
            .selectFrom('org')
            .select(['path', 'depth'])
            .where('id', '=', input.parentId)
            .executeTakeFirstOrThrow()
        : null;
      const row = await db
        .insertInto('org')
        .values({
          parent_id: input.parentId,
          path: '',
          depth: parent ? parent.depth + 1 : 0,
          type: input.type,
          name: input.name ?? `测试组织${next()}`,
          category: input.category ?? null,
          unit_id: input.unitId ?? null,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parent?.path ?? '/'}${row.id}/`;
      await db.updateTable('org').set({ path }).where('id', '=', row.id).execute();
      return { id: row.id, path };
    },
    /** A committee with one general branch and two branches under it, plus a direct branch. */
    async tree() {
      const committee = await factory.org({ parentId: null, type: 'committee', name: '中共测试学院委员会' });
      const general = await factory.org({
        parentId: committee.id,
        type: 'general_branch',
        name: '信息学院党总支',
      });
      const branchA = await factory.org({
        parentId: general.id,
        type: 'branch',
        name: '软件教工党支部',
        category: 'staff',
      });
      const branchB = await factory.org({
        parentId: general.id,
        type: 'branch',
        name: '网络学生党支部',
        category: 'student',
      });
      const other = await factory.org({
        parentId: committee.id,
        type: 'branch',
        name: '图书馆直属党支部',
        category: 'staff',
      });
      return { committee, general, branchA, branchB, other };
    },
    async person(input: {
      orgId: number;
      status?: 'full' | 'probationary';
      name?: string;
      category?: 'staff' | 'student' | 'retired' | 'other';
      isDualLeader?: boolean;
    }) {
      const row = await db
        .insertInto('person')
        .values({
          name: input.name ?? `党员${next()}`,
          category: input.category ?? 'staff',
          party_status: input.status ?? 'full',
          org_id: input.orgId,
          joined_on: '2015-07-01',
          confirmed_on: input.status === 'probationary' ? null : '2016-07-01',
          is_dual_leader: input.isDualLeader ?? false,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async people(orgId: number, count: number, status: 'full' | 'probationary' = 'full') {
      const ids: number[] = [];
      for (let i = 0; i < count; i++) ids.push(await factory.person({ orgId, status }));
      return ids;
    },
    async term(input: {
      orgId: number;
      number?: number;
      start: string;
      end: string;
      teamKind?: 'committee' | 'secretary_only';
      team?: { personId: number; post: PostCode }[];
      electionRequestedOn?: string | null;
    }) {
      const row = await db
        .insertInto('term')
        .values({
          org_id: input.orgId,
          number: input.number ?? 1,
          team_kind: input.teamKind ?? 'secretary_only',
          start_date: input.start,
          planned_end_date: input.end,
          election_requested_on: input.electionRequestedOn ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const m of input.team ?? []) {
        await db
          .insertInto('appointment')
          .values({
            person_id: m.personId,
            org_id: input.orgId,
            term_id: row.id,
            post: m.post,
            start_date: input.start,
          })
          .execute();
      }
      return row.id;
    },
    async user(
      roles: RoleGrant[],
      extra: { personId?: number; username?: string; mustChangePassword?: boolean } = {},
    ) {
      passwordHash ??= hashPassword(testPassword);
      const username = extra.username ?? `u${next()}_${randomBytes(3).toString('hex')}`;
      const row = await db
        .insertInto('app_user')
        .values({
          username,
          display_name: username,
          person_id: extra.personId ?? null,
          password_hash: await passwordHash,
          must_change_password: extra.mustChangePassword ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (roles.length > 0)
        await db
          .insertInto('user_role')
          .values(roles.map((r) => ({ user_id: row.id, role: r.role, org_id: r.orgId })))
          .execute();
      return { id: row.id, username };
    },
  };
  // Rows written behind the API's back must invalidate what the server caches until the next write.
  for (const key of Object.keys(factory) as (keyof typeof factory)[]) {
    const fn = factory[key] as (...args: never[]) => Promise<unknown>;
    (factory as Record<string, unknown>)[key] = async (...args: never[]) => {
      const result = await fn(...args);
      bumpGeneration(db);
      return result;
    };
  }
  return factory;
}

/** Today shifted by days, for term fixtures. */
export function dayOffset(today: string, days: number): string {
  return addDays(today, days);
}

/**
 * A closed 支部党员大会 record of `orgId` on `onDate` with its attendance (recruitment tests): `present` and
 * `absent` are person ids listed as members with their party status on the day.
 */
export async function closedGeneralMeeting(
  db: Db,
  input: { orgId: number; onDate: string; present: number[]; absent?: number[] },
): Promise<number> {
  const row = await db
    .insertInto('activity')
    .values({
      org_id: input.orgId,
      kind: 'general_meeting',
      title: '支部党员大会',
      status: 'closed',
      starts_at: `${input.onDate}T14:00:00+08:00`,
      on_date: input.onDate,
      minutes: '会议记录',
      sign_in_secret: randomBytes(16).toString('hex'),
      closed_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = [...input.present, ...(input.absent ?? [])];
  const statuses = await db
    .selectFrom('person')
    .select(['id', 'party_status'])
    .where('id', 'in', people)
    .execute();
  await db
    .insertInto('activity_attendee')
    .values(
      people.map((id) => ({
        activity_id: row.id,
        person_id: id,
        role: 'member',
        party_status: statuses.find((s) => s.id === id)?.party_status ?? null,
        ...(input.present.includes(id)
          ? { status: 'present', signed_in_at: new Date(), sign_in_method: 'qr' }
          : { status: 'absent' }),
      })),
    )
    .execute();
  bumpGeneration(db);
  return row.id;
}
