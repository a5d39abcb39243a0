import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  limits,
  type RuleKind,
  ruleIds,
  ruleKindLabels,
  ruleKinds,
  type Severity,
  severities,
  severityLabels,
} from '@dangjian/core';
import { Button, Card, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { severityColors } from '../../components/severity-tag';
import { isOneOf } from '../../lib/enums';
import { useIsNarrow } from '../../lib/use-media-query';
import { type AlertListParams, alertExportUrl, useAlertList, useRuleCatalogue } from './api';
import { FindingTable } from './finding-table';

const defaultPageSize = 20;

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

function parseParams(params: URLSearchParams): AlertListParams {
  const orgId = positiveInt(params.get('orgId'), 0);
  const ruleId = params.get('ruleId');
  const severity = params.get('severity');
  const kind = params.get('kind');
  const q = params.get('q')?.trim();
  return {
    orgId: orgId || undefined,
    ruleId: isOneOf(ruleIds, ruleId) ? ruleId : undefined,
    severity: isOneOf(severities, severity) ? severity : undefined,
    kind: isOneOf(ruleKinds, kind) ? kind : undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/**
 * 监测预警: one page of the findings of the rules engine, filtered by org subtree, rule, severity, kind
 * and keyword (kept in the URL); the chips count what each choice would list; the export takes the filters.
 */
export function AlertsPage() {
  const isNarrow = useIsNarrow();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useAlertList(params);
  const rules = useRuleCatalogue();

  /** Changes filters (back to page 1) or the page; empty values leave the URL. */
  const setParams = (patch: Partial<Record<keyof AlertListParams, string | number | undefined>>) => {
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!('page' in patch)) next.delete('page');
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  };

  const data = list.data;
  const ruleCount = new Map(data?.counts.byRule.map((r) => [r.ruleId, r.count]));
  const hasFilters = ['orgId', 'ruleId', 'severity', 'kind', 'q'].some((k) => search.has(k));
  const { page: _page, pageSize: _pageSize, ...filters } = params;

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
            onChange={(orgId) => setParams({ orgId: orgId ?? undefined })}
            placeholder="全部党组织（含下级）"
            style={{ width: isNarrow ? '100%' : 260 }}
          />
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
          <Typography.Text type="secondary">数据日期 {data.today}</Typography.Text>
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
