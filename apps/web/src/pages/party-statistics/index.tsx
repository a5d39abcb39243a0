import { DownloadOutlined } from '@ant-design/icons';
import {
  appraisalGradeLabels,
  appraisalGrades,
  appraisalStatusLabels,
  branchAppraisalStateLabels,
  dutyReviewGradeLabels,
  dutyReviewGrades,
  dutyReviewLevelLabels,
  type PartyStatistics,
} from '@dangjian/core';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
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
import { formatCount, todayIso } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { type PartyStatisticsParams, partyStatisticsUrl, usePartyStatistics } from './api';

type BranchRow = PartyStatistics['appraisal']['rows'][number];
type GradeRow = PartyStatistics['dutyReview']['rows'][number];

const stateColors = { not_started: 'default', in_progress: 'processing', completed: 'success' } as const;
const dutyColors = { good: 'green', fairly_good: 'blue', average: 'orange', poor: 'red' } as const;

function parseParams(search: URLSearchParams, thisYear: number): PartyStatisticsParams {
  const year = Number(search.get('year'));
  const orgId = Number(search.get('orgId'));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : thisYear,
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
  };
}

function stateTag(r: BranchRow) {
  return (
    <Tag color={stateColors[r.state]}>
      {branchAppraisalStateLabels[r.state]}
      {r.state === 'in_progress' && r.status ? `（${appraisalStatusLabels[r.status]}）` : ''}
    </Tag>
  );
}

const branchColumns: TableColumnsType<BranchRow> = [
  {
    title: '党支部',
    render: (_, r) =>
      r.appraisalId ? <Link to={`/member-appraisals/${r.appraisalId}`}>{r.org.name}</Link> : r.org.name,
  },
  { title: '评议情况', render: (_, r) => stateTag(r) },
  { title: '完成日期', dataIndex: 'completedOn', render: (v: string | null) => v ?? '—' },
  { title: '参加评议人数', dataIndex: 'participants', align: 'right' },
  { title: '预备党员', dataIndex: 'probationary', align: 'right' },
  ...appraisalGrades.map((g) => ({
    title: appraisalGradeLabels[g],
    align: 'right' as const,
    render: (_: unknown, r: BranchRow) => (r.counts ? r.counts[g] : '—'),
  })),
];

const gradeColumns: TableColumnsType<GradeRow> = [
  { title: '党组织', render: (_, r) => <Link to={`/duty-reviews/${r.reviewId}`}>{r.org.name}</Link> },
  { title: '书记', dataIndex: 'personName' },
  { title: '述职层级', render: (_, r) => dutyReviewLevelLabels[r.level] },
  {
    title: '等次',
    render: (_, r) => <Tag color={dutyColors[r.grade]}>{dutyReviewGradeLabels[r.grade]}</Tag>,
  },
];

/** The appraisal figures as statistic tiles (two a row on a phone). */
function AppraisalTiles({ s }: { s: PartyStatistics }) {
  const a = s.appraisal;
  const tiles = [
    { title: '党支部', value: a.branches, suffix: '个' },
    { title: '已完成评议', value: a.completed, suffix: '个' },
    { title: '未完成评议', value: a.notCompleted, suffix: '个' },
    { title: '参加评议人数', value: a.participants, suffix: '人' },
    { title: '预备党员（不评定等次）', value: a.probationary, suffix: '人' },
    ...appraisalGrades.map((g) => ({ title: appraisalGradeLabels[g], value: a.counts[g], suffix: '人' })),
  ];
  return (
    <Row gutter={[12, 12]}>
      {tiles.map((t) => (
        <Col key={t.title} xs={12} sm={8} lg={6} xl={4}>
          <Statistic title={t.title} value={formatCount(t.value)} suffix={t.suffix} />
        </Col>
      ))}
    </Row>
  );
}

/**
 * 年度评议统计: for the 党内统计年报, the year's 民主评议党员 results of the branches in the user's scope (参加评议人数,
 * 预备党员 not graded, the four grades, which branches completed) and the published 述职评议 grades by level — read
 * from the two procedures, never entered here; downloadable as Excel.
 */
export function PartyStatisticsPage() {
  const isNarrow = useIsNarrow();
  const thisYear = Number(todayIso().slice(0, 4));
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search, thisYear), [search, thisYear]);
  const stats = usePartyStatistics(params);
  const setParams = (patch: Partial<PartyStatisticsParams>) => {
    const next = { ...params, ...patch };
    setSearch(
      Object.fromEntries(
        Object.entries({ year: next.year, orgId: next.orgId }).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, String(v)]],
        ),
      ),
      { replace: true },
    );
  };
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });
  const s = stats.data;
  return (
    <PageContainer
      title="年度评议统计"
      extra={
        <Button icon={<DownloadOutlined />} href={partyStatisticsUrl(params)}>
          导出 Excel
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Card styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
          <Flex wrap gap={12} align="center">
            <Select<number>
              aria-label="统计年度"
              value={params.year}
              onChange={(year) => setParams({ year })}
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年度` }))}
              style={wide(120)}
            />
            <OrgPicker
              aria-label="党组织"
              value={params.orgId ?? null}
              onChange={(orgId) => setParams({ orgId: orgId ?? undefined })}
              placeholder="全部党组织（含下级）"
              style={wide(240)}
            />
          </Flex>
        </Card>
        <Alert
          type="info"
          showIcon
          message="数据来自民主评议党员（党员大会决定的等次）和已公布的述职评议考核结果，在此不重复录入；结果变动后本页随之更新。"
        />
        {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
        {!s ? (
          stats.isPending ? (
            <Skeleton active />
          ) : null
        ) : (
          <>
            <Card title={`${s.year}年度民主评议党员`} size={isNarrow ? 'small' : 'default'}>
              <Flex vertical gap={16}>
                <AppraisalTiles s={s} />
                {isNarrow ? (
                  <List<BranchRow>
                    dataSource={s.appraisal.rows}
                    locale={{ emptyText: '范围内没有党支部' }}
                    renderItem={(r) => (
                      <List.Item>
                        <Flex vertical gap={4} style={{ width: '100%' }}>
                          <Flex justify="space-between" gap={8} align="center">
                            <Typography.Text strong>
                              {r.appraisalId ? (
                                <Link to={`/member-appraisals/${r.appraisalId}`}>{r.org.name}</Link>
                              ) : (
                                r.org.name
                              )}
                            </Typography.Text>
                            {stateTag(r)}
                          </Flex>
                          {r.counts ? (
                            <Typography.Text type="secondary">
                              参评 {r.participants} 人（预备党员 {r.probationary}）：
                              {appraisalGrades
                                .map((g) => `${appraisalGradeLabels[g]}${r.counts![g]}`)
                                .join('，')}
                            </Typography.Text>
                          ) : null}
                        </Flex>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Table<BranchRow>
                    rowKey={(r) => r.org.id}
                    size="small"
                    loading={stats.isFetching}
                    dataSource={s.appraisal.rows}
                    columns={branchColumns}
                    pagination={
                      s.appraisal.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false
                    }
                    locale={{ emptyText: '范围内没有党支部' }}
                    scroll={{ x: true }}
                  />
                )}
              </Flex>
            </Card>
            <Card title={`${s.year}年度书记抓党建述职评议考核`} size={isNarrow ? 'small' : 'default'}>
              {s.dutyReview.graded === 0 ? (
                <Empty description="本年度尚无已公布的述职评议结果" />
              ) : (
                <Flex vertical gap={16}>
                  <Row gutter={[12, 12]}>
                    {s.dutyReview.levels.map((l) => (
                      <Col key={l.level} xs={24} md={12}>
                        <Card size="small" title={`${dutyReviewLevelLabels[l.level]}（${l.total}人）`}>
                          <Row gutter={8}>
                            {dutyReviewGrades.map((g) => (
                              <Col key={g} span={6}>
                                <Statistic title={dutyReviewGradeLabels[g]} value={l.counts[g]} suffix="人" />
                              </Col>
                            ))}
                          </Row>
                        </Card>
                      </Col>
                    ))}
                  </Row>
                  {isNarrow ? (
                    <List<GradeRow>
                      dataSource={s.dutyReview.rows}
                      renderItem={(r) => (
                        <List.Item
                          extra={<Tag color={dutyColors[r.grade]}>{dutyReviewGradeLabels[r.grade]}</Tag>}
                        >
                          <List.Item.Meta
                            title={<Link to={`/duty-reviews/${r.reviewId}`}>{r.org.name}</Link>}
                            description={`${r.personName} · ${dutyReviewLevelLabels[r.level]}`}
                          />
                        </List.Item>
                      )}
                    />
                  ) : (
                    <Table<GradeRow>
                      rowKey={(r) => r.org.id}
                      size="small"
                      dataSource={s.dutyReview.rows}
                      columns={gradeColumns}
                      pagination={
                        s.dutyReview.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false
                      }
                      scroll={{ x: true }}
                    />
                  )}
                </Flex>
              )}
            </Card>
          </>
        )}
      </Flex>
    </PageContainer>
  );
}
