import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './id-number.ts';
import { canHoldMembers, checkMemberRecord, type MemberRecord, partyYears } from './rules.ts';

const today = '2026-06-15';
const body = '33010819900315001';
const id = `${body}${idNumberCheckChar(body)}`; // male, born 1990-03-15

const base: MemberRecord = {
  name: '张三',
  gender: 'male',
  ethnicity: '01',
  birthDate: '1990-03-15',
  idNumber: id,
  phone: '13812345678',
  education: 'master',
  category: 'staff',
  position: '专任教师',
  title: '讲师',
  unitId: 1,
  majorId: null,
  grade: null,
  className: null,
  partyStatus: 'full',
  joinedOn: '2012-06-01',
  confirmedOn: '2013-06-01',
  orgId: 1,
  isMobile: false,
  isAbroad: false,
  isInHardship: false,
  isDualLeader: false,
  dualLeaderKind: null,
  dualLeaderNote: null,
};
const check = (patch: Partial<MemberRecord>) =>
  checkMemberRecord({ ...base, ...patch }, today).map((p) => p.message);

describe('checkMemberRecord', () => {
  it('accepts a consistent record', () => {
    expect(check({})).toEqual([]);
  });

  it('checks the ID number and that birth date and gender agree with it', () => {
    expect(check({ idNumber: `${body}${idNumberCheckChar(body) === '0' ? '1' : '0'}` })).toEqual([
      '身份证号：校验位错误',
    ]);
    expect(check({ birthDate: '1990-03-16' })).toEqual([
      '出生日期：与身份证号不一致（身份证号为 1990-03-15）',
    ]);
    expect(check({ gender: 'female' })).toEqual(['性别：与身份证号不一致（身份证号为男）']);
    expect(check({ idNumber: null, birthDate: '1990-03-16', gender: 'female' })).toEqual([]);
  });

  it('requires 18 full years at joining (党章 第一条), counting the birthday itself', () => {
    expect(check({ joinedOn: '2008-03-15', confirmedOn: '2009-03-15' })).toEqual([]);
    expect(check({ joinedOn: '2008-03-14', confirmedOn: '2009-03-14' })).toEqual([
      '入党日期：入党时应年满18周岁（《中国共产党章程》第一条）',
    ]);
  });

  it('refuses dates after today', () => {
    expect(check({ joinedOn: '2026-06-16', partyStatus: 'probationary', confirmedOn: null })).toEqual([
      '入党日期：不能晚于今天',
    ]);
    expect(check({ joinedOn: '2025-06-15', confirmedOn: '2026-06-15' })).toEqual([]);
    expect(check({ joinedOn: '2025-06-16', confirmedOn: '2026-06-16' })).toEqual(['转正日期：不能晚于今天']);
  });

  it('puts the 转正 date between one and two years after joining (党章 第七条)', () => {
    expect(check({ confirmedOn: '2013-05-31' })).toEqual([
      '转正日期：预备期为一年，最早为 2013-06-01（《中国共产党章程》第七条）',
    ]);
    expect(check({ confirmedOn: '2014-06-01' })).toEqual([]);
    expect(check({ confirmedOn: '2014-06-02' })).toEqual([
      '转正日期：预备期最多延长一年，最晚为 2014-06-01（《中国共产党章程》第七条）',
    ]);
    expect(check({ confirmedOn: '2012-06-01' })).toEqual(['转正日期：应晚于入党日期']);
    expect(check({ confirmedOn: null })).toEqual(['转正日期：正式党员须填写转正日期']);
  });

  it('handles a 29 February join date', () => {
    expect(check({ joinedOn: '2012-02-29', confirmedOn: '2013-02-28' })).toEqual([]);
    expect(check({ joinedOn: '2012-02-29', confirmedOn: '2013-02-27' })[0]).toContain('最早为 2013-02-28');
  });

  it('keeps 预备党员 without a 转正 date and within two years', () => {
    expect(check({ partyStatus: 'probationary', joinedOn: '2025-07-01', confirmedOn: null })).toEqual([]);
    expect(
      check({ partyStatus: 'probationary', joinedOn: '2025-07-01', confirmedOn: '2026-07-01' }),
    ).toContain('转正日期：预备党员不应有转正日期');
    expect(check({ partyStatus: 'probationary', joinedOn: '2024-06-15', confirmedOn: null })).toEqual([]);
    expect(check({ partyStatus: 'probationary', joinedOn: '2024-06-14', confirmedOn: null })).toEqual([
      '党籍状态：预备期已超过两年，应办理转正或取消预备党员资格（《中国共产党章程》第七条）',
    ]);
  });

  it('keeps student fields for students and 双带头人 for staff', () => {
    expect(check({ grade: '2024' })).toEqual(['年级：只有学生党员填写年级']);
    expect(check({ category: 'student', grade: '2024', className: '软件2401班', majorId: 3 })).toEqual([]);
    expect(check({ category: 'student', grade: '24' })).toEqual(['年级：应为入学年份，如 2024']);
    expect(check({ category: 'student', grade: '2028' })).toEqual(['年级：应为入学年份，如 2024']);
    expect(check({ isDualLeader: true })).toEqual(['双带头人类型：请选择专业带头人或学术带头人']);
    expect(check({ isDualLeader: true, dualLeaderKind: 'academic_leader' })).toEqual([]);
    expect(check({ category: 'retired', isDualLeader: true, dualLeaderKind: 'academic_leader' })).toEqual([
      '双带头人：“双带头人”只适用于教工党员',
    ]);
    expect(check({ dualLeaderKind: 'major_leader' })).toEqual(['双带头人类型：未认定双带头人时不应填写']);
  });

  it('checks names and phones', () => {
    expect(check({ name: '买买提·艾力' })).toEqual([]);
    expect(check({ name: '张三<script>' })).toHaveLength(1);
    expect(check({ phone: '12345' })).toEqual(['联系电话：格式不正确（手机号11位，或带区号的固定电话）']);
  });
});

describe('canHoldMembers and partyYears', () => {
  it.each([
    ['branch', 'general_branch', true],
    ['joint_branch', 'committee', true],
    ['group', 'branch', true],
    ['group', 'temporary_branch', false],
    ['temporary_branch', 'committee', false],
    ['general_branch', 'committee', false],
    ['committee', null, false],
  ] as const)('%s under %s: %s', (type, parent, ok) => {
    expect(canHoldMembers(type, parent)).toBe(ok);
  });

  it('counts 党龄 from 转正', () => {
    expect(partyYears(null, today)).toBe(0);
    expect(partyYears('2016-06-15', today)).toBe(10);
    expect(partyYears('2016-06-16', today)).toBe(9);
  });
});
