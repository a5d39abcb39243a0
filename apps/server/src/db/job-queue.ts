// The job queue's schema (graphile-worker, on this PostgreSQL): installed and upgraded by the owner role with
// the other migrations; the app role may use it, not change it.
import { Logger, runMigrations } from 'graphile-worker';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** graphile-worker's own schema. */
export const jobSchema = 'graphile_worker';

/** A logger that keeps graphile-worker quiet except for warnings and errors. */
export function jobLogger(log: (level: 'warn' | 'error', msg: string) => void): Logger {
  return new Logger(() => (level, message) => {
    if (level === 'error' || level === 'warning')
      log(level === 'error' ? 'error' : 'warn', `[任务队列] ${message}`);
  });
}

/** Installs or upgrades the queue's schema as the owner (idempotent). */
export async function migrateJobQueue(ownerUrl: string): Promise<void> {
  await runMigrations({
    connectionString: ownerUrl,
    schema: jobSchema,
    logger: jobLogger((level, msg) => console[level === 'error' ? 'error' : 'warn'](msg)),
  });
}

/** Lets the app role add, take and finish jobs (rows and functions of the queue's schema). */
export async function grantJobQueueRights(ownerDb: Kysely<Database>, appRole: string): Promise<void> {
  const app = sql.id(appRole);
  const schema = sql.id(jobSchema);
  await sql`grant usage on schema ${schema} to ${app}`.execute(ownerDb);
  await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${app}`.execute(
    ownerDb,
  );
  await sql`grant usage, select, update on all sequences in schema ${schema} to ${app}`.execute(ownerDb);
  await sql`grant execute on all functions in schema ${schema} to ${app}`.execute(ownerDb);
  // graphile-worker turns row-level security on for its private tables (no policy: only the owner passes);
  // the app role gets one policy per table that lets it use every row.
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${jobSchema} and c.relkind = 'r' and c.relrowsecurity
      and not exists (select 1 from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname
        and p.policyname = ${`dj_app_${appRole}`})`.execute(ownerDb);
  for (const t of tables.rows)
    await sql`create policy ${sql.id(`dj_app_${appRole}`)} on ${sql.id(jobSchema, t.name)} for all to ${app}
      using (true) with check (true)`.execute(ownerDb);
}

/** Whether the queue's schema is installed (an app-only start needs the owner to have migrated). */
export async function jobQueueInstalled(db: Kysely<Database>): Promise<boolean> {
  const r = await sql<{
    t: string | null;
  }>`select to_regclass(${`${jobSchema}.migrations`})::text as t`.execute(db);
  return r.rows[0]?.t != null;
}
