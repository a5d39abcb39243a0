import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  limits,
  type SupervisedTaskItem,
  type SupervisedTaskStatus,
  supervisedTaskStatuses,
  supervisedTaskStatusLabels,
} from '@dangjian/core';
import { Button, Card, Checkbox, Flex, Input, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { isOneOf } from '../../lib/enums';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { ledgerUrl, type SupervisedTaskListParams, useSupervisedTaskList } from './api';
import { SupervisedTaskCard, supervisedTaskColumns } from './columns';

const defaultPageSize = 20;
const filterKeys = ['leadOrgId', 'status', 'overdue', 'q'] as const;

function parseParams(search: URLSearchParams): SupervisedTaskListParams {
  const status = search.get('status');
  const q = search.get('q')?.trim();
  return {
    leadOrgId: positiveInt(search.get('leadOrgId'), 0) || undefined,
    status: isOneOf(supervisedTaskStatuses, status) ? status : undefined,
    overdue: search.get('overdue') === 'true' || undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/**
 * 督办事项: the decisions of the 党委会, 党务工作例会 and 党政联席会 given to lead units, within the user's scope — overdue first,
 * then by deadline — filtered by lead unit, status, overdue and keyword (kept in the URL); the 督办台账 downloads
 * with the same filters. Tasks are issued from a record's resolution (“转为督办” on the activity's page).
 */
export function SupervisedTasksPage() {
  const isNarrow = useIsNarrow();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useSupervisedTaskList(params);

  const setParams = (patch: Partial<Record<keyof SupervisedTaskListParams, string | number | undefined>>) => {
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  };
  const hasFilters = filterKeys.some((k) => search.has(k));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="督办事项"
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={ledgerUrl(params)}>
            导出督办台账
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <OrgPicker
            aria-label="牵头单位"
            value={params.leadOrgId ?? null}
            onChange={(orgId) => setParams({ leadOrgId: orgId ?? undefined })}
            placeholder="全部牵头单位（含下级）"
            style={wide(260)}
          />
          <Select<SupervisedTaskStatus>
            allowClear
            aria-label="状态"
            value={params.status}
            onChange={(status) => setParams({ status })}
            placeholder="全部状态"
            options={supervisedTaskStatuses.map((s) => ({ value: s, label: supervisedTaskStatusLabels[s] }))}
            style={wide(130)}
          />
          <Input.Search
            allowClear
            aria-label="关键词"
            placeholder="督办事项、要求或牵头单位"
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
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>

      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        逾期的在前，按办结期限排序{list.data ? `；期限以 ${list.data.today} 计` : ''}
        。督办事项在党委会、党务工作例会、党政联席会记录的决议上“转为督办”交办。
      </Typography.Paragraph>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<SupervisedTaskItem>
          items={list.data?.items}
          rowKey={(row) => row.id}
          columns={supervisedTaskColumns}
          renderCard={(row) => <SupervisedTaskCard item={row} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的督办事项' : '没有督办事项'}
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
    </PageContainer>
  );
}
