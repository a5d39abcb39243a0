import { type Kysely, sql } from 'kysely';

/**
 * Findings with an identity and a history (issue 12):
 * - `finding`: one row per problem ever found (stable key: rule, org, subject, period), its state (open,
 *   acknowledged, resolved), when it was first and last found, what resolved it, who acknowledged it and
 *   who it is assigned to;
 * - `finding_event`: its history, append-only;
 * - `finding_dirty`: the orgs a committed write touched, written by triggers in the write's own transaction
 *   (so a crash between the commit and the re-evaluation loses nothing) and consumed by the re-evaluation;
 * - `finding_evaluation`: a log of evaluations (full ones carry the day they evaluated).
 *
 * The triggers mark the org whose findings a row can change (and a college-wide mark, org_id null, for
 * settings) and NOTIFY `dj_changed`, which every server process listens to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finding')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org.id').onDelete('cascade'))
    .addColumn('person_id', 'integer')
    .addColumn('subject', 'text')
    .addColumn('period', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date')
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`state in ('open', 'acknowledged', 'resolved')`),
    )
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'jsonb')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('ack_comment', 'text')
    .addColumn('assignee_person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('assigned_at', 'timestamptz')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('finding_org_idx').on('finding').columns(['org_id', 'state']).execute();
  await db.schema.createIndex('finding_rule_idx').on('finding').columns(['rule_id', 'state']).execute();
  await db.schema.createIndex('finding_first_seen_idx').on('finding').column('first_seen_at').execute();
  await db.schema.createIndex('finding_assignee_idx').on('finding').column('assignee_person_id').execute();

  await db.schema
    .createTable('finding_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('finding_id', 'bigint', (c) => c.notNull().references('finding.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('actor_name', 'text')
    .addColumn('comment', 'text')
    .addColumn('assignee_person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('severity', 'text')
    .addColumn('cause', 'jsonb')
    .execute();
  await db.schema
    .createIndex('finding_event_finding_idx')
    .on('finding_event')
    .columns(['finding_id', 'id'])
    .execute();

  await db.schema
    .createTable('finding_dirty')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('xid', 'bigint', (c) => c.notNull().defaultTo(sql`txid_current()`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer')
    .addColumn('cause', 'jsonb')
    .execute();
  await sql`create unique index finding_dirty_once on finding_dirty (xid, source, coalesce(org_id, 0))`.execute(
    db,
  );

  await db.schema
    .createTable('finding_evaluation')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('full', 'incremental')`))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('today', 'date', (c) => c.notNull())
    .addColumn('rules_version', 'text', (c) => c.notNull())
    .addColumn('providers', sql`text[]`, (c) => c.notNull())
    .addColumn('org_count', 'integer')
    .addColumn('found', 'integer', (c) => c.notNull())
    .addColumn('appeared', 'integer', (c) => c.notNull())
    .addColumn('reappeared', 'integer', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('finding_evaluation_kind_idx')
    .on('finding_evaluation')
    .columns(['kind', 'id'])
    .execute();

  // One mark per (transaction, source, org); NOTIFY (payload: the source) is folded by PostgreSQL to one per
  // source and transaction.
  await sql`
    create function dj_mark_dirty(src text, org integer) returns void language plpgsql as $$
    begin
      insert into finding_dirty (source, org_id) values (src, org)
        on conflict (xid, source, coalesce(org_id, 0)) do nothing;
      perform pg_notify('dj_changed', src);
    end $$`.execute(db);

  // Rows with an org_id of their own (and, for people, appointments and dossiers, that is enough).
  await sql`
    create function dj_dirty_by_org_id() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.org_id is not null then perform dj_mark_dirty(tg_table_name, old.org_id); end if;
      if tg_op <> 'DELETE' and new.org_id is not null then perform dj_mark_dirty(tg_table_name, new.org_id); end if;
      return null;
    end $$`.execute(db);
  // An org: itself and its parent (old and new, for a move).
  await sql`
    create function dj_dirty_org() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        perform dj_mark_dirty('org', old.id);
        if old.parent_id is not null then perform dj_mark_dirty('org', old.parent_id); end if;
      end if;
      if tg_op <> 'DELETE' then
        perform dj_mark_dirty('org', new.id);
        if new.parent_id is not null then perform dj_mark_dirty('org', new.parent_id); end if;
      end if;
      return null;
    end $$`.execute(db);
  // A person: their org (old and new) and the orgs where they hold a post (a secretary's name and 双带头人
  // status are part of that org's findings).
  await sql`
    create function dj_dirty_person() returns trigger language plpgsql as $$
    declare r record;
    begin
      for r in select x.id, x.org_id from (
        select old.id, old.org_id where tg_op <> 'INSERT'
        union all select new.id, new.org_id where tg_op <> 'DELETE') x
      loop
        if r.org_id is not null then perform dj_mark_dirty('person', r.org_id); end if;
        perform dj_mark_dirty('person', a.org_id) from (select distinct org_id from appointment where person_id = r.id) a;
      end loop;
      return null;
    end $$`.execute(db);
  // An appointment: its org, and the org of the person (a leader's 双重组织生活 is checked in their branch).
  await sql`
    create function dj_dirty_appointment() returns trigger language plpgsql as $$
    declare r record;
    begin
      for r in select x.org_id, x.person_id from (
        select old.org_id, old.person_id where tg_op <> 'INSERT'
        union all select new.org_id, new.person_id where tg_op <> 'DELETE') x
      loop
        perform dj_mark_dirty('appointment', r.org_id);
        perform dj_mark_dirty('appointment', p.org_id) from person p where p.id = r.person_id and p.org_id is not null;
      end loop;
      return null;
    end $$`.execute(db);
  // A transfer: both sides.
  await sql`
    create function dj_dirty_transfer() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        if old.from_org_id is not null then perform dj_mark_dirty('transfer', old.from_org_id); end if;
        if old.to_org_id is not null then perform dj_mark_dirty('transfer', old.to_org_id); end if;
      end if;
      if tg_op <> 'DELETE' then
        if new.from_org_id is not null then perform dj_mark_dirty('transfer', new.from_org_id); end if;
        if new.to_org_id is not null then perform dj_mark_dirty('transfer', new.to_org_id); end if;
      end if;
      return null;
    end $$`.execute(db);
  // Rows of a record: the record's org.
  await sql`
    create function dj_dirty_by_activity() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty('activity', a.org_id) from activity a
        where a.id in (select old.activity_id where tg_op <> 'INSERT' union select new.activity_id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
  await sql`
    create function dj_dirty_by_recruitment() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty('recruitment', r.org_id) from recruitment r
        where r.id in (select old.recruitment_id where tg_op <> 'INSERT' union select new.recruitment_id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
  await sql`
    create function dj_dirty_by_person() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty('person', p.org_id) from person p
        where p.org_id is not null
          and p.id in (select old.person_id where tg_op <> 'INSERT' union select new.person_id where tg_op <> 'DELETE');
      return null;
    end $$`.execute(db);
  // Settings, the institution (go-live) and units: the whole college.
  await sql`
    create function dj_dirty_college() returns trigger language plpgsql as $$
    begin
      perform dj_mark_dirty(tg_table_name, null);
      return null;
    end $$`.execute(db);

  const triggers: [table: string, fn: string][] = [
    ['org', 'dj_dirty_org'],
    ['person', 'dj_dirty_person'],
    ['term', 'dj_dirty_by_org_id'],
    ['appointment', 'dj_dirty_appointment'],
    ['transfer', 'dj_dirty_transfer'],
    ['activity', 'dj_dirty_by_org_id'],
    ['activity_attendee', 'dj_dirty_by_activity'],
    ['activity_resolution', 'dj_dirty_by_activity'],
    ['recruitment', 'dj_dirty_by_org_id'],
    ['recruitment_event', 'dj_dirty_by_recruitment'],
    ['person_event', 'dj_dirty_by_person'],
    ['institution', 'dj_dirty_college'],
    ['setting', 'dj_dirty_college'],
    ['unit', 'dj_dirty_college'],
  ];
  for (const [table, fn] of triggers)
    await sql`create trigger ${sql.id(`${table}_findings_dirty`)} after insert or update or delete on ${sql.table(
      table,
    )} for each row execute function ${sql.id(fn)}()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'org',
    'person',
    'term',
    'appointment',
    'transfer',
    'activity',
    'activity_attendee',
    'activity_resolution',
    'recruitment',
    'recruitment_event',
    'person_event',
    'institution',
    'setting',
    'unit',
  ])
    await sql`drop trigger ${sql.id(`${table}_findings_dirty`)} on ${sql.table(table)}`.execute(db);
  for (const fn of [
    'dj_dirty_college',
    'dj_dirty_by_person',
    'dj_dirty_by_recruitment',
    'dj_dirty_by_activity',
    'dj_dirty_transfer',
    'dj_dirty_appointment',
    'dj_dirty_person',
    'dj_dirty_org',
    'dj_dirty_by_org_id',
  ])
    await sql`drop function ${sql.id(fn)}()`.execute(db);
  await sql`drop function dj_mark_dirty(text, integer)`.execute(db);
  for (const table of ['finding_evaluation', 'finding_dirty', 'finding_event', 'finding'])
    await db.schema.dropTable(table).execute();
}
