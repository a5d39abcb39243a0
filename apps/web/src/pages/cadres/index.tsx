import { PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import {
  type CadreItem,
  type CadrePostLevel,
  type CadreTrack,
  cadrePostLevelLabels,
  cadrePostLevels,
  cadreTrackLabels,
  cadreTracks,
  limits,
} from '@dangjian/core';
import { Button, Card, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { NotFoundPage } from '../not-found/index';
import { useUnits } from '../units/api';
import { type CadreListParams, cadrePath, useCadreList } from './api';
import { CreateCadreDialog } from './forms';
import { CadreCard, cadreColumns } from './tags';

const defaultPageSize = 20;
const filterKeys = ['unitId', 'level', 'track', 'probation', 'minYearsInPost', 'q'] as const;

function parseParams(search: URLSearchParams): CadreListParams {
  const level = search.get('level');
  const track = search.get('track');
  const probation = search.get('probation');
  const q = search.get('q')?.trim();
  const years = search.get('minYearsInPost');
  return {
    unitId: positiveInt(search.get('unitId'), 0) || undefined,
    level: isOneOf(cadrePostLevels, level) ? level : undefined,
    track: isOneOf(cadreTracks, track) ? track : undefined,
    probation: probation === 'true' ? true : probation === 'false' ? false : undefined,
    minYearsInPost: years !== null && /^\d{1,2}$/.test(years) ? Number(years) : undefined,
    q: q ? q.slice(0, 40) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/** 干部名册: the 组织部's and 校领导's roster of 中层干部; anyone else gets the not-found page. */
export function CadresPage() {
  const can = useCan();
  if (!can('cadre:file:view')) return <NotFoundPage />;
  return <CadreRoster />;
}

/**
 * The roster filtered by unit, 正职/副职, 党务/行政/双肩挑, 试用期, years in post and name (kept in the URL); each cadre
 * with their current posts, 交叉任职 and the rotation and term standing.
 */
function CadreRoster() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useCadreList(params);
  const units = useUnits();
  const [adding, setAdding] = useState(false);

  const setParams = (patch: Partial<Record<keyof CadreListParams, string | number | undefined>>) => {
    setSearch((prev) => patchSearch(prev, { page: undefined, ...patch }), { replace: true });
  };
  const hasFilters = filterKeys.some((k) => search.has(k));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="干部名册"
      extra={
        <>
          {can('cadre:file:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              增加干部
            </Button>
          ) : null}
          <Link to="/cadre-settings">
            <Button icon={<SettingOutlined />}>任期与交流设置</Button>
          </Link>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <Select<number>
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label="单位"
            value={params.unitId}
            onChange={(unitId) => setParams({ unitId })}
            placeholder="全部单位"
            loading={units.isPending}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            style={wide(180)}
          />
          <Select<CadrePostLevel>
            allowClear
            aria-label="职级"
            value={params.level}
            onChange={(level) => setParams({ level })}
            placeholder="正职/副职"
            options={cadrePostLevels.map((l) => ({ value: l, label: cadrePostLevelLabels[l] }))}
            style={wide(120)}
          />
          <Select<CadreTrack>
            allowClear
            aria-label="类别"
            value={params.track}
            onChange={(track) => setParams({ track })}
            placeholder="党务/行政/双肩挑"
            options={cadreTracks.map((t) => ({ value: t, label: cadreTrackLabels[t] }))}
            style={wide(150)}
          />
          <Select<'true' | 'false'>
            allowClear
            aria-label="试用期"
            value={params.probation === undefined ? undefined : params.probation ? 'true' : 'false'}
            onChange={(probation) => setParams({ probation })}
            placeholder="试用期"
            options={[
              { value: 'true', label: '试用期内' },
              { value: 'false', label: '非试用期' },
            ]}
            style={wide(120)}
          />
          <InputNumber<number>
            aria-label="任现职年限不少于"
            min={0}
            max={60}
            precision={0}
            value={params.minYearsInPost ?? null}
            onChange={(v) => setParams({ minYearsInPost: v ?? undefined })}
            placeholder="任现职≥年"
            style={wide(130)}
          />
          <Input.Search
            allowClear
            aria-label="姓名"
            placeholder="姓名"
            maxLength={40}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={wide(180)}
          />
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>

      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        按姓名排序；任现职年限从同一职务连续任职（含连任）起算{list.data ? `，以 ${list.data.today} 计` : ''}
        。 干部档案仅组织部和校领导可查看。
      </Typography.Paragraph>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<CadreItem>
          items={list.data?.items}
          rowKey={(row) => row.id}
          columns={cadreColumns}
          renderCard={(row) => <CadreCard item={row} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的干部' : '干部名册为空'}
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
      {adding ? (
        <CreateCadreDialog
          onClose={() => setAdding(false)}
          onCreated={(id) => void navigate(cadrePath(id))}
        />
      ) : null}
    </PageContainer>
  );
}
