import { type Kysely, sql } from 'kysely';

/** Members: the full person record, the timeline, imports and correction requests. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('person')
    .addColumn('ethnicity', 'text')
    .addColumn('education', 'text')
    .addColumn('position', 'text')
    .addColumn('major_id', 'integer', (c) => c.references('major.id'))
    .addColumn('grade', 'text')
    .addColumn('class_name', 'text')
    .addColumn('is_mobile', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_abroad', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_in_hardship', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('dual_leader_kind', 'text', (c) =>
      c.check(sql`dual_leader_kind in ('major_leader','academic_leader')`),
    )
    .addColumn('left_on', 'date')
    .addColumn('leave_note', 'text')
    .execute();
  await sql`alter table person add constraint person_status_ck check (status in ('active','transferred_out','deceased','expelled','lapsed','suspended'))`.execute(
    db,
  );
  await sql`alter table person add constraint person_confirmed_ck check (confirmed_on is null or joined_on is null or confirmed_on > joined_on)`.execute(
    db,
  );
  await db.schema.createIndex('person_status_idx').on('person').column('status').execute();
  await db.schema.createIndex('person_name_idx').on('person').column('name').execute();

  await db.schema
    .createTable('person_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'date', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb')
    .execute();
  await db.schema
    .createIndex('person_event_person_idx')
    .on('person_event')
    .columns(['person_id', 'at'])
    .execute();

  await db.schema
    .createTable('member_import')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('created_count', 'integer', (c) => c.notNull())
    .addColumn('updated_count', 'integer', (c) => c.notNull())
    .addColumn('unchanged_count', 'integer', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('member_correction')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('requested_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending','approved','rejected','withdrawn')`),
    )
    .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema
    .createIndex('member_correction_person_idx')
    .on('member_correction')
    .column('person_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_correction').execute();
  await db.schema.dropTable('member_import').execute();
  await db.schema.dropTable('person_event').execute();
  await sql`alter table person drop constraint person_status_ck, drop constraint person_confirmed_ck`.execute(
    db,
  );
  for (const c of [
    'ethnicity',
    'education',
    'position',
    'major_id',
    'grade',
    'class_name',
    'is_mobile',
    'is_abroad',
    'is_in_hardship',
    'dual_leader_kind',
    'left_on',
    'leave_note',
  ])
    await db.schema.alterTable('person').dropColumn(c).execute();
}
