import { type Kysely, sql } from 'kysely';

/**
 * 中层干部年度考核 (issue 18 item 4):
 * - `cadre_review`: one round a year (unique), organised by the 党委 (`org_id`: the ballots' org and the findings'),
 *   the cadres current on `review_on`, its procedure's status, the combination rule and the consequences rule (core
 *   `CadreReviewRule`, `CadreConsequenceRule`, jsonb), the voters' roll (groups chosen and the people, fixed at
 *   creation);
 * - `cadre_review_subject`: one cadre of the round — a snapshot of the name and posts on that day, the 述职 text (or
 *   nothing where their 述职评议 of the year is linked), the 测评 ballot holding their items (a round of many cadres
 *   spreads over several ballots: the ballots module takes at most 200 items each), the 党委's evaluation score, the
 *   computed and the set grade with the reason of an override; `org_id` (the round's) so the findings' dirty marks
 *   name it;
 * - `cadre_review_consequence`: 黄牌 / 红牌 / 调整职务 recorded for a published grade — the cadre's history,
 *   append-only for the app role (db/roles.ts).
 * The ballots' purposes gain `cadre_review`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ballot drop constraint ballot_purpose_check`.execute(db);
  await sql`alter table ballot add constraint ballot_purpose_check
    check (purpose in ('duty_review', 'member_appraisal', 'cadre_review'))`.execute(db);

  await sql`
    create table cadre_review (
      id serial primary key,
      year integer not null unique check (year between 2000 and 2100),
      title text not null,
      org_id integer not null references org(id),
      review_on date not null,
      status text not null default 'preparing'
        check (status in ('preparing', 'reporting', 'voting', 'grading', 'published')),
      rule jsonb not null,
      consequence_rule jsonb not null,
      voter_leaders boolean not null,
      voter_cadres boolean not null,
      representative_ids integer[] not null default '{}',
      voter_person_ids integer[] not null,
      closes_at timestamptz,
      published_at timestamptz,
      created_by integer references app_user(id),
      created_by_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0
    )`.execute(db);

  await sql`
    create table cadre_review_subject (
      id serial primary key,
      cadre_review_id integer not null references cadre_review(id) on delete cascade,
      cadre_id integer not null references cadre(id),
      person_id integer not null references person(id),
      org_id integer not null references org(id),
      name text not null,
      posts text not null,
      report text,
      report_at timestamptz,
      ballot_id integer references ballot(id),
      evaluation_score integer check (evaluation_score between 0 and 100),
      computed_grade text check (computed_grade in ('excellent', 'competent', 'basically_competent', 'incompetent')),
      computed_score numeric(5, 2),
      grade text check (grade in ('excellent', 'competent', 'basically_competent', 'incompetent')),
      override_reason text,
      updated_at timestamptz not null,
      version integer not null default 0,
      unique (cadre_review_id, cadre_id)
    )`.execute(db);
  await sql`create index cadre_review_subject_cadre_idx on cadre_review_subject (cadre_id)`.execute(db);

  await sql`
    create table cadre_review_consequence (
      id serial primary key,
      subject_id integer not null references cadre_review_subject(id) on delete cascade,
      cadre_id integer not null references cadre(id),
      kind text not null check (kind in ('yellow_card', 'red_card', 'post_adjustment')),
      decided_on date not null,
      note text not null,
      recorded_by integer references app_user(id),
      recorded_by_name text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index cadre_review_consequence_cadre_idx on cadre_review_consequence (cadre_id, id)`.execute(
    db,
  );
  await sql`create index cadre_review_consequence_subject_idx on cadre_review_consequence (subject_id)`.execute(
    db,
  );

  await sql`create trigger cadre_review_subject_findings_dirty after insert or update or delete on cadre_review_subject
    for each row execute function dj_dirty_by_org_id()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger cadre_review_subject_findings_dirty on cadre_review_subject`.execute(db);
  await sql`drop table cadre_review_consequence`.execute(db);
  await sql`drop table cadre_review_subject`.execute(db);
  await sql`drop table cadre_review`.execute(db);
  await sql`alter table ballot drop constraint ballot_purpose_check`.execute(db);
  await sql`alter table ballot add constraint ballot_purpose_check
    check (purpose in ('duty_review', 'member_appraisal'))`.execute(db);
}
