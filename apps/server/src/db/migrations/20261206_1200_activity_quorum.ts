import { type Kysely, sql } from 'kysely';

/**
 * Whether a closed 党员大会 or 支委会 had its quorum (more than half of those entitled present: 支部条例
 * 第十一条、第十二条), decided when it is archived. A meeting without it is recorded as 未达到法定人数 and does not
 * count as held. Records archived before are judged now from their attendance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('activity').addColumn('quorum_met', 'boolean').execute();
  await sql`
    update activity a set quorum_met = q.met
    from (
      select x.activity_id,
        case when ac.kind = 'committee_meeting' then
          count(*) filter (where x.role <> 'guest') > 0
          and 2 * count(*) filter (where x.role <> 'guest' and x.status = 'present') > count(*) filter (where x.role <> 'guest')
        else
          count(*) filter (where x.role <> 'guest' and x.party_status = 'full') > 0
          and 2 * count(*) filter (where x.role <> 'guest' and x.party_status = 'full' and x.status = 'present')
            > count(*) filter (where x.role <> 'guest' and x.party_status = 'full')
        end as met
      from activity_attendee x join activity ac on ac.id = x.activity_id
      where ac.status = 'closed' and ac.kind in ('general_meeting', 'committee_meeting')
      group by x.activity_id, ac.kind
    ) q
    where a.id = q.activity_id`.execute(db);
  // A closed meeting nobody was listed for had no quorum either.
  await sql`update activity set quorum_met = false
    where status = 'closed' and kind in ('general_meeting', 'committee_meeting') and quorum_met is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('activity').dropColumn('quorum_met').execute();
}
