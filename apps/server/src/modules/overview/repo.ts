/**
 * What the overview needs that no list can give: the roster and the org tree as they stood on a past day,
 * rebuilt from the dates the records keep. Today's figures come from the lists' own services.
 */
import type { IsoDate, OrgType } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, ResolvedScope } from '../../http/context.ts';
import { pathInScope } from '../../http/scope.ts';

/**
 * Party members on the roster on `day`, 正式 and 预备, in the orgs of the scope.
 *
 * A person counts when they had joined the party by then (入党日期; none recorded: long before), had not yet
 * left the roster (`left_on`: 转出, 死亡, 出党…) and had already arrived at the school: someone whose first
 * 转入本校 on their timeline came later was on another school's roster. They are 正式 on that day when they are
 * 正式 today and their 转正日期 (if recorded) had passed, 预备 otherwise. They are placed in the org they were
 * in: today's, unless a 校内转接 completed after the day moved them, then the org that transfer took them from.
 *
 * What the records cannot tell is left out rather than guessed: a 预备党员 whose 资格 was later 取消 keeps no
 * org or party status, and someone off the roster with no leaving day cannot be placed in time; neither
 * counts. A branch moved under another 党总支 since is counted where it is now.
 */
export async function membersOn(db: Db, scope: ResolvedScope, day: IsoDate) {
  const orgThen = sql<number>`coalesce((
    select t.from_org_id from transfer t
    where t.person_id = p.id and t.kind = 'internal' and t.status = 'completed' and t.decided_on > ${day}
    order by t.decided_on, t.id limit 1
  ), p.org_id)`;
  const status = sql<'full' | 'probationary'>`case
    when p.party_status = 'full' and (p.confirmed_on is null or p.confirmed_on <= ${day}) then 'full'
    else 'probationary' end`;
  const rows = await db
    .selectFrom('person as p')
    .innerJoin('org as o', (j) => j.on(sql<boolean>`o.id = ${orgThen}`))
    .select([status.as('status'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('p.party_status', 'is not', null)
    .where((eb) => eb.or([eb('p.status', '=', 'active'), eb('p.left_on', 'is not', null)]))
    .where((eb) => eb.or([eb('p.joined_on', 'is', null), eb('p.joined_on', '<=', day)]))
    .where((eb) => eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', day)]))
    .where(
      sql<boolean>`coalesce((
        select min(e.on_date) from person_event e where e.person_id = p.id and e.kind = 'transferred_in'
      ), ${day}::date) <= ${day}`,
    )
    .where(pathInScope(scope, 'o.path'))
    // By position: the status expression holds a parameter, which PostgreSQL would not match in a repeat.
    .groupBy(sql`1`)
    .execute();
  const count = (s: 'full' | 'probationary') => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { full: count('full'), probationary: count('probationary') };
}

/**
 * Orgs of the scope that existed on `day`, by type: founded by then (no founding day recorded: long before,
 * as the compliance of organisational life takes it) and not yet 撤销 (archived on a later Shanghai day).
 */
export async function orgsOn(db: Db, scope: ResolvedScope, day: IsoDate) {
  const rows = await db
    .selectFrom('org as o')
    .select(['o.type', (eb) => eb.fn.countAll<string>().as('n')])
    .where((eb) => eb.or([eb('o.founded_on', 'is', null), eb('o.founded_on', '<=', day)]))
    .where((eb) =>
      eb.or([
        eb('o.archived_at', 'is', null),
        sql<boolean>`(o.archived_at at time zone 'Asia/Shanghai')::date > ${day}`,
      ]),
    )
    .where(pathInScope(scope, 'o.path'))
    .groupBy('o.type')
    .execute();
  return new Map<OrgType, number>(rows.map((r) => [r.type, Number(r.n)]));
}
