import { DownloadOutlined, PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import {
  limits,
  type ReserveCandidateItem,
  type ReserveLevel,
  type ReserveStatus,
  reserveLevelLabels,
  reserveLevels,
  reserveStatuses,
  reserveStatusLabels,
} from '@dangjian/core';
import { Button, Card, Checkbox, Flex, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { formatDate } from '../../lib/format';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { type ReserveListParams, reservePath, rosterUrl, useReserveList } from './api';
import { ReserveCard, reserveColumns } from './columns';
import { NominateDialog } from './form';

const defaultPageSize = 20;
const filterKeys = ['status', 'level', 'overdue', 'overAge', 'q'] as const;

function parseParams(search: URLSearchParams): ReserveListParams {
  const status = search.get('status');
  const level = search.get('level');
  const q = search.get('q')?.trim();
  return {
    status: isOneOf(reserveStatuses, status) ? status : undefined,
    level: isOneOf(reserveLevels, level) ? level : undefined,
    overdue: search.get('overdue') === 'true' || undefined,
    overAge: search.get('overAge') === 'true' || undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/**
 * 后备干部库 (年轻干部储备): the candidates with their status, level, age and marks (超龄, 培养事项逾期, 挂职中), filtered
 * in the URL; the 后备干部名册 downloads with the same filters; the 组织部 nominates from here.
 */
export function CadreReservePage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useReserveList(params);
  const [adding, setAdding] = useState(false);

  const setParams = (patch: Partial<Record<keyof ReserveListParams, string | number | undefined>>) => {
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  };
  const hasFilters = filterKeys.some((k) => search.has(k));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="后备干部库"
      extra={
        <>
          {can('cadre:file:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              提名后备干部
            </Button>
          ) : null}
          <Button icon={<DownloadOutlined />} href={rosterUrl(params)}>
            导出后备干部名册
          </Button>
          <Link to="/cadre-reserve/settings">
            <Button icon={<SettingOutlined />}>后备干部设置</Button>
          </Link>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <Select<ReserveStatus>
            allowClear
            aria-label="状态"
            value={params.status}
            onChange={(status) => setParams({ status })}
            placeholder="全部状态"
            options={reserveStatuses.map((s) => ({ value: s, label: reserveStatusLabels[s] }))}
            style={wide(150)}
          />
          <Select<ReserveLevel>
            allowClear
            aria-label="后备层级"
            value={params.level}
            onChange={(level) => setParams({ level })}
            placeholder="全部层级"
            options={reserveLevels.map((l) => ({ value: l, label: reserveLevelLabels[l] }))}
            style={wide(180)}
          />
          <Input.Search
            allowClear
            aria-label="姓名"
            placeholder="姓名"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={wide(200)}
          />
          <Checkbox
            checked={params.overdue ?? false}
            onChange={(e) => setParams({ overdue: e.target.checked ? 'true' : undefined })}
          >
            培养事项逾期
          </Checkbox>
          <Checkbox
            checked={params.overAge ?? false}
            onChange={(e) => setParams({ overAge: e.target.checked ? 'true' : undefined })}
          >
            超过年龄条件
          </Checkbox>
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>

      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        后备干部实行动态管理，每年分析研判一次
        {list.data?.poolReviewDueOn
          ? list.data.poolReviewDueOn < list.data.today
            ? `；本库动态调整已于 ${formatDate(list.data.poolReviewDueOn)} 到期，请尽快逐人研判`
            : `；本库下次动态调整 ${formatDate(list.data.poolReviewDueOn)}`
          : ''}
        。学时取自培训班、外部培训和组织生活记录，不另行录入。
      </Typography.Paragraph>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<ReserveCandidateItem>
          items={list.data?.items}
          rowKey={(row) => row.id}
          columns={reserveColumns}
          renderCard={(row) => <ReserveCard item={row} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的后备干部' : '后备干部库中还没有人员'}
          paging={{
            page: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            unit: '人',
            onChange: (page, pageSize) =>
              setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      <NominateDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(id) => void navigate(reservePath(id))}
      />
    </PageContainer>
  );
}
