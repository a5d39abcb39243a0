import {
  type ActivityKind,
  type AttendeeRole,
  isBranchType,
  type OrgType,
  type PartyStatus,
  postLabels,
  teamPosts,
} from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';

/** Someone expected at an activity, as computed from the org on the day. */
export interface Invitee {
  personId: number;
  name: string;
  role: AttendeeRole;
  /** 正式/预备 on the day: only 'full' may vote. */
  partyStatus: PartyStatus | null;
  /** Posts on a 党委/党总支 team held that day (why a member is in 双重组织生活). */
  leaderPosts: string[];
}

/** Kinds attended by the leadership team of the org rather than by all its members. */
const teamKinds: readonly ActivityKind[] = [
  'committee_meeting',
  'leadership_review_meeting',
  'study_group_session',
];

/** 正式 on the day when confirmed by then (a member confirmed later was still 预备). */
export function statusOn(
  p: { party_status: string | null; confirmed_on: string | null },
  day: string,
): PartyStatus | null {
  if (p.party_status === 'full' && (p.confirmed_on === null || p.confirmed_on <= day)) return 'full';
  if (p.party_status === 'full' || p.party_status === 'probationary') return 'probationary';
  return null;
}

/** Team posts on 党委/党总支 held on `day`, per person: the party-member leaders. */
export async function leaderPostsOn(db: Db | Trx, personIds: number[], day: string) {
  const posts = new Map<number, string[]>();
  if (personIds.length === 0) return posts;
  const rows = await db
    .selectFrom('appointment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.person_id', 'a.post', 'o.name as org_name'])
    .where('a.person_id', 'in', personIds)
    .where('o.type', 'in', ['committee', 'general_branch'])
    .where('a.post', 'in', [...teamPosts])
    .where('a.start_date', '<=', day)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', day)]))
    .orderBy('a.id')
    .execute();
  for (const r of rows) {
    const list = posts.get(r.person_id) ?? [];
    list.push(`${r.org_name}${postLabels[r.post] ?? r.post}`);
    posts.set(r.person_id, list);
  }
  return posts;
}

/**
 * Who is expected at an activity of `kind` held by `org` on `day` (支部条例): for a 支委会, 民主生活会 or
 * 中心组 the team of the term in force that day; otherwise the members placed that day in the org (a
 * branch with its 党小组, a 党总支/党委 with its whole subtree). A member joined after the day, placed
 * here by a transfer after the day, or gone before it is not expected. Members who sit on a 党委/党总支
 * team attend their own branch as ordinary members: role 'dual_life'. A 谈心谈话 has no computed list.
 */
export async function computeInvitees(
  db: Db | Trx,
  org: { id: number; type: OrgType; path: string },
  kind: ActivityKind,
  day: string,
): Promise<Invitee[]> {
  if (kind === 'talk') return [];
  const people = teamKinds.includes(kind) ? await teamOn(db, org.id, day) : await membersOn(db, org, day);
  const leaders = await leaderPostsOn(
    db,
    people.map((p) => p.id),
    day,
  );
  const ownLife = isBranchType(org.type) || org.type === 'group';
  return people
    .map((p) => {
      const leaderPosts = leaders.get(p.id) ?? [];
      return {
        personId: p.id,
        name: p.name,
        role: ownLife && leaderPosts.length > 0 ? ('dual_life' as const) : ('member' as const),
        partyStatus: statusOn(p, day),
        leaderPosts,
      };
    })
    .filter((p) => p.partyStatus !== null);
}

const personColumns = ['p.id', 'p.name', 'p.party_status', 'p.confirmed_on'] as const;

async function teamOn(db: Db | Trx, orgId: number, day: string) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('term as t', 't.id', 'a.term_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(personColumns)
    .distinct()
    .where('a.org_id', '=', orgId)
    .where('a.post', 'in', [...teamPosts])
    .where('a.start_date', '<=', day)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', day)]))
    .where('t.start_date', '<=', day)
    .where((eb) => eb.or([eb('t.actual_end_date', 'is', null), eb('t.actual_end_date', '>=', day)]))
    .orderBy('p.id')
    .execute();
}

async function membersOn(db: Db | Trx, org: { id: number; type: OrgType; path: string }, day: string) {
  let q = db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(personColumns)
    .where('p.party_status', 'in', ['full', 'probationary'])
    .where((eb) =>
      eb.or([
        eb('p.status', '=', 'active'),
        eb.and([eb('p.left_on', 'is not', null), eb('p.left_on', '>', day)]),
      ]),
    )
    .where((eb) => eb.or([eb('p.joined_on', 'is', null), eb('p.joined_on', '<=', day)]))
    // Placed here by a transfer after the day: not yet a member of this org then.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('person_event as e')
            .select(sql`1`.as('one'))
            .whereRef('e.person_id', '=', 'p.id')
            .where('e.kind', 'in', ['transferred', 'transferred_in'])
            .where('e.on_date', '>', day),
        ),
      ),
    );
  if (isBranchType(org.type))
    q = q.where((eb) =>
      eb.or([eb('o.id', '=', org.id), eb.and([eb('o.parent_id', '=', org.id), eb('o.type', '=', 'group')])]),
    );
  else if (org.type === 'group') q = q.where('o.id', '=', org.id);
  else q = q.where('o.path', 'like', `${org.path}%`);
  return q.orderBy('p.id').execute();
}

/** The two people of a 谈心谈话, with their status on the day. */
export async function talkInvitees(
  db: Db | Trx,
  hostId: number,
  partnerId: number,
  day: string,
): Promise<Invitee[]> {
  const rows = await db
    .selectFrom('person as p')
    .select(personColumns)
    .where('p.id', 'in', [hostId, partnerId])
    .execute();
  return [hostId, partnerId].flatMap((id) => {
    const p = rows.find((r) => r.id === id);
    return p
      ? [
          {
            personId: p.id,
            name: p.name,
            role: 'member' as const,
            partyStatus: statusOn(p, day),
            leaderPosts: [],
          },
        ]
      : [];
  });
}

/** Guests (列席) among `ids` who are active on the roster, by id, with their party status on `day`. */
export async function guestsOn(
  db: Db | Trx,
  ids: readonly number[],
  day: string,
): Promise<Map<number, Invitee>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('person')
    .select(['id', 'name', 'party_status', 'confirmed_on'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
  return new Map(
    rows.map((p) => [
      p.id,
      { personId: p.id, name: p.name, role: 'guest', partyStatus: statusOn(p, day), leaderPosts: [] },
    ]),
  );
}
