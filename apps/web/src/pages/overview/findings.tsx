import {
  type Overview,
  type OverviewFindingUnit,
  type OverviewLink,
  type Severity,
  severities,
  severityLabels,
} from '@dangjian/core';
import { Card, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { severityColors } from '../../components/severity-tag';
import { formatCount } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { linkTo } from './api';

/** Text colours of the counts, dark enough on white (antd's red-7, orange-8, blue-7). */
const countColors = { error: '#cf1322', warning: '#ad4e00', info: '#0958d9' } as const satisfies Record<
  Severity,
  string
>;

function unitName(u: OverviewFindingUnit): string {
  return u.own ? `${u.org.name}（本级）` : u.org.name;
}

/** One unit's counts as a line of links (a phone has no room for the table's five columns). */
function CountLinks({
  name,
  counts,
  links,
  total,
  totalLink,
}: {
  name: string;
  counts: Record<Severity, number>;
  links: Record<Severity, OverviewLink>;
  total: number;
  totalLink: OverviewLink;
}) {
  return (
    <Flex vertical gap={2} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Typography.Text strong>{name}</Typography.Text>
      <Flex gap={16} wrap>
        {severities.map((s) => (
          <Link
            key={s}
            to={linkTo(links[s])}
            aria-label={`${name} ${severityLabels[s]} ${formatCount(counts[s])} 条，打开列表`}
            style={counts[s] > 0 ? { color: countColors[s] } : undefined}
          >
            {severityLabels[s]} {formatCount(counts[s])}
          </Link>
        ))}
        <Link to={linkTo(totalLink)} aria-label={`${name} 合计 ${formatCount(total)} 条，打开列表`}>
          合计 {formatCount(total)}
        </Link>
      </Flex>
    </Flex>
  );
}

/** The units as lines of links, then the totals. */
function FindingsList({ data }: { data: Overview['findings'] }) {
  return (
    <div>
      {data.units.map((u) => (
        <CountLinks
          key={`${u.org.id}:${u.own}`}
          name={unitName(u)}
          counts={u.counts}
          links={u.links}
          total={u.total}
          totalLink={u.totalLink}
        />
      ))}
      <CountLinks
        name="合计"
        counts={data.totals}
        links={data.totalLinks}
        total={data.totals.total}
        totalLink={{ page: 'alerts', params: {} }}
      />
    </div>
  );
}

/**
 * 问题分布: open findings (待处理 and 已确认) per 党总支, 直属党支部 and 党委本级, most serious first; each count
 * opens 监测预警 filtered to that unit and severity.
 */
export function FindingsByUnit({ data }: { data: Overview['findings'] }) {
  const isNarrow = useIsNarrow();
  const columns: TableColumnsType<OverviewFindingUnit> = [
    {
      title: '党组织',
      key: 'org',
      render: (_, u) => <Typography.Text>{unitName(u)}</Typography.Text>,
    },
    ...severities.map((s) => ({
      title: <Tag color={severityColors[s]}>{severityLabels[s]}</Tag>,
      key: s,
      align: 'right' as const,
      width: 72,
      render: (_: unknown, u: OverviewFindingUnit) => (
        <Link
          to={linkTo(u.links[s])}
          aria-label={`${unitName(u)} ${severityLabels[s]} ${formatCount(u.counts[s])} 条，打开列表`}
          style={u.counts[s] > 0 ? { color: countColors[s], fontWeight: 600 } : undefined}
        >
          {formatCount(u.counts[s])}
        </Link>
      ),
    })),
    {
      title: '合计',
      key: 'total',
      align: 'right',
      width: 72,
      render: (_, u) => (
        <Link
          to={linkTo(u.totalLink)}
          aria-label={`${unitName(u)} 合计 ${formatCount(u.total)} 条，打开列表`}
        >
          {formatCount(u.total)}
        </Link>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title="未解决的问题（按党总支）"
      extra={<Typography.Text type="secondary">当前，待处理和已确认</Typography.Text>}
    >
      {data.units.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有未解决的问题" />
      ) : isNarrow ? (
        <FindingsList data={data} />
      ) : (
        <Table<OverviewFindingUnit>
          size="small"
          rowKey={(u) => `${u.org.id}:${u.own}`}
          columns={columns}
          dataSource={data.units}
          pagination={false}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              {severities.map((s, i) => (
                <Table.Summary.Cell key={s} index={i + 1} align="right">
                  <Link
                    to={linkTo(data.totalLinks[s])}
                    aria-label={`合计 ${severityLabels[s]} ${formatCount(data.totals[s])} 条，打开列表`}
                    style={{ fontWeight: 600 }}
                  >
                    {formatCount(data.totals[s])}
                  </Link>
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={severities.length + 1} align="right">
                <Link
                  to={linkTo({ page: 'alerts', params: {} })}
                  aria-label={`合计 ${formatCount(data.totals.total)} 条，打开列表`}
                  style={{ fontWeight: 600 }}
                >
                  {formatCount(data.totals.total)}
                </Link>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </Card>
  );
}
