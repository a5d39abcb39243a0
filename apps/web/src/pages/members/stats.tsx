import { ReloadOutlined } from '@ant-design/icons';
import {
  type MemberStats,
  memberListQuery,
  type OrgListItem,
  orgCategories,
  orgCategoryLabels,
} from '@dangjian/core';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Skeleton,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type ChartOption, EChart } from '../../components/e-chart';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isOneOf } from '../../lib/enums';
import { emptyText, formatCount } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { useOrgList } from '../orgs/api';
import { memberListQueryParams, useMemberStats } from './api';

const partyRed = '#c8161d';
const probationaryOrange = '#fa8c16';

type CountRow = MemberStats['byCategory'][number];
type ChildRow = MemberStats['children'][number];
type BranchRow = MemberStats['branches'][number];
type MissingRow = MemberStats['dualLeader']['missing'][number];

/** The count tables of the stats answer, with the roster filter each one corresponds to. */
const dimensions = [
  { key: 'byCategory', title: '人员类别', filter: 'category' },
  { key: 'byStatus', title: '党籍状态', filter: 'partyStatus' },
  { key: 'byGender', title: '性别', filter: 'gender' },
  { key: 'byAgeBand', title: '年龄段', filter: 'ageBand' },
  { key: 'byEducation', title: '学历', filter: 'education' },
  { key: 'byPartyYears', title: '党龄', filter: 'partyYearsBand' },
  { key: 'byEthnicity', title: '民族', filter: 'ethnicity' },
] as const satisfies readonly { key: keyof MemberStats; title: string; filter: string }[];

/** Most 民族 bars drawn; the rest are summed as 其他. */
const maxEthnicityBars = 8;

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '0%';
}

/** Rows worth drawing: the non-zero ones; for 民族 the largest few and the rest together. */
function chartRows(rows: readonly CountRow[], isEthnicity: boolean): CountRow[] {
  const nonZero = rows.filter((r) => r.count > 0);
  if (!isEthnicity) return nonZero;
  const sorted = [...nonZero].sort((a, b) => b.count - a.count);
  if (sorted.length <= maxEthnicityBars) return sorted;
  const rest = sorted.slice(maxEthnicityBars - 1);
  return [
    ...sorted.slice(0, maxEthnicityBars - 1),
    { key: '', label: `其他${rest.length}个民族`, count: rest.reduce((s, r) => s + r.count, 0) },
  ];
}

/** One dimension as a horizontal bar chart with shares; clicking a bar opens the matching roster. */
function CountChart({
  rows,
  total,
  onPick,
}: {
  rows: CountRow[];
  total: number;
  onPick: (row: CountRow) => void;
}) {
  const option = useMemo<ChartOption>(() => {
    const ordered = [...rows].reverse();
    return {
      grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: ordered.map((r) => r.label),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: '人数',
          data: ordered.map((r) => r.count),
          itemStyle: { color: partyRed },
          barMaxWidth: 22,
          cursor: 'pointer',
          label: {
            show: true,
            position: 'right',
            formatter: (p) => `${formatCount(Number(p.value))}（${percent(Number(p.value), total)}）`,
          },
        },
      ],
    };
  }, [rows, total]);

  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />;
  return (
    <EChart
      option={option}
      style={{ height: Math.max(140, rows.length * 34 + 24) }}
      onItemClick={(params) => {
        const row = [...rows].reverse()[params.dataIndex];
        if (row) onPick(row);
      }}
    />
  );
}

/** Members of each child org, 正式 and 预备 stacked; clicking a bar goes down a level. */
function ChildrenChart({ rows, onPick }: { rows: ChildRow[]; onPick: (row: ChildRow) => void }) {
  const labelWidth = useIsNarrow() ? 96 : 160;
  const ordered = useMemo(() => [...rows].reverse(), [rows]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: ordered.map((r) => r.name),
        axisLabel: { width: labelWidth, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: '正式党员',
          stack: 'members',
          data: ordered.map((r) => r.full),
          itemStyle: { color: partyRed },
          barMaxWidth: 22,
          cursor: 'pointer',
        },
        {
          type: 'bar',
          name: '预备党员',
          stack: 'members',
          data: ordered.map((r) => r.probationary),
          itemStyle: { color: probationaryOrange },
          barMaxWidth: 22,
          cursor: 'pointer',
          label: {
            show: true,
            position: 'right',
            formatter: (p) => String(ordered[p.dataIndex]?.total ?? ''),
          },
        },
      ],
    }),
    [ordered, labelWidth],
  );
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下级组织" />;
  return (
    <Flex vertical gap={4}>
      <Flex gap={12}>
        <Tag color={partyRed}>正式党员</Tag>
        <Tag color={probationaryOrange}>预备党员</Tag>
        <Typography.Text type="secondary">点击柱条查看下一级</Typography.Text>
      </Flex>
      <EChart
        option={option}
        ariaLabel="下级组织党员人数"
        style={{ height: Math.max(160, rows.length * 34 + 24) }}
        onItemClick={(params) => {
          const row = ordered[params.dataIndex];
          if (row) onPick(row);
        }}
      />
    </Flex>
  );
}

function orgCategoryLabel(category: string | null): string {
  return isOneOf(orgCategories, category) ? orgCategoryLabels[category] : emptyText;
}

const branchColumns: TableColumnsType<BranchRow> = [
  {
    title: '党支部',
    key: 'name',
    width: 220,
    render: (_, b) => <Link to={`/orgs/${b.orgId}`}>{b.name}</Link>,
  },
  { title: '类别', key: 'category', width: 80, render: (_, b) => orgCategoryLabel(b.category) },
  {
    title: '党员',
    dataIndex: 'total',
    key: 'total',
    width: 70,
    sorter: (a, b) => a.total - b.total,
    render: (_, b) => <Link to={`/members?orgId=${b.orgId}`}>{b.total}</Link>,
  },
  { title: '正式党员', dataIndex: 'full', key: 'full', width: 90, sorter: (a, b) => a.full - b.full },
  {
    title: '规模问题',
    key: 'problems',
    width: 340,
    render: (_, b) =>
      b.problems.length > 0 ? (
        <Flex vertical gap={2}>
          {b.problems.map((p) => (
            <Typography.Text key={p} type="danger">
              {p}
            </Typography.Text>
          ))}
        </Flex>
      ) : (
        <Tag color="green">符合规定</Tag>
      ),
  },
];

const missingColumns: TableColumnsType<MissingRow> = [
  {
    title: '教师党支部',
    key: 'name',
    render: (_, m) => <Link to={`/orgs/${m.orgId}?tab=team`}>{m.name}</Link>,
  },
  {
    title: '书记',
    key: 'secretary',
    width: 120,
    render: (_, m) => m.secretaryName ?? <Typography.Text type="warning">未配备</Typography.Text>,
  },
];

/** Names from the top of the user's tree down to `orgId`. */
function orgChain(orgs: readonly OrgListItem[], orgId: number): OrgListItem[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const chain: OrgListItem[] = [];
  for (let org = byId.get(orgId); org && chain.length < 10; ) {
    chain.unshift(org);
    org = org.parentId === null ? undefined : byId.get(org.parentId);
  }
  return chain;
}

function StatsBody({
  stats,
  orgId,
  onDrill,
}: {
  stats: MemberStats;
  orgId: number | null;
  onDrill: (id: number) => void;
}) {
  const navigate = useNavigate();
  const [onlyProblems, setOnlyProblems] = useState(true);
  const statusCount = (key: string) => stats.byStatus.find((r) => r.key === key)?.count ?? 0;
  const withProblems = stats.branches.filter((b) => b.problems.length > 0);
  const branches = onlyProblems && withProblems.length > 0 ? withProblems : stats.branches;
  const dl = stats.dualLeader;

  /** Opens the roster with the filter a bar stands for (when the roster can filter by it). */
  const openRoster = (filter: string, key: string) => {
    const parsed = memberListQuery.safeParse({ [filter]: key, ...(orgId ? { orgId: String(orgId) } : {}) });
    if (!parsed.success || key === '') return;
    const query = memberListQueryParams(parsed.data);
    navigate(`/members?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
  };

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="党员总数" value={stats.total} suffix="人" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="正式党员" value={statusCount('full')} suffix="人" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="预备党员" value={statusCount('probationary')} suffix="人" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title="规模有问题的支部"
              value={withProblems.length}
              suffix={`/ ${stats.branches.length}`}
              styles={{ content: { color: withProblems.length > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>

      <Card
        title="下级组织"
        extra={<Typography.Text type="secondary">数据日期 {stats.today}</Typography.Text>}
      >
        <ChildrenChart
          rows={stats.children}
          onPick={(row) => (row.hasChildren ? onDrill(row.orgId) : navigate(`/members?orgId=${row.orgId}`))}
        />
      </Card>

      <Row gutter={[16, 16]}>
        {dimensions.map((d) => (
          <Col key={d.key} xs={24} lg={12}>
            <Card size="small" title={d.title} style={{ height: '100%' }}>
              <CountChart
                rows={chartRows(stats[d.key], d.key === 'byEthnicity')}
                total={stats.total}
                onPick={(row) => openRoster(d.filter, row.key)}
              />
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title="党支部规模"
            extra={
              <Flex gap={6} align="center">
                <Switch size="small" id="only-problems" checked={onlyProblems} onChange={setOnlyProblems} />
                <label htmlFor="only-problems">只看有问题的</label>
              </Flex>
            }
          >
            <Typography.Paragraph type="secondary">
              党支部党员人数一般不超过50人；正式党员不足3人的，不能成立党支部（《中国共产党支部工作条例（试行）》第五条）。
            </Typography.Paragraph>
            <Table<BranchRow>
              rowKey="orgId"
              size="small"
              columns={branchColumns}
              dataSource={branches}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '范围内没有党支部' }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="教师党支部书记“双带头人”" style={{ height: '100%' }}>
            {dl.teacherBranches === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="范围内没有教师党支部" />
            ) : (
              <Flex vertical gap={12}>
                <Flex gap={24} align="center" wrap>
                  <Progress
                    type="circle"
                    size={110}
                    percent={Math.round((dl.dualLeaderSecretaries / dl.teacherBranches) * 100)}
                    strokeColor={partyRed}
                  />
                  <Flex vertical gap={4}>
                    <span>教师党支部 {dl.teacherBranches} 个</span>
                    <span>已配备书记 {dl.withSecretary} 个</span>
                    <span>书记为“双带头人” {dl.dualLeaderSecretaries} 个</span>
                  </Flex>
                </Flex>
                <Typography.Text type="secondary">
                  教师党支部书记一般应由“双带头人”担任（教党〔2018〕26号）。
                </Typography.Text>
                {dl.missing.length > 0 ? (
                  <Table<MissingRow>
                    rowKey="orgId"
                    size="small"
                    columns={missingColumns}
                    dataSource={dl.missing}
                    pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
                  />
                ) : (
                  <Tag color="green">全部教师党支部书记均为“双带头人”</Tag>
                )}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/** 统计分析: the members of the user's scope by dimension, drilling down from school to branch. */
export function MemberStatsPage() {
  const [params, setParams] = useSearchParams();
  const rawOrgId = Number(params.get('orgId'));
  const orgId = Number.isInteger(rawOrgId) && rawOrgId > 0 ? rawOrgId : null;
  const stats = useMemberStats(orgId);
  const orgs = useOrgList(false);

  const drill = (id: number | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === null) next.delete('orgId');
      else next.set('orgId', String(id));
      return next;
    });

  const chain = orgId !== null && orgs.data ? orgChain(orgs.data, orgId) : [];
  const rootIds = new Set(
    (orgs.data ?? []).filter((o) => !orgs.data?.some((p) => p.id === o.parentId)).map((o) => o.id),
  );
  // The user's whole scope is the first crumb; a single top org stands for it.
  const topIsScope = chain[0] !== undefined && rootIds.size === 1 && rootIds.has(chain[0].id);
  const crumbs = [
    ...(topIsScope
      ? []
      : [{ id: null as number | null, name: orgId === null ? (stats.data?.orgName ?? '全部') : '全部' }]),
    ...chain.map((o, i) => ({ id: i === 0 && topIsScope ? null : o.id, name: o.shortName ?? o.name })),
  ];
  if (orgId === null && crumbs.length === 0) crumbs.push({ id: null, name: stats.data?.orgName ?? '全部' });

  return (
    <PageContainer
      title="党员统计分析"
      extra={
        <Button icon={<ReloadOutlined />} loading={stats.isFetching} onClick={() => void stats.refetch()}>
          刷新
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Breadcrumb
          items={crumbs.map((c, i) => ({
            key: `${c.id ?? 'scope'}-${i}`,
            title:
              i === crumbs.length - 1 ? (
                <Typography.Text strong>{c.name}</Typography.Text>
              ) : (
                <Typography.Link onClick={() => drill(c.id)}>{c.name}</Typography.Link>
              ),
          }))}
        />
        {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
        {stats.isPending ? <Skeleton active paragraph={{ rows: 12 }} /> : null}
        {stats.data ? <StatsBody stats={stats.data} orgId={orgId} onDrill={drill} /> : null}
      </Flex>
    </PageContainer>
  );
}
