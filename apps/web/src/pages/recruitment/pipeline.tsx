import { DownloadOutlined } from '@ant-design/icons';
import {
  type RecruitmentPipeline,
  type RecruitmentStage,
  recruitmentStageLabels,
  recruitmentStages,
} from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Flex,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { api, buildUrl } from '../../lib/api';
import { emptyText, todayIso } from '../../lib/format';
import { useOrgList } from '../orgs/api';
import { stageShortLabels } from './labels';
import { RecruitmentFunnelChart } from './pipeline-charts';

/** `GET /api/recruitment/pipeline` for a scope and year. */
function usePipeline(query: { orgId?: number | undefined; year: number }) {
  return useQuery({
    queryKey: ['recruitment', 'pipeline', query],
    queryFn: ({ signal }) =>
      api.get<RecruitmentPipeline>('/api/recruitment/pipeline', { ...query }, { signal }),
  });
}

/** The list page filtered the same way (W1's list reads orgId, stage, due… from the URL). */
function listUrl(filters: {
  orgId?: number | undefined;
  stage?: RecruitmentStage;
  due?: 'overdue' | 'soon';
}) {
  return buildUrl('/recruitment', filters);
}

type PipelineRow = RecruitmentPipeline['rows'][number];
type TreeRow = PipelineRow & { key: string; children?: TreeRow[] };

/** 总支 rows with their branches as children; a branch whose group is missing stays at the top. */
function toTree(rows: readonly PipelineRow[]): TreeRow[] {
  const groups = rows.filter((r) => r.level === 'general_branch');
  const groupIds = new Set(groups.map((g) => g.org.id));
  const branchesOf = (id: number) =>
    rows.filter((r) => r.level === 'branch' && r.parentId === id).map((r) => ({ ...r, key: `b${r.org.id}` }));
  return [
    ...groups.map((g) => {
      const children = branchesOf(g.org.id);
      return { ...g, key: `g${g.org.id}`, ...(children.length > 0 ? { children } : {}) };
    }),
    ...rows
      .filter((r) => r.level === 'branch' && (r.parentId === null || !groupIds.has(r.parentId)))
      .map((r) => ({ ...r, key: `b${r.org.id}` })),
  ];
}

const stageTotal = (counts: Record<RecruitmentStage, number>) =>
  recruitmentStages.reduce((sum, s) => sum + counts[s], 0);

/**
 * Columns of the per-org table. Counts link to the filtered list, except on the row of the 党委's 直属 branches:
 * the list filters by subtree, and the 党委's subtree is the whole college.
 */
function orgColumns(isCommittee: (orgId: number) => boolean): TableColumnsType<TreeRow> {
  const count = (r: TreeRow, n: number, filters: Parameters<typeof listUrl>[0], danger = false) => {
    const text = (
      <Typography.Text type={n === 0 ? 'secondary' : danger ? 'danger' : undefined}>{n}</Typography.Text>
    );
    const linkable = r.level === 'branch' || !isCommittee(r.org.id);
    return n > 0 && linkable ? <Link to={listUrl(filters)}>{text}</Link> : text;
  };
  return [
    {
      title: '党组织',
      key: 'org',
      fixed: 'left',
      width: 240,
      render: (_, r) => (r.level === 'general_branch' ? <strong>{r.org.name}</strong> : r.org.name),
    },
    ...recruitmentStages.map((stage): TableColumnsType<TreeRow>[number] => ({
      title: stageShortLabels[stage],
      key: stage,
      align: 'right',
      width: 110,
      render: (_, r) => count(r, r.counts[stage], { orgId: r.org.id, stage }),
    })),
    {
      title: '合计',
      key: 'total',
      align: 'right',
      width: 80,
      render: (_, r) => count(r, stageTotal(r.counts), { orgId: r.org.id }),
    },
    {
      title: '已逾期',
      key: 'overdue',
      align: 'right',
      width: 80,
      render: (_, r) => count(r, r.overdue, { orgId: r.org.id, due: 'overdue' }, true),
    },
  ];
}

const days = (v: number | null) => (v === null ? emptyText : `${Math.round(v)} 天`);

const timeColumns: TableColumnsType<RecruitmentPipeline['timeInStage'][number]> = [
  {
    title: '阶段',
    key: 'stage',
    render: (_, r) => <span title={recruitmentStageLabels[r.stage]}>{stageShortLabels[r.stage]}</span>,
  },
  {
    title: '已完成本阶段',
    children: [
      { title: '人数', dataIndex: 'completed', key: 'completed', align: 'right' },
      { title: '中位数', key: 'median', align: 'right', render: (_, r) => days(r.medianDays) },
      { title: '平均', key: 'mean', align: 'right', render: (_, r) => days(r.meanDays) },
    ],
  },
  {
    title: '当前在本阶段',
    children: [
      { title: '人数', dataIndex: 'current', key: 'current', align: 'right' },
      { title: '平均已用', key: 'currentMean', align: 'right', render: (_, r) => days(r.currentMeanDays) },
    ],
  },
];

type ShareRow = RecruitmentPipeline['shares'][number];

/** "12 / 3,200（0.38%）", or 未填写人数 when the unit's headcount is unknown. */
function ShareCell({
  applicants,
  headcount,
  canEditUnits,
}: {
  applicants: number;
  headcount: number | null;
  canEditUnits: boolean;
}) {
  if (headcount === null)
    return (
      <Typography.Text type="secondary">
        {applicants > 0 ? `${applicants} 人 / ` : ''}未填写人数
        {canEditUnits && applicants > 0 ? (
          <>
            {' '}
            <Link to="/units">去填写</Link>
          </>
        ) : null}
      </Typography.Text>
    );
  const percent = headcount > 0 ? `${((applicants / headcount) * 100).toFixed(2)}%` : emptyText;
  return (
    <span>
      {applicants} / {headcount.toLocaleString('zh-CN')}（<strong>{percent}</strong>）
    </span>
  );
}

function shareColumns(canEditUnits: boolean): TableColumnsType<ShareRow> {
  return [
    {
      title: '单位',
      key: 'unit',
      render: (_, r) => (r.unit ? r.unit.name : <strong>全校（已填写人数的单位）</strong>),
    },
    {
      title: '学生入党申请人 / 学生数（比例）',
      key: 'students',
      render: (_, r) => (
        <ShareCell applicants={r.studentApplicants} headcount={r.students} canEditUnits={canEditUnits} />
      ),
    },
    {
      title: '教职工入党申请人 / 教职工数（比例）',
      key: 'staff',
      render: (_, r) => (
        <ShareCell applicants={r.staffApplicants} headcount={r.staff} canEditUnits={canEditUnits} />
      ),
    },
  ];
}

/** Years offered in the filter: this year back to 2015. */
function yearOptions(current: number) {
  return Array.from({ length: current - 2014 }, (_, i) => ({
    value: current - i,
    label: `${current - i}年`,
  }));
}

function readId(raw: string | null): number | undefined {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** 发展统计: counts per stage per 总支 and branch, the year's funnel, time in stage, applicant shares. */
export function RecruitmentPipelinePage() {
  const [search, setSearch] = useSearchParams();
  const can = useCan();
  const thisYear = Number(todayIso().slice(0, 4));
  const orgId = readId(search.get('orgId'));
  const yearParam = Number(search.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear;
  const pipeline = usePipeline({ orgId, year });
  const data = pipeline.data;
  const tree = useMemo(() => toTree(data?.rows ?? []), [data]);
  const canEditUnits = can('org:unit:edit');
  const orgs = useOrgList();
  const committees = useMemo(
    () => new Set((orgs.data ?? []).filter((o) => o.type === 'committee').map((o) => o.id)),
    [orgs.data],
  );

  const update = (next: { orgId?: number | undefined; year?: number }) => {
    const params = new URLSearchParams();
    const o = 'orgId' in next ? next.orgId : orgId;
    const y = next.year ?? year;
    if (o) params.set('orgId', String(o));
    if (y !== thisYear) params.set('year', String(y));
    setSearch(params, { replace: true });
  };

  return (
    <PageContainer
      title="发展统计"
      extra={
        <Button icon={<DownloadOutlined />} href={buildUrl('/api/recruitment/ledger', { orgId, year })}>
          导出发展党员工作台账（{year}年申请）
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={12} wrap align="center">
            <OrgPicker
              value={orgId ?? null}
              onChange={(id) => update({ orgId: id ?? undefined })}
              placeholder="全部（我的范围）"
              style={{ width: 280, maxWidth: '100%' }}
            />
            <Select<number>
              value={year}
              onChange={(y) => update({ year: y })}
              options={yearOptions(thisYear)}
              style={{ width: 120 }}
              aria-label="年度"
            />
            <Typography.Text type="secondary">各阶段人数为当前进行中的档案；漏斗为所选年度。</Typography.Text>
          </Flex>
        </Card>
        {pipeline.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
        {pipeline.isError ? (
          <QueryError error={pipeline.error} onRetry={() => void pipeline.refetch()} />
        ) : null}
        {data ? (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Card title="各阶段在册人数" style={{ height: '100%' }}>
                  <Flex wrap gap={24}>
                    {recruitmentStages.map((stage) => (
                      <Link key={stage} to={listUrl({ orgId, stage })}>
                        <Statistic title={stageShortLabels[stage]} value={data.totals[stage]} suffix="人" />
                      </Link>
                    ))}
                  </Flex>
                </Card>
              </Col>
              <Col xs={24} xl={8}>
                <Card title="期限" style={{ height: '100%' }}>
                  <Flex wrap gap={24}>
                    <Link to={listUrl({ orgId, due: 'overdue' })}>
                      <Statistic
                        title={<Tag color="red">已逾期</Tag>}
                        value={data.overdue}
                        suffix="项"
                        styles={{ content: { color: '#cf1322' } }}
                      />
                    </Link>
                    <Link to={listUrl({ orgId, due: 'soon' })}>
                      <Statistic
                        title={<Tag color="orange">即将到期</Tag>}
                        value={data.dueSoon}
                        suffix="项"
                        styles={{ content: { color: '#d46b08' } }}
                      />
                    </Link>
                  </Flex>
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card title={`${data.funnel.year}年发展漏斗`} style={{ height: '100%' }}>
                  <RecruitmentFunnelChart funnel={data.funnel} />
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <Card title="各阶段用时" style={{ height: '100%' }}>
                  <Table
                    rowKey="stage"
                    size="small"
                    dataSource={data.timeInStage}
                    columns={timeColumns}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                  />
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    已完成：已进入下一阶段的人，按进入本阶段至进入下一阶段的天数统计。
                  </Typography.Paragraph>
                </Card>
              </Col>
            </Row>
            <Card title="按党总支、党支部统计">
              <Table<TreeRow>
                rowKey="key"
                size="small"
                dataSource={tree}
                columns={orgColumns((id) => committees.has(id))}
                pagination={false}
                expandable={{ defaultExpandAllRows: tree.length <= 3 }}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: '范围内没有进行中的发展党员档案' }}
              />
            </Card>
            <Card
              title="入党申请人占学生、教职工的比例"
              extra={canEditUnits ? <Link to="/units">维护单位人数</Link> : null}
            >
              <Table<ShareRow>
                rowKey={(r) => (r.unit ? `u${r.unit.id}` : 'all')}
                size="small"
                dataSource={data.shares}
                columns={shareColumns(canEditUnits)}
                pagination={false}
                scroll={{ x: 'max-content' }}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                入党申请人：进行中、尚未被接收为预备党员的人员，按人员类别（学生、教职工）和所在单位统计。
              </Typography.Paragraph>
            </Card>
          </>
        ) : null}
      </Flex>
    </PageContainer>
  );
}
