/**
 * Who left the demo college's roster in the last year, recorded as the platform records it — so that the roster
 * rebuilt for a past day (overview/repo.ts `membersOn`: 入党/转正 dates and `left_on`) is the roster that day.
 *
 * - Graduates: every student branch sends its graduates of the last summer (late June / early July; before July,
 *   last year's) out with the school's 介绍信, and the 回执 came back: an outgoing transfer `completed`, the member
 *   `transferred_out` as of the letter's day with its note, the two timeline entries the transfers module writes
 *   (开具介绍信, then 转出本校 when the 回执 is entered). Student members are admitted late in a three-year
 *   programme (second year, first term of the third) and most graduate within two years, so about as many leave
 *   each summer as the branch admits in a year and the roster stays about level. About half left 正式; those
 *   admitted within the year before graduating left still 预备 (the receiving org confirms them).
 * - A few teachers and staff moved to another employer in the year (the same completed transfer), and a few
 *   retirees died (死亡, recorded as 离开在册名单 with the members module's timeline entry).
 *
 * Nobody here holds a post, so no team, term or 组织员 changes; being off the roster, no org, life or
 * recruitment rule counts them today. Own random streams: the college generated before stays as it was.
 */
import {
  addDays,
  addMonths,
  daysBetween,
  type IsoDate,
  isBranchType,
  memberStatusLabels,
} from '@dangjian/core';
import { personName } from './names.ts';
import { addPersonalDetails, blankPersonalDetails, graduationYear } from './personal.ts';
import type { Random } from './random.ts';
import type { CollegeData, DemoLeaver, DemoOrg, DemoPerson, DemoTransfer } from './types.ts';

/** What the leavers are made from: the college as generated, with the transfers under way today. */
export type LeaverInput = Pick<CollegeData, 'today' | 'orgs' | 'majors' | 'people' | 'transfers'> & {
  /** Their first id: after the people's and the 发展党员 applicants' (recruitment.ts `demoDossierCount`). */
  firstId: number;
};

/** A party organisation outside the college that receives a member's 组织关系. */
interface Receiver {
  name: string;
  unit: string;
  /** Same city: the letter is valid 10 days, else 30 (RULES §6). */
  sameCity: boolean;
  reason: string;
}

const employed = '毕业就业，转入工作单位党组织';
const studying = '毕业升学（专升本），转入录取院校党组织';
const home = '毕业离校，转回户籍所在地党组织';
/** Where graduates' 组织关系 go, with how often: most to their employer, some to further study or home. */
const graduateReceivers: readonly (readonly [Receiver, number])[] = [
  [
    {
      name: '中共杭州数智科技有限公司支部委员会',
      unit: '杭州数智科技有限公司',
      sameCity: true,
      reason: employed,
    },
    3,
  ],
  [
    {
      name: '中共宁波港智慧物流有限公司委员会',
      unit: '宁波港智慧物流有限公司',
      sameCity: false,
      reason: employed,
    },
    2,
  ],
  [
    {
      name: '中共杭州滨智装备制造有限公司委员会',
      unit: '杭州滨智装备制造有限公司',
      sameCity: true,
      reason: employed,
    },
    3,
  ],
  [
    {
      name: '中共浙江云桥电子商务有限公司支部委员会',
      unit: '浙江云桥电子商务有限公司',
      sameCity: true,
      reason: employed,
    },
    2,
  ],
  [
    {
      name: '中共绍兴柯桥纺织集团有限公司委员会',
      unit: '绍兴柯桥纺织集团有限公司',
      sameCity: false,
      reason: employed,
    },
    2,
  ],
  [
    {
      name: '中共嘉兴南湖健康管理有限公司支部委员会',
      unit: '嘉兴南湖健康管理有限公司',
      sameCity: false,
      reason: employed,
    },
    1,
  ],
  [{ name: '中共浙东理工学院委员会', unit: '浙东理工学院', sameCity: false, reason: studying }, 2],
  [{ name: '中共之江应用技术学院委员会', unit: '之江应用技术学院', sameCity: true, reason: studying }, 1],
  [
    {
      name: '中共金华市婺城区城东街道工作委员会',
      unit: '金华市婺城区城东街道',
      sameCity: false,
      reason: home,
    },
    1,
  ],
  [
    {
      name: '中共衢州市柯城区府山街道工作委员会',
      unit: '衢州市柯城区府山街道',
      sameCity: false,
      reason: home,
    },
    1,
  ],
];
/** Where teachers and staff who left went (调离). */
const staffReceivers: readonly Receiver[] = [
  {
    name: '中共临江职业技术学院委员会',
    unit: '临江职业技术学院',
    sameCity: false,
    reason: '工作调动，调入临江职业技术学院',
  },
  {
    name: '中共杭州市钱塘新区教育工作委员会',
    unit: '杭州市钱塘新区教育局',
    sameCity: true,
    reason: '工作调动，调入钱塘新区教育局',
  },
  {
    name: '中共浙东理工学院委员会',
    unit: '浙东理工学院',
    sameCity: false,
    reason: '工作调动，调入浙东理工学院',
  },
];

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

/** The day itself, or the Friday before a Saturday or Sunday (never later: a letter is not dated ahead). */
function workdayBefore(date: IsoDate): IsoDate {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 6 ? addDays(date, -1) : dow === 0 ? addDays(date, -2) : date;
}

interface Leaving {
  person: DemoLeaver;
  /** The completed outgoing transfer (its id and letter number are set once all are numbered). */
  transfer: DemoTransfer | null;
}

interface Ctx {
  rng: Random;
  today: IsoDate;
  nextId: number;
  out: Leaving[];
}

/** A branch's people today (in it or its 党小组) and its 党小组. */
function branchOf(input: LeaverInput) {
  const members = new Map<number, DemoPerson[]>();
  for (const p of input.people) {
    const org = input.orgs[p.orgId - 1]!;
    const branchId = org.type === 'group' && org.parentId !== null ? org.parentId : org.id;
    const list = members.get(branchId);
    if (list) list.push(p);
    else members.set(branchId, [p]);
  }
  const groups = new Map<number, DemoOrg[]>();
  for (const o of input.orgs)
    if (o.type === 'group' && o.parentId !== null)
      groups.set(o.parentId, [...(groups.get(o.parentId) ?? []), o]);
  return { members, groups };
}

/** A new leaver's record; personal details (ID number, phone, 民族, 学历, class) come later. */
function leaver(
  ctx: Ctx,
  fields: Pick<
    DemoLeaver,
    'gender' | 'birthDate' | 'category' | 'orgId' | 'joinedOn' | 'unitId' | 'title' | 'status' | 'leftOn'
  > & { young: boolean },
): DemoLeaver {
  const confirmedOn = addMonths(fields.joinedOn, 12);
  // 转正 on time when the year of 预备期 ended before they left; otherwise they left still 预备.
  const full = confirmedOn <= fields.leftOn;
  return {
    id: ctx.nextId++,
    name: personName(ctx.rng, fields.gender, fields.young),
    gender: fields.gender,
    birthDate: fields.birthDate,
    category: fields.category,
    partyStatus: full ? 'full' : 'probationary',
    orgId: fields.orgId,
    joinedOn: fields.joinedOn,
    confirmedOn: full ? confirmedOn : null,
    isDualLeader: false,
    dualLeaderNote: null,
    unitId: fields.unitId,
    title: fields.title,
    ...blankPersonalDetails,
    status: fields.status,
    leftOn: fields.leftOn,
    leaveNote: '',
    events: [],
  };
}

/** An outgoing letter issued on the day they left, its 回执 back within the letter's validity (not after today). */
function completedLetter(ctx: Ctx, person: DemoLeaver, receiver: Receiver): DemoTransfer {
  const validDays = receiver.sameCity ? 10 : 30;
  const issuedOn = person.leftOn;
  return {
    id: 0,
    kind: 'outgoing',
    status: 'completed',
    personId: person.id,
    fromOrgId: person.orgId,
    toOrgId: null,
    externalOrgName: receiver.name,
    externalUnit: receiver.unit,
    letterNumber: null,
    issuedOn,
    validDays,
    expiresOn: addDays(issuedOn, validDays),
    requestedOn: issuedOn,
    reason: receiver.reason,
    duesPaidUntil: issuedOn.slice(0, 7),
    receiptOn: earlier(addDays(issuedOn, ctx.rng.int(4, validDays - 1)), ctx.today),
  };
}

const femaleShareOf = (people: readonly DemoPerson[]): number =>
  people.length === 0 ? 0.5 : people.filter((p) => p.gender === 'female').length / people.length;

/**
 * Days from admission to graduation: at the earliest in the autumn of the second year (a year as 积极分子
 * after applying on arrival), most in the second year and the first term of the third.
 */
const admittedBeforeLeaving = [150, 580] as const;

/**
 * Last summer's graduates of each student branch. The roster stays about level: those of them who were
 * members a year ago are about as many (±10 %) as the branch's members admitted since, its 预备党员 today.
 */
function addGraduates(ctx: Ctx, input: LeaverInput, branches: ReturnType<typeof branchOf>): void {
  const { rng, today } = ctx;
  const year = graduationYear(today);
  const yesterday = addDays(today, -1);
  // The share of graduates admitted before a year ago (shortly after a graduation, some joined only since).
  const [soonest, earliest] = admittedBeforeLeaving;
  const sinceYearAgo = daysBetween(addMonths(today, -12), `${year}-06-29`);
  const memberAYearAgo = Math.max(0.8, (earliest - Math.max(soonest, sinceYearAgo)) / (earliest - soonest));
  for (const branch of input.orgs) {
    if (!isBranchType(branch.type) || branch.category !== 'student') continue;
    const students = (branches.members.get(branch.id) ?? []).filter((p) => p.category === 'student');
    const admittedInAYear = students.filter((p) => p.partyStatus === 'probationary').length;
    const count = Math.round((admittedInAYear * (0.9 + 0.2 * rng.next())) / memberAYearAgo);
    const groups = branches.groups.get(branch.id) ?? [];
    const femaleShare = femaleShareOf(students);
    // The branch sends its graduates' letters on two or three days around the 毕业典礼.
    const days = Array.from({ length: rng.int(2, 3) }, () =>
      earlier(workdayBefore(addDays(`${year}-06-20`, rng.int(0, 18))), yesterday),
    );
    for (let i = 0; i < count; i++) {
      const leftOn = rng.pick(days);
      // Not admitted before the branch existed.
      const joinedOn = later(addDays(leftOn, -rng.int(soonest, earliest)), branch.foundedOn ?? '1900-01-01');
      const gender = rng.chance(femaleShare) ? 'female' : 'male';
      const birthDate = addDays(addMonths(joinedOn, -12 * rng.int(18, 20)), -rng.int(0, 300));
      if (daysBetween(joinedOn, leftOn) < 60) continue;
      const person = leaver(ctx, {
        gender,
        birthDate,
        category: 'student',
        orgId: groups.length > 0 ? rng.pick(groups).id : branch.id,
        joinedOn,
        unitId: branch.unitId,
        title: null,
        status: 'transferred_out',
        leftOn,
        young: true,
      });
      ctx.out.push({ person, transfer: completedLetter(ctx, person, rng.weighted(graduateReceivers)) });
    }
  }
}

/** Teachers and staff who moved to another employer in the year, and retirees who died. */
function addStaff(ctx: Ctx, input: LeaverInput, branches: ReturnType<typeof branchOf>): void {
  const { rng, today } = ctx;
  for (const branch of input.orgs) {
    if (!isBranchType(branch.type) || branch.category === null || branch.category === 'student') continue;
    const colleagues = branches.members.get(branch.id) ?? [];
    if (colleagues.length === 0) continue;
    const retired = branch.category === 'retired';
    // About one in eight staff branches lost a member to another employer; a retirees' branch about 3 % a year.
    const count = retired
      ? Math.round(colleagues.length * 0.03 * (0.5 + rng.next()))
      : rng.chance(0.12)
        ? 1
        : 0;
    const groups = branches.groups.get(branch.id) ?? [];
    const titled = colleagues.filter((p) => p.title !== null);
    for (let i = 0; i < count; i++) {
      const leftOn = retired
        ? addDays(today, -rng.int(10, 355))
        : workdayBefore(addDays(today, -rng.int(20, 350)));
      const age = retired ? rng.int(78, 92) : rng.int(28, 50);
      const birthDate = addDays(addMonths(leftOn, -12 * age), -rng.int(0, 364));
      const joinedOn = addDays(
        addMonths(birthDate, 12 * rng.int(20, retired ? 35 : age - 5)),
        rng.int(0, 300),
      );
      const colleague = rng.pick(colleagues);
      const person = leaver(ctx, {
        gender: rng.chance(femaleShareOf(colleagues)) ? 'female' : 'male',
        birthDate,
        category: retired ? 'retired' : 'staff',
        orgId: groups.length > 0 ? rng.pick(groups).id : branch.id,
        joinedOn,
        unitId: colleague.unitId,
        title: titled.length > 0 ? rng.pick(titled).title : null,
        status: retired ? 'deceased' : 'transferred_out',
        leftOn,
        young: false,
      });
      if (retired) {
        // As the members module records a death (leaveRoster): the note, and one timeline entry.
        person.leaveNote = '病故';
        person.events.push({
          kind: 'left',
          on: leftOn,
          at: earlier(addDays(leftOn, rng.int(2, 20)), today),
          summary: `${memberStatusLabels.deceased}，离开在册名单（${person.leaveNote}）`,
          details: null,
        });
        ctx.out.push({ person, transfer: null });
      } else {
        ctx.out.push({ person, transfer: completedLetter(ctx, person, rng.pick(staffReceivers)) });
      }
    }
  }
}

/**
 * Numbers every transfer in the order it was entered (the completed ones before today's, by letter day) and
 * every outgoing letter per year by its day ('2026-001', as the transfers module numbers them).
 */
function numberTransfers(completed: DemoTransfer[], current: readonly DemoTransfer[]): DemoTransfer[] {
  const all = [
    ...[...completed].sort(
      (a, b) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? '') || a.personId - b.personId,
    ),
    ...current.map((t) => ({ ...t })),
  ];
  all.forEach((t, i) => {
    t.id = i + 1;
  });
  const letters = all
    .filter((t) => t.kind === 'outgoing' && t.issuedOn !== null)
    .sort((a, b) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? '') || a.id - b.id);
  const seq = new Map<string, number>();
  for (const t of letters) {
    const year = (t.issuedOn ?? '').slice(0, 4);
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    t.letterNumber = `${year}-${String(n).padStart(3, '0')}`;
  }
  return all;
}

/**
 * Generates the leavers of the last year (ids from `firstId`) and returns them with the college's
 * transfers: the completed letters that took them out, then the transfers under way today, numbered anew.
 */
export function buildDemoLeavers(
  input: LeaverInput,
  rng: Random,
  detailsRng: Random,
): { leavers: DemoLeaver[]; transfers: DemoTransfer[] } {
  const ctx: Ctx = { rng, today: input.today, nextId: input.firstId, out: [] };
  const branches = branchOf(input);
  addGraduates(ctx, input, branches);
  addStaff(ctx, input, branches);
  const leavers = ctx.out.map((l) => l.person);

  const used = new Set(input.people.flatMap((p) => (p.idNumber ? [p.idNumber] : [])));
  addPersonalDetails(leavers, input.orgs, input.majors, [], detailsRng, input.today, used);
  // A graduate was in the final year of a three-year programme.
  const grade = String(graduationYear(input.today) - 3);
  for (const p of leavers) {
    if (p.category !== 'student') continue;
    p.grade = grade;
    p.className = (p.className ?? '').replace(/\d{2}(\d)班$/, `${grade.slice(2)}$1班`);
  }

  const transfers = numberTransfers(
    ctx.out.flatMap((l) => (l.transfer ? [l.transfer] : [])),
    input.transfers,
  );
  const byPerson = new Map(transfers.filter((t) => t.status === 'completed').map((t) => [t.personId, t]));
  for (const p of leavers) {
    const t = byPerson.get(p.id);
    if (!t) continue;
    const details = { transferId: t.id };
    // As the transfers module writes them: issuing the letter (issueOutgoing), then the 回执 (recordReceipt).
    p.leaveNote = `组织关系转往${t.externalOrgName}（介绍信第${t.letterNumber}号）`;
    p.events.push(
      {
        kind: 'transfer_requested',
        on: t.issuedOn!,
        at: t.issuedOn!,
        summary: `开具组织关系介绍信（第${t.letterNumber}号），转往${t.externalOrgName}，有效期${t.validDays}天；回执退回前仍在本校在册`,
        details,
      },
      {
        kind: 'transferred_out',
        on: t.issuedOn!,
        at: t.receiptOn!,
        summary: `组织关系转出本校，转往${t.externalOrgName}（介绍信第${t.letterNumber}号，回执 ${t.receiptOn} 退回）`,
        details,
      },
    );
  }
  return { leavers, transfers };
}
