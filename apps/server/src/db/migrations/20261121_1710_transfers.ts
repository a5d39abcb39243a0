import { type Kysely, sql } from 'kysely';

/** Transfers of members' organisational relations (组织关系转接): internal, outgoing letters, incoming letters. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transfer')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('internal','outgoing','incoming')`))
    .addColumn('status', 'text', (c) => c.notNull())
    // Null only while an incoming member has not been placed yet.
    .addColumn('person_id', 'integer', (c) => c.references('person.id'))
    .addColumn('from_org_id', 'integer', (c) => c.references('org.id'))
    .addColumn('to_org_id', 'integer', (c) => c.references('org.id'))
    .addColumn('requested_side', 'text', (c) => c.check(sql`requested_side in ('from','to')`))
    // The party organisation outside the college: receiving one (outgoing) or sending one (incoming).
    .addColumn('external_org_name', 'text')
    .addColumn('external_unit', 'text')
    .addColumn('external_address', 'text')
    .addColumn('letter_number', 'text')
    .addColumn('issued_on', 'date')
    .addColumn('valid_days', 'integer', (c) => c.check(sql`valid_days between 1 and 90`))
    .addColumn('expires_on', 'date')
    .addColumn('receipt_on', 'date')
    .addColumn('dues_paid_until', 'text', (c) => c.check(sql`dues_paid_until ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    // Day it was requested (internal), issued (outgoing) or received (incoming).
    .addColumn('requested_on', 'date', (c) => c.notNull())
    // Day it was completed, rejected or cancelled.
    .addColumn('decided_on', 'date')
    .addColumn('reason', 'text')
    .addColumn('decision_note', 'text')
    // The incoming member's record as registered from their letter, until they are placed.
    .addColumn('person_snapshot', 'jsonb')
    .addColumn('requested_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint(
      'transfer_status_ck',
      sql`(kind = 'internal' and status in ('requested','completed','rejected','cancelled'))
        or (kind = 'outgoing' and status in ('issued','completed','cancelled'))
        or (kind = 'incoming' and status in ('registered','completed','cancelled'))`,
    )
    .addCheckConstraint(
      'transfer_kind_fields_ck',
      sql`(kind = 'internal' and person_id is not null and from_org_id is not null and to_org_id is not null
            and requested_side is not null)
        or (kind = 'outgoing' and person_id is not null and from_org_id is not null
            and external_org_name is not null and letter_number is not null and issued_on is not null
            and valid_days is not null and expires_on is not null)
        or (kind = 'incoming' and to_org_id is not null and person_snapshot is not null
            and letter_number is not null and issued_on is not null and valid_days is not null
            and (status <> 'completed' or person_id is not null))`,
    )
    .addCheckConstraint('transfer_receipt_ck', sql`receipt_on is null or receipt_on >= issued_on`)
    .execute();

  // The college numbers its own letters; incoming numbers belong to other orgs and may repeat.
  await sql`create unique index transfer_letter_number_uq on transfer (letter_number) where kind = 'outgoing'`.execute(
    db,
  );
  // A member has at most one transfer under way.
  await sql`create unique index transfer_open_person_uq on transfer (person_id) where status in ('requested','issued')`.execute(
    db,
  );
  await sql`create unique index transfer_open_incoming_uq on transfer ((person_snapshot->>'idNumber')) where status = 'registered'`.execute(
    db,
  );
  await db.schema.createIndex('transfer_status_idx').on('transfer').columns(['status', 'kind']).execute();
  await db.schema.createIndex('transfer_from_org_idx').on('transfer').column('from_org_id').execute();
  await db.schema.createIndex('transfer_to_org_idx').on('transfer').column('to_org_id').execute();
  await db.schema.createIndex('transfer_person_idx').on('transfer').column('person_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('transfer').execute();
}
