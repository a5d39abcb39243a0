import { type Kysely, sql } from 'kysely';

/**
 * 述职评议 (书记抓基层党建述职评议考核, issue 17 item 1):
 * - `duty_review`: a campaign of a year organised by the 党委 or a 总支 (`org_id`), at a level, with its procedure's
 *   status, the combination rule (jsonb, core `DutyReviewRule`), the voter groups chosen and the roll of person ids
 *   they gave, the 测评 ballot (the ballots module's), when the 点评 became 整改 items, and a version;
 * - `duty_review_subject`: one secretary reviewed — the org (`org_id`, so the findings' dirty marks name it) and
 *   the person, the 述职报告, the 党委's evaluation score, the computed and the set grade with an override's
 *   reason, the 整改 items opened from the 点评;
 * - `duty_review_question` (答辩) and `duty_review_comment` (点评, each with its author);
 * - `duty_review_event`: the timeline, append-only for the app role (db/roles.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table duty_review (
      id serial primary key,
      org_id integer not null references org(id),
      level text not null check (level in ('secondary', 'branch')),
      year integer not null check (year between 2000 and 2100),
      title text not null,
      starts_on date not null,
      ends_on date not null,
      status text not null default 'launched'
        check (status in ('launched', 'reporting', 'meeting', 'voting', 'grading', 'approved', 'published')),
      rule jsonb not null,
      voter_committee boolean not null,
      voter_secretaries boolean not null,
      representative_ids integer[] not null default '{}',
      voter_person_ids integer[] not null default '{}',
      ballot_id integer references ballot(id),
      rectified_at timestamptz,
      published_at timestamptz,
      created_by integer references app_user(id) on delete set null,
      created_by_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index duty_review_org_idx on duty_review (org_id, year)`.execute(db);

  await sql`
    create table duty_review_subject (
      id serial primary key,
      duty_review_id integer not null references duty_review(id) on delete cascade,
      org_id integer not null references org(id),
      person_id integer not null references person(id),
      person_name text not null,
      report text,
      report_submitted_at timestamptz,
      evaluation_score integer check (evaluation_score between 0 and 100),
      computed_grade text check (computed_grade in ('good', 'fairly_good', 'average', 'poor')),
      computed_score numeric(5, 2),
      grade text check (grade in ('good', 'fairly_good', 'average', 'poor')),
      override_reason text,
      rectification_ids integer[] not null default '{}',
      updated_at timestamptz not null,
      version integer not null default 0,
      unique (duty_review_id, org_id)
    )`.execute(db);
  await sql`create index duty_review_subject_org_idx on duty_review_subject (org_id)`.execute(db);
  await sql`create index duty_review_subject_person_idx on duty_review_subject (person_id)`.execute(db);

  await sql`
    create table duty_review_question (
      id serial primary key,
      subject_id integer not null references duty_review_subject(id) on delete cascade,
      question text not null,
      answer text,
      asked_by integer references app_user(id) on delete set null,
      at timestamptz not null
    )`.execute(db);
  await sql`create index duty_review_question_subject_idx on duty_review_question (subject_id, id)`.execute(
    db,
  );

  await sql`
    create table duty_review_comment (
      id serial primary key,
      subject_id integer not null references duty_review_subject(id) on delete cascade,
      author_id integer references app_user(id) on delete set null,
      author_name text not null,
      content text not null,
      at timestamptz not null,
      rectification_id integer references rectification(id) on delete set null
    )`.execute(db);
  await sql`create index duty_review_comment_subject_idx on duty_review_comment (subject_id, id)`.execute(db);

  await sql`
    create table duty_review_event (
      id bigserial primary key,
      duty_review_id integer not null references duty_review(id) on delete cascade,
      subject_id integer references duty_review_subject(id) on delete cascade,
      at timestamptz not null,
      kind text not null,
      from_status text,
      to_status text,
      actor_id integer references app_user(id) on delete set null,
      actor_name text,
      note text
    )`.execute(db);
  await sql`create index duty_review_event_review_idx on duty_review_event (duty_review_id, id)`.execute(db);

  await sql`create trigger duty_review_subject_findings_dirty after insert or update or delete on duty_review_subject
    for each row execute function dj_dirty_by_org_id()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger duty_review_subject_findings_dirty on duty_review_subject`.execute(db);
  await sql`drop table duty_review_event`.execute(db);
  await sql`drop table duty_review_comment`.execute(db);
  await sql`drop table duty_review_question`.execute(db);
  await sql`drop table duty_review_subject`.execute(db);
  await sql`drop table duty_review`.execute(db);
}
