import { type EducationLevel, type Ethnicity, type IsoDate, idNumberCheckChar } from '@dangjian/core';
import type { Random } from './random.ts';
import type { DemoMajor, DemoOrg, DemoPerson } from './types.ts';

/** County codes (GB/T 2260) around the college: 杭州 districts and nearby counties. */
const countyCodes = [
  '330108',
  '330106',
  '330102',
  '330105',
  '330110',
  '330381',
  '330282',
  '330481',
  '330521',
  '330683',
  '331002',
  '341024',
  '362301',
  '411522',
] as const;
const mobilePrefixes = [
  '133',
  '135',
  '136',
  '138',
  '139',
  '150',
  '152',
  '157',
  '158',
  '159',
  '177',
  '180',
  '182',
  '187',
  '188',
  '189',
  '199',
] as const;
/** 民族 of the people of a Zhejiang college: mostly 汉族, some 畲族 (a Zhejiang people) and others. */
const ethnicityWeights: readonly (readonly [Ethnicity, number])[] = [
  ['01', 930],
  ['22', 15],
  ['03', 12],
  ['11', 10],
  ['15', 10],
  ['06', 8],
  ['08', 8],
  ['02', 4],
  ['10', 3],
];

const educationWeights = {
  teacher: [
    ['doctorate', 18],
    ['master', 62],
    ['bachelor', 20],
  ],
  office: [
    ['doctorate', 3],
    ['master', 42],
    ['bachelor', 50],
    ['associate', 5],
  ],
  retired: [
    ['master', 5],
    ['bachelor', 45],
    ['associate', 30],
    ['secondary', 20],
  ],
} as const satisfies Record<string, readonly (readonly [EducationLevel, number])[]>;

/**
 * A demo person's details before `addPersonalDetails` fills them in (the ID number, phone, education…), and the
 * flags no demo person carries.
 */
export const blankPersonalDetails = {
  idNumber: null,
  phone: null,
  ethnicity: null,
  education: null,
  position: null,
  majorId: null,
  grade: null,
  className: null,
  isMobile: false,
  isAbroad: false,
  isInHardship: false,
  dualLeaderKind: null,
} as const satisfies Partial<DemoPerson>;

/**
 * The year of the last summer's graduation on `today`: students leave in late June and early July, so before
 * July it is last year's. A 高职 programme takes three years: its students of that grade have left.
 */
export function graduationYear(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '07-01' ? year : year - 1;
}

/**
 * Fills what a real roster holds: a valid 身份证号 (GB 11643) agreeing with birth date and gender,
 * a mobile number, 民族, 学历, 职务/岗位, a student's major, grade and class, and a few flags.
 */
export function addPersonalDetails(
  people: DemoPerson[],
  orgs: readonly DemoOrg[],
  majors: readonly DemoMajor[],
  leaders: readonly DemoPerson[],
  rng: Random,
  today: IsoDate,
  /** ID numbers already given (to others of the college); the new ones are added. */
  used = new Set<string>(),
): void {
  const leaderIds = new Set(leaders.map((p) => p.id));
  const orgOf = (id: number) => orgs[id - 1];
  for (const p of people) {
    p.idNumber = idNumberFor(p, rng, used);
    p.phone = `${rng.pick(mobilePrefixes)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    p.ethnicity = rng.weighted(ethnicityWeights);
    const org = orgOf(p.orgId);
    const branch = org?.type === 'group' && org.parentId !== null ? orgOf(org.parentId) : org;
    if (p.category === 'student') {
      p.education = 'associate';
      p.position = '学生';
      const majorIds = branch?.majorIds.filter((id) => majors[id - 1]?.kind === 'major') ?? [];
      const major = majorIds.length > 0 ? majors[rng.pick(majorIds) - 1] : undefined;
      p.majorId = major?.id ?? null;
      const joinedYear = Number(p.joinedOn.slice(0, 4));
      // Not of a grade that has already graduated (a student on the roster today has not).
      const grade = Math.max(
        Math.min(Number(today.slice(0, 4)), joinedYear - rng.int(0, 1)),
        graduationYear(today) - 2,
      );
      p.grade = String(grade);
      p.className = `${(major?.name ?? '专业').slice(0, 4)}${String(grade).slice(2)}${rng.int(1, 3)}班`;
      p.isMobile = rng.chance(0.03);
    } else if (p.category === 'retired') {
      p.education = rng.weighted(educationWeights.retired);
      p.position = '离退休干部';
      p.isInHardship = rng.chance(0.04);
      p.isMobile = rng.chance(0.02);
    } else {
      const isLeader = leaderIds.has(p.id);
      const isCounselor = branch?.category === 'student';
      const isTeacher = branch?.category === 'staff';
      p.education = rng.weighted(isTeacher ? educationWeights.teacher : educationWeights.office);
      p.position = isLeader ? '校领导' : isCounselor ? '专职辅导员' : isTeacher ? '专任教师' : '管理人员';
      p.isAbroad = !isLeader && rng.chance(0.01);
      if (p.isDualLeader)
        p.dualLeaderKind = p.dualLeaderNote?.includes('学术') ? 'academic_leader' : 'major_leader';
      p.isInHardship = rng.chance(0.005);
    }
  }
}

/** A unique, valid ID number for the person's birth date and gender. */
function idNumberFor(p: DemoPerson, rng: Random, used: Set<string>): string {
  const birth = p.birthDate.replaceAll('-', '');
  for (;;) {
    // The 17th digit is odd for men, even for women (GB 11643 §6.3.3).
    const order =
      rng.int(0, 99) * 10 + (p.gender === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
    const body = `${rng.pick(countyCodes)}${birth}${String(order).padStart(3, '0')}`;
    const id = `${body}${idNumberCheckChar(body)}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}
