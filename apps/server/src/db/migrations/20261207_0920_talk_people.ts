import { type Kysely, sql } from 'kysely';

/**
 * 谈心谈话 records by the two people who talked: the findings of a few orgs (after a write) look up their
 * members' talks from the members (~2 ms at ten times the demo) instead of reading every talk of the college in
 * the window (~35 ms), which every write touching a member paid.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index activity_talk_host_idx on activity (host_person_id) where kind = 'talk'`.execute(db);
  await sql`create index activity_talk_partner_idx on activity (partner_person_id) where kind = 'talk'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index activity_talk_partner_idx`.execute(db);
  await sql`drop index activity_talk_host_idx`.execute(db);
}
