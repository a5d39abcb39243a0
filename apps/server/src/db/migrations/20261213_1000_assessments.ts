import { type Kysely, sql } from 'kysely';

/**
 * 考核 (assessments, issue 16):
 * - `indicator_system`: one year's version of an indicator system — core's `IndicatorSystemDefinition` as JSON, with
 *   its kind, level, year, name and mode beside it for lists — and how it was made (a built-in template, a copy of
 *   another version, a whole definition). A version a round uses is frozen (the service refuses, with core's
 *   `indicatorSystemEditProblems`, every change but its name and description);
 * - `assessment_round`: a system applied to the orgs of its level under `scope_org_id` for a period, read on a
 *   reference date, with the 公示's working days and the days the 自评 and the 总支's review are due;
 * - `org_assessment`: one org of a round — its status in core's procedure, the 总支 that reviews it, why it is not
 *   rated, the 党委's decision and the 公示, the judgements and overrides of every level, the facts and the score
 *   last computed from the records (what the scorecard showed), the result columns the board and the quotas read,
 *   the rectification items a 整改 result opened, and a version;
 * - `assessment_step`: each step of an org's procedure (who, when, from, to, why); append-only for the app role
 *   (db/roles.ts).
 * A change of an org's status marks the org and its 总支 dirty as source `org_assessment`, for the deadline findings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table indicator_system (
      id serial primary key,
      kind text not null check (kind in ('star_rating', 'standardisation', 'all_pass', 'annual_review')),
      level text not null check (level in ('branch', 'secondary')),
      year integer not null check (year between 2000 and 2100),
      name text not null,
      mode text not null check (mode in ('score', 'pass_fail')),
      definition jsonb not null,
      source text not null check (source in ('template', 'copy', 'definition')),
      template_key text,
      copied_from_id integer references indicator_system(id) on delete set null,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check ((source = 'template') = (template_key is not null))
    )`.execute(db);
  await sql`create index indicator_system_year_idx on indicator_system (year desc, id desc)`.execute(db);

  await sql`
    create table assessment_round (
      id serial primary key,
      system_id integer not null references indicator_system(id),
      title text not null,
      period_start date not null,
      period_end date not null,
      reference_date date not null,
      scope_org_id integer not null references org(id),
      notice_working_days integer not null check (notice_working_days between 5 and 15),
      self_due_on date,
      review_due_on date,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      check (period_end >= period_start),
      check (reference_date >= period_start),
      check (self_due_on is null or review_due_on is null or review_due_on >= self_due_on)
    )`.execute(db);
  await sql`create index assessment_round_system_idx on assessment_round (system_id)`.execute(db);

  await sql`
    create table org_assessment (
      id serial primary key,
      round_id integer not null references assessment_round(id) on delete cascade,
      org_id integer not null references org(id),
      general_branch_id integer references org(id),
      status text not null check (status in ('self_assessment', 'general_branch_review', 'department_review',
        'committee_decision', 'public_notice', 'final', 'not_rated')),
      not_rated_reason text,
      decided_on date,
      notice_start_on date,
      notice_end_on date,
      judgements jsonb not null default '[]',
      adjustments jsonb not null default '[]',
      facts jsonb,
      score jsonb,
      computed_at timestamptz,
      total double precision,
      stars integer,
      passed boolean,
      vetoed boolean not null default false,
      pending_count integer not null default 0,
      follow_up text check (follow_up in ('exemplary', 'improve', 'rectify')),
      finalised_on date,
      rectification_ids integer[] not null default '{}',
      updated_at timestamptz not null,
      version integer not null default 0,
      unique (round_id, org_id),
      check ((status = 'not_rated') = (not_rated_reason is not null)),
      check ((status = 'not_rated') = (score is null)),
      check ((status = 'final') = (finalised_on is not null)),
      check ((decided_on is null) = (notice_end_on is null))
    )`.execute(db);
  await sql`create index org_assessment_org_idx on org_assessment (org_id, status)`.execute(db);
  await sql`create index org_assessment_general_branch_idx on org_assessment (general_branch_id, status)
    where general_branch_id is not null`.execute(db);

  await sql`
    create table assessment_step (
      id bigserial primary key,
      org_assessment_id integer not null references org_assessment(id) on delete cascade,
      at timestamptz not null,
      transition text not null,
      from_status text not null,
      to_status text not null,
      actor_id integer references app_user(id) on delete set null,
      actor_name text not null,
      reason text
    )`.execute(db);
  await sql`create index assessment_step_org_idx on assessment_step (org_assessment_id, id)`.execute(db);

  // The 总支's review findings are filed on the 总支: a branch's step marks both.
  await sql`
    create function dj_dirty_org_assessment() returns trigger language plpgsql as $$
    declare r record;
    begin
      for r in select x.org_id, x.general_branch_id from (
        select old.org_id, old.general_branch_id where tg_op <> 'INSERT'
        union all select new.org_id, new.general_branch_id where tg_op <> 'DELETE') x
      loop
        perform dj_mark_dirty('org_assessment', r.org_id);
        if r.general_branch_id is not null then perform dj_mark_dirty('org_assessment', r.general_branch_id); end if;
      end loop;
      return null;
    end $$`.execute(db);
  // Only a step matters to the findings; recomputing a score (on each read while the records may change) does not.
  await sql`create trigger org_assessment_findings_dirty
    after insert or delete or update of status on org_assessment
    for each row execute function dj_dirty_org_assessment()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger org_assessment_findings_dirty on org_assessment`.execute(db);
  await sql`drop function dj_dirty_org_assessment()`.execute(db);
  await sql`drop table assessment_step`.execute(db);
  await sql`drop table org_assessment`.execute(db);
  await sql`drop table assessment_round`.execute(db);
  await sql`drop table indicator_system`.execute(db);
}
