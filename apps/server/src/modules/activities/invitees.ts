import {
  type ActivityKind,
  type AttendeeRole,
  isBranchType,
  type OrgType,
  type PartyStatus,
  postLabels,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import * as repo from './repo.ts';

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

/**
 * Kinds attended by the leadership team of the org rather than by all its members. At a 党政联席会 the 总支's
 * committee meets the 学院's administration: those of its leaders not on the committee are added as 列席.
 */
const teamKinds: readonly ActivityKind[] = [
  'committee_meeting',
  'leadership_review_meeting',
  'study_group_session',
  'joint_meeting',
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
  const rows = await repo.leaderPostRows(db, personIds, day);
  for (const r of rows) {
    const list = posts.get(r.person_id) ?? [];
    list.push(`${r.org_name}${postLabels[r.post] ?? r.post}`);
    posts.set(r.person_id, list);
  }
  return posts;
}

/**
 * Who is expected at an activity of `kind` held by `org` on `day` (支部条例): for a 支委会, 民主生活会,
 * 中心组 or 党政联席会 the team of the term in force that day; otherwise the members placed that day in the org (a
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
  const people = teamKinds.includes(kind)
    ? await repo.teamOn(db, org.id, day)
    : await repo.membersOn(db, org, day);
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

/** The two people of a 谈心谈话, with their status on the day. */
export async function talkInvitees(
  db: Db | Trx,
  hostId: number,
  partnerId: number,
  day: string,
): Promise<Invitee[]> {
  const rows = await repo.personStatusRows(db, [hostId, partnerId]);
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
  const rows = await repo.activePersonStatusRows(db, ids);
  return new Map(
    rows.map((p) => [
      p.id,
      { personId: p.id, name: p.name, role: 'guest', partyStatus: statusOn(p, day), leaderPosts: [] },
    ]),
  );
}
