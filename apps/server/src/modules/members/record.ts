import type { EducationLevel, Ethnicity, Gender, MemberRecord } from '@dangjian/core';
import type { Insertable, Selectable } from 'kysely';
import type { PersonTable } from '../../db/schema.ts';

/** The person columns a MemberRecord is stored in. */
export const memberRecordColumns = [
  'name',
  'gender',
  'ethnicity',
  'birth_date',
  'id_number',
  'phone',
  'education',
  'category',
  'position',
  'title',
  'unit_id',
  'major_id',
  'grade',
  'class_name',
  'party_status',
  'joined_on',
  'confirmed_on',
  'org_id',
  'is_mobile',
  'is_abroad',
  'is_in_hardship',
  'is_dual_leader',
  'dual_leader_kind',
  'dual_leader_note',
] as const;

type RecordColumns = Pick<Selectable<PersonTable>, (typeof memberRecordColumns)[number]>;

/** Column values of a record, for INSERT or UPDATE. */
export function toPersonColumns(
  m: MemberRecord,
): Required<Pick<Insertable<PersonTable>, (typeof memberRecordColumns)[number]>> {
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birth_date: m.birthDate,
    id_number: m.idNumber,
    phone: m.phone,
    education: m.education,
    category: m.category,
    position: m.position,
    title: m.title,
    unit_id: m.unitId,
    major_id: m.majorId,
    grade: m.grade,
    class_name: m.className,
    party_status: m.partyStatus,
    joined_on: m.joinedOn,
    confirmed_on: m.confirmedOn,
    org_id: m.orgId,
    is_mobile: m.isMobile,
    is_abroad: m.isAbroad,
    is_in_hardship: m.isInHardship,
    is_dual_leader: m.isDualLeader,
    dual_leader_kind: m.dualLeaderKind,
    dual_leader_note: m.dualLeaderNote,
  };
}

/** The record stored in a person row. */
export function fromPersonColumns(r: RecordColumns): MemberRecord {
  return {
    name: r.name,
    gender: r.gender as Gender | null,
    ethnicity: r.ethnicity as Ethnicity | null,
    birthDate: r.birth_date,
    idNumber: r.id_number,
    phone: r.phone,
    education: r.education as EducationLevel | null,
    category: r.category,
    position: r.position,
    title: r.title,
    unitId: r.unit_id,
    majorId: r.major_id,
    grade: r.grade,
    className: r.class_name,
    partyStatus: r.party_status ?? 'full',
    joinedOn: r.joined_on,
    confirmedOn: r.confirmed_on,
    orgId: r.org_id ?? 0,
    isMobile: r.is_mobile,
    isAbroad: r.is_abroad,
    isInHardship: r.is_in_hardship,
    isDualLeader: r.is_dual_leader,
    dualLeaderKind: r.dual_leader_kind,
    dualLeaderNote: r.dual_leader_note,
  };
}

/** Fields whose values differ between two records (for the audit entry, the timeline and imports). */
export function changedFields(before: MemberRecord, after: MemberRecord): (keyof MemberRecord)[] {
  return (Object.keys(after) as (keyof MemberRecord)[]).filter((k) => before[k] !== after[k]);
}
