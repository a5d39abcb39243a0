import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { connect, dropDatabase, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

describe('migrations', () => {
  it('bring an empty database to the latest schema, and are idempotent', async () => {
    const adminUrl = inject('pgAdminUrl');
    const name = `dj_m_${randomBytes(5).toString('hex')}`;
    await ensureDatabase(adminUrl, name);
    const db = connect(withDatabase(adminUrl, name), 2);
    try {
      expect(await migrateToLatest(db)).toEqual([
        '20261121_1500_init',
        '20261121_1700_members',
        '20261121_1710_transfers',
        '20261121_1800_activities',
        '20261121_1900_recruitment',
        '20261205_1000_auth',
      ]);
      expect(await migrateToLatest(db)).toEqual([]);
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
        ]),
      );
    } finally {
      await db.destroy();
      await dropDatabase(adminUrl, name);
    }
  });
});
