import { addMonths, completedYears, type IsoDate } from '../dates.ts';
import type { Gender, MemberCategory, OrgType, PartyStatus } from '../dictionaries.ts';
import type { FieldProblem } from '../rules/term-record.ts';
import type { DualLeaderKind, EducationLevel, Ethnicity } from './dictionaries.ts';
import { isValidPhone, parseIdNumber } from './id-number.ts';

/** A member's record as the form, the API and the importer hand it to the rules. */
export interface MemberRecord {
  name: string;
  gender: Gender | null;
  ethnicity: Ethnicity | null;
  birthDate: IsoDate | null;
  idNumber: string | null;
  phone: string | null;
  education: EducationLevel | null;
  category: MemberCategory;
  position: string | null;
  title: string | null;
  unitId: number | null;
  majorId: number | null;
  grade: string | null;
  className: string | null;
  partyStatus: PartyStatus;
  joinedOn: IsoDate | null;
  confirmedOn: IsoDate | null;
  orgId: number;
  isMobile: boolean;
  isAbroad: boolean;
  isInHardship: boolean;
  isDualLeader: boolean;
  dualLeaderKind: DualLeaderKind | null;
  dualLeaderNote: string | null;
}
export type MemberField = keyof MemberRecord;

/** Chinese names of the fields, as forms, error messages, the import template and exports use them. */
export const memberFieldLabels = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '身份证号',
  phone: '联系电话',
  education: '学历',
  category: '人员类别',
  position: '职务/岗位',
  title: '职称',
  unitId: '所在单位',
  majorId: '专业',
  grade: '年级',
  className: '班级',
  partyStatus: '党籍状态',
  joinedOn: '入党日期',
  confirmedOn: '转正日期',
  orgId: '所在党组织',
  isMobile: '流动党员',
  isAbroad: '出国（境）',
  isInHardship: '困难党员',
  isDualLeader: '双带头人',
  dualLeaderKind: '双带头人类型',
  dualLeaderNote: '双带头人说明',
} as const satisfies Record<MemberField, string>;

/** A problem with one member field: `path` is the field, `message` starts with its Chinese name. */
export interface MemberProblem extends FieldProblem {
  path: MemberField;
}

/** Minimum age of a member: 年满十八岁 (党章 第一条; 发展细则 第五条). */
export const minimumMemberAge = 18;
/** 预备期 is one year (党章 第七条) and can be extended once by at most one year (党章 第七条). */
export const probationMonths = 12;
export const maxProbationExtensionMonths = 12;

/**
 * Problems with a member's record, each naming its field; empty when the record is consistent.
 * - 身份证号 passes GB 11643-1999 and agrees with the birth date and gender;
 * - joined at 18 or older (党章 第一条), not in the future;
 * - a 正式党员 was confirmed at the end of a one-year 预备期 or of one extension of at most a year
 *   (党章 第七条): confirmedOn within [joinedOn + 12 months, joinedOn + 24 months], not in the future;
 * - a 预备党员 has no 转正日期 and cannot have been on probation longer than two years;
 * - 双带头人 only for staff; a student's major, grade and class only for students.
 */
export function checkMemberRecord(m: MemberRecord, today: IsoDate): MemberProblem[] {
  const problems: MemberProblem[] = [];
  const add = (path: MemberField, message: string) =>
    problems.push({ path, message: `${memberFieldLabels[path]}：${message}` });

  if (!/^[\p{Script=Han}A-Za-z·•. ]{1,40}$/u.test(m.name) || m.name.trim() !== m.name)
    add('name', '只能包含汉字、字母和间隔号“·”，不超过40个字符');

  let birthDate = m.birthDate;
  if (m.idNumber !== null) {
    const parsed = parseIdNumber(m.idNumber, today);
    if (!parsed.ok) add('idNumber', parsed.message);
    else {
      if (m.birthDate !== null && m.birthDate !== parsed.facts.birthDate)
        add('birthDate', `与身份证号不一致（身份证号为 ${parsed.facts.birthDate}）`);
      if (m.gender !== null && m.gender !== parsed.facts.gender)
        add('gender', `与身份证号不一致（身份证号为${parsed.facts.gender === 'male' ? '男' : '女'}）`);
      birthDate ??= parsed.facts.birthDate;
    }
  }
  if (birthDate !== null && birthDate > today) add('birthDate', '不能晚于今天');

  if (m.phone !== null && !isValidPhone(m.phone))
    add('phone', '格式不正确（手机号11位，或带区号的固定电话）');

  if (m.joinedOn === null) add('joinedOn', '不能为空');
  else {
    if (m.joinedOn > today) add('joinedOn', '不能晚于今天');
    if (birthDate !== null && birthDate <= today && completedYears(birthDate, m.joinedOn) < minimumMemberAge)
      add('joinedOn', `入党时应年满${minimumMemberAge}周岁（《中国共产党章程》第一条）`);
  }

  if (m.partyStatus === 'full') {
    if (m.confirmedOn === null) add('confirmedOn', '正式党员须填写转正日期');
    else if (m.joinedOn !== null) {
      const earliest = addMonths(m.joinedOn, probationMonths);
      const latest = addMonths(m.joinedOn, probationMonths + maxProbationExtensionMonths);
      if (m.confirmedOn <= m.joinedOn) add('confirmedOn', '应晚于入党日期');
      else if (m.confirmedOn < earliest)
        add('confirmedOn', `预备期为一年，最早为 ${earliest}（《中国共产党章程》第七条）`);
      else if (m.confirmedOn > latest)
        add('confirmedOn', `预备期最多延长一年，最晚为 ${latest}（《中国共产党章程》第七条）`);
    }
    if (m.confirmedOn !== null && m.confirmedOn > today) add('confirmedOn', '不能晚于今天');
  } else {
    if (m.confirmedOn !== null) add('confirmedOn', '预备党员不应有转正日期');
    if (m.joinedOn !== null && addMonths(m.joinedOn, probationMonths + maxProbationExtensionMonths) < today)
      add('partyStatus', '预备期已超过两年，应办理转正或取消预备党员资格（《中国共产党章程》第七条）');
  }

  if (m.category !== 'student') {
    if (m.majorId !== null) add('majorId', '只有学生党员填写专业');
    if (m.grade !== null) add('grade', '只有学生党员填写年级');
    if (m.className !== null) add('className', '只有学生党员填写班级');
  } else if (m.grade !== null) {
    const year = Number(m.grade);
    if (!/^\d{4}$/.test(m.grade) || year < 1950 || year > Number(today.slice(0, 4)) + 1)
      add('grade', '应为入学年份，如 2024');
  }
  if (m.isDualLeader) {
    if (m.category !== 'staff') add('isDualLeader', '“双带头人”只适用于教工党员');
    if (m.dualLeaderKind === null) add('dualLeaderKind', '请选择专业带头人或学术带头人');
  } else if (m.dualLeaderKind !== null) add('dualLeaderKind', '未认定双带头人时不应填写');
  return problems;
}

/** Birth date and gender a record implies: from its ID number when valid, else as entered. */
export function impliedBirthAndGender(m: Pick<MemberRecord, 'idNumber' | 'birthDate' | 'gender'>): {
  birthDate: IsoDate | null;
  gender: Gender | null;
} {
  if (m.idNumber !== null) {
    const parsed = parseIdNumber(m.idNumber);
    if (parsed.ok) return { birthDate: parsed.facts.birthDate, gender: parsed.facts.gender };
  }
  return { birthDate: m.birthDate, gender: m.gender };
}

/**
 * Where members may be placed: a branch, a joint branch or a 党小组 of one. A 临时党支部 does not
 * hold members' organisational relations (支部条例 第五条: 临时党支部 members keep their relation in
 * their own branch), and 党委/党总支 hold none directly.
 */
export function canHoldMembers(orgType: OrgType, parentType: OrgType | null): boolean {
  if (orgType === 'branch' || orgType === 'joint_branch') return true;
  return orgType === 'group' && (parentType === 'branch' || parentType === 'joint_branch');
}

/** Completed years of 党龄, counted from 转正 (RULES §4); a 预备党员 has 0. */
export function partyYears(confirmedOn: IsoDate | null, today: IsoDate): number {
  if (confirmedOn === null || confirmedOn > today) return 0;
  return completedYears(confirmedOn, today);
}
