import {
  dualLeaderKindLabels,
  type EducationLevel,
  educationLabels,
  educationLevels,
  ethnicities,
  ethnicityLabels,
  genderLabels,
  genders,
  type MemberColumnKey,
  type MemberDetail,
  type MemberListItem,
  type MemberStatus,
  memberCategoryLabels,
  memberColumnKeys,
  memberColumnLabels,
  memberFieldLabels,
  memberFlagLabels,
  memberFlags,
  memberSortKeys,
  memberStatusLabels,
  type PartyStatus,
  partyStatusLabels,
  postLabels,
} from '@dangjian/core';
import { type DescriptionsProps, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isOneOf } from '../../lib/enums';
import { emptyText, formatDate } from '../../lib/format';
import type { MemberListParams } from './api';

/** Tag of 正式/预备党员. */
export function PartyStatusTag({ status }: { status: PartyStatus | null }) {
  if (status === null) return <>{emptyText}</>;
  return <Tag color={status === 'full' ? 'red' : 'orange'}>{partyStatusLabels[status]}</Tag>;
}

/** Tag of the roster standing; nothing for 在册 unless `showActive`. */
export function MemberStatusTag({
  status,
  showActive = false,
}: {
  status: MemberStatus;
  showActive?: boolean;
}) {
  if (status === 'active') return showActive ? <Tag color="green">{memberStatusLabels.active}</Tag> : null;
  return <Tag>{memberStatusLabels[status]}</Tag>;
}

/** Tags of 流动党员 / 出国（境）/ 困难党员. */
export function MemberFlagTags({ member }: { member: Pick<MemberListItem, (typeof memberFlags)[number]> }) {
  const set = memberFlags.filter((f) => member[f]);
  if (set.length === 0) return <>{emptyText}</>;
  return (
    <>
      {set.map((f) => (
        <Tag key={f} color="blue">
          {memberFlagLabels[f]}
        </Tag>
      ))}
    </>
  );
}

/** Label of a stored 民族 code. */
export function ethnicityLabel(code: string | null): string {
  return isOneOf(ethnicities, code) ? ethnicityLabels[code] : (code ?? emptyText);
}

/** Label of an education level. */
export function educationLabel(level: EducationLevel | null): string {
  return level ? educationLabels[level] : emptyText;
}

/** 所在党支部 / 党小组, without repeating the branch's name in the group's. */
export function memberOrgText(m: Pick<MemberListItem, 'branchName' | 'groupName'>): string {
  const { branchName: branch, groupName: group } = m;
  const groupShort =
    group && branch && group.startsWith(branch) && group.length > branch.length
      ? group.slice(branch.length)
      : group;
  return [branch, groupShort].filter(Boolean).join(' / ') || emptyText;
}

/** ID numbers and phones in a fixed-width font, so masked and full values line up. */
export function Sensitive({ value }: { value: string | null }) {
  if (!value) return <>{emptyText}</>;
  return <Typography.Text style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{value}</Typography.Text>;
}

type Row = MemberListItem;

interface ColumnDef {
  width: number;
  render: (row: Row) => ReactNode;
}

const text = (value: string | null) => value ?? emptyText;

/** How each roster column shows a row; titles come from memberColumnLabels (as the export's). */
const columnDefs = {
  name: {
    width: 110,
    render: (r) => (
      <Link to={`/members/${r.id}`} onClick={(e) => e.stopPropagation()}>
        {r.name}
      </Link>
    ),
  },
  gender: { width: 60, render: (r) => (r.gender ? genderLabels[r.gender] : emptyText) },
  ethnicity: { width: 90, render: (r) => ethnicityLabel(r.ethnicity) },
  birthDate: { width: 110, render: (r) => formatDate(r.birthDate) },
  age: { width: 60, render: (r) => r.age ?? emptyText },
  idNumber: { width: 190, render: (r) => <Sensitive value={r.idNumber} /> },
  phone: { width: 130, render: (r) => <Sensitive value={r.phone} /> },
  education: { width: 110, render: (r) => educationLabel(r.education) },
  category: { width: 90, render: (r) => memberCategoryLabels[r.category] },
  partyStatus: { width: 100, render: (r) => <PartyStatusTag status={r.partyStatus} /> },
  joinedOn: { width: 110, render: (r) => formatDate(r.joinedOn) },
  confirmedOn: { width: 110, render: (r) => formatDate(r.confirmedOn) },
  partyYears: { width: 70, render: (r) => (r.partyStatus === 'full' ? `${r.partyYears}年` : emptyText) },
  branchName: { width: 200, render: (r) => text(r.branchName) },
  groupName: { width: 130, render: (r) => text(r.groupName) },
  unitName: { width: 150, render: (r) => text(r.unitName) },
  position: { width: 130, render: (r) => text(r.position) },
  title: { width: 110, render: (r) => text(r.title) },
  majorName: { width: 140, render: (r) => text(r.majorName) },
  grade: { width: 70, render: (r) => text(r.grade) },
  className: { width: 120, render: (r) => text(r.className) },
  posts: {
    width: 160,
    render: (r) =>
      r.posts.length > 0
        ? r.posts.map((p) => (
            <Tag key={p} color="volcano">
              {postLabels[p]}
            </Tag>
          ))
        : emptyText,
  },
  flags: { width: 170, render: (r) => <MemberFlagTags member={r} /> },
  isDualLeader: { width: 90, render: (r) => (r.isDualLeader ? <Tag color="red">双带头人</Tag> : emptyText) },
  status: { width: 90, render: (r) => <MemberStatusTag status={r.status} showActive /> },
} as const satisfies Record<MemberColumnKey, ColumnDef>;

type SortKey = MemberListParams['sort'];
type SortOrder = 'ascend' | 'descend' | null;

function isSortKey(key: MemberColumnKey): key is SortKey {
  return isOneOf(memberSortKeys, key);
}

/** Columns of the roster in the order chosen; sortable where the server sorts. */
export function memberColumns(
  keys: readonly MemberColumnKey[],
  sort: { sort: SortKey; order: 'asc' | 'desc' },
): TableColumnsType<Row> {
  return keys.map((key) => {
    const def: ColumnDef = columnDefs[key];
    const sortOrder: SortOrder = sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
    return {
      key,
      title: memberColumnLabels[key],
      width: def.width,
      render: (_: unknown, row: Row) => def.render(row),
      ...(key === 'name' ? { fixed: 'left' as const } : {}),
      ...(isSortKey(key)
        ? { sorter: true, sortOrder, sortDirections: ['ascend', 'descend'] as SortOrder[] }
        : {}),
    };
  });
}

/** Every column the user may choose, in the standard order, for the column chooser. */
export const memberColumnOptions = memberColumnKeys.map((key) => ({
  value: key,
  label: memberColumnLabels[key],
}));

const columnsStorageKey = 'dj.members.columns';

/** The columns this browser last chose (in standard order), or null when none were saved. */
export function loadMemberColumns(): MemberColumnKey[] | null {
  try {
    const raw = window.localStorage.getItem(columnsStorageKey);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return null;
    const keys = parsed.filter(
      (k): k is MemberColumnKey => typeof k === 'string' && isOneOf(memberColumnKeys, k),
    );
    return keys.length > 0 ? keys : null;
  } catch {
    return null;
  }
}

/** Remembers the chosen columns (null forgets them: back to the defaults). */
export function saveMemberColumns(keys: readonly MemberColumnKey[] | null): void {
  try {
    if (keys === null) window.localStorage.removeItem(columnsStorageKey);
    else window.localStorage.setItem(columnsStorageKey, JSON.stringify(keys));
  } catch {
    // Private mode or a full quota: the choice simply lasts for this visit.
  }
}

/** A stored field value as people read it (codes of 性别/民族/学历 become their labels). */
export function formatMemberValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return emptyText;
  if (typeof value !== 'string') return String(value);
  if (field === 'gender' && isOneOf(genders, value)) return genderLabels[value];
  if (field === 'ethnicity') return ethnicityLabel(value);
  if (field === 'education' && isOneOf(educationLevels, value)) return educationLabels[value];
  return value;
}

/** Chinese name of a record field. */
export function memberFieldLabel(field: string): string {
  return field in memberFieldLabels ? memberFieldLabels[field as keyof typeof memberFieldLabels] : field;
}

/** The fields a correction changes, one line each: 字段：旧值 → 新值. */
export function ChangeList({ changes }: { changes: Record<string, { from: unknown; to: unknown }> }) {
  return (
    <Flex vertical gap={2}>
      {Object.entries(changes).map(([field, c]) => (
        <span key={field}>
          <Typography.Text type="secondary">{memberFieldLabel(field)}：</Typography.Text>
          <Typography.Text delete type="secondary">
            {formatMemberValue(field, c.from)}
          </Typography.Text>
          {' → '}
          <Typography.Text strong>{formatMemberValue(field, c.to)}</Typography.Text>
        </span>
      ))}
    </Flex>
  );
}

/** A member's record in three groups (person, party standing, other) for Descriptions. */
export function memberRecordItems(
  m: MemberDetail,
  /** Link the branch to its page (not for members, who cannot open the org tree). */
  linkOrgs: boolean,
): { title: string; items: DescriptionsProps['items'] }[] {
  const hasUnit = m.category === 'staff' || m.category === 'retired';
  const isStudent = m.category === 'student';
  return [
    {
      title: '个人信息',
      items: [
        { key: 'name', label: '姓名', children: m.name },
        { key: 'gender', label: '性别', children: m.gender ? genderLabels[m.gender] : emptyText },
        { key: 'ethnicity', label: '民族', children: ethnicityLabel(m.ethnicity) },
        {
          key: 'birthDate',
          label: '出生日期',
          children: m.birthDate
            ? `${formatDate(m.birthDate)}${m.age === null ? '' : `（${m.age}岁）`}`
            : emptyText,
        },
        { key: 'idNumber', label: '身份证号', children: <Sensitive value={m.idNumber} /> },
        { key: 'phone', label: '联系电话', children: <Sensitive value={m.phone} /> },
        { key: 'education', label: '学历', children: educationLabel(m.education) },
        { key: 'category', label: '人员类别', children: memberCategoryLabels[m.category] },
        ...(hasUnit
          ? [
              { key: 'unit', label: '所在单位', children: m.unitName ?? emptyText },
              { key: 'title', label: '职称', children: m.title ?? emptyText },
            ]
          : []),
        { key: 'position', label: '职务/岗位', children: m.position ?? emptyText },
        ...(isStudent
          ? [
              { key: 'major', label: '专业', children: m.majorName ?? emptyText },
              { key: 'grade', label: '年级', children: m.grade ?? emptyText },
              { key: 'className', label: '班级', children: m.className ?? emptyText },
            ]
          : []),
      ],
    },
    {
      title: '党籍信息',
      items: [
        { key: 'partyStatus', label: '党籍状态', children: <PartyStatusTag status={m.partyStatus} /> },
        { key: 'joinedOn', label: '入党日期', children: formatDate(m.joinedOn) },
        { key: 'confirmedOn', label: '转正日期', children: formatDate(m.confirmedOn) },
        {
          key: 'partyYears',
          label: '党龄',
          children: m.partyStatus === 'full' ? `${m.partyYears}年` : '预备期',
        },
        {
          key: 'branch',
          label: '所在党支部',
          children:
            m.branchId && linkOrgs ? (
              <Link to={`/orgs/${m.branchId}`}>{m.branchName}</Link>
            ) : (
              (m.branchName ?? emptyText)
            ),
        },
        { key: 'group', label: '党小组', children: m.groupName ?? emptyText },
        {
          key: 'posts',
          label: '现任党内职务',
          children: m.posts.length > 0 ? m.posts.map((p) => <Tag key={p}>{postLabels[p]}</Tag>) : '无',
        },
        {
          key: 'status',
          label: '在册状态',
          children: (
            <>
              <MemberStatusTag status={m.status} showActive />
              {m.leftOn ? `${formatDate(m.leftOn)} 起` : null}
            </>
          ),
        },
        ...(m.leaveNote
          ? [{ key: 'leaveNote', label: '离开说明', children: m.leaveNote, span: 'filled' as const }]
          : []),
      ],
    },
    {
      title: '其他',
      items: [
        { key: 'flags', label: '标记', children: <MemberFlagTags member={m} /> },
        {
          key: 'dualLeader',
          label: '双带头人',
          children: m.isDualLeader
            ? `是${m.dualLeaderKind ? `（${dualLeaderKindLabels[m.dualLeaderKind]}）` : ''}${m.dualLeaderNote ? `：${m.dualLeaderNote}` : ''}`
            : '否',
        },
      ],
    },
  ];
}
