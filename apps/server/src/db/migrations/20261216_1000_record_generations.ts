import { type Kysely, sql } from 'kysely';

/**
 * When an org's records last changed, so that a read can tell whether what it stored from them is still current
 * (issue 16: the board and the scorecard recomputed every open org's facts on every read):
 * - `record_generation`: per org, the generation of the last change its records saw — a number that only grows,
 *   taken from one counter for all orgs (org 0: a change to the whole college — settings, the institution, units,
 *   a full evaluation). The findings store writes it when it consumes the writes' marks (`finding_dirty`), in the
 *   same transaction and under the evaluation lock, for every org the marks affect (the org, its ancestors, its
 *   branch's 党小组): the generations are therefore committed in the order they are taken, and a reader that saw
 *   the largest one saw every change numbered up to it. Marks not yet consumed are read as changes too.
 * - `org_assessment.facts_generation` / `facts_day`: the largest generation and the day a read saw before it
 *   computed (or found unchanged) the facts stored with the score; the next read recomputes an org only when its
 *   org or the college has a larger generation, a mark is pending under it, or the day is another.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table record_generation (
      org_id integer primary key,
      generation bigint not null
    )`.execute(db);
  await sql`create index record_generation_generation_idx on record_generation (generation)`.execute(db);
  await sql`alter table org_assessment add column facts_generation bigint, add column facts_day date`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table org_assessment drop column facts_generation, drop column facts_day`.execute(db);
  await sql`drop table record_generation`.execute(db);
}
