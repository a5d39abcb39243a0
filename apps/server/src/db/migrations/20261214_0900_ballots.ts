import { type Kysely, sql } from 'kysely';

/**
 * Ballots (投票, issue 17 item 3): secret voting that people can trust.
 * - `ballot`: what is voted on (the items, the purpose's choices), by whom it is organised (its org), the window
 *   (opens_at, closes_at), the stored status (open → closed by the organiser or the clock → published);
 * - `ballot_voter`: the roll — who may vote, and only the fact that they voted (voted_at, channel phone|paper);
 *   a vote is one atomic update of the voter's row (`voted_at is null`), so each voter votes once under concurrency;
 * - `ballot_paper`: one voter's choices, NOT linked to the voter: a uuid made by the server, the ballot and the
 *   choices — no person or account, no time, no sequence that would order papers like the roll;
 * - `ballot_paper_batch`: a stack of paper ballots entered by two different counters (their accounts and times are
 *   here, with no choices);
 * - `ballot_paper_entry`: one counter's count of a batch (per item, per choice), again with no identity and no time;
 *   the batch counts only when both entries are identical.
 * A test reads information_schema.columns of the tables holding choices and fails on any identity or time column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ballot (
      id serial primary key,
      purpose text not null check (purpose in ('duty_review', 'member_appraisal')),
      purpose_ref text not null,
      org_id integer not null references org(id),
      title text not null,
      items jsonb not null,
      allow_abstain boolean not null default true,
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      status text not null default 'open' check (status in ('open', 'closed', 'published')),
      closed_at timestamptz,
      published_at timestamptz,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      version integer not null default 0,
      check (closes_at > opens_at),
      check ((status = 'published') = (published_at is not null))
    )`.execute(db);
  await sql`create index ballot_org_idx on ballot (org_id, status)`.execute(db);
  await sql`create index ballot_purpose_idx on ballot (purpose, purpose_ref)`.execute(db);

  await sql`
    create table ballot_voter (
      ballot_id integer not null references ballot(id) on delete cascade,
      person_id integer not null references person(id),
      voted_at timestamptz,
      channel text check (channel in ('phone', 'paper')),
      primary key (ballot_id, person_id),
      check ((voted_at is null) = (channel is null))
    )`.execute(db);
  await sql`create index ballot_voter_person_idx on ballot_voter (person_id)`.execute(db);

  await sql`
    create table ballot_paper (
      id uuid primary key,
      ballot_id integer not null references ballot(id) on delete cascade,
      choices jsonb not null
    )`.execute(db);
  await sql`create index ballot_paper_ballot_idx on ballot_paper (ballot_id)`.execute(db);

  await sql`
    create table ballot_paper_batch (
      id serial primary key,
      ballot_id integer not null references ballot(id) on delete cascade,
      note text,
      paper_count integer not null check (paper_count > 0),
      status text not null default 'entering' check (status in ('entering', 'mismatch', 'counted')),
      first_counter_id integer references app_user(id) on delete set null,
      second_counter_id integer references app_user(id) on delete set null,
      first_counter_name text,
      second_counter_name text,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      counted_at timestamptz,
      version integer not null default 0,
      check (first_counter_id is null or second_counter_id is null or first_counter_id <> second_counter_id)
    )`.execute(db);
  await sql`create index ballot_paper_batch_ballot_idx on ballot_paper_batch (ballot_id)`.execute(db);

  await sql`
    create table ballot_paper_entry (
      id uuid primary key,
      batch_id integer not null references ballot_paper_batch(id) on delete cascade,
      slot smallint not null check (slot in (1, 2)),
      counts jsonb not null,
      unique (batch_id, slot)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table ballot_paper_entry`.execute(db);
  await sql`drop table ballot_paper_batch`.execute(db);
  await sql`drop table ballot_paper`.execute(db);
  await sql`drop table ballot_voter`.execute(db);
  await sql`drop table ballot`.execute(db);
}
