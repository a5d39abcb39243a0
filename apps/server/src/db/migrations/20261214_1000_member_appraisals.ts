import { type Kysely, sql } from 'kysely';

/**
 * 民主评议党员 (member appraisal, issue 17 item 2):
 * - `member_appraisal`: one branch's appraisal of one year (unique), its status of core's state machine, whether
 *   党员互评 is part of it, the 民主测评 ballot (ballots module), the 党员大会 record that decided, a version;
 * - `member_appraisal_member`: the roll fixed at 启动 (the branch's full and probationary members that day, names
 *   kept as they were), each one's 个人自评, the 支委会's proposed and the 党员大会's decided grade with its reason;
 * - `member_appraisal_peer_comment`: 党员互评, one short comment per author and member, seen by the 支委会 only;
 * - `member_appraisal_event`: the timeline, append-only for the app role (db/roles.ts);
 * - `member_appraisal_plan`: 限期改正 of a member graded 不合格 (measures, contact person, deadline ≤ 1 year, outcome),
 *   with `member_appraisal_plan_note` (progress notes, append-only).
 * Writes mark their org dirty as sources `member_appraisal` and `member_appraisal_plan` (dj_dirty_by_org_id), for
 * the findings of this module and the compliance of the branch's 民主评议党员 record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table member_appraisal (
      id serial primary key,
      org_id integer not null references org(id),
      year integer not null check (year between 2000 and 2100),
      status text not null default 'self_assessment'
        check (status in ('self_assessment', 'peer_review', 'voting', 'proposal', 'decision', 'completed')),
      peer_review boolean not null default false,
      started_on date not null,
      completed_on date,
      ballot_id integer references ballot(id) on delete set null,
      meeting_activity_id integer references activity(id) on delete set null,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      unique (org_id, year),
      check ((status = 'completed') = (completed_on is not null))
    )`.execute(db);

  await sql`
    create table member_appraisal_member (
      appraisal_id integer not null references member_appraisal(id) on delete cascade,
      person_id integer not null references person(id),
      name text not null,
      probationary boolean not null,
      self_assessment text,
      self_assessed_at timestamptz,
      proposed_grade text check (proposed_grade in ('excellent', 'qualified', 'basically_qualified', 'unqualified')),
      proposed_reason text,
      decided_grade text check (decided_grade in ('excellent', 'qualified', 'basically_qualified', 'unqualified')),
      decided_reason text,
      primary key (appraisal_id, person_id),
      check (not probationary or (proposed_grade is null and decided_grade is null))
    )`.execute(db);
  await sql`create index member_appraisal_member_person_idx on member_appraisal_member (person_id)`.execute(
    db,
  );

  await sql`
    create table member_appraisal_peer_comment (
      id serial primary key,
      appraisal_id integer not null references member_appraisal(id) on delete cascade,
      author_person_id integer not null references person(id),
      about_person_id integer not null references person(id),
      comment text not null,
      at timestamptz not null,
      unique (appraisal_id, author_person_id, about_person_id),
      check (author_person_id <> about_person_id)
    )`.execute(db);

  await sql`
    create table member_appraisal_event (
      id bigserial primary key,
      appraisal_id integer not null references member_appraisal(id) on delete cascade,
      at timestamptz not null,
      kind text not null,
      from_status text,
      to_status text,
      actor_id integer references app_user(id) on delete set null,
      actor_name text,
      note text
    )`.execute(db);
  await sql`create index member_appraisal_event_idx on member_appraisal_event (appraisal_id, id)`.execute(db);

  await sql`
    create table member_appraisal_plan (
      id serial primary key,
      appraisal_id integer not null references member_appraisal(id) on delete cascade,
      org_id integer not null references org(id),
      person_id integer not null references person(id),
      reason text not null,
      opened_on date not null,
      deadline date not null,
      measures text not null,
      contact_person_id integer not null references person(id),
      status text not null default 'open' check (status in ('open', 'corrected', 'unchanged')),
      outcome_note text,
      proposal text check (proposal in ('persuade_withdraw', 'remove')),
      closed_on date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      unique (appraisal_id, person_id),
      check (deadline > opened_on and deadline <= opened_on + interval '1 year'),
      check ((status = 'open') = (closed_on is null)),
      check ((status = 'unchanged') = (proposal is not null))
    )`.execute(db);
  await sql`create index member_appraisal_plan_org_idx on member_appraisal_plan (org_id, status)`.execute(db);
  await sql`create index member_appraisal_plan_person_idx on member_appraisal_plan (person_id)`.execute(db);

  await sql`
    create table member_appraisal_plan_note (
      id bigserial primary key,
      plan_id integer not null references member_appraisal_plan(id) on delete cascade,
      on_date date not null,
      note text not null,
      at timestamptz not null,
      actor_id integer references app_user(id) on delete set null,
      actor_name text
    )`.execute(db);
  await sql`create index member_appraisal_plan_note_idx on member_appraisal_plan_note (plan_id, id)`.execute(
    db,
  );

  await sql`create trigger member_appraisal_findings_dirty after insert or update or delete on member_appraisal
    for each row execute function dj_dirty_by_org_id()`.execute(db);
  await sql`create trigger member_appraisal_plan_findings_dirty after insert or update or delete
    on member_appraisal_plan for each row execute function dj_dirty_by_org_id()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger member_appraisal_plan_findings_dirty on member_appraisal_plan`.execute(db);
  await sql`drop trigger member_appraisal_findings_dirty on member_appraisal`.execute(db);
  await sql`drop table member_appraisal_plan_note`.execute(db);
  await sql`drop table member_appraisal_plan`.execute(db);
  await sql`drop table member_appraisal_event`.execute(db);
  await sql`drop table member_appraisal_peer_comment`.execute(db);
  await sql`drop table member_appraisal_member`.execute(db);
  await sql`drop table member_appraisal`.execute(db);
}
