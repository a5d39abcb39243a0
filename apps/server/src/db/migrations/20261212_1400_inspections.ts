import { type Kysely, sql } from 'kysely';

/**
 * 巡察 (inspections, issue 15 item 5):
 * - `inspection`: a round (name, kind, dates, focus), the months within which the 整改报告 is due after the feedback
 *   and after which the 回头看 falls, and a version;
 * - `inspection_team_member`: the 巡察组 in order — role, the name as typed, where they work, and the person in
 *   the platform when linked;
 * - `inspection_unit`: one row per unit inspected — its status in core's machine, the feedback's day and words,
 *   the 整改报告 last submitted (text, day, by whom, the figures counted from its items then), the reason of the
 *   last return, the 回头看 (day, words, by whom), and a version;
 * - `inspection_verdict`: what the 回头看 found of each closed item of a unit (confirmed, or 反弹 with how and the
 *   new deadline it was reopened with);
 * - `inspection_event`: the round's timeline (created, edited, each unit's steps), written in the same transaction
 *   as the change; append-only for the app role (db/roles.ts);
 * - `rectification.inspection_id`: the round whose feedback opened an item (the unit is the item's org).
 * A write to a unit marks its org dirty as source `inspection_unit`, and a change of a round (its name, its months)
 * every unit of it, for the findings of the inspection provider.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection (
      id serial primary key,
      name text not null,
      kind text not null check (kind in ('regular', 'special', 'mobile')),
      starts_on date not null,
      ends_on date not null,
      focus text,
      report_months integer not null check (report_months between 1 and 2),
      lookback_months integer not null check (lookback_months between 3 and 24),
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index inspection_starts_idx on inspection (starts_on, id)`.execute(db);

  await sql`
    create table inspection_team_member (
      id serial primary key,
      inspection_id integer not null references inspection(id) on delete cascade,
      position integer not null,
      role text not null check (role in ('leader', 'deputy', 'member')),
      name text not null,
      title text,
      person_id integer references person(id) on delete set null,
      unique (inspection_id, position)
    )`.execute(db);

  await sql`
    create table inspection_unit (
      id serial primary key,
      inspection_id integer not null references inspection(id) on delete cascade,
      org_id integer not null references org(id),
      status text not null default 'awaiting_feedback'
        check (status in ('awaiting_feedback', 'rectifying', 'reported', 'looked_back')),
      feedback_on date,
      summary text,
      report_text text,
      report_submitted_on date,
      report_by_name text,
      report_figures jsonb,
      returned_reason text,
      lookback_on date,
      lookback_note text,
      lookback_by_name text,
      updated_at timestamptz not null,
      version integer not null default 0,
      unique (inspection_id, org_id),
      check ((status = 'awaiting_feedback') = (feedback_on is null)),
      check ((report_submitted_on is null) = (report_text is null)),
      check ((report_submitted_on is null) = (report_figures is null)),
      check ((status = 'looked_back') = (lookback_on is not null))
    )`.execute(db);
  await sql`create index inspection_unit_org_idx on inspection_unit (org_id, status)`.execute(db);

  await sql`
    create table inspection_verdict (
      inspection_unit_id integer not null references inspection_unit(id) on delete cascade,
      rectification_id integer not null references rectification(id) on delete cascade,
      outcome text not null check (outcome in ('confirmed', 'rebound')),
      reason text,
      until date,
      primary key (inspection_unit_id, rectification_id),
      check ((outcome = 'rebound') = (reason is not null and until is not null))
    )`.execute(db);

  await sql`
    create table inspection_event (
      id bigserial primary key,
      inspection_id integer not null references inspection(id) on delete cascade,
      org_id integer references org(id),
      at timestamptz not null,
      kind text not null,
      actor_id integer references app_user(id) on delete set null,
      actor_name text,
      note text
    )`.execute(db);
  await sql`create index inspection_event_round_idx on inspection_event (inspection_id, id)`.execute(db);

  await sql`alter table rectification add column inspection_id integer references inspection(id)`.execute(db);
  await sql`create index rectification_inspection_idx on rectification (inspection_id, org_id)
    where inspection_id is not null`.execute(db);

  await sql`create trigger inspection_unit_findings_dirty after insert or update or delete on inspection_unit
    for each row execute function dj_dirty_by_org_id()`.execute(db);
  // A round's name and months are part of its units' findings.
  await sql`
    create function dj_dirty_inspection() returns trigger language plpgsql as $$
    declare r record;
    begin
      for r in select u.org_id from inspection_unit u where u.inspection_id = new.id loop
        perform dj_mark_dirty('inspection_unit', r.org_id);
      end loop;
      return null;
    end $$`.execute(db);
  await sql`create trigger inspection_findings_dirty after update on inspection
    for each row execute function dj_dirty_inspection()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger inspection_findings_dirty on inspection`.execute(db);
  await sql`drop function dj_dirty_inspection()`.execute(db);
  await sql`drop trigger inspection_unit_findings_dirty on inspection_unit`.execute(db);
  await sql`alter table rectification drop column inspection_id`.execute(db);
  await sql`drop table inspection_event`.execute(db);
  await sql`drop table inspection_verdict`.execute(db);
  await sql`drop table inspection_unit`.execute(db);
  await sql`drop table inspection_team_member`.execute(db);
  await sql`drop table inspection`.execute(db);
}
