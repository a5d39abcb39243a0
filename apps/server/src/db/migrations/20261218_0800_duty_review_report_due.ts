import { type Kysely, sql } from 'kysely';

/**
 * The day a 述职评议's 述职报告 are due (issue 17: the secretary is reminded before it and a finding is raised after):
 * - `duty_review.report_due_on`, between the campaign's first and last day; existing campaigns get the default of
 *   core `defaultReportDueOn` (the 30th day, not after the last);
 * - a change of a campaign's status, deadline or title marks its secretaries' orgs dirty as source
 *   `duty_review_subject`: the report findings read the status (reports are taken only while launched or
 *   reporting) and the date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table duty_review add column report_due_on date`.execute(db);
  await sql`update duty_review set report_due_on = least(starts_on + 29, ends_on)`.execute(db);
  await sql`alter table duty_review alter column report_due_on set not null`.execute(db);
  await sql`alter table duty_review add constraint duty_review_report_due_check
    check (report_due_on >= starts_on and report_due_on <= ends_on)`.execute(db);
  await sql`
    create function dj_dirty_duty_review() returns trigger language plpgsql as $$
    declare r record;
    begin
      for r in select distinct s.org_id from duty_review_subject s where s.duty_review_id = new.id loop
        perform dj_mark_dirty('duty_review_subject', r.org_id);
      end loop;
      return null;
    end $$`.execute(db);
  await sql`create trigger duty_review_findings_dirty
    after update of status, report_due_on, title on duty_review
    for each row execute function dj_dirty_duty_review()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger duty_review_findings_dirty on duty_review`.execute(db);
  await sql`drop function dj_dirty_duty_review()`.execute(db);
  await sql`alter table duty_review drop column report_due_on`.execute(db);
}
