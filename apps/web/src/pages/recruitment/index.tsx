import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  isIsoDate,
  limits,
  type MemberCategory,
  memberCategories,
  memberCategoryLabels,
  type RecruitmentDueItem,
  type RecruitmentListItem,
  type RecruitmentOutcome,
  type RecruitmentStage,
  type RecruitmentStep,
  recruitmentMilestoneLabels,
  recruitmentMilestones,
  recruitmentOutcomeLabels,
  recruitmentOutcomes,
  recruitmentStageLabels,
  recruitmentStages,
  recruitmentSteps,
} from '@dangjian/core';
import {
  Button,
  Card,
  Empty,
  Flex,
  Input,
  List,
  Pagination,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { emptyText, formatDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { ledgerUrl, type RecruitmentListParams, useRecruitmentList, useStageCounts } from './api';
import { CreateRecruitmentDrawer } from './create-form';
import { outcomeColors, stageColors, stageShortLabels, stepTitle } from './labels';

const defaultPageSize = 20;
const dueFilters = ['overdue', 'soon', 'any'] as const;
const dueFilterLabels = { overdue: '已逾期', soon: '即将到期', any: '有期限提醒' } as const;
const outcomeFilters = [...recruitmentOutcomes, 'all'] as const;

function parseParams(search: URLSearchParams): RecruitmentListParams {
  const orgId = Number(search.get('orgId'));
  const page = Number(search.get('page'));
  const pageSize = Number(search.get('pageSize'));
  const stage = search.get('stage');
  const step = search.get('step');
  const outcome = search.get('outcome');
  const category = search.get('category');
  const due = search.get('due');
  const reached = search.get('reached');
  const reachedFrom = search.get('reachedFrom');
  const reachedTo = search.get('reachedTo');
  return {
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
    stage: isOneOf(recruitmentStages, stage) ? stage : undefined,
    step: isOneOf(recruitmentSteps, step) ? step : undefined,
    outcome: isOneOf(outcomeFilters, outcome) ? outcome : 'in_progress',
    category: isOneOf(memberCategories, category) ? category : undefined,
    due: isOneOf(dueFilters, due) ? due : undefined,
    q: search.get('q') || undefined,
    reached: isOneOf(recruitmentMilestones, reached) ? reached : undefined,
    reachedFrom: reachedFrom && isIsoDate(reachedFrom) ? reachedFrom : undefined,
    reachedTo: reachedTo && isIsoDate(reachedTo) ? reachedTo : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : defaultPageSize,
  };
}

function toSearch(params: RecruitmentListParams): URLSearchParams {
  const entries: [string, string][] = [];
  if (params.orgId) entries.push(['orgId', String(params.orgId)]);
  if (params.stage) entries.push(['stage', params.stage]);
  if (params.step) entries.push(['step', params.step]);
  if (params.outcome !== 'in_progress') entries.push(['outcome', params.outcome]);
  if (params.category) entries.push(['category', params.category]);
  if (params.due) entries.push(['due', params.due]);
  if (params.q) entries.push(['q', params.q]);
  if (params.reached) {
    entries.push(['reached', params.reached]);
    if (params.reachedFrom) entries.push(['reachedFrom', params.reachedFrom]);
    if (params.reachedTo) entries.push(['reachedTo', params.reachedTo]);
  }
  if (params.page > 1) entries.push(['page', String(params.page)]);
  if (params.pageSize !== defaultPageSize) entries.push(['pageSize', String(params.pageSize)]);
  return new URLSearchParams(entries);
}

/** A deadline with a red 已逾期 or orange 即将到期 tag. */
export function DueText({ due }: { due: RecruitmentDueItem | null }) {
  if (!due) return <>{emptyText}</>;
  return (
    <Tooltip title={due.message}>
      <Space size={4} wrap>
        <span>{due.dueOn}</span>
        {due.overdue ? (
          <Tag color="red">已逾期</Tag>
        ) : due.reminding ? (
          <Tag color="orange">即将到期</Tag>
        ) : null}
      </Space>
    </Tooltip>
  );
}

/** The stage of a dossier, or its outcome once it is closed. */
export function StageTag({ item }: { item: Pick<RecruitmentListItem, 'stage' | 'outcome'> }) {
  if (item.outcome !== 'in_progress')
    return <Tag color={outcomeColors[item.outcome]}>{recruitmentOutcomeLabels[item.outcome]}</Tag>;
  if (!item.stage) return <>{emptyText}</>;
  return (
    <Tooltip title={recruitmentStageLabels[item.stage]}>
      <Tag color={stageColors[item.stage]}>{stageShortLabels[item.stage]}</Tag>
    </Tooltip>
  );
}

const columns: TableColumnsType<RecruitmentListItem> = [
  {
    title: '姓名',
    key: 'name',
    width: 110,
    fixed: 'left',
    render: (_, row) => <Link to={`/recruitment/${row.id}`}>{row.person.name}</Link>,
  },
  {
    title: '类别',
    key: 'category',
    width: 80,
    render: (_, row) => memberCategoryLabels[row.person.category],
  },
  { title: '党支部', dataIndex: ['org', 'name'], width: 200, ellipsis: true },
  {
    title: '党总支',
    key: 'generalBranch',
    width: 160,
    ellipsis: true,
    render: (_, row) => row.generalBranch?.name ?? emptyText,
  },
  { title: '阶段', key: 'stage', width: 130, render: (_, row) => <StageTag item={row} /> },
  {
    title: '当前步骤',
    dataIndex: 'currentStep',
    width: 200,
    render: (step: RecruitmentStep | null) => (step ? stepTitle(step) : emptyText),
  },
  { title: '申请日期', dataIndex: 'appliedOn', width: 110, render: (v: string | null) => formatDate(v) },
  {
    title: '在本阶段天数',
    dataIndex: 'daysInStage',
    width: 110,
    align: 'right',
    render: (v: number | null) => (v === null ? emptyText : `${v} 天`),
  },
  {
    title: '下一期限',
    key: 'nextDue',
    width: 190,
    render: (_, row) => <DueText due={row.nextDue} />,
  },
];

/** One dossier as a card on a phone. */
function DossierCard({ item }: { item: RecruitmentListItem }) {
  return (
    <List.Item>
      <Link to={`/recruitment/${item.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
        <Flex vertical gap={4}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong>
              {item.person.name}（{memberCategoryLabels[item.person.category]}）
            </Typography.Text>
            <StageTag item={item} />
          </Flex>
          <Typography.Text type="secondary" ellipsis>
            {item.org.name}
          </Typography.Text>
          <Flex justify="space-between" gap={8} wrap>
            <span>{item.currentStep ? stepTitle(item.currentStep) : emptyText}</span>
            {item.nextDue ? <DueText due={item.nextDue} /> : null}
          </Flex>
        </Flex>
      </Link>
    </List.Item>
  );
}

/** 发展对象档案: the dossiers of the user's scope with their stage, step and next deadline. */
export function RecruitmentPage() {
  const can = useCan();
  const isNarrow = useIsNarrow();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useRecruitmentList(params);
  const stageCounts = useStageCounts(params);
  const [q, setQ] = useState(params.q ?? '');
  const [creating, setCreating] = useState(false);

  const setParams = (patch: Partial<RecruitmentListParams>) =>
    setSearch(toSearch({ ...params, page: 1, ...patch }), { replace: true });

  const items = list.data?.items ?? [];
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: list.data?.total ?? 0,
    onChange: (page: number, pageSize: number) =>
      setSearch(toSearch({ ...params, page, pageSize }), { replace: true }),
  };
  const allCount = recruitmentStages.reduce((n, s) => n + (stageCounts[s] ?? 0), 0);
  const width = (w: number) => (isNarrow ? '100%' : w);

  return (
    <PageContainer
      title="发展对象档案"
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={ledgerUrl(params)}>
            导出台账
          </Button>
          {can('recruitment:dossier:edit') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新增入党申请
            </Button>
          ) : null}
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex vertical gap={12}>
          <div style={{ overflowX: 'auto' }}>
            <Segmented<RecruitmentStage | 'all'>
              value={params.stage ?? 'all'}
              onChange={(v) => setParams({ stage: v === 'all' ? undefined : v, step: undefined })}
              options={[
                { value: 'all', label: `全部 ${allCount}` },
                ...recruitmentStages.map((s) => ({
                  value: s,
                  label: `${stageShortLabels[s]} ${stageCounts[s] ?? ''}`,
                })),
              ]}
            />
          </div>
          <Flex wrap gap={12} align="center">
            <OrgPicker
              value={params.orgId ?? null}
              onChange={(orgId) => setParams({ orgId: orgId ?? undefined })}
              placeholder="全部党组织"
              style={{ width: width(240) }}
            />
            <Select<RecruitmentStep>
              allowClear
              value={params.step}
              onChange={(step) => setParams({ step })}
              placeholder="当前步骤"
              aria-label="当前步骤"
              options={recruitmentSteps.map((s) => ({ value: s, label: stepTitle(s) }))}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: width(220) }}
            />
            <Select<RecruitmentOutcome | 'all'>
              value={params.outcome}
              onChange={(outcome) => setParams({ outcome })}
              aria-label="状态"
              options={[
                ...recruitmentOutcomes.map((o) => ({ value: o, label: recruitmentOutcomeLabels[o] })),
                { value: 'all', label: '全部状态' },
              ]}
              style={{ width: width(170) }}
            />
            <Select<MemberCategory>
              allowClear
              value={params.category}
              onChange={(category) => setParams({ category })}
              placeholder="全部类别"
              aria-label="类别"
              options={memberCategories.map((c) => ({ value: c, label: memberCategoryLabels[c] }))}
              style={{ width: width(120) }}
            />
            <Select<(typeof dueFilters)[number]>
              allowClear
              value={params.due}
              onChange={(due) => setParams({ due })}
              placeholder="期限"
              aria-label="期限"
              options={dueFilters.map((d) => ({ value: d, label: dueFilterLabels[d] }))}
              style={{ width: width(130) }}
            />
            {params.reached ? (
              <Flex align="center" gap={4} wrap>
                <Typography.Text>
                  {recruitmentMilestoneLabels[params.reached]}：{params.reachedFrom ?? '最早'} 至{' '}
                  {params.reachedTo ?? '今天'}
                </Typography.Text>
                <Button
                  type="link"
                  size="small"
                  onClick={() =>
                    setParams({ reached: undefined, reachedFrom: undefined, reachedTo: undefined })
                  }
                >
                  取消此条件
                </Button>
              </Flex>
            ) : null}
            <Input.Search
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onSearch={(value) => setParams({ q: value.trim() || undefined })}
              allowClear
              enterButton={<SearchOutlined />}
              placeholder="姓名"
              aria-label="按姓名搜索"
              maxLength={limits.search.max}
              style={{ width: width(200) }}
            />
          </Flex>
        </Flex>
      </Card>

      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {isNarrow ? (
        <Spin spinning={list.isFetching}>
          <Card styles={{ body: { padding: '0 12px' } }}>
            <List
              dataSource={items}
              renderItem={(item) => <DossierCard item={item} />}
              locale={{ emptyText: <Empty description="没有发展党员档案" /> }}
            />
          </Card>
          {pagination.total > params.pageSize ? (
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Pagination {...pagination} simple />
            </Flex>
          ) : null}
        </Spin>
      ) : (
        <Table<RecruitmentListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (total) => `共 ${total} 人` }}
          locale={{ emptyText: <Empty description="没有发展党员档案" /> }}
        />
      )}

      <CreateRecruitmentDrawer
        open={creating}
        onClose={() => setCreating(false)}
        defaultOrgId={params.orgId ?? null}
      />
    </PageContainer>
  );
}
