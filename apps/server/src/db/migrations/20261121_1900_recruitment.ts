import { type Kysely, sql } from 'kysely';

const steps = `('application','application_talk','activist_designation','activist_filing','mentor_assignment',
  'activist_review','candidate_designation','candidate_filing','sponsor_assignment','political_review','training',
  'committee_review','pre_examination','application_form','admission_meeting','superior_talk','admission_approval',
  'admission_filing','group_placement','oath','probation_review','confirmation_application','confirmation_meeting',
  'confirmation_approval','archiving')`;

/**
 * 发展党员: one dossier per applicant (the person row, party_status null until admitted), its recorded steps
 * (the events of packages/core's state machine, replayable), uploaded documents (申请书, 思想汇报…) and the
 * school's Word templates for generated materials.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Headcounts of a unit (学生数、教职工数): the denominators of "入党申请人占学生/教职工比例".
  await db.schema
    .alterTable('unit')
    .addColumn('student_count', 'integer', (c) => c.check(sql`student_count >= 0`))
    .addColumn('staff_count', 'integer', (c) => c.check(sql`staff_count >= 0`))
    .execute();
  await db.schema
    .createTable('recruitment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    // The branch responsible for the applicant (a 党支部, never a 党小组).
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org.id'))
    .addColumn('outcome', 'text', (c) =>
      c
        .notNull()
        .defaultTo('in_progress')
        .check(sql`outcome in ('in_progress','confirmed','revoked','not_admitted','withdrawn')`),
    )
    .addColumn('current_step', 'text', (c) => c.check(sql.raw(`current_step in ${steps}`)))
    .addColumn('stage', 'text', (c) =>
      c.check(sql`stage in ('application','activist','candidate','admission','probation')`),
    )
    // Denormalised from the state for lists and ledgers; `state` is the truth.
    .addColumn('applied_on', 'date')
    .addColumn('activist_on', 'date')
    .addColumn('candidate_on', 'date')
    .addColumn('resolution_on', 'date')
    .addColumn('probation_end_on', 'date')
    .addColumn('confirmed_on', 'date')
    .addColumn('last_date', 'date')
    .addColumn('closed_on', 'date')
    // When the applicant will leave the unit (graduation), if known: a candidate leaving soon is warned about.
    .addColumn('leaves_on', 'date')
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index recruitment_open_person_uq on recruitment (person_id) where outcome = 'in_progress'`.execute(
    db,
  );
  await db.schema
    .createIndex('recruitment_org_idx')
    .on('recruitment')
    .columns(['org_id', 'outcome'])
    .execute();

  await db.schema
    .createTable('recruitment_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('recruitment_id', 'integer', (c) =>
      c.notNull().references('recruitment.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) =>
      c.notNull().check(sql.raw(`step in ${steps.replace('(', "('withdrawal',")}`)),
    )
    .addColumn('on_date', 'date', (c) => c.notNull())
    // The event as packages/core's applyStep received it (RecruitmentEvent), replayable.
    .addColumn('event', 'jsonb', (c) => c.notNull())
    // Warnings raised and local rules waived (with the reason) when it was recorded.
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('overrides', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('note', 'text')
    // The 支部大会 record of a vote step (organisational life).
    .addColumn('activity_id', 'integer', (c) => c.references('activity.id'))
    .addColumn('recorded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('recorder_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('recruitment_event_seq_uq', ['recruitment_id', 'seq'])
    .execute();

  await db.schema
    .createTable('recruitment_document')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('recruitment_id', 'integer', (c) =>
      c.notNull().references('recruitment.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('application_letter','thought_report','report','other')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('on_date', 'date', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('uploader_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('recruitment_document_idx')
    .on('recruitment_document')
    .columns(['recruitment_id', 'kind'])
    .execute();

  await db.schema
    .createTable('recruitment_template')
    .addColumn('kind', 'text', (c) =>
      c
        .primaryKey()
        .check(
          sql`kind in ('talk_record','public_notice','political_review','admission_approval','confirmation_approval')`,
        ),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('uploader_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recruitment_template').execute();
  await db.schema.dropTable('recruitment_document').execute();
  await db.schema.dropTable('recruitment_event').execute();
  await db.schema.dropTable('recruitment').execute();
  await db.schema.alterTable('unit').dropColumn('student_count').dropColumn('staff_count').execute();
}
