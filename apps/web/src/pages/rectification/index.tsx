import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  limits,
  type RectificationItem,
  type RectificationSource,
  type RectificationStatus,
  rectificationSourceLabels,
  rectificationSources,
  rectificationStatuses,
  rectificationStatusLabels,
} from '@dangjian/core';
import { Button, Card, Checkbox, Flex, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { PersonPicker } from '../../components/person-picker';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { useMe } from '../../lib/auth';
import { useDefaultOrgId } from '../../lib/default-org';
import { isOneOf } from '../../lib/enums';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { useMemberName } from '../transfers/api';
import {
  ledgerUrl,
  type RectificationListParams,
  rectificationPath,
  useCreateRectification,
  useRectificationList,
} from './api';
import { RectificationBoardCard } from './board';
import { RectificationCard, rectificationColumns } from './columns';
import { CreateFormFields, type CreateFormValues, emptyCreateValues, toCreateBody } from './form';

const defaultPageSize = 20;

/** Keys of the URL that narrow the list (the page and its size do not). */
const filterKeys = ['orgId', 'source', 'status', 'overdue', 'assisting', 'responsiblePersonId', 'q'] as const;

function parseParams(search: URLSearchParams): RectificationListParams {
  const source = search.get('source');
  const status = search.get('status');
  const q = search.get('q')?.trim();
  return {
    orgId: positiveInt(search.get('orgId'), 0) || undefined,
    source: isOneOf(rectificationSources, source) ? source : undefined,
    status: isOneOf(rectificationStatuses, status) ? status : undefined,
    overdue: search.get('overdue') === 'true' || undefined,
    assisting: search.get('assisting') === 'true' || undefined,
    responsiblePersonId: positiveInt(search.get('responsiblePersonId'), 0) || undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/**
 * 整改台账: every rectification item of the user's scope, those still open first by their next due date,
 * filtered by org subtree, source, status, overdue, 责任人 and keyword (kept in the URL). Those who rectify or
 * verify may enter an item by hand; items from 监测预警 are opened on the alert. A secretary whose orgs do not
 * reach the whole college also finds, under 协办事项, the items of other orgs that theirs assist.
 */
export function RectificationsPage() {
  const can = useCan();
  const isNarrow = useIsNarrow();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useRectificationList(params);
  const create = useCreateRectification();
  const [creating, setCreating] = useState(false);
  // A secretary with one org finds it preselected as the org that rectifies.
  const defaultOrg = useDefaultOrgId();
  const personName = useMemberName(params.responsiblePersonId);
  const canCreate = can('rectification:item:edit');
  // The 组织部 and the 校领导 reach every org: no item is another org's that theirs merely assists.
  const mayAssist = useMe().scope.kind === 'subtrees';

  /** Changes filters (back to page 1) or the page; empty values leave the URL. */
  const setParams = (patch: Partial<Record<keyof RectificationListParams, string | number | undefined>>) => {
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  };
  const hasFilters = filterKeys.some((k) => search.has(k));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="整改台账"
      extra={
        <>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建整改事项
            </Button>
          ) : null}
          <Button
            icon={<DownloadOutlined />}
            href={ledgerUrl(params)}
            disabled={!list.data || list.data.total === 0}
          >
            导出台账
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        </>
      }
    >
      {hasFilters ? null : <RectificationBoardCard />}
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <OrgPicker
            aria-label="整改责任党组织"
            value={params.orgId ?? null}
            onChange={(orgId) => setParams({ orgId: orgId ?? undefined })}
            placeholder="全部党组织（含下级）"
            style={wide(260)}
          />
          <Select<RectificationSource>
            allowClear
            aria-label="问题来源"
            value={params.source}
            onChange={(source) => setParams({ source })}
            placeholder="全部来源"
            options={rectificationSources.map((s) => ({ value: s, label: rectificationSourceLabels[s] }))}
            style={wide(190)}
          />
          <Select<RectificationStatus>
            allowClear
            aria-label="状态"
            value={params.status}
            onChange={(status) => setParams({ status })}
            placeholder="全部状态"
            options={rectificationStatuses.map((s) => ({ value: s, label: rectificationStatusLabels[s] }))}
            style={wide(130)}
          />
          <div style={wide(180)}>
            <label htmlFor="rectification-responsible" className="visually-hidden">
              责任人
            </label>
            <PersonPicker
              value={params.responsiblePersonId ?? null}
              onChange={(personId) => setParams({ responsiblePersonId: personId ?? undefined })}
              initialOption={
                params.responsiblePersonId && personName.data
                  ? { id: params.responsiblePersonId, name: personName.data }
                  : null
              }
              placeholder="责任人"
              style={{ width: '100%' }}
              id="rectification-responsible"
            />
          </div>
          <Input.Search
            allowClear
            aria-label="关键词"
            placeholder="问题、整改措施或党组织名称"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={wide(260)}
          />
          <Checkbox
            checked={params.overdue ?? false}
            onChange={(e) => setParams({ overdue: e.target.checked ? 'true' : undefined })}
          >
            仅看逾期
          </Checkbox>
          {mayAssist || params.assisting ? (
            <Checkbox
              checked={params.assisting ?? false}
              onChange={(e) => setParams({ assisting: e.target.checked ? 'true' : undefined })}
            >
              协办事项
            </Checkbox>
          ) : null}
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>

      {list.data ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {params.assisting
            ? '本单位协办的其他单位整改事项（由牵头单位整改，本单位可查看并填报协办进展）；'
            : ''}
          未销号的在前，按最近到期排序；期限以 {list.data.today} 计。
        </Typography.Paragraph>
      ) : null}

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<RectificationItem>
          items={list.data?.items}
          rowKey={(row) => row.id}
          columns={rectificationColumns}
          renderCard={(row) => <RectificationCard item={row} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的整改事项' : '没有整改事项'}
          paging={{
            page: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            unit: '项',
            onChange: (page, pageSize) =>
              setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
          }}
        />
      )}

      <FormDrawer<CreateFormValues>
        title="新建整改事项"
        open={creating && defaultOrg.ready}
        onClose={() => setCreating(false)}
        initialValues={emptyCreateValues(defaultOrg.orgId)}
        onSubmit={async (values) => {
          const item = await create.mutateAsync(toCreateBody(values));
          navigate(rectificationPath(item.id));
        }}
        successMessage="已登记整改事项"
        okText="登记"
        width={640}
      >
        <Typography.Paragraph type="secondary">
          登记自查、上级督查、组织生活会等发现的问题；监测预警发现的问题请在预警详情中“生成整改事项”。
        </Typography.Paragraph>
        <CreateFormFields />
      </FormDrawer>
    </PageContainer>
  );
}
