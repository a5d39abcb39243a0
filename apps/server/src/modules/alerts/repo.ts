import type { IsoDate } from '@dangjian/core';
import { teamPosts } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

/** Active orgs with the columns the rules read. */
export async function activeOrgs(db: Q) {
  return db
    .selectFrom('org')
    .select(['id', 'parent_id', 'path', 'depth', 'type', 'name', 'category', 'unit_id'])
    .where('archived_at', 'is', null)
    .execute();
}

/** The term in force on `today` for each org: started, not ended, latest start first. */
export async function currentTerms(db: Q, today: IsoDate) {
  return db
    .selectFrom('term')
    .selectAll()
    .where('start_date', '<=', today)
    .where('actual_end_date', 'is', null)
    .orderBy('org_id')
    .orderBy('start_date', 'desc')
    .execute();
}

/** Team posts and organiser posts active on `today`, with the holder's name and 双带头人 flag. */
export async function activeAppointments(db: Q, today: IsoDate) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.org_id', 'a.term_id', 'a.post', 'a.person_id', 'p.name', 'p.is_dual_leader'])
    .where('a.start_date', '<=', today)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', today)]))
    .where('a.post', 'in', [...teamPosts, 'organiser'])
    .execute();
}

export async function allUnits(db: Q) {
  return db.selectFrom('unit').select(['id', 'name', 'kind']).orderBy('sort_order').orderBy('id').execute();
}

/** Transfers waiting for the other side or for their 回执, for the transfer rules. */
export async function openTransfers(db: Q) {
  return db
    .selectFrom('transfer as t')
    .leftJoin('person as p', 'p.id', 't.person_id')
    .select([
      't.kind',
      't.status',
      't.letter_number',
      't.external_org_name',
      't.requested_side',
      't.requested_on',
      't.expires_on',
      't.receipt_on',
      't.from_org_id',
      't.to_org_id',
      sql<string>`coalesce(p.name, t.person_snapshot->>'name', '')`.as('person_name'),
    ])
    .where('t.status', 'in', ['requested', 'issued'])
    .execute();
}
