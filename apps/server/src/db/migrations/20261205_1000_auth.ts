import { type Kysely, sql } from 'kysely';

/**
 * Password history: every password a user had is kept (as its argon2 hash) when it is replaced, by a trigger,
 * so no path that sets a password (own change, administrator's reset, set-up) can forget it. The service checks
 * the newest few (core's `passwordHistoryCount`) and prunes the older ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('password_history_user_idx')
    .on('password_history')
    .columns(['user_id', 'id'])
    .execute();
  await sql`
    create function app_user_keep_password() returns trigger language plpgsql as $$
    begin
      insert into password_history (user_id, password_hash) values (old.id, old.password_hash);
      return new;
    end $$`.execute(db);
  await sql`create trigger app_user_password_history after update of password_hash on app_user
    for each row when (old.password_hash is distinct from new.password_hash)
    execute function app_user_keep_password()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger app_user_password_history on app_user`.execute(db);
  await sql`drop function app_user_keep_password()`.execute(db);
  await db.schema.dropTable('password_history').execute();
}
