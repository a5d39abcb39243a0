import type { IsoDate } from '@dangjian/core';
import { teamPosts } from '@dangjian/core';
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
