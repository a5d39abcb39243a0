/**
 * The printable roster (党员名册) of one branch or 党小组 as a Word document.
 */
import {
  AppError,
  canHoldMembers,
  educationLabels,
  ethnicityLabels,
  formatChineseDate,
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
  contentWidth,
  createDocx,
  fontSizes,
  type GridColumn,
  gridTable,
  paragraph,
  titleParagraphs,
} from '../../files/docx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { assertInScope } from '../../http/scope.ts';
import { labelOf } from './export.ts';
import { findPlacementOrg } from './repo.ts';
import { streamMembers } from './service.ts';

const month = (d: string | null) => (d ? `${d.slice(0, 4)}.${d.slice(5, 7)}` : '');

/**
 * Columns of the printed roster in twips, filling A4 landscape (14,570 between the margins): each wide enough
 * for its header and its usual values in 五号 on one line (a 五号 character is 210 twips), so that a row stays
 * one line high and about twenty members fit a page.
 */
const rosterColumns: readonly GridColumn[] = [
  { header: '序号', width: 600 },
  { header: '姓名', width: 1300 },
  { header: '性别', width: 600 },
  { header: '民族', width: 1000 },
  { header: '出生年月', width: 1100 },
  { header: '学历', width: 1400 },
  { header: '入党时间', width: 1100 },
  { header: '转正时间', width: 1100 },
  { header: '党籍状态', width: 1100 },
  { header: '党内职务', width: 1800 },
  { header: '党小组', width: 1300 },
  { header: '备注', width: 2170 },
];

/** Row height and padding: one line of 五号 with a little air, 20 pt a row. */
const rowHeight = 400;
const cellMargin = { top: 0, bottom: 0, left: 57, right: 57 };

/**
 * A 党小组 as its branch knows it: 软件教工党支部第一党小组 → 第一党小组. The branch's name in front of
 * the group's is what made the column wrap, and the title already names the branch.
 */
function shortGroupName(m: MemberListItem): string {
  const group = m.groupName ?? '';
  const branch = m.branchName ?? '';
  return branch && group.startsWith(branch) && group.length > branch.length
    ? group.slice(branch.length)
    : group;
}

function rosterRow(m: MemberListItem, index: number): string[] {
  const notes = [
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
    shortGroupName(m),
    notes.join('；'),
  ];
}

/**
 * The printable roster (党员名册) of a branch or 党小组 in the actor's scope: landscape A4, one row
 * per active member in order of joining, about twenty to a page, the header repeated on every page and the
 * pages numbered.
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

  const title = `${org!.name}党员名册`;
  const buffer = await createDocx({
    title,
    orientation: 'landscape',
    bodySize: fontSizes.五号,
    children: [
      ...titleParagraphs(title, { width: contentWidth('landscape'), size: fontSizes.小二, after: 60 }),
      paragraph(
        `共 ${members.length} 人（正式党员 ${full} 人，预备党员 ${members.length - full} 人）　　打印日期：${formatChineseDate(today)}`,
        { align: 'right', after: 60 },
      ),
      gridTable({
        columns: rosterColumns,
        rows: members.map(rosterRow),
        size: fontSizes.五号,
        rowHeight,
        cellMargin,
      }),
    ],
  });
  return { buffer, fileName: `${org!.name}党员名册-${today}.docx` };
}
