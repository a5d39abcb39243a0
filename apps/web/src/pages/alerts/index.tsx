import { ReloadOutlined } from '@ant-design/icons';
import { ruleIds, type Severity, severities, severityLabels } from '@dangjian/core';
import { Button, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { severityColors } from '../../components/severity-tag';
import { isOneOf } from '../../lib/enums';
import { type AlertFilters, useAlertList, useRuleCatalogue } from './api';
import { FindingTable } from './finding-table';

function parseFilters(params: URLSearchParams): AlertFilters {
  const orgId = Number(params.get('orgId'));
  const ruleId = params.get('ruleId');
  const severity = params.get('severity');
  return {
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
    ruleId: isOneOf(ruleIds, ruleId) ? ruleId : undefined,
    severity: isOneOf(severities, severity) ? severity : undefined,
  };
}

/** 监测预警: findings of the rules engine, filtered by org subtree, rule and severity (kept in the URL). */
export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const list = useAlertList(filters);
  const rules = useRuleCatalogue();

  const setFilter = (patch: Partial<Record<keyof AlertFilters, string | number | undefined>>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  };

  const counts = list.data?.counts;
  const hasFilters =
    filters.orgId !== undefined || filters.ruleId !== undefined || filters.severity !== undefined;

  return (
    <PageContainer
      title="监测预警"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
          刷新
        </Button>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <OrgPicker
            value={filters.orgId ?? null}
            onChange={(orgId) => setFilter({ orgId: orgId ?? undefined })}
            placeholder="全部党组织（含下级）"
            style={{ width: 260, maxWidth: '100%' }}
          />
          <Select<string>
            allowClear
            value={filters.ruleId}
            onChange={(ruleId) => setFilter({ ruleId })}
            placeholder="全部规则"
            loading={rules.isLoading}
            options={(rules.data ?? []).map((r) => ({ value: r.ruleId, label: r.title }))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 240, maxWidth: '100%' }}
          />
          <Select<Severity>
            allowClear
            value={filters.severity}
            onChange={(severity) => setFilter({ severity })}
            placeholder="全部级别"
            options={severities.map((s) => ({ value: s, label: severityLabels[s] }))}
            style={{ width: 140 }}
          />
          {hasFilters ? (
            <Button type="link" onClick={() => setParams({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>

      {counts ? (
        <Space wrap size={[8, 8]} style={{ marginBottom: 12 }}>
          <Typography.Text>共 {counts.total} 条：</Typography.Text>
          {severities.map((s) => (
            <Tag.CheckableTag
              key={s}
              checked={filters.severity === s}
              onChange={(checked) => setFilter({ severity: checked ? s : undefined })}
            >
              <Tag color={severityColors[s]} style={{ marginInlineEnd: 0 }}>
                {severityLabels[s]} {counts[s]}
              </Tag>
            </Tag.CheckableTag>
          ))}
          <Typography.Text type="secondary">数据日期 {list.data?.today}</Typography.Text>
        </Space>
      ) : null}

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <FindingTable items={list.data?.items} loading={list.isPending || list.isFetching} />
      )}
    </PageContainer>
  );
}
