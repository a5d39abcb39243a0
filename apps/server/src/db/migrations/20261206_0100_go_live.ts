import { type Kysely, sql } from 'kysely';

/**
 * The school's 启用日期 (go-live date: no finding for a period that ended before it) and the later starts
 * of single rules. An existing installation goes live on the day it was set up (its created_at in
 * Asia/Shanghai), so it loses only findings about periods before it existed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('institution')
    .addColumn('go_live_date', 'date')
    .addColumn('rule_starts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`update institution set go_live_date = (created_at at time zone 'Asia/Shanghai')::date`.execute(
    db,
  );
  await db.schema
    .alterTable('institution')
    .alterColumn('go_live_date', (c) => c.setNotNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('institution').dropColumn('rule_starts').dropColumn('go_live_date').execute();
}
