import { type Kysely, sql } from 'kysely';

/**
 * Rectification items in the findings engine and in a finding's history (issue 15, item 7):
 * - a write to an item (or to its milestones) marks the item's org dirty as source `rectification`, so the
 *   incremental evaluation re-runs the rectification provider there (its ancestors, the verifier among them, are
 *   widened to by `affectedOrgs`). An edit of what no rule reads — measures, result, 责任人, 协办, the clause, the
 *   source's words, an extension asked for, the version bumped by evidence and progress notes — leaves no mark;
 * - `finding_event.rectification_id`: the item a 'rectification_opened' / 'rectification_closed' entry names.
 */
const unreadColumns = [
  'finding_id',
  'activity_id',
  'source_ref',
  'source_label',
  'clause',
  'responsible_person_id',
  'assisting_org_ids',
  'measures',
  'result',
  'extension_until',
  'extension_reason',
  'reopen_count',
  'closed_at',
  'created_by',
  'updated_at',
  'version',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const unread = sql.raw(`array[${unreadColumns.map((c) => `'${c}'`).join(', ')}]`);
  await sql`
    create function dj_dirty_rectification() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.org_id = new.org_id
        and (to_jsonb(old) - ${unread}::text[]) = (to_jsonb(new) - ${unread}::text[]) then
        return null;
      end if;
      if tg_op <> 'INSERT' then perform dj_mark_dirty('rectification', old.org_id); end if;
      if tg_op <> 'DELETE' then perform dj_mark_dirty('rectification', new.org_id); end if;
      return null;
    end $$`.execute(db);
  // A milestone moves its item's next due date: the item's org.
  await sql`
    create function dj_dirty_by_rectification() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty('rectification', r.org_id) from rectification r
        where r.id in (select old.rectification_id where tg_op <> 'INSERT'
          union select new.rectification_id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
  await sql`create trigger rectification_findings_dirty after insert or update or delete on rectification
    for each row execute function dj_dirty_rectification()`.execute(db);
  await sql`create trigger rectification_milestone_findings_dirty after insert or update or delete
    on rectification_milestone for each row execute function dj_dirty_by_rectification()`.execute(db);

  await sql`alter table finding_event add column rectification_id integer references rectification(id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table finding_event drop column rectification_id`.execute(db);
  await sql`drop trigger rectification_milestone_findings_dirty on rectification_milestone`.execute(db);
  await sql`drop trigger rectification_findings_dirty on rectification`.execute(db);
  await sql`drop function dj_dirty_by_rectification()`.execute(db);
  await sql`drop function dj_dirty_rectification()`.execute(db);
}
