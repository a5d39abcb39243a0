/**
 * The printable roster (党员名册) of one branch or 党小组 as a Word document.
 */
import {
  AppError,
  canHoldMembers,
  educationLabels,
  ethnicityLabels,
  genderLabels,
  type IsoDate,
  type MemberListItem,
  memberFilterQuery,
  memberFlagLabels,
  memberFlags,
  partyStatusLabels,
  postLabels,
} from '@dangjian/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Actor, Db } from '../../http/context.ts';
import { assertInScope } from '../../http/scope.ts';
import { labelOf } from './export.ts';
import { findPlacementOrg } from './repo.ts';
import { streamMembers } from './service.ts';

const month = (d: string | null) => (d ? `${d.slice(0, 4)}.${d.slice(5, 7)}` : '');
const printedDate = (d: IsoDate) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** Columns of the printed roster and their widths in twentieths of a point (A4 landscape, 2 cm margins). */
const rosterColumns = [
  ['序号', 700],
  ['姓名', 1500],
  ['性别', 700],
  ['民族', 1100],
  ['出生年月', 1300],
  ['学历', 1500],
  ['入党时间', 1300],
  ['转正时间', 1300],
  ['党籍状态', 1300],
  ['党内职务', 1900],
  ['备注', 1970],
] as const;

function rosterRow(m: MemberListItem, index: number): string[] {
  const notes = [
    m.groupName,
    ...memberFlags.filter((f) => m[f]).map((f) => memberFlagLabels[f]),
    m.isDualLeader ? '双带头人' : null,
  ].filter(Boolean);
  return [
    String(index + 1),
    m.name,
    labelOf(genderLabels, m.gender) ?? '',
    labelOf(ethnicityLabels, m.ethnicity) ?? '',
    month(m.birthDate),
    labelOf(educationLabels, m.education) ?? '',
    month(m.joinedOn),
    month(m.confirmedOn),
    labelOf(partyStatusLabels, m.partyStatus) ?? '',
    m.posts.map((p) => postLabels[p]).join('、'),
    notes.join('；'),
  ];
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
function cell(text: string, bold = false): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    borders: { top: thin, bottom: thin, left: thin, right: thin },
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold })] })],
  });
}

/**
 * The printable roster (党员名册) of a branch or 党小组 in the actor's scope: landscape A4, one row
 * per active member in order of joining, the header repeated on every page.
 */
export async function memberRosterDocx(
  db: Db,
  actor: Actor,
  orgId: number,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const org = await findPlacementOrg(db, orgId);
  assertInScope(actor.scope, org?.path);
  if (!canHoldMembers(org!.type, org!.parent_type ?? null))
    throw new AppError('VALIDATION_FAILED', '党员名册按党支部或党小组生成：请选择一个党支部');
  const filter = memberFilterQuery.parse({ orgId, status: 'active', sort: 'joinedOn', order: 'asc' });
  const members: MemberListItem[] = [];
  for await (const batch of streamMembers(db, actor, filter, today)) members.push(...batch);
  const full = members.filter((m) => m.partyStatus === 'full').length;

  const doc = new Document({
    creator: 'Dangjian 党建工作平台',
    title: `${org!.name}党员名册`,
    styles: {
      default: { document: { run: { font: { eastAsia: '宋体', ascii: 'Times New Roman' }, size: 21 } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [new TextRun({ text: `${org!.name}党员名册`, bold: true, size: 36 })],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { after: 120 },
            children: [
              new TextRun(
                `共 ${members.length} 人（正式党员 ${full} 人，预备党员 ${members.length - full} 人）　　打印日期：${printedDate(today)}`,
              ),
            ],
          }),
          new Table({
            width: { size: 14570, type: WidthType.DXA },
            columnWidths: rosterColumns.map(([, w]) => w),
            rows: [
              new TableRow({ tableHeader: true, children: rosterColumns.map(([h]) => cell(h, true)) }),
              ...members.map(
                (m, i) => new TableRow({ cantSplit: true, children: rosterRow(m, i).map((t) => cell(t)) }),
              ),
            ],
          }),
        ],
      },
    ],
  });
  return { buffer: await Packer.toBuffer(doc), fileName: `${org!.name}党员名册-${today}.docx` };
}
