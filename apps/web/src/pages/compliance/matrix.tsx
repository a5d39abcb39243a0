import {
  type ComplianceCellDto,
  type ComplianceCellStateCode,
  type ComplianceMatrixResponse,
  type ComplianceRowDto,
  complianceCellStateLabels,
  complianceCellStates,
  type LifeItem,
  lifeItemLabels,
  type OrgType,
  orgTypeLabels,
} from '@dangjian/core';
import { Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';

/** Tag colour of each cell state: green all held, orange partial, red missing, blue under way, grey none. */
export const cellStateColors = {
  ok: 'green',
  partial: 'orange',
  missing: 'red',
  open: 'blue',
  none: 'default',
} as const satisfies Record<ComplianceCellStateCode, string>;

const cellText = (c: ComplianceCellDto): string => {
  if (c.state === 'ok') return '✓';
  if (c.state === 'none') return '—';
  if (c.state === 'open') return '进行中';
  return `缺${c.missing.length}`;
};

function CellTooltip({ cell, label }: { cell: ComplianceCellDto; label: string }) {
  const held = (Object.entries(cell.held) as [LifeItem, number][]).map(
    ([item, n]) => `${lifeItemLabels[item]} ${n} 次`,
  );
  return (
    <div>
      <div>
        <strong>{label}</strong>　{complianceCellStateLabels[cell.state]}
      </div>
      <div>已开展：{held.length ? held.join('、') : '无'}</div>
      {cell.missing.length ? <div>缺项：{cell.missing.map((i) => lifeItemLabels[i]).join('、')}</div> : null}
      {cell.required.length ? (
        <div style={{ opacity: 0.75 }}>应开展：{cell.required.map((i) => lifeItemLabels[i]).join('、')}</div>
      ) : null}
      <div style={{ opacity: 0.75 }}>点击查看活动记录</div>
    </div>
  );
}

const orgWidth = 280;
const cellWidth = 56;
const rateWidth = 80;

/** '3月' (with the year over the first column and every January), or 'Q1' with its year. */
function columnTitle(key: string, unit: 'month' | 'quarter', first: boolean) {
  const year = key.slice(0, 4);
  const short = unit === 'month' ? `${Number(key.slice(5, 7))}月` : key.slice(5);
  if (!first && short !== '1月' && short !== 'Q1') return short;
  return (
    <span>
      <span style={{ fontSize: 11, fontWeight: 'normal', display: 'block' }}>{year}</span>
      {short}
    </span>
  );
}

/** One node of the grouped rows: an org with a row of its own, or only a heading (a 党委/党总支). */
interface Node {
  key: number;
  name: string;
  type: OrgType | null;
  row: ComplianceRowDto | null;
  children?: Node[];
}

/** Rows grouped under their 党总支 (and 党委), 党小组 under their branch. */
export function groupRows(rows: readonly ComplianceRowDto[]): Node[] {
  const nodes = new Map<number, Node>();
  const ensure = (id: number, name: string, type: OrgType | null): Node => {
    let n = nodes.get(id);
    if (!n) {
      n = { key: id, name, type, row: null };
      nodes.set(id, n);
    }
    return n;
  };
  for (const r of rows) Object.assign(ensure(r.orgId, r.orgName, r.type), { row: r, type: r.type });
  const parentOf = new Map<number, number>();
  for (const r of rows) {
    const parent = r.type === 'group' ? r.parentId : r.superiorId;
    if (parent === null) continue;
    const name = r.type === 'group' ? r.orgName : (r.superiorName ?? '');
    const p = nodes.get(parent) ?? ensure(parent, name, null);
    parentOf.set(r.orgId, p.key);
    const child = nodes.get(r.orgId)!;
    // A 党小组 is usually named after its branch ('…党支部第一党小组'): under the branch, the rest says it.
    if (r.type === 'group' && child.name.startsWith(p.name) && child.name.length > p.name.length)
      child.name = child.name.slice(p.name.length);
    p.children = [...(p.children ?? []), child];
  }
  // A heading outside the scope over a single row (a 总支 secretary's 党委) only adds a level.
  return [...nodes.values()]
    .filter((n) => !parentOf.has(n.key))
    .flatMap((n) => (n.row === null && n.children?.length === 1 ? n.children : [n]));
}

interface MatrixTableProps {
  data: ComplianceMatrixResponse;
  onOpen: (orgId: number, from: string, to: string) => void;
}

/** The matrix: one row per org (grouped), one coloured tag per month or quarter; a click drills down. */
export function ComplianceMatrixTable({ data, onOpen }: MatrixTableProps) {
  const tree = useMemo(() => groupRows(data.rows), [data.rows]);
  const columns = useMemo<TableColumnsType<Node>>(
    () => [
      {
        title: '党组织',
        key: 'org',
        fixed: 'left',
        width: orgWidth,
        render: (_, n) => (
          <Flex gap={6} align="center" wrap={false}>
            <Typography.Text
              strong={n.row === null || n.type !== 'group'}
              ellipsis={{ tooltip: n.name }}
              style={{ maxWidth: 200 }}
            >
              {n.name}
            </Typography.Text>
            {n.type && n.type !== 'branch' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {orgTypeLabels[n.type]}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      ...data.columns.map((col, i) => ({
        title: columnTitle(col.key, data.unit, i === 0),
        key: col.key,
        width: cellWidth,
        align: 'center' as const,
        onHeaderCell: () => ({ title: col.label }),
        render: (_: unknown, n: Node) => {
          const cell = n.row?.cells[i];
          if (!cell || !n.row) return null;
          const orgId = n.row.orgId;
          return (
            <Tooltip title={<CellTooltip cell={cell} label={`${n.row.orgName} ${col.label}`} />}>
              <Tag
                color={cellStateColors[cell.state]}
                style={{ cursor: 'pointer', marginInlineEnd: 0, minWidth: 48, textAlign: 'center' }}
                onClick={() => onOpen(orgId, col.start, col.end)}
                aria-label={`${n.row.orgName} ${col.label} ${complianceCellStateLabels[cell.state]}`}
              >
                {cellText(cell)}
              </Tag>
            </Tooltip>
          );
        },
      })),
      {
        title: '完成率',
        key: 'rate',
        fixed: 'right',
        width: rateWidth,
        align: 'right',
        render: (_, n) =>
          n.row?.rate === null || n.row?.rate === undefined ? '—' : `${Math.round(n.row.rate * 100)}%`,
      },
    ],
    [data, onOpen],
  );
  return (
    <Table<Node>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={tree}
      pagination={false}
      scroll={{ x: orgWidth + rateWidth + data.columns.length * cellWidth }}
      expandable={{ defaultExpandAllRows: true }}
      bordered
    />
  );
}

/** The colour legend. */
export function MatrixLegend() {
  return (
    <Flex gap={8} wrap align="center">
      <Typography.Text type="secondary">图例：</Typography.Text>
      {complianceCellStates.map((s) => (
        <Tag key={s} color={cellStateColors[s]}>
          {complianceCellStateLabels[s]}
        </Tag>
      ))}
    </Flex>
  );
}
