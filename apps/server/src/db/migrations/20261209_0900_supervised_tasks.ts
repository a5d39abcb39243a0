import { type Kysely, sql } from 'kysely';

/**
 * Supervised tasks (督办事项, issue 15 item 6):
 * - `supervised_task`: a decision of a 党委会 or 党务工作例会 record (and the resolution, when it was one) given by
 *   the org that held the meeting (the issuer) to a lead unit below it, with assisting units, the deadline and the
 *   first one, extensions, an extension asked for, the progress-report cadence, the day of the last report, the
 *   status of core's state machine and a version;
 * - `supervised_task_event`: the timeline (issued, edited, progress reports, every transition), written in the same
 *   transaction as the change; append-only for the app role (db/roles.ts).
 * A write to a task marks its lead unit dirty as source `supervised_task` (dj_dirty_by_org_id reads `org_id`, so
 * the lead unit is that column), for the findings of the supervision provider.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table supervised_task (
      id serial primary key,
      issuer_org_id integer not null references org(id),
      org_id integer not null references org(id),
      activity_id integer references activity(id) on delete set null,
      resolution_id integer references activity_resolution(id) on delete set null,
      title text not null,
      content text,
      assisting_org_ids integer[] not null default '{}',
      cadence text not null check (cadence in ('none', 'weekly', 'monthly', 'quarterly')),
      status text not null default 'awaiting_acceptance'
        check (status in ('awaiting_acceptance', 'in_progress', 'reported_done', 'done')),
      issued_on date not null,
      deadline date not null,
      original_deadline date not null,
      extensions integer not null default 0 check (extensions >= 0),
      extension_until date,
      extension_reason text,
      last_report_on date,
      result text,
      accepted_at timestamptz,
      reported_done_at timestamptz,
      done_at timestamptz,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check ((extension_until is null) = (extension_reason is null)),
      check (org_id <> issuer_org_id)
    )`.execute(db);
  await sql`create index supervised_task_org_idx on supervised_task (org_id, status)`.execute(db);
  await sql`create index supervised_task_issuer_idx on supervised_task (issuer_org_id, status)`.execute(db);
  await sql`create index supervised_task_activity_idx on supervised_task (activity_id)`.execute(db);

  await sql`
    create table supervised_task_event (
      id bigserial primary key,
      task_id integer not null references supervised_task(id) on delete cascade,
      at timestamptz not null,
      kind text not null,
      from_status text,
      to_status text,
      actor_id integer references app_user(id) on delete set null,
      actor_name text,
      note text,
      until date
    )`.execute(db);
  await sql`create index supervised_task_event_task_idx on supervised_task_event (task_id, id)`.execute(db);

  await sql`create trigger supervised_task_findings_dirty after insert or update or delete on supervised_task
    for each row execute function dj_dirty_by_org_id()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger supervised_task_findings_dirty on supervised_task`.execute(db);
  await sql`drop table supervised_task_event`.execute(db);
  await sql`drop table supervised_task`.execute(db);
}
