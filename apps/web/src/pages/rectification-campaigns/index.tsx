import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { type CampaignItem, campaignLimits, limits } from '@dangjian/core';
import { Button, Card, Flex, Input, InputNumber, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { type CampaignListParams, useCampaignList } from './api';
import { CampaignCard, campaignColumns } from './columns';
import { CreateCampaignDrawer } from './form';

const defaultPageSize = 20;

function parseParams(search: URLSearchParams): CampaignListParams {
  const year = positiveInt(search.get('year'), 0);
  const q = search.get('q')?.trim();
  return {
    year: year >= campaignLimits.year.min && year <= campaignLimits.year.max ? year : undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/**
 * 问题清单: the rounds (e.g. “个个过关、全面过硬”) the user's scope takes part in, the newest first, with how many orgs
 * in scope have submitted their list and summary and how their problems stand; the 组织部 issues a new one here.
 */
export function CampaignsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useCampaignList(params);
  const [creating, setCreating] = useState(false);

  const setParams = (patch: Partial<Record<keyof CampaignListParams, string | number | undefined>>) => {
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  };
  const hasFilters = search.has('year') || search.has('q');
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="问题清单"
      extra={
        <>
          {can('rectification:campaign:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              部署问题清单
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
          <InputNumber
            aria-label="年度"
            placeholder="年度"
            min={campaignLimits.year.min}
            max={campaignLimits.year.max}
            value={params.year ?? null}
            onChange={(year) => setParams({ year: year ?? undefined })}
            style={wide(120)}
          />
          <Input.Search
            allowClear
            aria-label="关键词"
            placeholder="问题清单名称"
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
        组织部部署，各党总支、党支部查摆问题并逐项登记后提交问题清单，整改后提交整改总结；整改数据按整改事项统计。
      </Typography.Paragraph>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<CampaignItem>
          items={list.data?.items}
          rowKey={(row) => row.id}
          columns={campaignColumns}
          renderCard={(row) => <CampaignCard item={row} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的问题清单' : '还没有问题清单工作'}
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
      {creating ? <CreateCampaignDrawer open onClose={() => setCreating(false)} /> : null}
    </PageContainer>
  );
}
