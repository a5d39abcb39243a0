import { type Kysely, sql } from 'kysely';

/**
 * 中层干部选拔任用 (issue 18 item 2):
 * - `cadre_appointment`: one procedure (core `cadres/appointment.ts`) for a person and a post of a unit — 正职/副职,
 *   党务/行政/双肩挑, 破格 — with the status, the facts of each step (veto results at 考察, the 党委会 record and its
 *   date at 决定, the 公示 window, 任职 with its 文号 and 试用期 end, the reason of 终止/免去试任职务), the last day of
 *   the training owed after 提任 (null when met before), the roster post it wrote at 任职, and a version.
 *   `org_id` is the 党委 that decides: a write marks it dirty (dj_dirty_by_org_id) for the findings.
 * - `cadre_appointment_event`: the history, one row per step in the step's transaction; append-only (db/roles.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cadre_appointment (
      id serial primary key,
      org_id integer not null references org(id),
      person_id integer not null references person(id),
      unit_id integer not null references unit(id),
      post_title text not null,
      level text not null check (level in ('principal', 'deputy')),
      track text not null check (track in ('party', 'admin', 'both')),
      exceptional boolean not null default false,
      note text,
      status text not null default 'motion' check (status in ('motion', 'recommended', 'inspected', 'decided',
        'notice', 'probation', 'confirmed', 'dismissed', 'vetoed', 'withdrawn')),
      motion_on date not null,
      veto_results jsonb,
      meeting_id integer references activity(id) on delete set null,
      decided_on date,
      notice_start_on date,
      notice_end_on date,
      appointed_on date,
      probation_end_on date,
      document_no text,
      reason text,
      training_due_on date,
      cadre_post_id integer references cadre_post(id) on delete set null,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check (notice_end_on is null or notice_end_on >= notice_start_on),
      check (probation_end_on is null or probation_end_on > decided_on)
    )`.execute(db);
  await sql`create index cadre_appointment_person_idx on cadre_appointment (person_id)`.execute(db);
  await sql`create index cadre_appointment_status_idx on cadre_appointment (status)`.execute(db);
  await sql`
    create table cadre_appointment_event (
      id bigserial primary key,
      appointment_id integer not null references cadre_appointment(id) on delete cascade,
      at timestamptz not null,
      kind text not null,
      on_date date not null,
      from_status text,
      to_status text not null,
      actor_id integer references app_user(id) on delete set null,
      actor_name text,
      note text
    )`.execute(db);
  await sql`create index cadre_appointment_event_idx on cadre_appointment_event (appointment_id, id)`.execute(
    db,
  );
  await sql`create trigger cadre_appointment_findings_dirty after insert or update or delete on cadre_appointment
    for each row execute function dj_dirty_by_org_id()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger cadre_appointment_findings_dirty on cadre_appointment`.execute(db);
  await sql`drop table cadre_appointment_event`.execute(db);
  await sql`drop table cadre_appointment`.execute(db);
}
