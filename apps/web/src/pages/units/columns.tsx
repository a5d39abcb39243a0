import { type Major, majorKindLabels, type Unit, unitKindLabels } from '@dangjian/core';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { emptyText } from '../../lib/format';

/** A headcount, or a dash when not entered. */
const headcount = (n: number | null) => (n === null ? emptyText : n.toLocaleString('zh-CN'));

/** Columns of the unit table; `actions` renders the row buttons. */
export function unitColumns(actions: (unit: Unit) => ReactNode): TableColumnsType<Unit> {
  return [
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '类型', dataIndex: 'kind', key: 'kind', width: 90, render: (_, u) => unitKindLabels[u.kind] },
    { title: '排序号', dataIndex: 'sortOrder', key: 'sortOrder', width: 70 },
    {
      title: '学生数 / 教职工数',
      key: 'headcounts',
      width: 140,
      render: (_, u) => `${headcount(u.studentCount)} / ${headcount(u.staffCount)}`,
    },
    { title: '操作', key: 'actions', width: 80, render: (_, u) => actions(u) },
  ];
}

/** Columns of the major table. */
export const majorColumns: TableColumnsType<Major> = [
  { title: '名称', dataIndex: 'name', key: 'name', width: 220 },
  { title: '类型', dataIndex: 'kind', key: 'kind', width: 90, render: (_, m) => majorKindLabels[m.kind] },
  {
    title: '所属单位',
    dataIndex: 'unitName',
    key: 'unitName',
    width: 180,
    render: (_, m) => m.unitName ?? emptyText,
  },
];
