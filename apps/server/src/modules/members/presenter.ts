import {
  completedYears,
  type IsoDate,
  type MemberAbilities,
  type MemberDetail,
  type MemberEvent,
  type MemberListItem,
  type MemberPost,
  maskIdNumber,
  maskPhone,
  partyYears,
} from '@dangjian/core';
import { fromPersonColumns } from './record.ts';
import type { findMember, memberEvents, postHistory } from './repo.ts';

type Row = NonNullable<Awaited<ReturnType<typeof findMember>>>;

/** A roster row; ID number and phone masked unless `masked` is false. */
export function presentMemberListItem(r: Row, today: IsoDate, masked: boolean): MemberListItem {
  const m = fromPersonColumns(r);
  return {
    id: r.id,
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    age: m.birthDate && m.birthDate <= today ? completedYears(m.birthDate, today) : null,
    idNumber: masked ? maskIdNumber(m.idNumber) : m.idNumber,
    phone: masked ? maskPhone(m.phone) : m.phone,
    masked,
    education: m.education,
    category: m.category,
    partyStatus: r.party_status === null ? null : m.partyStatus,
    joinedOn: m.joinedOn,
    confirmedOn: m.confirmedOn,
    partyYears: partyYears(m.confirmedOn, today),
    orgId: r.org_id,
    branchId: r.branch_id,
    branchName: r.branch_name,
    groupId: r.org_type === 'group' ? r.org_id : null,
    groupName: r.org_type === 'group' ? r.org_name : null,
    unitName: r.unit_name,
    position: m.position,
    title: m.title,
    majorName: r.major_name,
    grade: m.grade,
    className: m.className,
    posts: (r.posts ?? []).slice().sort(),
    isMobile: m.isMobile,
    isAbroad: m.isAbroad,
    isInHardship: m.isInHardship,
    isDualLeader: m.isDualLeader,
    status: r.status,
    leftOn: r.left_on,
  };
}

type PostRow = Awaited<ReturnType<typeof postHistory>>[number];

export function presentPost(a: PostRow): MemberPost {
  return {
    appointmentId: a.id,
    post: a.post,
    orgId: a.org_id,
    orgName: a.org_name,
    termId: a.term_id,
    termNumber: a.term_number,
    startDate: a.start_date,
    endDate: a.end_date,
  };
}

/** A member's whole record with the caller's abilities. */
export function presentMemberDetail(
  r: Row,
  posts: readonly PostRow[],
  today: IsoDate,
  masked: boolean,
  abilities: MemberAbilities,
): MemberDetail {
  return {
    ...presentMemberListItem(r, today, masked),
    unitId: r.unit_id,
    majorId: r.major_id,
    dualLeaderKind: fromPersonColumns(r).dualLeaderKind,
    dualLeaderNote: r.dual_leader_note,
    leaveNote: r.leave_note,
    orgPath: r.org_path,
    postHistory: posts.map(presentPost),
    version: r.version,
    abilities,
  };
}

type EventRow = Awaited<ReturnType<typeof memberEvents>>[number];

export function presentMemberEvent(e: EventRow): MemberEvent {
  return {
    id: Number(e.id),
    kind: e.kind,
    on: e.on_date,
    at: new Date(e.at).toISOString(),
    summary: e.summary,
    actorName: e.actor_name,
  };
}
