import { type Kysely, sql } from 'kysely';

/**
 * 年轻干部储备 (后备干部, issue 18 item 5):
 * - `cadre_reserve`: a candidate — a person record reserved for a level (正科级/副科级 后备), the status of core's
 *   `applyReserveStep`, the day of the last step and of the last yearly review, the post when used (提任) or the
 *   reason when taken out, and a version. A person is in the pool once at a time (partial unique index);
 * - `cadre_reserve_plan_item`: the development plan's items (学习培训, 实践锻炼, 轮岗交流, 导师帮带) with due dates;
 * - `cadre_reserve_secondment` (挂职) and `cadre_reserve_rotation` (轮岗) records;
 * - `cadre_reserve_event`: the steps (提名, 入库, …), written in the step's transaction; append-only (db/roles.ts).
 * A write to a candidate or a plan item marks the 党委 (the root org, whose 组织部 keeps the pool) dirty as source
 * `cadre_reserve`, for the reserve findings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cadre_reserve (
      id serial primary key,
      person_id integer not null references person(id),
      level text not null check (level in ('principal', 'deputy')),
      status text not null default 'nominated'
        check (status in ('nominated', 'admitted', 'in_training', 'appointed', 'withdrawn')),
      nominated_on date not null,
      nomination_source text not null,
      since date not null,
      reviewed_on date,
      used_post text,
      end_reason text,
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check (since >= nominated_on),
      check ((status = 'appointed') = (used_post is not null)),
      check ((status = 'withdrawn') = (end_reason is not null))
    )`.execute(db);
  await sql`create unique index cadre_reserve_person_once on cadre_reserve (person_id)
    where status in ('nominated', 'admitted', 'in_training')`.execute(db);

  await sql`
    create table cadre_reserve_plan_item (
      id serial primary key,
      candidate_id integer not null references cadre_reserve(id) on delete cascade,
      kind text not null check (kind in ('study', 'practice', 'rotation', 'mentoring')),
      title text not null,
      due_on date not null,
      done_on date,
      mentor_name text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index cadre_reserve_plan_item_candidate_idx on cadre_reserve_plan_item (candidate_id)`.execute(
    db,
  );

  await sql`
    create table cadre_reserve_secondment (
      id serial primary key,
      candidate_id integer not null references cadre_reserve(id) on delete cascade,
      place text not null,
      post text not null,
      from_on date not null,
      to_on date not null,
      note text,
      created_at timestamptz not null default now(),
      check (to_on > from_on)
    )`.execute(db);
  await sql`create index cadre_reserve_secondment_candidate_idx on cadre_reserve_secondment (candidate_id)`.execute(
    db,
  );

  await sql`
    create table cadre_reserve_rotation (
      id serial primary key,
      candidate_id integer not null references cadre_reserve(id) on delete cascade,
      from_post text not null,
      to_unit text not null,
      to_post text not null,
      on_date date not null,
      note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index cadre_reserve_rotation_candidate_idx on cadre_reserve_rotation (candidate_id)`.execute(
    db,
  );

  await sql`
    create table cadre_reserve_event (
      id bigserial primary key,
      candidate_id integer not null references cadre_reserve(id) on delete cascade,
      at timestamptz not null,
      step text not null,
      on_date date not null,
      from_status text,
      to_status text not null,
      note text,
      actor_id integer references app_user(id) on delete set null,
      actor_name text
    )`.execute(db);
  await sql`create index cadre_reserve_event_candidate_idx on cadre_reserve_event (candidate_id, id)`.execute(
    db,
  );

  await sql`
    create function dj_dirty_cadre_reserve() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty('cadre_reserve', o.id) from org o where o.parent_id is null;
      return null;
    end $$`.execute(db);
  await sql`create trigger cadre_reserve_findings_dirty after insert or update or delete on cadre_reserve
    for each statement execute function dj_dirty_cadre_reserve()`.execute(db);
  await sql`create trigger cadre_reserve_plan_item_findings_dirty
    after insert or update or delete on cadre_reserve_plan_item
    for each statement execute function dj_dirty_cadre_reserve()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger cadre_reserve_plan_item_findings_dirty on cadre_reserve_plan_item`.execute(db);
  await sql`drop trigger cadre_reserve_findings_dirty on cadre_reserve`.execute(db);
  await sql`drop function dj_dirty_cadre_reserve()`.execute(db);
  await sql`drop table cadre_reserve_event`.execute(db);
  await sql`drop table cadre_reserve_rotation`.execute(db);
  await sql`drop table cadre_reserve_secondment`.execute(db);
  await sql`drop table cadre_reserve_plan_item`.execute(db);
  await sql`drop table cadre_reserve`.execute(db);
}
