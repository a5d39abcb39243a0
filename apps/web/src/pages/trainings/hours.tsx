import { DownloadOutlined } from '@ant-design/icons';
import {
  limits,
  type TrainingClass,
  type TrainingHoursRow,
  trainingClasses,
  trainingClassLabels,
} from '@dangjian/core';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Select,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { isOneOf } from '../../lib/enums';
import { todayIso } from '../../lib/format';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { type HoursListParams, hoursLedgerUrl, useHoursList } from './api';

const filterKeys = ['orgId', 'trainingClass', 'deficit', 'q'] as const;

function parseParams(search: URLSearchParams): HoursListParams {
  const thisYear = Number(todayIso().slice(0, 4));
  const cls = search.get('trainingClass');
  const q = search.get('q')?.trim();
  return {
    year: positiveInt(search.get('year'), thisYear, 2100),
    orgId: positiveInt(search.get('orgId'), 0) || undefined,
    trainingClass: isOneOf(trainingClasses, cls) ? cls : undefined,
    deficit: search.get('deficit') === 'true' || undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), 20, limits.pageSize.max),
  };
}

const columns: TableColumnsType<TrainingHoursRow> = [
  {
    title: '姓名',
    dataIndex: 'name',
    render: (_, r) => <Link to={`/training-hours/${r.personId}`}>{r.name}</Link>,
  },
  { title: '所在党组织', render: (_, r) => r.org.name },
  { title: '人员类别', render: (_, r) => r.classes.map((c) => trainingClassLabels[c]).join('、') },
  { title: '培训班', align: 'right', render: (_, r) => r.bySource.course },
  { title: '外部培训', align: 'right', render: (_, r) => r.bySource.external },
  { title: '党课', align: 'right', render: (_, r) => r.bySource.lecture },
  { title: '主题党日', align: 'right', render: (_, r) => r.bySource.theme_day },
  { title: '合计', align: 'right', render: (_, r) => <strong>{r.total}</strong> },
  { title: '要求', align: 'right', render: (_, r) => r.required ?? '—' },
  {
    title: '尚差',
    align: 'right',
    render: (_, r) => (r.short > 0 ? <Tag color="orange">{r.short}</Tag> : '—'),
  },
  {
    title: '近5年（县处级）',
    align: 'right',
    render: (_, r) => (r.window ? <WindowTag window={r.window} /> : '—'),
  },
];

/** A 县处级 cadre's 5-year window: "近5年 N / 550", orange while short. */
function WindowTag({ window: w }: { window: NonNullable<TrainingHoursRow['window']> }) {
  return (
    <Tag color={w.short > 0 ? 'orange' : 'green'} title={`${w.fromYear}—${w.toYear}年累计`}>
      近5年 {w.hours} / {w.required}
    </Tag>
  );
}

function HoursCard({ row: r }: { row: TrainingHoursRow }) {
  return (
    <Card size="small">
      <Flex justify="space-between" align="center">
        <Link to={`/training-hours/${r.personId}`}>{r.name}</Link>
        <span>
          {r.total} / {r.required ?? '—'} 学时 {r.short > 0 ? <Tag color="orange">差 {r.short}</Tag> : null}
          {r.window ? <WindowTag window={r.window} /> : null}
        </span>
      </Flex>
      <Typography.Text type="secondary">{r.org.name}</Typography.Text>
    </Card>
  );
}

/**
 * 人员学时: each member's 学时 of a year in the user's scope, in the roster's order (by branch — a reminder of who is
 * short, never a ranking), filtered by org, class and deficit; the 学时登记表 downloads with the same filters.
 */
export function TrainingHoursPage() {
  const isNarrow = useIsNarrow();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useHoursList(params);
  const thisYear = Number(todayIso().slice(0, 4));
  const setParams = (patch: Partial<Record<keyof HoursListParams, string | number | undefined>>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const hasFilters = filterKeys.some((k) => search.has(k));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });
  return (
    <PageContainer
      title="人员学时"
      extra={
        <Button icon={<DownloadOutlined />} href={hoursLedgerUrl(params)}>
          导出学时登记表
        </Button>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <Select<number>
            aria-label="年度"
            value={params.year}
            onChange={(year) => setParams({ year })}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
            style={wide(110)}
          />
          <OrgPicker
            aria-label="党组织"
            value={params.orgId ?? null}
            onChange={(orgId) => setParams({ orgId: orgId ?? undefined })}
            placeholder="全部党组织（含下级）"
            style={wide(240)}
          />
          <Select<TrainingClass>
            allowClear
            aria-label="人员类别"
            value={params.trainingClass}
            onChange={(trainingClass) => setParams({ trainingClass })}
            placeholder="全部人员类别"
            options={trainingClasses.map((c) => ({ value: c, label: trainingClassLabels[c] }))}
            style={wide(220)}
          />
          <Input.Search
            allowClear
            aria-label="姓名"
            placeholder="姓名"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={wide(180)}
          />
          <Checkbox
            checked={params.deficit ?? false}
            onChange={(e) => setParams({ deficit: e.target.checked ? 'true' : undefined })}
          >
            仅看学时不足
          </Checkbox>
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>
      {list.data?.note ? (
        <Alert type="info" showIcon message={list.data.note} style={{ marginBottom: 12 }} />
      ) : null}
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<TrainingHoursRow>
          items={list.data?.items}
          rowKey={(r) => r.personId}
          columns={columns}
          renderCard={(r) => <HoursCard row={r} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的人员' : '没有人员'}
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
    </PageContainer>
  );
}
