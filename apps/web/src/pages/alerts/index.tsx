import { DownloadOutlined, ReloadOutlined, UserOutlined } from '@ant-design/icons';
import {
  type AlertList,
  type AlertStateFilter,
  alertStateFilters,
  findingStateLabels,
  isIsoDate,
  limits,
  type RuleKind,
  ruleIds,
  ruleKindLabels,
  ruleKinds,
  type Severity,
  severities,
  severityLabels,
} from '@dangjian/core';
import { Button, Card, Checkbox, DatePicker, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { severityColors } from '../../components/severity-tag';
import { useAuth } from '../../lib/auth';
import { isOneOf } from '../../lib/enums';
import { fromIsoDate } from '../../lib/format';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { formatShanghai } from '../activities/columns';
import { type AlertListParams, alertExportUrl, useAlertList, useRuleCatalogue } from './api';
import { FindingTable } from './finding-table';

const defaultPageSize = 20;

/** The server lists what is still to be done (待处理 and 已确认) unless asked otherwise. */
const defaultState: AlertStateFilter = 'active';

const stateFilterLabels = {
  active: '未解决',
  open: findingStateLabels.open,
  acknowledged: findingStateLabels.acknowledged,
  resolved: findingStateLabels.resolved,
  all: '全部',
} as const satisfies Record<AlertStateFilter, string>;

/** How many findings each state choice would list (the counts ignore the state filter itself). */
function stateCount(counts: AlertList['counts']['byState'], state: AlertStateFilter): number {
  switch (state) {
    case 'active':
      return counts.open + counts.acknowledged;
    case 'all':
      return counts.open + counts.acknowledged + counts.resolved;
    default:
      return counts[state];
  }
}

/** Keys of the URL that narrow the list (the page and its size do not). */
const filterKeys = [
  'orgId',
  'orgOnly',
  'ruleId',
  'severity',
  'kind',
  'q',
  'state',
  'appearedFrom',
  'appearedTo',
  'assigneeId',
] as const;

function isoDateParam(value: string | null): string | undefined {
  return value && isIsoDate(value) ? value : undefined;
}

function parseParams(params: URLSearchParams): AlertListParams {
  const orgId = positiveInt(params.get('orgId'), 0);
  const assigneeId = positiveInt(params.get('assigneeId'), 0);
  const ruleId = params.get('ruleId');
  const severity = params.get('severity');
  const kind = params.get('kind');
  const state = params.get('state');
  const q = params.get('q')?.trim();
  return {
    orgId: orgId || undefined,
    orgOnly: orgId > 0 && params.get('orgOnly') === 'true' ? true : undefined,
    ruleId: isOneOf(ruleIds, ruleId) ? ruleId : undefined,
    severity: isOneOf(severities, severity) ? severity : undefined,
    kind: isOneOf(ruleKinds, kind) ? kind : undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    state: isOneOf(alertStateFilters, state) ? state : undefined,
    appearedFrom: isoDateParam(params.get('appearedFrom')),
    appearedTo: isoDateParam(params.get('appearedTo')),
    assigneeId: assigneeId || undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/**
 * 监测预警: one page of the stored findings, filtered by org subtree, rule, severity, kind, state, the day
 * first found, assignee and keyword (kept in the URL); the chips count what each choice would list; the
 * export takes the filters. Each finding opens its page with its history and the 确认/指派 actions.
 */
export function AlertsPage() {
  const isNarrow = useIsNarrow();
  const { me } = useAuth();
  const myPersonId = me?.user.personId ?? null;
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useAlertList(params);
  const rules = useRuleCatalogue();

  /** Changes filters (back to page 1) or the page; empty values leave the URL. */
  const setParams = (patch: Partial<Record<keyof AlertListParams, string | number | undefined>>) => {
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  };

  const data = list.data;
  const ruleCount = new Map(data?.counts.byRule.map((r) => [r.ruleId, r.count]));
  const hasFilters = filterKeys.some((k) => search.has(k));
  const { page: _page, pageSize: _pageSize, ...filters } = params;
  const currentState = params.state ?? defaultState;
  const isMine = myPersonId !== null && params.assigneeId === myPersonId;

  return (
    <PageContainer
      title="监测预警"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={alertExportUrl(filters)}
            disabled={!data || data.total === 0}
          >
            导出 Excel
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        </Space>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <OrgPicker
            value={params.orgId ?? null}
            onChange={(orgId) => setParams({ orgId: orgId ?? undefined, orgOnly: undefined })}
            placeholder="全部党组织（含下级）"
            style={{ width: isNarrow ? '100%' : 260 }}
          />
          {params.orgId !== undefined ? (
            <Checkbox
              checked={params.orgOnly === true}
              onChange={(e) => setParams({ orgOnly: e.target.checked ? 'true' : undefined })}
            >
              仅本级（不含下级）
            </Checkbox>
          ) : null}
          <Select<string>
            allowClear
            value={params.ruleId}
            onChange={(ruleId) => setParams({ ruleId })}
            placeholder="全部规则"
            aria-label="规则"
            loading={rules.isLoading}
            options={(rules.data ?? []).map((r) => ({
              value: r.ruleId,
              label: data ? `${r.title}（${ruleCount.get(r.ruleId) ?? 0}）` : r.title,
            }))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: isNarrow ? '100%' : 280 }}
          />
          <Select<Severity>
            allowClear
            value={params.severity}
            onChange={(severity) => setParams({ severity })}
            placeholder="全部级别"
            aria-label="严重程度"
            options={severities.map((s) => ({ value: s, label: severityLabels[s] }))}
            style={{ width: isNarrow ? '100%' : 120 }}
          />
          <Select<RuleKind>
            allowClear
            value={params.kind}
            onChange={(kind) => setParams({ kind })}
            placeholder="全部依据类别"
            aria-label="依据类别"
            options={ruleKinds.map((k) => ({ value: k, label: ruleKindLabels[k] }))}
            style={{ width: isNarrow ? '100%' : 140 }}
          />
          {isNarrow ? (
            // Phones get two single pickers: the range picker's two-month panel is wider than the screen.
            <Flex gap={8} style={{ width: '100%' }}>
              <DatePicker
                aria-label="发现日期起"
                value={fromIsoDate(params.appearedFrom)}
                onChange={(day) => setParams({ appearedFrom: day?.format('YYYY-MM-DD') })}
                placeholder="发现日期起"
                inputReadOnly
                style={{ flex: 1 }}
              />
              <DatePicker
                aria-label="发现日期止"
                value={fromIsoDate(params.appearedTo)}
                onChange={(day) => setParams({ appearedTo: day?.format('YYYY-MM-DD') })}
                placeholder="发现日期止"
                inputReadOnly
                style={{ flex: 1 }}
              />
            </Flex>
          ) : (
            <DatePicker.RangePicker
              aria-label="发现日期"
              allowEmpty={[true, true]}
              value={[fromIsoDate(params.appearedFrom), fromIsoDate(params.appearedTo)]}
              onChange={(range) =>
                setParams({
                  appearedFrom: range?.[0]?.format('YYYY-MM-DD'),
                  appearedTo: range?.[1]?.format('YYYY-MM-DD'),
                })
              }
              placeholder={['发现日期起', '发现日期止']}
              style={{ width: 260 }}
            />
          )}
          <Input.Search
            allowClear
            placeholder="党组织名称或问题说明"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={{ width: isNarrow ? '100%' : 240 }}
          />
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>

      <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }} role="group" aria-label="状态">
        <Typography.Text>状态：</Typography.Text>
        {alertStateFilters.map((s) => (
          <Tag.CheckableTag
            key={s}
            checked={currentState === s}
            onChange={() => setParams({ state: s === defaultState ? undefined : s })}
            style={{ marginInlineEnd: 0 }}
          >
            {stateFilterLabels[s]}
            {data ? ` ${stateCount(data.counts.byState, s)}` : ''}
          </Tag.CheckableTag>
        ))}
        {myPersonId !== null ? (
          <Tag.CheckableTag
            checked={isMine}
            onChange={(checked) => setParams({ assigneeId: checked ? myPersonId : undefined })}
            style={{ marginInlineEnd: 0 }}
          >
            <UserOutlined /> 指派给我
          </Tag.CheckableTag>
        ) : null}
        {params.assigneeId !== undefined && !isMine ? (
          <Tag closable onClose={() => setParams({ assigneeId: undefined })}>
            指定责任人
          </Tag>
        ) : null}
      </Flex>

      {data ? (
        <Space wrap size={[8, 8]} style={{ marginBottom: 12 }}>
          <Typography.Text>共 {data.total} 条：</Typography.Text>
          {severities.map((s) => (
            <Tag.CheckableTag
              key={s}
              checked={params.severity === s}
              onChange={(checked) => setParams({ severity: checked ? s : undefined })}
            >
              <Tag color={severityColors[s]} style={{ marginInlineEnd: 0 }}>
                {severityLabels[s]} {data.counts.bySeverity[s]}
              </Tag>
            </Tag.CheckableTag>
          ))}
          <Typography.Text type="secondary">
            {data.evaluatedAt
              ? `数据更新于 ${formatShanghai(data.evaluatedAt)}`
              : `数据日期 ${data.today}（系统正在评估，请稍后刷新）`}
          </Typography.Text>
        </Space>
      ) : null}

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <FindingTable
          items={data?.items}
          loading={list.isPending || list.isFetching}
          paging={{
            page: params.page,
            pageSize: params.pageSize,
            total: data?.total ?? 0,
            onChange: (page, pageSize) =>
              setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
    </PageContainer>
  );
}
