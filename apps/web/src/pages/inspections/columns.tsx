import {
  type InspectionItem,
  type InspectionUnitStatus,
  type InspectionUnitSummary,
  inspectionKindLabels,
  inspectionUnitStatusLabels,
} from '@dangjian/core';
import { Card, Flex, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { inspectionPath } from './api';

// Preset colours (theme.ts darkens their text to 4.5:1), not antd's status ones.
const statusColors = {
  awaiting_feedback: 'default',
  rectifying: 'blue',
  reported: 'purple',
  looked_back: 'green',
} as const satisfies Record<InspectionUnitStatus, string>;

/** Where a unit stands: 待反馈, 整改中, 已报告, 已回头看. */
export function UnitStatusTag({ status }: { status: InspectionUnitStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
      {inspectionUnitStatusLabels[status]}
    </Tag>
  );
}

/** The report's due day with 逾期, or the state that has no report due. */
export function ReportDueView({
  unit,
}: {
  unit: Pick<InspectionUnitSummary, 'reportDue' | 'reportOverdue' | 'status'>;
}) {
  if (!unit.reportDue) return <Typography.Text type="secondary">反馈后计算</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{formatDate(unit.reportDue)}</span>
      {unit.reportOverdue ? <Tag color="red">逾期</Tag> : null}
    </Space>
  );
}

/** The units of a round in one line each: name, status and the report's due day. */
function UnitsView({ round }: { round: InspectionItem }) {
  return (
    <Flex vertical gap={4}>
      {round.units.map((u) => (
        <Space key={u.orgId} size={6} wrap>
          <Link to={inspectionPath(round.id, u.orgId)}>{u.orgName}</Link>
          <UnitStatusTag status={u.status} />
          {u.status === 'rectifying' && u.reportDue ? (
            <Typography.Text type={u.reportOverdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              报告截止 {formatDate(u.reportDue)}
              {u.reportOverdue ? '（逾期）' : ''}
            </Typography.Text>
          ) : null}
        </Space>
      ))}
      {round.units.length < round.unitCount ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          共 {round.unitCount} 个被巡察单位，此处只列本单位
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

const period = (r: InspectionItem) => `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}`;

export const inspectionColumns: TableColumnsType<InspectionItem> = [
  {
    title: '巡察轮次',
    key: 'name',
    render: (_, r) => <Link to={inspectionPath(r.id)}>{r.name}</Link>,
  },
  { title: '类型', key: 'kind', render: (_, r) => inspectionKindLabels[r.kind], width: 100 },
  { title: '巡察时间', key: 'period', render: (_, r) => period(r), width: 220 },
  { title: '被巡察单位', key: 'units', render: (_, r) => <UnitsView round={r} /> },
  {
    title: '期限',
    key: 'months',
    render: (_, r) => `反馈后${r.reportMonths}个月报告，${r.lookbackMonths}个月回头看`,
    width: 170,
  },
];

/** A round as a card on a narrow screen. */
export function InspectionCard({ item }: { item: InspectionItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="start">
          <Link to={inspectionPath(item.id)} style={{ fontWeight: 600 }}>
            {item.name}
          </Link>
          <Tag style={{ marginInlineEnd: 0 }}>{inspectionKindLabels[item.kind]}</Tag>
        </Flex>
        <Typography.Text type="secondary">{period(item)}</Typography.Text>
        <UnitsView round={item} />
      </Flex>
    </Card>
  );
}
