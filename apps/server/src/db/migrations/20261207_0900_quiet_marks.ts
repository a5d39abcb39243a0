import { type Kysely, sql } from 'kysely';

/**
 * Marks only for changes the rules can see. A member's phone, education or class, and the timeline entries
 * that record such edits, move no finding; until now every such edit re-evaluated the member's branch and
 * its ancestors, which on a busy day was most of the findings engine's work. The columns and event kinds
 * listed here are the ones no findings provider reads (test/findings-incremental.test.ts changes each of them
 * and checks that no mark is left and a full evaluation still equals the stored findings).
 */
const unreadPersonColumns = [
  'phone',
  'ethnicity',
  'education',
  'position',
  'title',
  'major_id',
  'grade',
  'class_name',
  'is_mobile',
  'is_abroad',
  'is_in_hardship',
  'dual_leader_kind',
  'dual_leader_note',
  'leave_note',
  'version',
  'updated_at',
];
/** Timeline kinds a provider reads (the day a member moved in starts their attendance record). */
const readEventKinds = ['transferred', 'transferred_in'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const unread = sql.raw(`array[${unreadPersonColumns.map((c) => `'${c}'`).join(', ')}]`);
  await sql`
    create or replace function dj_dirty_person() returns trigger language plpgsql as $$
    declare r record;
    begin
      if tg_op = 'UPDATE' and (to_jsonb(old) - ${unread}::text[]) = (to_jsonb(new) - ${unread}::text[]) then
        return null;
      end if;
      for r in select x.id, x.org_id from (
        select old.id, old.org_id where tg_op <> 'INSERT'
        union all select new.id, new.org_id where tg_op <> 'DELETE') x
      loop
        if r.org_id is not null then perform dj_mark_dirty('person', r.org_id); end if;
        perform dj_mark_dirty('person', a.org_id) from (select distinct org_id from appointment where person_id = r.id) a;
      end loop;
      return null;
    end $$`.execute(db);
  const kinds = sql.raw(`array[${readEventKinds.map((k) => `'${k}'`).join(', ')}]`);
  // person_event only: the same function served no other table.
  await sql`
    create or replace function dj_dirty_by_person() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'person_event'
        and (tg_op = 'INSERT' or old.kind::text <> all(${kinds}::text[]))
        and (tg_op = 'DELETE' or new.kind::text <> all(${kinds}::text[])) then
        return null;
      end if;
      perform dj_mark_dirty('person', p.org_id) from person p
        where p.org_id is not null
          and p.id in (select old.person_id where tg_op <> 'INSERT' union select new.person_id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function dj_dirty_person() returns trigger language plpgsql as $$
    declare r record;
    begin
      for r in select x.id, x.org_id from (
        select old.id, old.org_id where tg_op <> 'INSERT'
        union all select new.id, new.org_id where tg_op <> 'DELETE') x
      loop
        if r.org_id is not null then perform dj_mark_dirty('person', r.org_id); end if;
        perform dj_mark_dirty('person', a.org_id) from (select distinct org_id from appointment where person_id = r.id) a;
      end loop;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function dj_dirty_by_person() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty('person', p.org_id) from person p
        where p.org_id is not null
          and p.id in (select old.person_id where tg_op <> 'INSERT' union select new.person_id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
}
