import { type Kysely, sql } from 'kysely';

/**
 * Terms and rotation of 中层干部 (issue 18 item 3):
 * - `cadre_post.county_level`: the school marks a post as 县处级 (its holder is then in the 县处级 training class,
 *   550 学时 in 5 years, besides the 中层干部 class's 90 a year);
 * - `cadre_rotation` (append-only): a 交流 or 轮岗 — the post left, the post taken, the day, the kind and 文号;
 *   written in one transaction with the end of the old post and the start of the new one.
 * A write to a post or a rotation marks the 党委 (the root orgs: the term and rotation findings are filed there)
 * and the cadre's own org (the training classes read the roster) dirty, source `cadre`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cadre_post add column county_level boolean not null default false`.execute(db);
  await sql`
    create table cadre_rotation (
      id serial primary key,
      cadre_id integer not null references cadre(id),
      kind text not null check (kind in ('exchange', 'rotation')),
      on_date date not null,
      document_no text,
      from_post_id integer not null unique references cadre_post(id),
      to_post_id integer not null unique references cadre_post(id),
      note text,
      actor_id integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      check (from_post_id <> to_post_id)
    )`.execute(db);
  await sql`create index cadre_rotation_cadre_idx on cadre_rotation (cadre_id, on_date)`.execute(db);
  await sql`
    create function dj_dirty_cadre() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty('cadre', o.id) from org o where o.parent_id is null;
      perform dj_mark_dirty('cadre', p.org_id) from cadre c join person p on p.id = c.person_id
        where p.org_id is not null
          and c.id in (select old.cadre_id where tg_op <> 'INSERT' union select new.cadre_id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
  await sql`create trigger cadre_post_findings_dirty after insert or update or delete on cadre_post
    for each row execute function dj_dirty_cadre()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger cadre_post_findings_dirty on cadre_post`.execute(db);
  await sql`drop function dj_dirty_cadre()`.execute(db);
  await sql`drop table cadre_rotation`.execute(db);
  await sql`alter table cadre_post drop column county_level`.execute(db);
}
