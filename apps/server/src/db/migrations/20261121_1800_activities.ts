import { type Kysely, sql } from 'kysely';

const kinds = `('general_meeting','committee_meeting','group_meeting','lecture','theme_day','review_meeting',
  'leadership_review_meeting','member_appraisal','talk','study_group_session','work_meeting')`;

/**
 * Organisational life (组织生活): activity records with their agenda, attendance, resolutions, files
 * and supervision checks (督促检查).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in ${kinds}`)))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('planned','published','held','closed','cancelled')`),
    )
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz')
    // Calendar day of starts_at in Asia/Shanghai: what periods and ledgers count by.
    .addColumn('on_date', 'date', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('host_person_id', 'integer', (c) => c.references('person.id'))
    .addColumn('recorder_person_id', 'integer', (c) => c.references('person.id'))
    // 党课 speaker when not a person on the roster (e.g. an invited lecturer).
    .addColumn('speaker', 'text')
    // 谈心谈话: the other party (the host is the first) and the topic.
    .addColumn('partner_person_id', 'integer', (c) => c.references('person.id'))
    .addColumn('topic', 'text')
    // [{ title, isFirstTopic, note }]: ordered agenda items.
    .addColumn('agenda', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('has_first_topic', 'boolean', (c) => c.notNull().defaultTo(false))
    // 主题党日 segments [{ name, minutes, content }].
    .addColumn('segments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('notice', 'text')
    .addColumn('notice_published_at', 'timestamptz')
    .addColumn('minutes', 'text')
    .addColumn('summary', 'text')
    // Optional place check for sign-in: centre and radius in metres.
    .addColumn('check_lat', 'double precision')
    .addColumn('check_lng', 'double precision')
    .addColumn('check_radius_m', 'integer', (c) => c.check(sql`check_radius_m between 20 and 5000`))
    // Key of the rotating sign-in codes (HMAC); never sent to clients.
    .addColumn('sign_in_secret', 'text', (c) => c.notNull())
    .addColumn('sign_in_open', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('activity_ends_ck', sql`ends_at is null or ends_at >= starts_at`)
    .addCheckConstraint(
      'activity_place_check_ck',
      sql`(check_lat is null) = (check_lng is null) and (check_lat is null) = (check_radius_m is null)`,
    )
    .addCheckConstraint('activity_closed_ck', sql`(status = 'closed') = (closed_at is not null)`)
    .execute();
  await db.schema
    .createIndex('activity_org_date_idx')
    .on('activity')
    .columns(['org_id', 'on_date'])
    .execute();
  await db.schema.createIndex('activity_date_idx').on('activity').columns(['on_date', 'status']).execute();

  await db.schema
    .createTable('activity_attendee')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('member','dual_life','guest')`))
    // 正式/预备 on the day of the activity: who may vote (支部条例 第十一条).
    .addColumn('party_status', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('expected','present','leave','absent')`),
    )
    .addColumn('signed_in_at', 'timestamptz')
    .addColumn('sign_in_method', 'text', (c) => c.check(sql`sign_in_method in ('qr','manual')`))
    .addColumn('manual_reason', 'text')
    .addColumn('marked_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('leave_status', 'text', (c) =>
      c.check(sql`leave_status in ('requested','approved','rejected')`),
    )
    .addColumn('leave_reason', 'text')
    .addColumn('leave_requested_at', 'timestamptz')
    .addColumn('leave_decided_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('leave_decided_at', 'timestamptz')
    .addColumn('leave_note', 'text')
    .addPrimaryKeyConstraint('activity_attendee_pk', ['activity_id', 'person_id'])
    .addCheckConstraint(
      'activity_attendee_present_ck',
      sql`(status = 'present') = (signed_in_at is not null) and (status = 'present') = (sign_in_method is not null)`,
    )
    .addCheckConstraint(
      'activity_attendee_manual_ck',
      sql`sign_in_method is distinct from 'manual' or manual_reason is not null`,
    )
    .addCheckConstraint('activity_attendee_leave_ck', sql`status <> 'leave' or leave_status = 'approved'`)
    .execute();
  await db.schema
    .createIndex('activity_attendee_person_idx')
    .on('activity_attendee')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('activity_resolution')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('is_vote', 'boolean', (c) => c.notNull())
    // Snapshot of the counts the outcome was decided on.
    .addColumn('entitled', 'integer')
    .addColumn('present_entitled', 'integer')
    .addColumn('votes_for', 'integer')
    .addColumn('votes_against', 'integer')
    .addColumn('abstentions', 'integer')
    .addColumn('written_for', 'integer')
    .addColumn('written_against', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('passed','failed','recorded')`))
    .addCheckConstraint(
      'activity_resolution_vote_ck',
      sql`(is_vote and entitled is not null and present_entitled is not null and votes_for is not null
            and votes_against is not null and abstentions is not null and written_for is not null
            and written_against is not null and outcome in ('passed','failed'))
        or (not is_vote and outcome = 'recorded')`,
    )
    .addUniqueConstraint('activity_resolution_position_uq', ['activity_id', 'position'])
    .execute();

  await db.schema
    .createTable('activity_attachment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('photo','file')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('activity_attachment_activity_idx')
    .on('activity_attachment')
    .column('activity_id')
    .execute();

  await db.schema
    .createTable('activity_review')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('reviewer_org_id', 'integer', (c) => c.references('org.id'))
    .addColumn('rating', 'text', (c) => c.notNull().check(sql`rating in ('standard','basic','nonstandard')`))
    .addColumn('content_comment', 'text')
    .addColumn('procedure_comment', 'text')
    .addColumn('reviewed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('response', 'text')
    .addColumn('responded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('responder_name', 'text')
    .addColumn('responded_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('activity_review_activity_idx')
    .on('activity_review')
    .column('activity_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'activity_review',
    'activity_attachment',
    'activity_resolution',
    'activity_attendee',
    'activity',
  ])
    await db.schema.dropTable(t).execute();
}
