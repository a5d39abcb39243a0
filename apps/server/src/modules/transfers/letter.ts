import { formatChineseDate, type Gender, genderLabels, type PartyStatus } from '@dangjian/core';
import type { Paragraph, TextRun } from 'docx';
import { createDocx, fontSizes, paragraph, textRun, titleParagraphs } from '../../files/docx.ts';

/** What the 《中国共产党党员组织关系介绍信》 states about the member and the move. */
export interface LetterData {
  letterNumber: string;
  name: string;
  gender: Gender | null;
  age: number | null;
  /** 民族 as people read it (汉族), not its code. */
  ethnicity: string | null;
  idNumber: string | null;
  partyStatus: PartyStatus | null;
  /** The 基层党委 issuing the letter, which stays responsible until the 回执 returns. */
  issuerName: string;
  /** The member's branch in the college. */
  fromOrgName: string;
  /** The receiving party organisation. */
  toOrgName: string;
  /** The unit the member goes to, when known (去往单位). */
  toUnit: string | null;
  /** 'YYYY-MM'. */
  duesPaidUntil: string | null;
  validDays: number;
  issuedOn: string;
  phone: string | null;
}

/** A blank to fill in by hand. */
const blank = '\u3000\u3000\u3000\u3000';

/** '2026-06' → '2026年6月'. */
function chineseMonth(ym: string | null): string {
  if (!ym) return `${blank}年${blank}月`;
  const [y, m] = ym.split('-');
  return `${y}年${Number(m)}月`;
}

/** A run of text; `filled` values are underlined like the entries of a printed form. */
function run(text: string, opts: { filled?: boolean; size?: number } = {}): TextRun {
  return textRun(text, { underline: opts.filled ?? false, ...(opts.size ? { size: opts.size } : {}) });
}

/** 1.25 lines: the three parts of the letter share one A4 page. */
const lineSpacing = 1.25;

function title(text: string): Paragraph[] {
  return titleParagraphs(text, { size: fontSizes.三号, after: 120 });
}

function right(...children: TextRun[]): Paragraph {
  return paragraph(children, { align: 'right', lineSpacing });
}

function body(...children: TextRun[]): Paragraph {
  return paragraph(children, { indent: true, lineSpacing });
}

function line(...children: TextRun[]): Paragraph {
  return paragraph(children, { lineSpacing });
}

/** The dashed cut between two parts, where the 骑缝章 is stamped. */
function cut(): Paragraph {
  return paragraph(
    [run('- - - - - - - - - - - - - （骑缝章） - - - - - - - - - - - - -', { size: fontSizes.小五 })],
    {
      align: 'center',
      before: 240,
      after: 240,
    },
  );
}

/** '（男，30岁，汉族）' with the known facts, underlined. */
function facts(d: LetterData): TextRun[] {
  const parts = [
    d.gender ? genderLabels[d.gender] : null,
    d.age !== null ? `${d.age}岁` : null,
    d.ethnicity,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return [];
  return [run('（'), run(parts.join('，'), { filled: true }), run('）')];
}

function standing(d: LetterData): string {
  return d.partyStatus === 'probationary' ? '预备' : '正式';
}

function number(d: LetterData): Paragraph {
  return right(run('第 '), run(d.letterNumber, { filled: true }), run(' 号'));
}

/**
 * The 《中国共产党党员组织关系介绍信》 in its three parts — 存根 (kept by the issuer), 介绍信 (carried by
 * the member) and 回执 (filled in by the receiving org and sent back) — as a Word document.
 */
export async function buildTransferLetter(d: LetterData): Promise<Buffer> {
  const from = `${d.issuerName}${d.fromOrgName}`;
  const idNumber = d.idNumber ?? blank;
  const stub = [
    ...title('中国共产党党员组织关系介绍信（存根）'),
    number(d),
    body(
      run(d.name, { filled: true }),
      run('同志'),
      ...facts(d),
      run('，系中共'),
      run(standing(d), { filled: true }),
      run('党员，身份证号码'),
      run(idNumber, { filled: true }),
      run('，组织关系由'),
      run(from, { filled: true }),
      run('转到'),
      run(d.toOrgName, { filled: true }),
      run('。'),
    ),
    body(run('党费交到'), run(chineseMonth(d.duesPaidUntil), { filled: true }), run('。')),
    body(run(`有效期${d.validDays}天。`)),
    right(run(formatChineseDate(d.issuedOn))),
  ];
  const letter = [
    ...title('中国共产党党员组织关系介绍信'),
    number(d),
    line(run(d.toOrgName, { filled: true }), run('：')),
    body(
      run(d.name, { filled: true }),
      run('同志'),
      ...facts(d),
      run('，系中共'),
      run(standing(d), { filled: true }),
      run('党员，身份证号码'),
      run(idNumber, { filled: true }),
      run('，由'),
      run(from, { filled: true }),
      run('去'),
      run(d.toUnit ?? d.toOrgName, { filled: true }),
      run('，请转接组织关系。'),
    ),
    body(run('该同志党费已交到'), run(chineseMonth(d.duesPaidUntil), { filled: true }), run('。')),
    body(run(`（有效期${d.validDays}天）`)),
    right(run('（盖章）')),
    right(run(d.issuerName)),
    right(run(formatChineseDate(d.issuedOn))),
    line(
      run('党员联系电话：'),
      run(d.phone ?? blank, { filled: true }),
      run(`\u3000\u3000党组织联系电话：${blank}`),
    ),
    line(run(`党组织通讯地址：${blank}${blank}${blank}\u3000\u3000邮政编码：${blank}`)),
  ];
  const receipt = [
    ...title('中国共产党党员组织关系介绍信（回执）'),
    number(d),
    line(run(d.issuerName, { filled: true }), run('：')),
    body(run(d.name, { filled: true }), run('同志的党员组织关系已转达我处，特此回执。')),
    right(run('接收党组织（盖章）')),
    right(run(`${blank}年${blank}月${blank}日`)),
    line(run('（本联由接收党组织填写后寄回转出党组织）', { size: fontSizes.小五 })),
  ];
  return createDocx({
    creator: d.issuerName,
    title: `党员组织关系介绍信 第${d.letterNumber}号`,
    children: [...stub, cut(), ...letter, cut(), ...receipt],
  });
}
