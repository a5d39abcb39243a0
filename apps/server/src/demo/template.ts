import { type TitlePool, titlePools } from './names.ts';
import type { DemoCase } from './types.ts';

/** Who a branch organises, which decides how its members are generated. */
export type MemberKind = 'teacher' | 'student' | 'office' | 'retired';

/** A branch of a 二级学院, built on some of the college's majors (indexes into `majors`). */
export interface CollegeBranchTemplate {
  shortName: string;
  kind: 'teacher' | 'student';
  majors: readonly number[];
  /** Member count range of an ordinary copy. */
  size: readonly [number, number];
  /** Rule case planted on the first copy only. */
  demoCase?: DemoCase;
  /** Member count of the copy that carries the case, when the case needs one. */
  caseSize?: number;
}

/** A 二级学院 with its majors, 专业群 and branches. */
export interface CollegeTemplate {
  name: string;
  shortName: string;
  femaleShare: number;
  titles: TitlePool;
  cluster: string | null;
  majors: readonly string[];
  branches: readonly CollegeBranchTemplate[];
  /** The first copy has no 组织员 (rule unit.organiser_missing). */
  withoutOrganiser?: boolean;
}

/** A branch of 机关 or directly under the 党委, organising the people of some units. */
export interface UnitBranchTemplate {
  name: string;
  shortName: string;
  type: 'branch' | 'joint_branch';
  kind: 'office' | 'retired';
  units: readonly string[];
  size: readonly [number, number];
  titles: TitlePool;
  /** The first copy's first members are the school leaders (党委 team). */
  leaders?: number;
  demoCase?: DemoCase;
  caseSize?: number;
  /** Full members of the case copy; the rest are 预备党员. */
  caseFullMembers?: number;
}

const teacherSize = [22, 28] as const;
const studentSize = [25, 30] as const;

/** The eight 二级学院 of the demo college; rule cases are planted on their first copy. */
export const collegeTemplates: readonly CollegeTemplate[] = [
  {
    name: '智能制造学院',
    shortName: '智能制造',
    femaleShare: 0.25,
    titles: titlePools.engineeringTeacher,
    cluster: '智能制造装备技术专业群',
    majors: ['机电一体化技术', '工业机器人技术', '智能制造装备技术', '模具设计与制造', '数控技术'],
    branches: [
      { shortName: '机电教工党支部', kind: 'teacher', majors: [0, 1], size: [24, 30] },
      {
        shortName: '智能装备教工党支部',
        kind: 'teacher',
        majors: [2, 3, 4],
        size: teacherSize,
        demoCase: 'team.committee_size',
      },
      { shortName: '机电学生党支部', kind: 'student', majors: [0], size: studentSize },
      { shortName: '机器人学生党支部', kind: 'student', majors: [1], size: studentSize },
      { shortName: '装备制造学生党支部', kind: 'student', majors: [2, 3, 4], size: studentSize },
    ],
  },
  {
    name: '信息工程学院',
    shortName: '信息工程',
    femaleShare: 0.35,
    titles: titlePools.engineeringTeacher,
    cluster: '软件技术专业群',
    majors: ['软件技术', '计算机应用技术', '大数据技术', '计算机网络技术', '人工智能技术应用'],
    branches: [
      {
        shortName: '软件教工党支部',
        kind: 'teacher',
        majors: [0, 1],
        size: [24, 30],
        demoCase: 'term.overdue',
      },
      { shortName: '网络与大数据教工党支部', kind: 'teacher', majors: [2, 3], size: teacherSize },
      { shortName: '软件技术学生党支部', kind: 'student', majors: [0, 1], size: studentSize },
      { shortName: '大数据与网络学生党支部', kind: 'student', majors: [2, 3], size: studentSize },
      {
        shortName: '人工智能学生党支部',
        kind: 'student',
        majors: [4],
        size: [8, 12],
        demoCase: 'term.missing',
      },
    ],
  },
  {
    name: '经济管理学院',
    shortName: '经济管理',
    femaleShare: 0.65,
    titles: titlePools.teacher,
    cluster: '大数据与会计专业群',
    majors: ['大数据与会计', '电子商务', '现代物流管理', '市场营销', '金融服务与管理'],
    branches: [
      { shortName: '经管教工党支部', kind: 'teacher', majors: [0, 1, 2, 3, 4], size: [25, 30] },
      {
        shortName: '会计学生党支部',
        kind: 'student',
        majors: [0],
        size: studentSize,
        demoCase: 'term.ending_soon',
      },
      { shortName: '电商物流学生党支部', kind: 'student', majors: [1, 2], size: studentSize },
      {
        shortName: '营销金融学生党支部',
        kind: 'student',
        majors: [3, 4],
        size: studentSize,
        demoCase: 'team.secretary_missing',
      },
    ],
  },
  {
    name: '建筑工程学院',
    shortName: '建筑工程',
    femaleShare: 0.3,
    titles: titlePools.engineeringTeacher,
    cluster: '建筑工程技术专业群',
    majors: ['建筑工程技术', '工程造价', '建设工程管理', '建筑装饰工程技术'],
    branches: [
      {
        shortName: '建筑教工党支部',
        kind: 'teacher',
        majors: [0, 1, 2, 3],
        size: [24, 30],
        demoCase: 'branch.committee_required',
      },
      {
        shortName: '建筑工程学生党支部',
        kind: 'student',
        majors: [0, 2],
        size: studentSize,
        demoCase: 'term.election_request_missing',
      },
      {
        shortName: '工程造价学生党支部',
        kind: 'student',
        majors: [1, 3],
        size: studentSize,
        demoCase: 'term.length_exceeds',
      },
    ],
  },
  {
    name: '汽车工程学院',
    shortName: '汽车工程',
    femaleShare: 0.2,
    titles: titlePools.engineeringTeacher,
    cluster: '新能源汽车技术专业群',
    majors: ['新能源汽车技术', '汽车检测与维修技术', '汽车制造与试验技术', '汽车技术服务与营销'],
    branches: [
      { shortName: '汽车教工党支部', kind: 'teacher', majors: [1, 2, 3], size: teacherSize },
      {
        shortName: '新能源汽车教工党支部',
        kind: 'teacher',
        majors: [0],
        size: [20, 26],
        demoCase: 'secretary.dual_leader',
      },
      { shortName: '新能源汽车学生党支部', kind: 'student', majors: [0], size: studentSize },
      {
        shortName: '汽车检测学生党支部',
        kind: 'student',
        majors: [1, 2, 3],
        size: studentSize,
        demoCase: 'term.election_requested',
      },
    ],
  },
  {
    name: '艺术设计学院',
    shortName: '艺术设计',
    femaleShare: 0.6,
    titles: titlePools.teacher,
    cluster: '数字创意设计专业群',
    majors: ['视觉传达设计', '环境艺术设计', '数字媒体艺术设计', '服装与服饰设计'],
    branches: [
      { shortName: '艺术设计教工党支部', kind: 'teacher', majors: [0, 1, 2, 3], size: [24, 30] },
      { shortName: '视觉传达学生党支部', kind: 'student', majors: [0, 1], size: studentSize },
      { shortName: '数字媒体学生党支部', kind: 'student', majors: [2, 3], size: studentSize },
    ],
    withoutOrganiser: true,
  },
  {
    name: '健康护理学院',
    shortName: '健康护理',
    femaleShare: 0.8,
    titles: titlePools.teacher,
    cluster: '护理专业群',
    majors: ['护理', '助产', '康复治疗技术', '药学', '智慧健康养老服务与管理'],
    branches: [
      { shortName: '护理教工党支部', kind: 'teacher', majors: [0, 1], size: [24, 30] },
      { shortName: '康复药学教工党支部', kind: 'teacher', majors: [2, 3, 4], size: [20, 26] },
      {
        shortName: '护理第一学生党支部',
        kind: 'student',
        majors: [0],
        size: studentSize,
        demoCase: 'branch.max_members',
        caseSize: 36,
      },
      { shortName: '护理第二学生党支部', kind: 'student', majors: [0, 1], size: studentSize },
      { shortName: '康复药学学生党支部', kind: 'student', majors: [2, 3, 4], size: studentSize },
    ],
  },
  {
    name: '马克思主义学院',
    shortName: '马克思主义',
    femaleShare: 0.55,
    titles: titlePools.teacher,
    cluster: null,
    majors: [],
    // Teaches 思政课 to every student but enrols none: teacher branches only.
    branches: [
      { shortName: '思政课第一教工党支部', kind: 'teacher', majors: [], size: [18, 24] },
      { shortName: '思政课第二教工党支部', kind: 'teacher', majors: [], size: [18, 24] },
    ],
  },
];

/** 职能部门, shared by every copy of the colleges. */
export const departmentNames = [
  '党委办公室',
  '校长办公室',
  '组织部',
  '宣传部',
  '纪委办公室',
  '人事处',
  '教务处',
  '科研处',
  '学生工作处',
  '招生就业处',
  '财务处',
  '保卫处',
  '国有资产管理处',
  '离退休工作处',
] as const;

/** 教辅单位, shared by every copy of the colleges. */
export const supportUnitNames = ['图书馆', '后勤服务中心', '现代教育技术中心'] as const;

/** Branches of the 机关党总支. */
export const officeBranchTemplates: readonly UnitBranchTemplate[] = [
  {
    name: '党政办公室党支部',
    shortName: '党政办支部',
    type: 'branch',
    kind: 'office',
    units: ['党委办公室', '校长办公室'],
    size: [42, 48],
    titles: titlePools.office,
    leaders: 9,
  },
  {
    name: '组织宣传党支部',
    shortName: '组宣支部',
    type: 'branch',
    kind: 'office',
    units: ['组织部', '宣传部', '纪委办公室'],
    size: [32, 38],
    titles: titlePools.office,
  },
  {
    name: '教学科研党支部',
    shortName: '教科支部',
    type: 'branch',
    kind: 'office',
    units: ['教务处', '科研处'],
    size: [32, 38],
    titles: titlePools.office,
  },
  {
    name: '学生工作党支部',
    shortName: '学工支部',
    type: 'branch',
    kind: 'office',
    units: ['学生工作处', '招生就业处'],
    size: [32, 38],
    titles: titlePools.office,
  },
  {
    name: '人事财务党支部',
    shortName: '人事财务支部',
    type: 'branch',
    kind: 'office',
    units: ['人事处', '财务处'],
    size: [26, 32],
    titles: titlePools.office,
  },
  {
    // Two small offices with too few full members each for a branch of their own (支部条例 第五条). Its
    // committee was elected when it was larger; with 5–6 full members it should have a 书记 only (第十八条).
    name: '保卫资产联合党支部',
    shortName: '保卫资产联合支部',
    type: 'joint_branch',
    kind: 'office',
    units: ['保卫处', '国有资产管理处'],
    size: [5, 6],
    titles: titlePools.office,
    demoCase: 'branch.committee_not_allowed',
  },
];

/** 直属党支部 directly under the 党委. */
export const directBranchTemplates: readonly UnitBranchTemplate[] = [
  {
    name: '图书馆直属党支部',
    shortName: '图书馆支部',
    type: 'branch',
    kind: 'office',
    units: ['图书馆'],
    size: [20, 26],
    titles: titlePools.library,
  },
  {
    name: '后勤服务中心直属党支部',
    shortName: '后勤支部',
    type: 'branch',
    kind: 'office',
    units: ['后勤服务中心'],
    size: [24, 30],
    titles: titlePools.logistics,
    demoCase: 'term.postponement_too_long',
  },
  {
    name: '现代教育技术中心直属党支部',
    shortName: '现教中心支部',
    type: 'branch',
    kind: 'office',
    units: ['现代教育技术中心'],
    size: [8, 12],
    titles: titlePools.itCentre,
    demoCase: 'branch.min_full_members',
    caseSize: 3,
    caseFullMembers: 2,
  },
  {
    name: '离退休第一党支部',
    shortName: '离退休一支部',
    type: 'branch',
    kind: 'retired',
    units: ['离退休工作处'],
    size: [42, 48],
    titles: titlePools.retired,
  },
  {
    name: '离退休第二党支部',
    shortName: '离退休二支部',
    type: 'branch',
    kind: 'retired',
    units: ['离退休工作处'],
    size: [42, 48],
    titles: titlePools.retired,
  },
];
