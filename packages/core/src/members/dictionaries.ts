/** Enumerations of the member roster, with their Chinese labels. */

/**
 * The 56 民族 with their GB/T 3304 two-digit codes; the code is what the database stores and what
 * national systems exchange, the name is what people see and type.
 */
export const ethnicityLabels = {
  '01': '汉族',
  '02': '蒙古族',
  '03': '回族',
  '04': '藏族',
  '05': '维吾尔族',
  '06': '苗族',
  '07': '彝族',
  '08': '壮族',
  '09': '布依族',
  '10': '朝鲜族',
  '11': '满族',
  '12': '侗族',
  '13': '瑶族',
  '14': '白族',
  '15': '土家族',
  '16': '哈尼族',
  '17': '哈萨克族',
  '18': '傣族',
  '19': '黎族',
  '20': '傈僳族',
  '21': '佤族',
  '22': '畲族',
  '23': '高山族',
  '24': '拉祜族',
  '25': '水族',
  '26': '东乡族',
  '27': '纳西族',
  '28': '景颇族',
  '29': '柯尔克孜族',
  '30': '土族',
  '31': '达斡尔族',
  '32': '仫佬族',
  '33': '羌族',
  '34': '布朗族',
  '35': '撒拉族',
  '36': '毛南族',
  '37': '仡佬族',
  '38': '锡伯族',
  '39': '阿昌族',
  '40': '普米族',
  '41': '塔吉克族',
  '42': '怒族',
  '43': '乌孜别克族',
  '44': '俄罗斯族',
  '45': '鄂温克族',
  '46': '德昂族',
  '47': '保安族',
  '48': '裕固族',
  '49': '京族',
  '50': '塔塔尔族',
  '51': '独龙族',
  '52': '鄂伦春族',
  '53': '赫哲族',
  '54': '门巴族',
  '55': '珞巴族',
  '56': '基诺族',
} as const;
export type Ethnicity = keyof typeof ethnicityLabels;
/**
 * The codes in code order (汉族 first). Not `Object.keys` alone: JavaScript lists the keys that look like array
 * indices ('10'…'56') before the others ('01'…'09'), which put 汉族 47th in every list.
 */
export const ethnicities = Object.keys(ethnicityLabels).sort() as [Ethnicity, ...Ethnicity[]];

/** Highest education (学历), coarse levels as national party statistics count them. */
export const educationLevels = [
  'doctorate',
  'master',
  'bachelor',
  'associate',
  'secondary',
  'primary',
] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const educationLabels = {
  doctorate: '博士研究生',
  master: '硕士研究生',
  bachelor: '大学本科',
  associate: '大学专科',
  secondary: '中专/高中',
  primary: '初中及以下',
} as const satisfies Record<EducationLevel, string>;

/**
 * Standing of a person on the roster. Only `active` people are members of an org today; the others
 * left the active roster (转出, 死亡, 出党, 自行脱党, 停止党籍) and keep their history.
 */
export const memberStatuses = [
  'active',
  'transferred_out',
  'deceased',
  'expelled',
  'lapsed',
  'suspended',
] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const memberStatusLabels = {
  active: '在册',
  transferred_out: '已转出',
  deceased: '死亡',
  expelled: '出党',
  lapsed: '自行脱党',
  suspended: '停止党籍',
} as const satisfies Record<MemberStatus, string>;
/** Ways of leaving the active roster other than a transfer (which has its own procedure). */
export const leaveReasons = [
  'deceased',
  'expelled',
  'lapsed',
  'suspended',
] as const satisfies readonly MemberStatus[];
export type LeaveReason = (typeof leaveReasons)[number];

/** Why a teacher secretary counts as a 双带头人 (教党〔2018〕26号). */
export const dualLeaderKinds = ['major_leader', 'academic_leader'] as const;
export type DualLeaderKind = (typeof dualLeaderKinds)[number];
export const dualLeaderKindLabels = {
  major_leader: '专业带头人',
  academic_leader: '学术带头人',
} as const satisfies Record<DualLeaderKind, string>;

/** Age bands of party statistics (年龄段), by completed years on the day counted. */
export const ageBands = ['to25', '26to35', '36to45', '46to55', '56to60', 'over60'] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageBandLabels = {
  to25: '25岁及以下',
  '26to35': '26–35岁',
  '36to45': '36–45岁',
  '46to55': '46–55岁',
  '56to60': '56–60岁',
  over60: '61岁及以上',
} as const satisfies Record<AgeBand, string>;
/** Inclusive [min, max] completed years of each age band. */
export const ageBandRanges = {
  to25: [0, 25],
  '26to35': [26, 35],
  '36to45': [36, 45],
  '46to55': [46, 55],
  '56to60': [56, 60],
  over60: [61, 200],
} as const satisfies Record<AgeBand, readonly [number, number]>;

/** Bands of length of membership (党龄, counted from 转正 as RULES §4 says). */
export const partyYearsBands = ['under1', '1to5', '6to10', '11to20', '21to30', 'over30'] as const;
export type PartyYearsBand = (typeof partyYearsBands)[number];
export const partyYearsBandLabels = {
  under1: '不足1年（含预备党员）',
  '1to5': '1–5年',
  '6to10': '6–10年',
  '11to20': '11–20年',
  '21to30': '21–30年',
  over30: '30年以上',
} as const satisfies Record<PartyYearsBand, string>;
export const partyYearsBandRanges = {
  under1: [0, 0],
  '1to5': [1, 5],
  '6to10': [6, 10],
  '11to20': [11, 20],
  '21to30': [21, 30],
  over30: [31, 200],
} as const satisfies Record<PartyYearsBand, readonly [number, number]>;

/** Yes/no flags of a member that filters and statistics use. */
export const memberFlags = ['isMobile', 'isAbroad', 'isInHardship'] as const;
export type MemberFlag = (typeof memberFlags)[number];
export const memberFlagLabels = {
  isMobile: '流动党员',
  isAbroad: '出国（境）',
  isInHardship: '困难党员',
} as const satisfies Record<MemberFlag, string>;
