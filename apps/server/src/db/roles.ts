// Least privilege in the database: migrations run as an owner role, the platform as an app role that is no
// superuser, owns nothing and may only read and append the audit log (so it cannot switch off its trigger).
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/** A login role with its password (null: the server authenticates it otherwise, e.g. trust or a .pgpass). */
export interface DbRole {
  name: string;
  password: string | null;
}

/** Role names the embedded database creates and the README's SQL uses. */
export const defaultRoleNames = { owner: 'dangjian_owner', app: 'dangjian_app' } as const;

/**
 * Tables the app role may only SELECT and INSERT: no UPDATE, DELETE, TRUNCATE, and no setval on their
 * sequences. A new append-only table is added here.
 */
export const appendOnlyTables = [
  'audit_log',
  'finding_event',
  'rectification_event',
  'supervised_task_event',
  'inspection_event',
  'rectification_campaign_event',
  'assessment_step',
  'duty_review_event',
  'cadre_review_consequence',
  'member_appraisal_event',
  'member_appraisal_plan_note',
  'cadre_rotation',
  'cadre_appointment_event',
  'cadre_reserve_event',
] as const;

/** Bookkeeping of the migrator: the app may read which migrations ran, nothing more. */
const migrationTables = ['dj_migration', 'dj_migration_lock'] as const;

/** Attributes that keep a role from bypassing anything; both roles get them. */
const unprivileged = 'nosuperuser nocreatedb nocreaterole nobypassrls noreplication login';

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `url` signing in as `role` (its password, if any, replacing the one in the URL). */
export function urlAs(url: string, role: DbRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.name);
  u.password = role.password === null ? '' : encodeURIComponent(role.password);
  return u.toString();
}

/**
 * Creates the owner and app roles if missing (with `adminUrl`, a superuser or CREATEROLE connection) and
 * (re)sets their attributes and passwords, so a role made elsewhere with too many rights is brought back down.
 */
export async function ensureRoles(adminUrl: string, roles: { owner: DbRole; app: DbRole }): Promise<void> {
  await withClient(adminUrl, async (c) => {
    for (const role of [roles.owner, roles.app]) {
      const name = c.escapeIdentifier(role.name);
      const password = role.password === null ? '' : ` password ${c.escapeLiteral(role.password)}`;
      const found = await c.query('select 1 from pg_roles where rolname = $1', [role.name]);
      await c.query(`${found.rowCount ? 'alter' : 'create'} role ${name} ${unprivileged}${password}`);
    }
  });
}

/**
 * Makes `owner` own the database behind `databaseUrl` (an admin connection to it), its schema public and
 * every object in that schema — data directories of earlier versions had everything owned by postgres — and
 * lets only the owner create in the schema (PostgreSQL ≤ 14 grants CREATE on public to everyone).
 */
export async function prepareDatabase(
  databaseUrl: string,
  roles: { owner: DbRole; app: DbRole },
): Promise<void> {
  await withClient(databaseUrl, async (c) => {
    const owner = c.escapeIdentifier(roles.owner.name);
    const app = c.escapeIdentifier(roles.app.name);
    const db = c.escapeIdentifier(
      (await c.query<{ d: string }>('select current_database() as d')).rows[0]!.d,
    );
    await c.query(`alter database ${db} owner to ${owner}`);
    await c.query(`grant connect on database ${db} to ${app}`);
    await c.query(`alter schema public owner to ${owner}`);
    await c.query('revoke create on schema public from public');
    // Tables first: ALTER TABLE … OWNER also moves their indexes and the sequences of their serial columns.
    const relations = await c.query<{ kind: string; name: string }>(
      `select c.relkind as kind, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
          and c.relowner <> (select oid from pg_roles where rolname = $1)`,
      [roles.owner.name],
    );
    for (const r of relations.rows) {
      const kind =
        r.kind === 'v'
          ? 'view'
          : r.kind === 'm'
            ? 'materialized view'
            : r.kind === 'f'
              ? 'foreign table'
              : 'table';
      await c.query(`alter ${kind} public.${c.escapeIdentifier(r.name)} owner to ${owner}`);
    }
    const sequences = await c.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S'
          and c.relowner <> (select oid from pg_roles where rolname = $1)`,
      [roles.owner.name],
    );
    for (const s of sequences.rows)
      await c.query(`alter sequence public.${c.escapeIdentifier(s.name)} owner to ${owner}`);
    const functions = await c.query<{ sig: string }>(
      `select p.oid::regprocedure::text as sig from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proowner <> (select oid from pg_roles where rolname = $1)`,
      [roles.owner.name],
    );
    for (const f of functions.rows) await c.query(`alter routine ${f.sig} owner to ${owner}`);
    const types = await c.query<{ name: string }>(
      `select t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = 'public' and t.typtype in ('e', 'd') 
          and t.typowner <> (select oid from pg_roles where rolname = $1)`,
      [roles.owner.name],
    );
    for (const t of types.rows)
      await c.query(`alter type public.${c.escapeIdentifier(t.name)} owner to ${owner}`);
  });
}

/**
 * Run as the owner after every migration run: the app role may read and write every table of schema public
 * except the append-only ones (read and insert only) and the migrator's (read only), and use the sequences.
 * Default privileges cover tables a later migration creates until this runs again.
 */
export async function grantAppRights(ownerDb: Kysely<Database>, appRole: string): Promise<void> {
  const app = sql.id(appRole);
  await sql`grant usage on schema public to ${app}`.execute(ownerDb);
  await sql`grant select, insert, update, delete on all tables in schema public to ${app}`.execute(ownerDb);
  await sql`grant usage, select, update on all sequences in schema public to ${app}`.execute(ownerDb);
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${app}`.execute(
    ownerDb,
  );
  await sql`alter default privileges in schema public grant usage, select, update on sequences to ${app}`.execute(
    ownerDb,
  );
  for (const table of appendOnlyTables) {
    if (!(await exists(ownerDb, table))) continue;
    await sql`revoke all on ${sql.table(table)} from ${app}`.execute(ownerDb);
    await sql`grant select, insert on ${sql.table(table)} to ${app}`.execute(ownerDb);
    const seq = await sql<{ s: string | null }>`select pg_get_serial_sequence(${table}, 'id') as s`.execute(
      ownerDb,
    );
    const sequence = seq.rows[0]?.s;
    if (sequence) await sql`revoke update on sequence ${sql.raw(sequence)} from ${app}`.execute(ownerDb);
  }
  for (const table of migrationTables) {
    if (!(await exists(ownerDb, table))) continue;
    await sql`revoke all on ${sql.table(table)} from ${app}`.execute(ownerDb);
    await sql`grant select on ${sql.table(table)} to ${app}`.execute(ownerDb);
  }
}

async function exists(db: Kysely<Database>, table: string): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass(${`public.${table}`})::text as t`.execute(db);
  return r.rows[0]?.t != null;
}

/** Why a connection's role is unfit to be the platform's everyday role. */
export type RoleProblem =
  | 'superuser'
  | 'createdb'
  | 'createrole'
  | 'bypassrls'
  | 'owns_database'
  | 'owns_schema'
  | 'owns_tables'
  | 'audit_writable';

/**
 * What the role of `db` could do that the platform must not be able to (empty = fit): be a superuser, create
 * databases or roles, bypass row security, own (or be a member of the owner of) the database, the schema or a
 * table, or change the audit log.
 */
export async function checkAppRole(db: Kysely<Database>): Promise<RoleProblem[]> {
  const r = await sql<{
    superuser: boolean;
    createdb: boolean;
    createrole: boolean;
    bypassrls: boolean;
    owns_database: boolean;
    owns_schema: boolean;
    owns_tables: boolean;
    audit_writable: boolean;
  }>`
    select r.rolsuper as superuser, r.rolcreatedb as createdb, r.rolcreaterole as createrole,
           r.rolbypassrls as bypassrls,
           (select pg_has_role(current_user, d.datdba, 'MEMBER') from pg_database d
             where d.datname = current_database()) as owns_database,
           (select pg_has_role(current_user, n.nspowner, 'MEMBER') from pg_namespace n
             where n.nspname = 'public') as owns_schema,
           exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and pg_has_role(current_user, c.relowner, 'MEMBER')) as owns_tables,
           coalesce((select has_table_privilege(current_user, 'public.audit_log', 'UPDATE')
                         or has_table_privilege(current_user, 'public.audit_log', 'DELETE')
                         or has_table_privilege(current_user, 'public.audit_log', 'TRUNCATE')
             where to_regclass('public.audit_log') is not null), false) as audit_writable
      from pg_roles r where r.rolname = current_user`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('current_user not found in pg_roles');
  const all: RoleProblem[] = [
    'superuser',
    'createdb',
    'createrole',
    'bypassrls',
    'owns_database',
    'owns_schema',
    'owns_tables',
    'audit_writable',
  ];
  return all.filter((p) => row[p]);
}

/** The role name of `db`'s connections. */
export async function currentRole(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ u: string }>`select current_user as u`.execute(db);
  return r.rows[0]!.u;
}

/**
 * SQL an administrator runs once (as a superuser, PostgreSQL ≥ 12) to give the platform its two roles on
 * an external server; the README shows the same. Passwords are placeholders.
 */
export function externalSetupSql(database = 'dangjian'): string {
  const { owner, app } = defaultRoleNames;
  return [
    `CREATE ROLE ${owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '所有者密码';`,
    `CREATE ROLE ${app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '应用密码';`,
    `CREATE DATABASE ${database} OWNER ${owner} ENCODING 'UTF8';`,
    `\\connect ${database}`,
    `ALTER SCHEMA public OWNER TO ${owner};`,
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC;',
    `GRANT USAGE ON SCHEMA public TO ${app};`,
  ].join('\n');
}
