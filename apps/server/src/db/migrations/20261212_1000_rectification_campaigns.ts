import { type Kysely, sql } from 'kysely';

/**
 * Rectification campaigns (问题清单, issue 15 item 4):
 * - `rectification_campaign`: a round the 组织部 issues on behalf of the 党委 (the issuer), its kind, year, the day
 *   it was issued, the days the problem list and the summary report are due, the requirements, and a version;
 * - `rectification_campaign_org`: one row per org that must submit — the list (when and by whom, the statement
 *   经自查未发现问题 for an empty one, a note, the last return and its reason) and the summary report (its text, kept
 *   as the draft when it is returned; the figures counted from the items when it was submitted; the last return),
 *   with a version;
 * - `rectification_campaign_event`: each org's history of submissions and returns, in the same transaction as the
 *   change; append-only for the app role (db/roles.ts);
 * - `rectification.campaign_id`: the campaign whose problem list holds an item; (campaign_id, org_id) must be a
 *   participating org, so an item is only ever on its own org's list.
 * A write to a participating org's row marks that org dirty as source `rectification_campaign`, a change of a
 * campaign's dates every org of it, for the findings of the campaign provider.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rectification_campaign (
      id serial primary key,
      issuer_org_id integer not null references org(id),
      name text not null,
      year integer not null,
      kind text not null check (kind in ('all_pass_check', 'self_check')),
      issued_on date not null,
      list_due_on date not null,
      summary_due_on date not null,
      description text,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check (summary_due_on > list_due_on)
    )`.execute(db);
  await sql`create index rectification_campaign_year_idx on rectification_campaign (year, id)`.execute(db);

  await sql`
    create table rectification_campaign_org (
      campaign_id integer not null references rectification_campaign(id) on delete cascade,
      org_id integer not null references org(id),
      list_submitted_at timestamptz,
      list_submitted_by integer references app_user(id) on delete set null,
      list_submitted_by_name text,
      no_problems boolean not null default false,
      list_note text,
      list_returned_at timestamptz,
      list_returned_by_name text,
      list_return_reason text,
      summary text,
      summary_submitted_at timestamptz,
      summary_submitted_by integer references app_user(id) on delete set null,
      summary_submitted_by_name text,
      summary_items integer,
      summary_closed integer,
      summary_open integer,
      summary_overdue integer,
      summary_returned_at timestamptz,
      summary_returned_by_name text,
      summary_return_reason text,
      updated_at timestamptz not null,
      version integer not null default 0,
      primary key (campaign_id, org_id),
      check (summary_submitted_at is null or list_submitted_at is not null),
      check (summary_submitted_at is null or summary is not null),
      check ((summary_submitted_at is null) = (summary_items is null))
    )`.execute(db);
  await sql`create index rectification_campaign_org_org_idx on rectification_campaign_org (org_id)`.execute(
    db,
  );

  await sql`
    create table rectification_campaign_event (
      id bigserial primary key,
      campaign_id integer not null references rectification_campaign(id) on delete cascade,
      org_id integer not null references org(id),
      at timestamptz not null,
      kind text not null,
      actor_id integer references app_user(id) on delete set null,
      actor_name text,
      note text
    )`.execute(db);
  await sql`create index rectification_campaign_event_idx on rectification_campaign_event (campaign_id, org_id, id)`.execute(
    db,
  );

  await sql`alter table rectification add column campaign_id integer`.execute(db);
  await sql`alter table rectification add constraint rectification_campaign_org_fk
    foreign key (campaign_id, org_id) references rectification_campaign_org (campaign_id, org_id)`.execute(
    db,
  );
  await sql`create index rectification_campaign_idx on rectification (campaign_id, org_id)
    where campaign_id is not null`.execute(db);

  await sql`
    create function dj_dirty_campaign_org() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform dj_mark_dirty('rectification_campaign', old.org_id); end if;
      if tg_op <> 'DELETE' then perform dj_mark_dirty('rectification_campaign', new.org_id); end if;
      return null;
    end $$`.execute(db);
  // A campaign's dates move every participating org's findings.
  await sql`
    create function dj_dirty_campaign() returns trigger language plpgsql as $$
    begin
      if old.list_due_on = new.list_due_on and old.summary_due_on = new.summary_due_on
        and old.name = new.name then
        return null;
      end if;
      perform dj_mark_dirty('rectification_campaign', c.org_id) from rectification_campaign_org c
        where c.campaign_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger rectification_campaign_org_findings_dirty after insert or update or delete
    on rectification_campaign_org for each row execute function dj_dirty_campaign_org()`.execute(db);
  await sql`create trigger rectification_campaign_findings_dirty after update on rectification_campaign
    for each row execute function dj_dirty_campaign()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger rectification_campaign_findings_dirty on rectification_campaign`.execute(db);
  await sql`drop trigger rectification_campaign_org_findings_dirty on rectification_campaign_org`.execute(db);
  await sql`drop function dj_dirty_campaign()`.execute(db);
  await sql`drop function dj_dirty_campaign_org()`.execute(db);
  await sql`drop index rectification_campaign_idx`.execute(db);
  await sql`alter table rectification drop constraint rectification_campaign_org_fk`.execute(db);
  await sql`alter table rectification drop column campaign_id`.execute(db);
  await sql`drop table rectification_campaign_event`.execute(db);
  await sql`drop table rectification_campaign_org`.execute(db);
  await sql`drop table rectification_campaign`.execute(db);
}
