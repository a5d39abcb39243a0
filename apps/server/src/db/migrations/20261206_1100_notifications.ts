import { type Kysely, sql } from 'kysely';

/**
 * Notifications (issue 13): the message centre (`notification`, one row per user and event: the unique
 * dedupe key makes a repeated event a no-op), each user's choices (`notification_preference`), the group
 * robots of an org's 企业微信/钉钉 group (`org_robot`), and every message to an outside channel
 * (`notification_delivery`: pending → sent, or held for the morning digest, or failed after its retries).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('notification_once', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['user_id', 'id'])
    .execute();

  await db.schema
    .createTable('notification_preference')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('email_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('muted_kinds', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('quiet_start', 'text', (c) => c.notNull().defaultTo('22:00'))
    .addColumn('quiet_end', 'text', (c) => c.notNull().defaultTo('07:30'))
    .addColumn('digest_after', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('org_robot')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('wecom', 'dingtalk')`))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('org_robot_once', ['org_id', 'kind', 'url'])
    .execute();

  await db.schema
    .createTable('notification_delivery')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'wecom', 'dingtalk')`))
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('cascade'))
    .addColumn('robot_id', 'integer', (c) => c.references('org_robot.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`state in ('pending', 'sent', 'digest', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('notification_delivery_user_idx')
    .on('notification_delivery')
    .columns(['user_id', 'channel', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['notification_delivery', 'org_robot', 'notification_preference', 'notification'])
    await db.schema.dropTable(t).execute();
}
