import { type Kysely, sql } from 'kysely';

/**
 * A round may be corrected before it is final (issue 16: PATCH /api/assessments/{id} — its title, its 自评 and 审核
 * deadlines, its 公示 working days):
 * - `assessment_round.version` for optimistic concurrency, as the other edited records have;
 * - a change of the title or a deadline marks every org of the round and its 总支 dirty as source `org_assessment`:
 *   the deadline findings (and the morning reminders from them) name the round and read its dates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assessment_round add column version integer not null default 0`.execute(db);
  await sql`
    create function dj_dirty_assessment_round() returns trigger language plpgsql as $$
    declare r record;
    begin
      for r in select a.org_id, a.general_branch_id from org_assessment a where a.round_id = new.id loop
        perform dj_mark_dirty('org_assessment', r.org_id);
        if r.general_branch_id is not null then perform dj_mark_dirty('org_assessment', r.general_branch_id); end if;
      end loop;
      return null;
    end $$`.execute(db);
  await sql`create trigger assessment_round_findings_dirty
    after update of title, self_due_on, review_due_on on assessment_round
    for each row execute function dj_dirty_assessment_round()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger assessment_round_findings_dirty on assessment_round`.execute(db);
  await sql`drop function dj_dirty_assessment_round()`.execute(db);
  await sql`alter table assessment_round drop column version`.execute(db);
}
