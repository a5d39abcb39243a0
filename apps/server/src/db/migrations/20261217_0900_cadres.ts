import { type Kysely, sql } from 'kysely';

/**
 * 中层干部 roster (issue 18 item 1):
 * - `cadre`: one per person record (a party member or not), with a note and a version;
 * - `cadre_post`: every post, current (`end_on` null) and past: the unit (from `unit`), the post title, 正职/副职,
 *   党务/行政/双肩挑, 任职文号, the start (the 党委's decision date), 试用期 end, term end, and when and why it
 *   ended. Two current posts of one cadre are 交叉任职.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cadre (
      id serial primary key,
      person_id integer not null unique references person(id),
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0
    )`.execute(db);
  await sql`
    create table cadre_post (
      id serial primary key,
      cadre_id integer not null references cadre(id) on delete cascade,
      unit_id integer not null references unit(id),
      title text not null,
      level text not null check (level in ('principal', 'deputy')),
      track text not null check (track in ('party', 'admin', 'both')),
      document_no text,
      start_on date not null,
      probation_end_on date,
      term_end_on date,
      end_on date,
      end_reason text,
      check (probation_end_on is null or probation_end_on > start_on),
      check (term_end_on is null or term_end_on > start_on),
      check (end_on is null or end_on >= start_on),
      check ((end_on is null) = (end_reason is null))
    )`.execute(db);
  await sql`create index cadre_post_cadre_idx on cadre_post (cadre_id, start_on)`.execute(db);
  await sql`create index cadre_post_unit_idx on cadre_post (unit_id) where end_on is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table cadre_post`.execute(db);
  await sql`drop table cadre`.execute(db);
}
