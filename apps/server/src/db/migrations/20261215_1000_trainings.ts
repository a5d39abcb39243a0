import { type Kysely, sql } from 'kysely';

/**
 * Training (培训, issue 18 items 6 and 7):
 * - `training_course`: a course or session an org organises (the organiser, scoped by its path), its dates and 学时,
 *   the 干部教育培训规划 class it is planned for (中层干部, 年轻储备干部, 双带头人书记, 党务工作者), a version;
 * - `training_attendance`: one row per person on a course — enrolled, signed in (present, with the 学时 missed) or
 *   absent; whether the course's hours count is core's rule (absence ≤ 1/7 of its hours);
 * - `external_training`: training a person took outside the platform's courses (上级调训, 网络学院…), proven by the
 *   issuing body's certificate number or, only where no such record proves it, a certificate file.
 * 组织生活 hours (党课, the study part of 主题党日) are never stored here: they are read from the activity records.
 * A write marks the orgs of the people concerned dirty (source: the table), for the training findings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_course (
      id serial primary key,
      org_id integer not null references org(id),
      title text not null,
      target_group text check (target_group in ('middle_cadre', 'young_reserve', 'dual_leader_secretary', 'party_worker')),
      starts_on date not null,
      ends_on date not null,
      hours numeric(5, 1) not null check (hours > 0),
      place text,
      content text,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index training_course_org_idx on training_course (org_id, ends_on)`.execute(db);
  await sql`create index training_course_ends_idx on training_course (ends_on)`.execute(db);

  await sql`
    create table training_attendance (
      course_id integer not null references training_course(id) on delete cascade,
      person_id integer not null references person(id),
      status text not null default 'enrolled' check (status in ('enrolled', 'present', 'absent')),
      absent_hours numeric(5, 1) not null default 0 check (absent_hours >= 0),
      signed_in_at timestamptz,
      marked_by integer references app_user(id) on delete set null,
      note text,
      primary key (course_id, person_id),
      check (status = 'present' or absent_hours = 0)
    )`.execute(db);
  await sql`create index training_attendance_person_idx on training_attendance (person_id)`.execute(db);

  await sql`
    create table external_training (
      id serial primary key,
      person_id integer not null references person(id),
      title text not null,
      organiser text not null,
      starts_on date not null,
      ends_on date not null,
      hours numeric(5, 1) not null check (hours > 0),
      certificate_no text,
      file_name text,
      mime_type text,
      size integer,
      sha256 text,
      content bytea,
      note text,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      check (ends_on >= starts_on),
      check (certificate_no is null or content is null),
      check ((content is null) = (file_name is null))
    )`.execute(db);
  // The same training is never entered twice for a person.
  await sql`create unique index external_training_once on external_training (person_id, title, starts_on)`.execute(
    db,
  );
  await sql`create index external_training_ends_idx on external_training (ends_on)`.execute(db);

  // Rows about a person: that person's org (their branch or 党小组).
  await sql`
    create function dj_dirty_training_person() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty(tg_table_name, p.org_id) from person p
        where p.org_id is not null
          and p.id in (select old.person_id where tg_op <> 'INSERT' union select new.person_id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
  // A course's hours or dates: the orgs of everyone on it.
  await sql`
    create function dj_dirty_training_course() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty('training_course', p.org_id)
        from training_attendance t join person p on p.id = t.person_id
        where p.org_id is not null
          and t.course_id in (select old.id where tg_op <> 'INSERT' union select new.id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
  await sql`create trigger training_course_findings_dirty after update or delete on training_course
    for each row execute function dj_dirty_training_course()`.execute(db);
  await sql`create trigger training_attendance_findings_dirty after insert or update or delete on training_attendance
    for each row execute function dj_dirty_training_person()`.execute(db);
  await sql`create trigger external_training_findings_dirty after insert or update or delete on external_training
    for each row execute function dj_dirty_training_person()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger external_training_findings_dirty on external_training`.execute(db);
  await sql`drop trigger training_attendance_findings_dirty on training_attendance`.execute(db);
  await sql`drop trigger training_course_findings_dirty on training_course`.execute(db);
  await sql`drop function dj_dirty_training_course()`.execute(db);
  await sql`drop function dj_dirty_training_person()`.execute(db);
  await sql`drop table external_training`.execute(db);
  await sql`drop table training_attendance`.execute(db);
  await sql`drop table training_course`.execute(db);
}
