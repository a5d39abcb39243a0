import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { connect, dropDatabase, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { openDatabase, privilegedRoleMessage } from '../src/db/open.ts';
import { checkAppRole, grantAppRights, prepareDatabase, urlAs } from '../src/db/roles.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.factory.tree();
});
afterAll(() => t.close());

const testRoles = () => ({
  owner: { name: inject('pgOwnerRole'), password: new URL(inject('pgOwnerUrl')).password },
  app: { name: new URL(inject('pgAppUrl')).username, password: new URL(inject('pgAppUrl')).password },
});

/** A fresh empty database made as the README's SQL does: owned by the owner role, nothing in it yet. */
async function emptyDatabase(): Promise<{ name: string; adminUrl: string }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `dj_r_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(adminUrl, name, undefined, inject('pgOwnerRole'));
  await prepareDatabase(withDatabase(adminUrl, name), testRoles());
  return { name, adminUrl };
}

describe('the app role', () => {
  it('is no superuser, owns nothing and may not change the audit log', async () => {
    expect(await checkAppRole(t.db)).toEqual([]);
    expect(await checkAppRole(t.adminDb)).toContain('superuser');
    const role = await sql<Record<string, boolean>>`
      select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls from pg_roles where rolname = current_user`.execute(
      t.db,
    );
    expect(role.rows[0]).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolbypassrls: false,
    });
  });

  it('cannot update, delete, truncate the audit log or touch its triggers, tables or schema', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    expect((await admin.post('/api/units', { name: '经济管理学院', kind: 'college' })).statusCode).toBe(201);
    const denied = /permission denied|must be owner|must be the owner/;
    const attempts = [
      sql`update audit_log set summary = 'x'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
      sql`alter table audit_log disable trigger audit_log_no_update`,
      sql`alter table audit_log disable trigger all`,
      sql`drop trigger audit_log_no_update on audit_log`,
      sql`drop function audit_log_append_only() cascade`,
      sql`create table sneaky (id int)`,
      sql`alter table audit_log owner to current_user`,
      sql`alter table org owner to current_user`,
      sql`drop table audit_log`,
      sql`select setval(pg_get_serial_sequence('audit_log', 'id'), 1)`,
      sql`delete from dj_migration`,
    ];
    for (const q of attempts) await expect(q.execute(t.db)).rejects.toThrow(denied);
    // Everyday work still passes: read the log, append to it through the API, and lock rows.
    expect(
      Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(t.db)).rows[0]?.n),
    ).toBe(
      Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(t.adminDb)).rows[0]?.n),
    );
    await t.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(1)`.execute(trx);
      await trx.selectFrom('org').select('id').forUpdate().execute();
    });
  });

  it('data of an earlier version (everything owned by the superuser) passes to the owner role', async () => {
    const adminUrl = inject('pgAdminUrl');
    const name = `dj_l_${randomBytes(5).toString('hex')}`;
    await ensureDatabase(adminUrl, name);
    const legacy = connect(withDatabase(adminUrl, name), 2);
    const owner = connect(urlAs(withDatabase(adminUrl, name), testRoles().owner), 2);
    const app = connect(urlAs(withDatabase(adminUrl, name), testRoles().app), 2);
    try {
      await migrateToLatest(legacy);
      await prepareDatabase(withDatabase(adminUrl, name), testRoles());
      expect(await migrateToLatest(owner)).toEqual([]);
      await grantAppRights(owner, testRoles().app.name);
      expect(await checkAppRole(app)).toEqual([]);
      const notOwned = await sql<{ n: string }>`
        select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relowner <> (select oid from pg_roles where rolname = ${testRoles().owner.name})`.execute(
        legacy,
      );
      expect(Number(notOwned.rows[0]?.n)).toBe(0);
      await expect(sql`alter table audit_log disable trigger all`.execute(app)).rejects.toThrow(
        /must be owner/,
      );
      await expect(sql`select count(*) from person`.execute(app)).resolves.toBeTruthy();
    } finally {
      await Promise.all([legacy.destroy(), owner.destroy(), app.destroy()]);
      await dropDatabase(adminUrl, name);
    }
  });
});

describe('start-up on an external PostgreSQL', () => {
  const say = () => {};

  it('refuses a superuser DATABASE_URL with the SQL to run, unless DJ_ALLOW_SUPERUSER=1', async () => {
    const { name, adminUrl } = await emptyDatabase();
    const url = withDatabase(adminUrl, name);
    try {
      const refused = openDatabase(readConfig({ DATABASE_URL: url }), say);
      await expect(refused).rejects.toThrow(/权限过大（超级用户/);
      await expect(refused).rejects.toThrow(/CREATE ROLE dangjian_app LOGIN NOSUPERUSER/);
      await expect(refused).rejects.toThrow(/DJ_ALLOW_SUPERUSER=1/);
      await expect(refused).rejects.toThrow(/is too powerful \(superuser/);
      const warnings: string[] = [];
      const opened = await openDatabase(readConfig({ DATABASE_URL: url, DJ_ALLOW_SUPERUSER: '1' }), (m) =>
        warnings.push(m),
      );
      expect(warnings.join('\n')).toMatch(/警告：DJ_ALLOW_SUPERUSER=1/);
      await opened.db.destroy();
    } finally {
      await dropDatabase(adminUrl, name);
    }
  });

  it('migrates as DATABASE_OWNER_URL and runs as the DATABASE_URL app role; the app role alone needs the owner first', async () => {
    const { name, adminUrl } = await emptyDatabase();
    const appUrl = urlAs(withDatabase(adminUrl, name), testRoles().app);
    const ownerUrl = urlAs(withDatabase(adminUrl, name), testRoles().owner);
    try {
      await expect(openDatabase(readConfig({ DATABASE_URL: appUrl }), say)).rejects.toThrow(
        /DATABASE_OWNER_URL/,
      );
      // The owner's role as DATABASE_URL owns the tables: refused like a superuser.
      const first = await openDatabase(
        readConfig({ DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl }),
        say,
      );
      expect(first.applied.length).toBeGreaterThan(0);
      expect(await checkAppRole(first.db)).toEqual([]);
      await first.db.destroy();
      await expect(openDatabase(readConfig({ DATABASE_URL: ownerUrl }), say)).rejects.toThrow(
        /数据表的所有者/,
      );
      const again = await openDatabase(readConfig({ DATABASE_URL: appUrl }), say);
      expect(again.applied).toEqual([]);
      await again.db.destroy();
    } finally {
      await dropDatabase(adminUrl, name);
    }
  });

  it('names every problem in both languages', () => {
    const m = privilegedRoleMessage('dj', ['superuser', 'owns_tables']);
    expect(m).toMatch(/“dj” 权限过大（超级用户、数据表的所有者）/);
    expect(m).toMatch(/"dj" is too powerful \(superuser, owner of the tables\)/);
    expect(m).toMatch(/REVOKE CREATE ON SCHEMA public FROM PUBLIC;/);
  });
});
