import type { Gender } from '@dangjian/core';
import type { Random } from './random.ts';

/** Common Chinese surnames with rough relative frequencies (most frequent first): '王71 李70 …'. */
const surnameTable =
  '王71 李70 张67 刘54 陈45 杨31 黄23 赵22 吴20 周19 徐15 孙15 马13 朱13 胡12 郭11 何11 高10 林10 罗9 郑9 梁8 谢8 宋7 唐7 ' +
  '许7 韩6 冯6 邓6 曹6 彭5 曾5 肖5 田5 董5 袁5 潘4 于4 蒋4 蔡4 余4 杜4 叶4 程4 苏4 魏4 吕4 丁4 任4 沈4 姚3 卢3 姜3 崔3 钟3 谭3 陆3 ' +
  '汪3 范3 金3 石3 廖3 贾3 夏3 韦3 付3 方3 白2 邹2 孟2 熊2 秦2 邱2 江2 尹2 薛2 闫2 段2 雷2 侯2 龙2 史2 陶2 黎2 贺2 顾2 毛2 郝2 龚2 ' +
  '邵2 万2 钱2 严2 覃1 武1 戴1 莫1 孔1 向1 汤1 欧阳1 诸葛0.2 司马0.2';

const surnames: readonly (readonly [string, number])[] = surnameTable.split(' ').map((entry) => {
  const m = /^(\D+)([\d.]+)$/.exec(entry);
  if (!m) throw new Error(`bad surname entry: ${entry}`);
  return [m[1] ?? '', Number(m[2])] as const;
});

/** Characters of given names, by generation (staff and retirees vs students born after 2000). */
const givenChars = {
  senior: {
    male: '伟强磊军勇杰涛斌超明刚平辉鹏华飞波峰建国志文海东新林荣俊振宏晓永成春德正兴庆福立卫红光亮松'.split(
      '',
    ),
    female: '芳娜敏静丽艳娟霞燕玲红梅莉兰萍洁琴云英华慧秀玉凤春晓雪琳颖婷丹倩蓉月秋菊'.split(''),
  },
  young: {
    male: '浩宇轩子睿博泽辰俊杰涵航鑫帅旭晨阳天一铭凯昊然锦皓文嘉奕宸煜逸楷豪翔'.split(''),
    female: '欣怡梓涵萱雨思可诗佳琪悦馨彤雅语晴若婉梦瑶琳妍嘉依月婷蕾诺安'.split(''),
  },
} as const;

/** A plausible Chinese name; `young` uses the given-name fashions of students born after 2000. */
export function personName(rng: Random, gender: Gender, young: boolean): string {
  const surname = rng.weighted(surnames);
  const chars = givenChars[young ? 'young' : 'senior'][gender];
  const single = rng.chance(young ? 0.12 : 0.3);
  const first = rng.pick(chars);
  if (single) return surname + first;
  let second = rng.pick(chars);
  // Doubled characters (婷婷, 伟伟) are real but rare; re-draw most of them.
  if (second === first && rng.chance(0.8)) second = rng.pick(chars);
  return surname + first + second;
}

/** A weighted list of 职称 (null = none). */
export type TitlePool = readonly (readonly [string | null, number])[];

/** 职称 pools for the kinds of people the generator makes. */
export const titlePools = {
  engineeringTeacher: [
    ['教授', 7],
    ['副教授', 24],
    ['讲师', 38],
    ['助教', 8],
    ['高级工程师', 9],
    ['工程师', 7],
    ['高级实验师', 4],
    ['实验师', 3],
  ],
  teacher: [
    ['教授', 9],
    ['副教授', 30],
    ['讲师', 48],
    ['助教', 13],
  ],
  counselor: [
    ['讲师', 60],
    ['助教', 40],
  ],
  leader: [
    ['教授', 5],
    ['研究员', 3],
    ['副教授', 1],
  ],
  office: [
    ['研究员', 2],
    ['副研究员', 14],
    ['助理研究员', 24],
    ['讲师', 20],
    ['经济师', 8],
    ['会计师', 8],
    ['高级会计师', 3],
    ['工程师', 8],
    [null, 13],
  ],
  library: [
    ['研究馆员', 3],
    ['副研究馆员', 20],
    ['馆员', 50],
    ['助理馆员', 20],
    [null, 7],
  ],
  logistics: [
    ['高级工程师', 8],
    ['工程师', 30],
    ['助理工程师', 30],
    ['技师', 18],
    [null, 14],
  ],
  itCentre: [
    ['高级工程师', 20],
    ['工程师', 50],
    ['助理工程师', 20],
    ['实验师', 10],
  ],
  retired: [
    ['教授', 10],
    ['副教授', 30],
    ['讲师', 25],
    ['高级工程师', 10],
    ['副研究馆员', 5],
    [null, 20],
  ],
} as const satisfies Record<string, TitlePool>;

/** 职称 that count as senior (正高/副高): preferred for secretaries and 双带头人. */
export const seniorTitles: ReadonlySet<string> = new Set([
  '教授',
  '副教授',
  '研究员',
  '副研究员',
  '高级工程师',
  '高级实验师',
  '高级会计师',
  '研究馆员',
  '副研究馆员',
]);

/** Why a teacher secretary counts as a 双带头人 (recorded in dual_leader_note). */
export const dualLeaderReasons = [
  '专业带头人',
  '骨干教师',
  '教学名师',
  '学术带头人',
  '技能大师工作室负责人',
] as const;

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** Chinese numeral for 1–99 (一, 十二, 二十); larger numbers stay in Arabic digits. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
  const ones = digits[n % 10] ?? '';
  if (n < 10) return ones;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : (digits[tens] ?? '')}十${n % 10 === 0 ? '' : ones}`;
}
