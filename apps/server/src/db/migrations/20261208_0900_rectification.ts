import { type Kysely, sql } from 'kysely';

/**
 * Rectification items (整改事项, issue 15):
 * - `rectification`: one row per problem to fix, whatever its source (a finding, a meeting record, a 巡察
 *   feedback item of a later slice through `source_ref`/`source_label`), with the org that rectifies, 责任人,
 *   协办 orgs, measures, the state of core's state machine (status, deadline and the first one, extensions, an
 *   extension asked for, rebounds) and a version;
 * - `rectification_milestone`: the steps of a 长期整改 item;
 * - `rectification_evidence`: what proves it fixed — a link to a record (meeting, term, dossier step, transfer,
 *   resolved finding), or a file where nothing recorded does;
 * - `rectification_event`: the timeline (created, edited, progress notes, evidence, every transition), written
 *   in the same transaction as the change; append-only for the app role (db/roles.ts).
 *
 * A finding has at most one item not yet closed (partial unique index), so opening it twice cannot duplicate.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rectification (
      id serial primary key,
      org_id integer not null references org(id),
      source text not null check (source in ('finding', 'supervision_check', 'life_meeting', 'inspection',
        'duty_report', 'assessment', 'all_pass_visit', 'upper_check', 'manual')),
      finding_id bigint references finding(id) on delete set null,
      activity_id integer references activity(id) on delete set null,
      source_ref text,
      source_label text,
      problem text not null,
      clause text,
      responsible_person_id integer references person(id) on delete set null,
      assisting_org_ids integer[] not null default '{}',
      measures text,
      result text,
      status text not null default 'pending'
        check (status in ('pending', 'in_progress', 'submitted', 'closed')),
      deadline date not null,
      original_deadline date not null,
      extensions integer not null default 0 check (extensions >= 0),
      extension_until date,
      extension_reason text,
      reopen_count integer not null default 0 check (reopen_count >= 0),
      submitted_at timestamptz,
      closed_at timestamptz,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      version integer not null default 0,
      check ((extension_until is null) = (extension_reason is null))
    )`.execute(db);
  await sql`create index rectification_org_idx on rectification (org_id, status)`.execute(db);
  await sql`create index rectification_person_idx on rectification (responsible_person_id)`.execute(db);
  await sql`create unique index rectification_finding_open on rectification (finding_id)
    where finding_id is not null and status <> 'closed'`.execute(db);

  await sql`
    create table rectification_milestone (
      id serial primary key,
      rectification_id integer not null references rectification(id) on delete cascade,
      position integer not null,
      title text not null,
      due_on date not null,
      done_on date,
      unique (rectification_id, position)
    )`.execute(db);

  await sql`
    create table rectification_evidence (
      id serial primary key,
      rectification_id integer not null references rectification(id) on delete cascade,
      kind text not null
        check (kind in ('activity', 'term', 'recruitment_step', 'transfer', 'finding', 'file')),
      activity_id integer references activity(id) on delete cascade,
      term_id integer references term(id) on delete cascade,
      recruitment_event_id integer references recruitment_event(id) on delete cascade,
      transfer_id integer references transfer(id) on delete cascade,
      finding_id bigint references finding(id) on delete cascade,
      note text,
      file_name text,
      mime_type text,
      size integer,
      sha256 text,
      content bytea,
      added_by integer references app_user(id) on delete set null,
      added_by_name text not null,
      added_at timestamptz not null default now(),
      check ((kind = 'activity') = (activity_id is not null)),
      check ((kind = 'term') = (term_id is not null)),
      check ((kind = 'recruitment_step') = (recruitment_event_id is not null)),
      check ((kind = 'transfer') = (transfer_id is not null)),
      check ((kind = 'finding') = (finding_id is not null)),
      check ((kind = 'file') = (content is not null))
    )`.execute(db);
  await sql`create index rectification_evidence_item_idx on rectification_evidence (rectification_id)`.execute(
    db,
  );
  // The same record is linked to an item once.
  await sql`create unique index rectification_evidence_once on rectification_evidence (rectification_id, kind,
    coalesce(activity_id::bigint, term_id::bigint, recruitment_event_id::bigint, transfer_id::bigint, finding_id))
    where kind <> 'file'`.execute(db);

  await sql`
    create table rectification_event (
      id bigserial primary key,
      rectification_id integer not null references rectification(id) on delete cascade,
      at timestamptz not null,
      kind text not null,
      from_status text,
      to_status text,
      actor_id integer references app_user(id) on delete set null,
      actor_name text,
      note text,
      until date
    )`.execute(db);
  await sql`create index rectification_event_item_idx on rectification_event (rectification_id, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rectification_event`.execute(db);
  await sql`drop table rectification_evidence`.execute(db);
  await sql`drop table rectification_milestone`.execute(db);
  await sql`drop table rectification`.execute(db);
}
