import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type InspectionItem,
  type InspectionKind,
  inspectionKindLabels,
  inspectionKinds,
  limits,
} from '@dangjian/core';
import { Button, Card, Flex, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { type InspectionListParams, useInspectionList } from './api';
import { InspectionCard, inspectionColumns } from './columns';
import { CreateRoundDrawer } from './form';

const defaultPageSize = 20;

function parseParams(search: URLSearchParams): InspectionListParams {
  const kind = search.get('kind');
  const q = search.get('q')?.trim();
  return {
    kind: isOneOf(inspectionKinds, kind) ? kind : undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/**
 * 巡察整改: the rounds with a unit in the user's scope, the latest first — each with its units, where they stand
 * and when their 整改报告 is due (a unit sees only itself); the 巡察办 registers a round here.
 */
export function InspectionsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useInspectionList(params);
  const [creating, setCreating] = useState(false);

  const setParams = (patch: Partial<Record<keyof InspectionListParams, string | number | undefined>>) => {
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  };
  const hasFilters = search.has('kind') || search.has('q');
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="巡察整改"
      extra={
        <>
          {can('inspection:round:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记巡察轮次
            </Button>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <Select<InspectionKind>
            allowClear
            aria-label="巡察类型"
            value={params.kind}
            onChange={(kind) => setParams({ kind })}
            placeholder="全部类型"
            options={inspectionKinds.map((k) => ({ value: k, label: inspectionKindLabels[k] }))}
            style={wide(140)}
          />
          <Input.Search
            allowClear
            aria-label="巡察名称"
            placeholder="巡察名称"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={wide(260)}
          />
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>

      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        巡察反馈的每个问题生成一项整改事项（来源“巡察反馈”），在整改销号中办理；被巡察单位在期限内提交整改报告，整改数据由平台统计。
        {list.data ? `期限以 ${list.data.today} 计。` : ''}
      </Typography.Paragraph>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<InspectionItem>
          items={list.data?.items}
          rowKey={(row) => row.id}
          columns={inspectionColumns}
          renderCard={(row) => <InspectionCard item={row} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的巡察轮次' : '没有巡察轮次'}
          paging={{
            page: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            unit: '轮',
            onChange: (page, pageSize) =>
              setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      {creating ? <CreateRoundDrawer open onClose={() => setCreating(false)} /> : null}
    </PageContainer>
  );
}
