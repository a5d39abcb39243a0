import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import * as init from './migrations/20261121_1500_init.ts';
import * as members from './migrations/20261121_1700_members.ts';
import * as transfers from './migrations/20261121_1710_transfers.ts';
import * as activities from './migrations/20261121_1800_activities.ts';
import * as recruitment from './migrations/20261121_1900_recruitment.ts';
import * as auth from './migrations/20261205_1000_auth.ts';
import * as auditMac from './migrations/20261205_1010_audit_mac.ts';
import * as goLive from './migrations/20261206_0100_go_live.ts';
import * as findings from './migrations/20261206_1000_findings.ts';
import * as notifications from './migrations/20261206_1100_notifications.ts';
import * as activityQuorum from './migrations/20261206_1200_activity_quorum.ts';
import * as quietMarks from './migrations/20261207_0900_quiet_marks.ts';
import * as activityOrder from './migrations/20261207_0910_activity_order.ts';
import * as talkPeople from './migrations/20261207_0920_talk_people.ts';
import * as rectification from './migrations/20261208_0900_rectification.ts';
import * as rectificationMarks from './migrations/20261208_1000_rectification_marks.ts';
import * as supervisedTasks from './migrations/20261209_0900_supervised_tasks.ts';
import * as jointMeeting from './migrations/20261210_0930_joint_meeting.ts';
import * as rectificationCampaigns from './migrations/20261212_1000_rectification_campaigns.ts';
import * as inspections from './migrations/20261212_1400_inspections.ts';
import * as assessments from './migrations/20261213_1000_assessments.ts';
import * as ballots from './migrations/20261214_0900_ballots.ts';
import * as memberAppraisals from './migrations/20261214_1000_member_appraisals.ts';
import * as dutyReviews from './migrations/20261214_1100_duty_reviews.ts';
import * as trainings from './migrations/20261215_1000_trainings.ts';
import * as recordGenerations from './migrations/20261216_1000_record_generations.ts';
import * as assessmentRoundEdits from './migrations/20261216_1100_assessment_round_edits.ts';
import * as cadres from './migrations/20261217_0900_cadres.ts';
import * as dutyReviewReportDue from './migrations/20261218_0800_duty_review_report_due.ts';
import * as cadreAppointments from './migrations/20261218_0900_cadre_appointments.ts';
import * as cadreRotations from './migrations/20261218_1000_cadre_rotations.ts';
import * as cadreReviews from './migrations/20261218_1100_cadre_reviews.ts';
import * as cadreReserve from './migrations/20261218_1200_cadre_reserve.ts';
import type { Database } from './schema.ts';

/** All migrations, in order. Never edit one after it is committed; add a new file. */
const migrations: Record<string, Migration> = {
  '20261121_1500_init': init,
  '20261121_1700_members': members,
  '20261121_1710_transfers': transfers,
  '20261121_1800_activities': activities,
  '20261121_1900_recruitment': recruitment,
  '20261205_1000_auth': auth,
  '20261205_1010_audit_mac': auditMac,
  '20261206_0100_go_live': goLive,
  '20261206_1000_findings': findings,
  '20261206_1100_notifications': notifications,
  '20261206_1200_activity_quorum': activityQuorum,
  '20261207_0900_quiet_marks': quietMarks,
  '20261207_0910_activity_order': activityOrder,
  '20261207_0920_talk_people': talkPeople,
  '20261208_0900_rectification': rectification,
  '20261208_1000_rectification_marks': rectificationMarks,
  '20261209_0900_supervised_tasks': supervisedTasks,
  '20261210_0930_joint_meeting': jointMeeting,
  '20261212_1000_rectification_campaigns': rectificationCampaigns,
  '20261212_1400_inspections': inspections,
  '20261213_1000_assessments': assessments,
  '20261214_0900_ballots': ballots,
  '20261214_1100_duty_reviews': dutyReviews,
  '20261214_1000_member_appraisals': memberAppraisals,
  '20261215_1000_trainings': trainings,
  '20261216_1000_record_generations': recordGenerations,
  '20261216_1100_assessment_round_edits': assessmentRoundEdits,
  '20261217_0900_cadres': cadres,
  '20261218_0800_duty_review_report_due': dutyReviewReportDue,
  '20261218_0900_cadre_appointments': cadreAppointments,
  '20261218_1000_cadre_rotations': cadreRotations,
  '20261218_1100_cadre_reviews': cadreReviews,
  '20261218_1200_cadre_reserve': cadreReserve,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'dj_migration',
    migrationLockTableName: 'dj_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Migrations not yet applied, read with the app's role (which may only SELECT the migration table): a
 * platform started without DATABASE_OWNER_URL can then say that the owner must migrate first.
 */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const table = await sql<{ t: string | null }>`select to_regclass('public.dj_migration')::text as t`.execute(
    db,
  );
  if (!table.rows[0]?.t) return Object.keys(migrations);
  const done = await sql<{ name: string }>`select name from dj_migration`.execute(db);
  const applied = new Set(done.rows.map((r) => r.name));
  return Object.keys(migrations).filter((name) => !applied.has(name));
}
