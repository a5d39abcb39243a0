import { type Kysely, sql } from 'kysely';

const before = `('general_meeting','committee_meeting','group_meeting','lecture','theme_day','review_meeting',
  'leadership_review_meeting','member_appraisal','talk','study_group_session','work_meeting')`;
const after = `('general_meeting','committee_meeting','group_meeting','lecture','theme_day','review_meeting',
  'leadership_review_meeting','member_appraisal','talk','study_group_session','work_meeting','joint_meeting')`;

/**
 * The 党政联席会 (二级学院党政联席会议) as a record kind of its own, `joint_meeting`: a 党总支 with its 学院's
 * administration. Its decisions can be supervised and its agenda carries the 第一议题.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity drop constraint activity_kind_check`.execute(db);
  await sql`alter table activity add constraint activity_kind_check check (kind in ${sql.raw(after)})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity drop constraint activity_kind_check`.execute(db);
  await sql`alter table activity add constraint activity_kind_check check (kind in ${sql.raw(before)})`.execute(
    db,
  );
}
