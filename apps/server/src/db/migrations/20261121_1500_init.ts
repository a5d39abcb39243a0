import { type Kysely, sql } from 'kysely';

/** Foundation schema: institution, settings, units, majors, org tree, people, terms, posts, accounts, audit. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('institution')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'integer')
    .execute();

  await db.schema
    .createTable('unit')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('college','department','support')`))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('major')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('major','major_cluster')`))
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .execute();

  await db.schema
    .createTable('org')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('parent_id', 'integer', (c) => c.references('org.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`type in ('committee','general_branch','branch','joint_branch','temporary_branch','group')`,
        ),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('category', 'text', (c) =>
      c.check(sql`category in ('staff','student','office','retired','mixed')`),
    )
    .addColumn('code', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('founded_on', 'date')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('archive_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index org_path_idx on org (path text_pattern_ops)`.execute(db);
  await db.schema.createIndex('org_parent_idx').on('org').column('parent_id').execute();
  await sql`create unique index org_code_uq on org (code) where code is not null and archived_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('org_major')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org.id'))
    .addColumn('major_id', 'integer', (c) => c.notNull().references('major.id'))
    .addPrimaryKeyConstraint('org_major_pk', ['org_id', 'major_id'])
    .execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('male','female')`))
    .addColumn('birth_date', 'date')
    .addColumn('id_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('staff','student','retired','other')`),
    )
    .addColumn('party_status', 'text', (c) => c.check(sql`party_status in ('full','probationary')`))
    .addColumn('org_id', 'integer', (c) => c.references('org.id'))
    .addColumn('joined_on', 'date')
    .addColumn('confirmed_on', 'date')
    .addColumn('is_dual_leader', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('dual_leader_note', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('title', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('person_org_idx').on('person').column('org_id').execute();
  await sql`create unique index person_id_number_uq on person (id_number) where id_number is not null`.execute(
    db,
  );

  await db.schema
    .createTable('term')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('team_kind', 'text', (c) =>
      c.notNull().check(sql`team_kind in ('committee','secretary_only')`),
    )
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('planned_end_date', 'date', (c) => c.notNull())
    .addColumn('actual_end_date', 'date')
    .addColumn('elected_on', 'date')
    .addColumn('election_requested_on', 'date')
    .addColumn('postponed_to', 'date')
    .addColumn('postponement_approved_on', 'date')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('term_dates_ck', sql`planned_end_date > start_date`)
    .addUniqueConstraint('term_org_number_uq', ['org_id', 'number'])
    .execute();
  await db.schema.createIndex('term_org_idx').on('term').column('org_id').execute();

  await db.schema
    .createTable('appointment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org.id'))
    .addColumn('term_id', 'integer', (c) => c.references('term.id'))
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('appointment_dates_ck', sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema.createIndex('appointment_org_idx').on('appointment').column('org_id').execute();
  await db.schema.createIndex('appointment_term_idx').on('appointment').column('term_id').execute();
  await db.schema.createIndex('appointment_person_idx').on('appointment').column('person_id').execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('person.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('password_changed_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index app_user_username_uq on app_user (lower(username))`.execute(db);

  await db.schema
    .createTable('user_role')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.references('org.id'))
    .execute();
  await db.schema.createIndex('user_role_user_idx').on('user_role').column('user_id').execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('summary', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('success','failure')`))
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();

  // The audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_update before update or delete on audit_log
    for each row execute procedure audit_log_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute procedure audit_log_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration cannot be reverted');
}
