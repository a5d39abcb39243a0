import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { connect, dropDatabase, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { checkAppRole, grantAppRights, prepareDatabase, urlAs } from '../src/db/roles.ts';

describe('migrations', () => {
  it('bring an empty database to the latest schema as the owner role, and are idempotent', async () => {
    const adminUrl = inject('pgAdminUrl');
    const name = `dj_m_${randomBytes(5).toString('hex')}`;
    const app = new URL(inject('pgAppUrl'));
    const roles = {
      owner: { name: inject('pgOwnerRole'), password: new URL(inject('pgOwnerUrl')).password },
      app: { name: app.username, password: app.password },
    };
    await ensureDatabase(adminUrl, name, undefined, roles.owner.name);
    await prepareDatabase(withDatabase(adminUrl, name), roles);
    const db = connect(urlAs(withDatabase(adminUrl, name), roles.owner), 2);
    const appDb = connect(urlAs(withDatabase(adminUrl, name), roles.app), 2);
    try {
      expect(await migrateToLatest(db)).toEqual([
        '20261121_1500_init',
        '20261121_1700_members',
        '20261121_1710_transfers',
        '20261121_1800_activities',
        '20261121_1900_recruitment',
        '20261205_1000_auth',
        '20261205_1010_audit_mac',
        '20261206_0100_go_live',
        '20261206_1000_findings',
        '20261206_1100_notifications',
        '20261206_1200_activity_quorum',
        '20261207_0900_quiet_marks',
        '20261207_0910_activity_order',
        '20261207_0920_talk_people',
        '20261208_0900_rectification',
        '20261208_1000_rectification_marks',
        '20261209_0900_supervised_tasks',
        '20261210_0930_joint_meeting',
        '20261212_1000_rectification_campaigns',
        '20261212_1400_inspections',
        '20261213_1000_assessments',
        '20261214_0900_ballots',
        '20261214_1000_member_appraisals',
        '20261214_1100_duty_reviews',
        '20261215_1000_trainings',
        '20261216_1000_record_generations',
        '20261216_1100_assessment_round_edits',
        '20261217_0900_cadres',
        '20261218_0800_duty_review_report_due',
        '20261218_0900_cadre_appointments',
        '20261218_1000_cadre_rotations',
        '20261218_1100_cadre_reviews',
        '20261218_1200_cadre_reserve',
      ]);
      expect(await migrateToLatest(db)).toEqual([]);
      await grantAppRights(db, roles.app.name);
      expect(await checkAppRole(appDb)).toEqual([]);
      const tables = await db.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining([
          'org',
          'person',
          'term',
          'appointment',
          'app_user',
          'user_role',
          'session',
          'audit_log',
          'setting',
          'unit',
          'major',
          'institution',
          'finding',
          'finding_event',
          'finding_dirty',
          'finding_evaluation',
        ]),
      );
    } finally {
      await db.destroy();
      await appDb.destroy();
      await dropDatabase(adminUrl, name);
    }
  });
});
