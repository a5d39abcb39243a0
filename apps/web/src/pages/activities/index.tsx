import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  type ActivityKind,
  type ActivityListItem,
  type ActivityStatus,
  activityKindLabels,
  activityKinds,
  activityStatuses,
  activityStatusLabels,
  limits,
} from '@dangjian/core';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  List,
  Pagination,
  Select,
  Spin,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { useDefaultOrgId } from '../../lib/default-org';
import { isOneOf } from '../../lib/enums';
import { useIsNarrow } from '../../lib/use-media-query';
import { type ActivityListParams, ledgerUrl, useActivityList, useCreateActivity } from './api';
import { ActivityKindTag, ActivityStatusTag, activityColumns, CountsText, formatShanghai } from './columns';
import {
  ActivityFormFields,
  type ActivityFormValues,
  emptyActivityValues,
  syncActivityForm,
  toCreateBody,
} from './form';

const defaultPageSize = 20;
const monthPattern = /^\d{4}-\d{2}-\d{2}$/;

function parseParams(search: URLSearchParams): ActivityListParams {
  const kind = search.get('kind');
  const status = search.get('status');
  const orgId = Number(search.get('orgId'));
  const page = Number(search.get('page'));
  const pageSize = Number(search.get('pageSize'));
  const from = search.get('from');
  const to = search.get('to');
  return {
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
    kind: isOneOf(activityKinds, kind) ? kind : undefined,
    status: isOneOf(activityStatuses, status) ? status : undefined,
    from: from && monthPattern.test(from) ? from : undefined,
    to: to && monthPattern.test(to) ? to : undefined,
    q: search.get('q') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : defaultPageSize,
  };
}

function toSearch(params: ActivityListParams): URLSearchParams {
  const entries: [string, string][] = [];
  if (params.orgId) entries.push(['orgId', String(params.orgId)]);
  if (params.kind) entries.push(['kind', params.kind]);
  if (params.status) entries.push(['status', params.status]);
  if (params.from) entries.push(['from', params.from]);
  if (params.to) entries.push(['to', params.to]);
  if (params.q) entries.push(['q', params.q]);
  if (params.page > 1) entries.push(['page', String(params.page)]);
  if (params.pageSize !== defaultPageSize) entries.push(['pageSize', String(params.pageSize)]);
  return new URLSearchParams(entries);
}

/** One record as a card on a phone. */
function ActivityCard({ item }: { item: ActivityListItem }) {
  return (
    <List.Item>
      <Link to={`/activities/${item.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
        <Flex vertical gap={4}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong>{item.title}</Typography.Text>
            <ActivityStatusTag status={item.status} />
          </Flex>
          <Flex gap={8} wrap align="center">
            <ActivityKindTag kind={item.kind} />
            <Typography.Text type="secondary">{formatShanghai(item.startsAt)}</Typography.Text>
          </Flex>
          <Flex justify="space-between" gap={8}>
            <Typography.Text type="secondary" ellipsis>
              {item.org.name}
            </Typography.Text>
            <CountsText counts={item.counts} />
          </Flex>
        </Flex>
      </Link>
    </List.Item>
  );
}

/** 活动记录: the organisational life records of the user's scope, searched by org, kind, status and month. */

export function ActivitiesPage() {
  const can = useCan();
  const isNarrow = useIsNarrow();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useActivityList(params);
  const create = useCreateActivity();
  const [creating, setCreating] = useState(false);
  // A secretary with one branch finds it preselected in a new plan.
  const defaultOrg = useDefaultOrgId();
  const [q, setQ] = useState(params.q ?? '');
  const canEdit = can('life:activity:edit');

  const setParams = (patch: Partial<ActivityListParams>) =>
    setSearch(toSearch({ ...params, page: 1, ...patch }), { replace: true });

  const monthRange: [Dayjs, Dayjs] | null =
    params.from && params.to ? [dayjs(params.from), dayjs(params.to)] : null;
  const ledgerYear = params.from ? Number(params.from.slice(0, 4)) : dayjs().year();
  // The ledger of the org chosen in the filter, or of a secretary's own branch or 总支.
  const ledgerOrgId = params.orgId ?? defaultOrg.orgId;
  const items = list.data?.items ?? [];
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: list.data?.total ?? 0,
    onChange: (page: number, pageSize: number) =>
      setSearch(toSearch({ ...params, page, pageSize }), { replace: true }),
  };

  return (
    <PageContainer
      title="活动记录"
      extra={
        <>
          {ledgerOrgId ? (
            <Button icon={<DownloadOutlined />} href={ledgerUrl(ledgerOrgId, ledgerYear)}>
              导出{ledgerYear}年三会一课台账
            </Button>
          ) : null}
          {canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              计划活动
            </Button>
          ) : null}
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <OrgPicker
            value={params.orgId ?? null}
            onChange={(orgId) => setParams({ orgId: orgId ?? undefined })}
            placeholder="全部党组织"
            aria-label="党组织"
            style={{ width: isNarrow ? '100%' : 240 }}
          />
          <Select<ActivityKind>
            allowClear
            value={params.kind}
            onChange={(kind) => setParams({ kind })}
            placeholder="全部类型"
            aria-label="活动类型"
            options={activityKinds.map((k) => ({ value: k, label: activityKindLabels[k] }))}
            style={{ width: isNarrow ? '100%' : 160 }}
          />
          <Select<ActivityStatus>
            allowClear
            value={params.status}
            onChange={(status) => setParams({ status })}
            placeholder="全部状态"
            aria-label="活动状态"
            options={activityStatuses.map((s) => ({ value: s, label: activityStatusLabels[s] }))}
            style={{ width: isNarrow ? '100%' : 130 }}
          />
          <DatePicker.RangePicker
            picker="month"
            value={monthRange}
            onChange={(range) =>
              setParams({
                from: range?.[0]?.startOf('month').format('YYYY-MM-DD'),
                to: range?.[1]?.endOf('month').format('YYYY-MM-DD'),
              })
            }
            placeholder={['起始月份', '结束月份']}
            style={{ width: isNarrow ? '100%' : 240 }}
          />
          <Input.Search
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setParams({ q: value.trim() || undefined })}
            allowClear
            enterButton={<SearchOutlined />}
            placeholder="主题"
            maxLength={limits.search.max}
            style={{ width: isNarrow ? '100%' : 220 }}
          />
        </Flex>
      </Card>

      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {isNarrow ? (
        <Spin spinning={list.isFetching}>
          <Card styles={{ body: { padding: '0 12px' } }}>
            <List
              dataSource={items}
              renderItem={(item) => <ActivityCard item={item} />}
              locale={{ emptyText: <Empty description="没有活动记录" /> }}
            />
          </Card>
          {pagination.total > params.pageSize ? (
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Pagination {...pagination} simple />
            </Flex>
          ) : null}
        </Spin>
      ) : (
        <Table<ActivityListItem>
          rowKey="id"
          size="middle"
          columns={activityColumns}
          dataSource={items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (total) => `共 ${total} 条` }}
          locale={{ emptyText: <Empty description="没有活动记录" /> }}
        />
      )}

      <FormDrawer<ActivityFormValues>
        title="计划活动"
        open={creating && defaultOrg.ready}
        onClose={() => setCreating(false)}
        initialValues={emptyActivityValues(params.orgId ?? defaultOrg.orgId)}
        onValuesChange={syncActivityForm}
        onSubmit={async (values) => {
          const created = await create.mutateAsync(toCreateBody(values));
          navigate(`/activities/${created.id}`);
        }}
        successMessage="已保存计划"
        okText="保存计划"
        width={680}
      >
        <ActivityFormFields isEdit={false} />
      </FormDrawer>
    </PageContainer>
  );
}
